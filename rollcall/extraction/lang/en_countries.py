"""English forms of country mentions that the country table cannot say by itself.

The table (`resources/en/countries.tsv`) and pycountry give names, adjectives, demonyms and
capitals; this module holds what makes them safe to match in running English text.
"""

from __future__ import annotations

#: Phrases that contain a country form but do not mean that state. They are matched like country
#: forms (so the longest match wins and their inner words are consumed) and then dropped: "the
#: European Union" is not a country, and "New Mexico" or "New Jersey" is not Mexico or Jersey.
NOT_COUNTRIES: tuple[str, ...] = (
    "European Union",
    "European Commission",
    "European Parliament",
    "Soviet Union",
    "New Mexico",
    "New Jersey",
    "New South Wales",
    "New England",
    "New Guinea",
    "New Britain",
    "New Caledonian",
    "Latin America",
    "Latin American",
    "Latin Americans",
    "South America",
    "South American",
    "South Americans",
    "North America",
    "North American",
    "North Americans",
    "Central America",
    "Central American",
    "Central Americans",
    "Native American",
    "Native Americans",
    "Washington Post",
    "Washington State",
    "Washington state",
    "South China Sea",
    "East China Sea",
    "Indian Ocean",
    "Irish Sea",
    "Persian Gulf",
    "Gulf of Guinea",
    "Guinea pig",
    "Turkish delight",
    "French fries",
    "Jordan River",
    "Dominican Order",
    "Chad Basin",
    "Georgia Tech",
    "Atlanta, Georgia",
    "Mexico, Missouri",
    "Paris, Texas",
    "Moscow, Idaho",
    "Athens, Georgia",
    "Athens, Ohio",
    "Korean Peninsula",
    "Korean War",
    "North Pole",
    "South Pole",
)

#: Official-looking names that pycountry lists but that English text uses for something else, or
#: that the table gives to another state ("Congo" is read as the Democratic Republic of the Congo).
DROPPED_NAMES: frozenset[str] = frozenset({"Congo"})


def plural(demonym: str) -> str:
    """The plural of a demonym: "Belarusian" -> "Belarusians", "Frenchman" -> "Frenchmen".

    Demonyms ending in a sibilant ("Swiss", "Chinese", "Kyrgyz") are their own plural.
    """
    # Compounds of "man" ("Frenchman", "Scotswoman") take "men"; "German" is not one.
    if demonym.endswith(("chman", "shman", "sman", "chwoman", "shwoman", "swoman")):
        return demonym[:-3] + "men"
    if demonym.endswith(("s", "sh", "ese", "z", "x")):
        return demonym
    return demonym + "s"
