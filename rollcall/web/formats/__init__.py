"""Dates and numbers as each of the site's languages writes them (Django's FORMAT_MODULE_PATH).

Only what differs from Django's own formats is here; Django falls back to its own for the rest.
Belarusian has no formats in Django, so all it needs is set.
"""
