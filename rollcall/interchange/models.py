"""Each run of `rollcall import`, kept with its report: what a group needs to trust a list.

A list is imported by someone, from one file, once or many times; when a figure looks wrong, the
first questions are which file (its SHA-256 tells two copies apart), read how (the mapping's own
text, since the file on disk may have changed since), by whom, and what the import could not
read. So each run is recorded with its counts, the fields its rows left empty, and every value
it could not read with the row that held it. A refused run is recorded too (in its own
transaction, after the import's was rolled back, so the registry itself is untouched): a list
refused three times before it went in is part of its story. Dry runs are not recorded: they
write nothing, as the command promises.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# What a run keeps of a file's notes: a list with more unreadable values than this is a list
# read with the wrong mapping, and the first thousand say so as well as all of them would.
MAX_NOTED = 1000
# A row's text as kept beside its note; a longer row is cut (the note says where it is).
MAX_ROW_TEXT = 2000
# The mapping's own text as kept with the run: mappings are a few kilobytes.
MAX_MAPPING_TEXT = 100_000


class ImportResult(models.TextChoices):
    IMPORTED = "imported", _("imported")
    REFUSED = "refused", _("refused")


class ImportRun(models.Model):
    """One run of `rollcall import FILE` that read a file (dry runs apart), and its report.

    `user` is the staff user the command was run as (`--as USER`); without one, `login` holds
    the operating system's login name of whoever ran it. `missing` lists `[field, rows]` pairs
    in the file's column order: how many rows left each field empty (a mapped list's mapped
    columns; a CSV's columns; a JSON Lines record's keys). `unreadable` holds the values the
    mapping let the import leave empty (`if_unreadable = "leave_empty"`), each as
    `{"line", "column", "message"}`, and `lines` each noted line's text as the file had it
    (`{"N": text}`); `problems` the reasons a refused run was refused, in the same shape
    (`line` is null for a problem of the whole file or mapping). At most MAX_NOTED of each are
    kept; `unreadable_count` and `problem_count` are the full counts.
    """

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    login = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=10)
    mapping_name = models.CharField(max_length=500, blank=True)
    mapping_text = models.TextField(blank=True)
    draft = models.BooleanField(default=False)
    result = models.CharField(max_length=10, choices=ImportResult.choices)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    held = models.PositiveIntegerField(default=0)
    missing = models.JSONField(default=list, blank=True)
    unreadable = models.JSONField(default=list, blank=True)
    unreadable_count = models.PositiveIntegerField(default=0)
    lines = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    held_rows = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"

    @property
    def who(self) -> str:
        """Who ran it: the staff user, else the login name the command found."""
        if self.user is not None:
            return self.user.get_username()
        return self.login

    def report_path(self) -> str:
        """The staff page of this report (`rollcall.web.imports`), as the command prints it.

        Written out rather than reversed: the import command loads the models only, not the
        site's URL configuration (tests/web check the page answers at this path).
        """
        return f"/staff/imports/{self.pk}/"
