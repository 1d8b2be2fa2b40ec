# Day, month, year ("29 November 2026"): the order of the registry's sources and of most of its
# readers, rather than Django's American "Nov. 29, 2026".
DATE_FORMAT = "j F Y"
MONTH_DAY_FORMAT = "j F"
