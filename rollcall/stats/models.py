"""What the stats app stores: the registry's version, which the cached figures are keyed on."""

from __future__ import annotations

from django.db import models


class RegistryVersion(models.Model):
    """One row whose token changes in the transaction of every registry write.

    A fresh random token, not a counter: two writers that bump at once each leave a value no
    reader has seen before, whichever commits last, so figures cached under an older token are
    never served again (a counter read and incremented by two transactions can end where one of
    them left it).
    """

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
