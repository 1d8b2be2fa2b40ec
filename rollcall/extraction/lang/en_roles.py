"""English words that tell what part a country plays in a sentence about custody.

The holding state (whose authorities arrested, sentenced, released or deported people) is told apart
from the states people were taken to, the states whose nationals they are, and the states that
negotiated, mediated or eased sanctions.
"""

from __future__ import annotations

# After a country's adjective or name: the state acting on people in custody.
HOLDER_NOUNS = frozenset(
    [
        "authorities",
        "authority",
        "government",
        "govt",
        "regime",
        "court",
        "courts",
        "judge",
        "judges",
        "police",
        "security",
        "kgb",
        "fsb",
        "prison",
        "prisons",
        "jail",
        "jails",
        "penal",
        "colony",
        "colonies",
        "captivity",
        "custody",
        "detention",
        "state",
        "forces",
        "prosecutors",
        "prosecutor",
        "investigators",
        "military",
        "army",
        "junta",
        "leader",
        "president",
        "officials",
        "interior",
        "justice",
        "border",
        "guards",
        "troops",
    ]
)
# After "to" and a country: a gesture to one person, not a place people were taken ("a gesture to US
# President Donald Trump"); "handed over to Lithuanian officials" is still a destination.
ONE_PERSON_TITLES = frozenset(
    ["president", "leader", "envoy", "ambassador", "secretary", "minister", "prime", "king"]
)

# Of those, the ones that speak for a state without holding anyone (a foreign president).
WEAK_HOLDER_NOUNS = frozenset(["leader", "president", "officials"])

# After a country's adjective: the people are its citizens ("Ukrainian nationals").
NATIONALS_NOUNS = frozenset(
    ["nationals", "citizens", "passport-holders", "passport", "nationality", "dual"]
)

# Before a country: where people were taken ("relocated directly to Lithuania").
DESTINATION_BEFORE = frozenset(["to", "into", "towards", "toward"])

# Before a country: another party to what happened ("agreements with the United States").
PARTNER_BEFORE = frozenset(["with", "from", "by", "between", "and"])

# After a country's adjective: a foreign party's people or measures, not custody.
PARTNER_AFTER = frozenset(
    [
        "delegation",
        "delegations",
        "envoy",
        "envoys",
        "sanctions",
        "diplomats",
        "diplomat",
        "embassy",
        "mediators",
        "mediation",
        "negotiators",
        "administration",
        "congress",
        "senate",
        "side",
        "pressure",
        "-driven",
        "-brokered",
        "-led",
        "-backed",
        "-based",
        "-language",
        "-speaking",
        "-born",
    ]
)

# Before a country: words opening a clause whose subject it is ("while France released …").
CLAUSE_OPENERS = frozenset(
    ["while", "whereas", "but", "as", "when", "after", "before", "then", "meanwhile", "since"]
)

# Before a country: where something happened, a weaker sign of the holding state.
LOCATION_BEFORE = frozenset(["in", "inside", "across", "throughout"])

# Before "in <country>": a topic set there, not the place anyone was held ("the war in Ukraine").
TOPIC_BEFORE = frozenset(["war", "conflict", "invasion", "fighting", "offensive", "occupation"])

# Between a country or place and the noun that tells its role: "the Mahiliou Regional Court".
INSTITUTION_MODIFIERS = frozenset(
    [
        "regional",
        "district",
        "city",
        "municipal",
        "provincial",
        "oblast",
        "region",
        "province",
        "military",
        "supreme",
        "high",
        "appeals",
        "revolutionary",
        "criminal",
        "garrison",
        "intermediate",
        "central",
    ]
)

# Verbs of arriving, before "in"/"at" and a place: where the people were taken ("arrived in
# Vilnius", "landed at Berlin airport", "were greeted in Kyiv"), a destination like "to Vilnius".
ARRIVAL_VERBS = frozenset(
    [
        "arrived",
        "arrive",
        "arrives",
        "arriving",
        "landed",
        "land",
        "lands",
        "landing",
        "touched",
        "greeted",
        "welcomed",
        "reunited",
        "resettled",
        "settled",
        "disembarked",
        # "into exile in Costa Rica": where people were sent, like "to Costa Rica".
        "exile",
        "asylum",
        "refuge",
    ]
)
ARRIVAL_IN = frozenset(["in", "at"])
ARRIVAL_FILLERS = frozenset(
    [
        "down",
        "safely",
        "later",
        "finally",
        "eventually",
        "then",
        "a",
        "an",
        "the",
        "airport",
        "airbase",
        "air",
        "base",
        "military",
        "border",
        "checkpoint",
        "crossing",
    ]
)

# Of the holder nouns, the places of custody: "to a Mordovia penal colony" is inside the holding
# state, where "to Lithuania" is a destination abroad.
CUSTODY_PLACE_NOUNS = frozenset(
    ["prison", "prisons", "jail", "jails", "penal", "colony", "colonies", "detention"]
)
