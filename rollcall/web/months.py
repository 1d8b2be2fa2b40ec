"""Month names for dates written in words, given here so that the site's own catalogs decide them.

Django's Belarusian catalog writes months in the classical orthography ("верасьня", "сьнежня")
and its Russian one capitalises them ("Сентябрь 2020"); the site is in official Belarusian and
writes months as Russian does, in lower case. The names are marked here with the very message
ids and contexts of `django.utils.dates` (plain for "September 2020", "alt. month" for the
genitive of "13 December"), so `makemessages` puts them in the site's catalogs, which Django
reads before its own.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, pgettext_lazy

MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)
MONTHS_IN_DATES = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
