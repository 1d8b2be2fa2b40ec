"""English cues for figures over a whole population or period, as opposed to one event.

"More than 1,000 political prisoners are still held" is a standing count (an estimate), not an
arrest;
"over 35,000 people have been detained since 2020" is a period total.
"""

from __future__ import annotations

# Each measure: verbs naming it, and cues that make the sentence a standing or period figure.
MEASURES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "died_in_custody",
        (
            r"died (?:\w+ ){0,2}(?:in|behind) (?:\w+ )?"
            r"(?:custody|prisons?|jails?|detention|bars|penal colon(?:y|ies)|colon(?:y|ies))",
            r"deaths? (?:\w+ )?in (?:\w+ )?custody",
        ),
    ),
    (
        "held",
        (
            r"(?:are|is|remain|remains|still|currently|now|number of \w+) (?:\w+ ){0,5}?"
            r"(?:held|behind bars|in prison|in jail|in custody|in detention|imprisoned|"
            r"incarcerated|jailed|detained)",
            r"(?:still )?holds? (?:\S+ ){0,3}political prisoners",
            r"(?:counts?|recognis(?:es|ed)|recogniz(?:es|ed)|lists?) "
            r"(?:\S+ ){0,6}political prisoners",
            r"there (?:are|were) (?:still )?(?:\S+ ){0,6}political prisoners",
            r"number of (?:\w+ ){0,2}(?:political prisoners|prisoners of conscience|detainees)",
        ),
    ),
    (
        "released",
        (
            r"(?:have|has) been (?:released|freed|pardoned)",
            r"(?:released|freed|pardoned) (?:\S+ ){0,6}?"
            r"(?:since|so far|in total|this year|over the)",
            r"(?:counted|recorded|documented|tallied|registered) (?:\S+ ){0,4}(?:freed|released)",
        ),
    ),
    (
        "detained",
        (
            r"(?:have|has) (?:been )?(?:\w+ )?(?:detained|arrested|jailed|imprisoned)",
            r"(?:detained|arrested) (?:\S+ ){0,6}?(?:since|so far|in total|this year|over the)",
            r"(?:counted|recorded|documented|tallied|registered) (?:\S+ ){0,4}"
            r"(?:arrests|detentions|detained|arrested)",
        ),
    ),
)
# A period figure needs a period or total cue; a held figure needs none ("are still held").
PERIOD = (
    r"since",
    r"so far",
    r"in total",
    r"a total of",
    r"over the (?:past|last)",
    r"this year",
    r"last year",
    r"in \d{4}",
    r"to date",
    r"counted",
    r"recorded",
    r"documented",
    r"tallied",
    r"registered",
)
# Nouns that count deaths rather than people ("at least 40 deaths in custody").
DEATH_NOUNS = frozenset(["deaths", "death", "dead"])
# Nouns that count arrests over a period ("1,900 arrests since the election").
ARREST_NOUNS = frozenset(["arrests", "detentions", "arrests,", "detentions,"])
# People whose number a sentence may give after "the number of … at" ("put the number of political
# prisoners at 350").
HELD_NOUNS = ("political prisoners", "prisoners", "detainees", "prisoners of conscience")
ATTRIBUTION_VERBS = (
    r"estimates?",
    r"estimated",
    r"says?",
    r"said",
    r"counts?",
    r"counted",
    r"reports?",
    r"reported",
    r"documented",
    r"recorded",
    r"lists?",
    r"listed",
    r"believes?",
    r"puts?",
    r"recognis(?:es|ed)",
    r"recogniz(?:es|ed)",
    r"tallied",
    r"tally",
)
ACCORDING = (r"according to", r"per", r"data from", r"figures from")
# Attributions that are common nouns, kept lower-case ("human rights organizations").
COMMON_SOURCES = frozenset(
    [
        "activists",
        "rights",
        "groups",
        "organizations",
        "organisations",
        "observers",
        "monitors",
        "campaigners",
        "lawyers",
        "officials",
        "authorities",
        "sources",
        "experts",
        "advocates",
        "ngos",
        "human",
    ]
)
