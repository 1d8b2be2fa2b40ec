from django.db import models
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    ARREST = "arrest", _("arrest")
    CHARGE = "charge", _("charge")
    SENTENCE = "sentence", _("sentence")
    TRANSFER = "transfer", _("transfer")
    RELEASE = "release", _("release")
    DEPORTATION = "deportation", _("deportation")
    DEATH_IN_CUSTODY = "death_in_custody", _("death in custody")
    DEATH = "death", _("death")
    RECOGNITION = "recognition", _("recognised as a political prisoner")


class ReleaseKind(models.TextChoices):
    """How someone was freed, most specific first: a pardon under an agreement is a `deal`."""

    EXCHANGE = "exchange", _("exchange between states")
    DEAL = "deal", _("freed under an agreement")
    AMNESTY = "amnesty", _("amnesty")
    PARDON = "pardon", _("pardon")
    END_OF_TERM = "end_of_term", _("end of term")
    ACQUITTAL = "acquittal", _("acquittal")
    OTHER = "other", _("other")


class SentenceKind(models.TextChoices):
    TERM = "term", _("prison term")
    LIFE = "life", _("life imprisonment")
    DEATH_PENALTY = "death_penalty", _("death penalty")
    NON_CUSTODIAL = "non_custodial", _("non-custodial (restricted freedom, fine)")


class CustodyKind(models.TextChoices):
    """The kind of custody an arrest, a sentence or a transfer puts a person in.

    Which kinds count as held is `HELD_KINDS`, the one rule (docs/data-model.md gives the
    reasons): every kind where the state keeps the person under guard or confined, whatever the
    sentence is called. Restricted freedom with referral to an open correctional institution
    (Belarus's "khimiya") is held: people live under guard in the institution, and the rights
    groups that keep these lists count them as political prisoners. A trial under way while the
    person is free is not.
    """

    PRE_TRIAL = "pre_trial", _("pre-trial detention")
    PRISON = "prison", _("prison or colony")
    HOUSE_ARREST = "house_arrest", _("house arrest")
    RESTRICTED_FREEDOM = "restricted_freedom", _("restricted freedom with referral (khimiya)")
    PSYCHIATRIC = "psychiatric", _("compulsory psychiatric treatment")
    TRIAL_WHILE_FREE = "trial_while_free", _("on trial while free")


HELD_KINDS = frozenset(
    {
        CustodyKind.PRE_TRIAL,
        CustodyKind.PRISON,
        CustodyKind.HOUSE_ARREST,
        CustodyKind.RESTRICTED_FREEDOM,
        CustodyKind.PSYCHIATRIC,
    }
)

# Events that put (or keep) a person in custody, and events that end custody. A charge alone does
# not: people are charged in absentia and under travel bans.
CUSTODY_STARTS = frozenset({EventType.ARREST, EventType.SENTENCE, EventType.TRANSFER})
CUSTODY_ENDS = frozenset(
    {EventType.RELEASE, EventType.DEPORTATION, EventType.DEATH_IN_CUSTODY, EventType.DEATH}
)
# Events that may say what kind of custody they begin or change to (`Event.custody_kind`).
HAS_CUSTODY_KIND = CUSTODY_STARTS
# Same-day events are applied in this order: detained and freed on one day ends the day free.
DAY_ORDER = {kind: position for position, kind in enumerate(EventType.values)}
