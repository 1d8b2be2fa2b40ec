# Django's Russian formats, but a day of a month in the genitive ("29 ноября"), as Russian
# writes it; Django's "j F" gives the nominative ("29 Ноябрь").
MONTH_DAY_FORMAT = "j E"
