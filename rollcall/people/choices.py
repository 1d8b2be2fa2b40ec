from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see a person's name.

    `anonymous` people asked not to be named: they are counted in every figure and never shown.
    `hidden` records are staff-only (still being verified) and stay out of public figures too.
    """

    PUBLIC = "public", _("public")
    ANONYMOUS = "anonymous", _("anonymous (counted, never named)")
    HIDDEN = "hidden", _("hidden (staff only)")


class Publication(models.TextChoices):
    PUBLISHED = "published", _("published")
    DRAFT = "draft", _("draft, awaiting review")


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("primary")
    ALIAS = "alias", _("alias or other script")
    MISSPELLING = "misspelling", _("misspelling seen in a source")
