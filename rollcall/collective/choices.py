from typing import TypedDict

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualifier(models.TextChoices):
    """How exact a reported number is: "at least 9", "over 100", "about 1,000"."""

    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")
    ABOUT = "about", _("about")
    AT_MOST = "at_most", _("at most")
    FEWER_THAN = "fewer_than", _("fewer than")


class ReportedCount(TypedDict):
    """A number as its source gives it, in the API and the stats JSON: 9 and "at_least"."""

    value: int
    qualifier: str


class PartyRole(models.TextChoices):
    PARTY = "party", _("party")
    MEDIATOR = "mediator", _("mediator")


class SanctionsAction(models.TextChoices):
    IMPOSED = "imposed", _("imposed")
    EASED = "eased", _("eased")
    LIFTED = "lifted", _("lifted")


class EstimateMeasure(models.TextChoices):
    HELD = "held", _("held (in custody now)")
    DETAINED = "detained", _("detained over a period")
    RELEASED = "released", _("released over a period")
    DIED_IN_CUSTODY = "died_in_custody", _("died in custody")
