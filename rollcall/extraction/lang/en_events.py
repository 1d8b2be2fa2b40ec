"""English cue words for custody events: what each event is called, and what makes a mention unreal.

Each pattern is a regular expression (matched case-insensitively on word boundaries) whose match is
the event's trigger; the machinery in `events.py` reads only these names, so another language adds
its own module with the same names.
"""

from __future__ import annotations

# Verb forms and nouns that report the event happening. Noun forms ("the release", "her arrest") are
# listed too: they usually refer back to an event already reported and merge with it.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "arrest": (
        r"arrest(?:ed|s|ing)?",
        r"detain(?:ed|s|ing)",
        r"detention",
        r"apprehend(?:ed|s)",
        r"taken into custody",
        r"rounded up",
        r"(?:picked|snatched) up",
        r"seized by (?:the )?(?:\w+ )?(?:police|security|agents|officers|forces|troops|soldiers)",
        r"t(?:ook|ake|akes|aken) (?:[\w'’-]+ ){0,4}?into custody",
        r"abduct(?:ed|ion)",
    ),
    "sentence": (
        r"sentenc(?:ed|ing)",
        r"convict(?:ed|ion)",
        r"found guilty",
        r"jailed for",
        # "who was jailed in 2020": jailed in the passive is sentenced; "jailed activist" is not.
        r"(?<=\b(?:was|were|been|being) )(?:jailed|imprisoned)",
        r"imprisoned for",
        # "jailed the activist Reza Shokri for six years": the term may come after the object.
        r"(?:jailed|imprisoned)(?= (?:[\w'’-]+ ){0,6}?for (?:\S+ ){0,5}?(?:years?|months?)\b)",
        r"handed (?:a|an|down)",
        r"handed (?:\w+ ){0,2}?(?:prison|jail) (?:terms?|sentences?)",
        r"given (?:a|an) \S+[- ]year",
        # "received a five-year sentence", "got eight years in prison".
        r"(?:received|receives|got|gets|gave|gives) (?:a|an) (?:\S+ ){0,2}?(?:prison |jail )?"
        r"(?:sentence|term)",
        r"(?:received|receives|got|gets|given|gave|gives) (?:[\w'’-]+ ){0,4}?\S+ "
        r"(?:years?|months?) "
        r"(?:in prison|in jail|behind bars|in a penal colony|of imprisonment|imprisonment)",
    ),
    "transfer": (
        r"transferr(?:ed|ing)",
        r"transfers?",
        r"moved",
        r"relocated",
        r"transported",
        r"taken to",
        r"sent to",
        r"(?:bused|bussed|flown|driven) to",
    ),
    "release": (
        r"releas(?:ed|es|ing)",
        r"release",
        r"freed",
        r"frees",
        r"freeing",
        r"set free",
        r"walked free",
        r"regained (?:his |her |their )?freedom",
        r"let go(?! of)",
        r"left (?:[\w'’-]+ ){0,3}?(?:prison|jail|penal colony|detention centre|detention center)",
        r"walked out of (?:[\w'’-]+ ){0,3}?(?:prison|jail|custody|detention|colony)",
        r"granted (?:\w+ ){0,2}?(?:clemency|pardons?|amnesty)",
        r"pardon(?:ed|s|ing)?",
        r"amnest(?:ied|y)",
        r"acquitt(?:ed|al)",
        r"exchanged",
        r"swap(?:ped)?",
        r"prisoner exchange",
    ),
    "deportation": (
        r"deport(?:ed|ation|s|ing)?",
        r"expell?(?:ed|s)?",
        r"expulsions?",
        r"forced (?:into exile|to leave)",
        r"(?:forced|sent|driven|pushed|forcing|sending) (?:[\w'’-]+ ){0,4}?into exile",
        r"forcibly (?:exiled|removed|sent abroad)",
        r"banished",
        r"stripped (?:\w+ ){0,4}?of (?:their |his |her )?(?:citizenship|nationality)",
        r"put (?:\w+ ){0,3}?on (?:a|an) (?:plane|flight)",
        r"handed (?:\w+ ){0,5}?over to",
        r"handed over (?:[\w'’,-]+ ){1,12}?to",
    ),
    "death_in_custody": (
        r"died (?:\S+ ){0,4}(?:in|while in|behind|at) (?:[\w'’-]+ ){0,3}?"
        r"(?:custody|prison|jail|detention|bars|penal colony|colony|cell|remand)",
        r"death (?:\w+ ){0,2}in (?:custody|prison|jail|detention|a penal colony)",
        r"(?:was |were )?found (?:dead|hanged|hanging) in (?:his |her |their |a |the )?"
        r"(?:\w+ )?(?:cell|prison|jail|custody|detention)",
        r"died in (?:a |the )?(?:penal colony|prison hospital|pre-trial detention)",
        r"passed away (?:\S+ ){0,4}(?:in|while in|behind|at) (?:[\w'’-]+ ){0,3}?"
        r"(?:custody|prison|jail|detention|bars|penal colony|colony|cell)",
    ),
}

# A custody state, not an event: "had been detained for extended periods", "held in captivity".
STATE_AFTER = (r"for (?:extended|long|many|several|months|years|weeks|over|more|nearly|almost|\d)",)

# Words before a trigger within the same clause that make the mention not (yet) a fact: demands,
# hopes, futures, negations, conditions.
UNREAL_BEFORE = (
    r"call(?:s|ed|ing)? for",
    r"demand(?:s|ed|ing)?",
    r"urg(?:e|es|ed|ing)",
    r"appeal(?:s|ed)? for",
    r"campaign(?:s|ed|ing)? for",
    r"push(?:es|ed|ing)? for",
    r"seek(?:s|ing)?",
    r"sought",
    r"hope(?:s|d)?",
    r"fear(?:s|ed)?",
    r"risk(?:s|ed)?",
    r"face(?:s|d)?",
    r"threat(?:en(?:s|ed)?)?",
    r"await(?:s|ed|ing)?",
    r"could",
    r"would",
    r"may",
    r"might",
    r"will",
    r"shall",
    r"should",
    r"not",
    r"never",
    r"n't",
    r"yet to",
    r"refus(?:e|es|ed)",
    r"if",
    r"unless",
    r"expected to",
    r"likely to",
    r"due to be",
    r"to be",
    r"plans? to",
    r"wants? to",
    r"ask(?:s|ed)? for",
    r"avoid(?:ed)?",
    r"escaped",
    # "deprived of his rights for three years after his release": a time still to come.
    r"(?:years?|months?) after (?:his|her|their)",
)

# Base forms that open a demand when they open a clause ("Egypt: Release those rounded up", "Free
# all political prisoners").
IMPERATIVES = (r"release", r"free", r"pardon", r"deport", r"expel")

# Words between a date and a trigger that move the trigger to another time ("arrested in 2020 and
# later sentenced"): the date stays with the first.
LATER = (r"later", r"subsequently", r"then", r"afterwards", r"eventually", r"since")

# Release kinds, most specific first: the first whose cue appears among an event's mentions wins.
RELEASE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "exchange",
        (
            r"exchange(?:d)?",
            r"swap(?:ped|s)?",
            r"trade(?:d)? for",
            r"in return for \w+ (?:prisoners|detainees|people)",
            r"in (?:return|exchange) for (?:the )?(?:release|freedom|freeing) of",
        ),
    ),
    (
        "deal",
        (
            r"agreements?",
            r"deal",
            r"in return for",
            r"in exchange for",
            r"negotiat(?:ed|ions?)",
            r"bargain",
            r"accord",
            r"understanding with",
            r"at the request of",
            r"brokered",
            r"mediat(?:ed|ion)",
        ),
    ),
    ("amnesty", (r"amnest(?:y|ied|ies)",)),
    ("pardon", (r"pardon(?:ed|s|ing)?", r"clemency")),
    (
        "end_of_term",
        (
            r"(?:serv(?:ed|ing)|complet(?:ed|ing)) (?:[\w-]+ ){0,3}(?:sentence|term)",
            r"end of (?:his|her|their) (?:sentence|term)",
            r"(?:sentence|term) (?:ended|expired)",
        ),
    ),
    (
        "acquittal",
        (
            r"acquitt(?:ed|al)",
            r"found not guilty",
            r"charges (?:were |have been )?dropped",
            r"dropped (?:all |the )?(?:\w+ )?charges",
        ),
    ),
)

# A release trigger noun that names the kind itself (an exchange freeing people) is still a release.
# Sentences whose only release cue is one of these report a kind, not necessarily a release.
KIND_ONLY_TRIGGERS = (r"swap(?:ped)?", r"exchanged")

# Objects of "transferred to …" that keep a transfer inside custody (not a relocation abroad).
CUSTODY_PLACES = (
    r"prisons?",
    r"jails?",
    r"penal colon(?:y|ies)",
    r"colon(?:y|ies)",
    r"detention (?:centre|center|facility)",
    r"pre-trial",
    r"remand",
    r"hospital",
    r"psychiatric",
    r"cells?",
    r"solitary",
    r"camps?",
    r"facility",
    r"isolation",
    r"labou?r camp",
)

# Nouns after a number that make it a count of people ("123 individuals", "over 100 others").
PEOPLE_NOUNS = frozenset(
    [
        "people",
        "persons",
        "individuals",
        "prisoners",
        "detainees",
        "inmates",
        "convicts",
        "defendants",
        "suspects",
        "accused",
        "youths",
        "teenagers",
        "pensioners",
        "reporters",
        "photographers",
        "pastors",
        "christians",
        "muslims",
        "academics",
        "artists",
        "musicians",
        "rappers",
        "writers",
        "poets",
        "scholars",
        "researchers",
        "employees",
        "unionists",
        "fishermen",
        "sailors",
        "tourists",
        "travellers",
        "travelers",
        "relatives",
        "captives",
        "hostages",
        "activists",
        "journalists",
        "protesters",
        "protestors",
        "demonstrators",
        "dissidents",
        "opponents",
        "members",
        "supporters",
        "critics",
        "men",
        "women",
        "children",
        "minors",
        "students",
        "bloggers",
        "lawyers",
        "workers",
        "believers",
        "priests",
        "clergy",
        "monks",
        "nuns",
        "others",
        "figures",
        "defenders",
        "citizens",
        "nationals",
        "foreigners",
        "politicians",
        "candidates",
        "leaders",
        "volunteers",
        "soldiers",
        "servicemen",
        "civilians",
        "refugees",
        "migrants",
        "residents",
        "villagers",
        "farmers",
        "teachers",
        "doctors",
    ]
)

# Nouns for one person: after a country's adjective they tell a citizenship ("a French teacher").
PERSON_NOUNS = frozenset(
    [
        "teacher",
        "schoolteacher",
        "journalist",
        "reporter",
        "blogger",
        "activist",
        "student",
        "businessman",
        "businesswoman",
        "tourist",
        "traveller",
        "traveler",
        "academic",
        "researcher",
        "scholar",
        "engineer",
        "lawyer",
        "doctor",
        "nurse",
        "aid worker",
        "worker",
        "pastor",
        "priest",
        "missionary",
        "professor",
        "writer",
        "artist",
        "musician",
        "filmmaker",
        "photographer",
        "cyclist",
        "athlete",
        "veteran",
        "soldier",
        "pilot",
        "sailor",
        "man",
        "woman",
        "citizen",
        "national",
        "dissident",
        "executive",
        "employee",
        "consultant",
    ]
)

# Before a name, words that make it the other side of a swap, not one of those freed here
# ("released Oleg Trushin in return for Daniel Horne").
OTHER_SIDE = (r"in (?:return|exchange) for", r"(?:swapped|traded|exchanged) for")

# Between an event's trigger and a name after it, words that open another clause, whose people the
# event did not happen to ("arrested a week after he met Mir Hossein Mousavi").
DETACHING = (
    r"after",
    r"before",
    r"because",
    r"while",
    r"when",
    r"whom",
    r"against",
    r"criticis(?:ing|ed)",
    r"criticiz(?:ing|ed)",
    r"insult(?:ing|ed)",
    r"met",
    r"meeting",
    r"visited",
    r"supporting",
    r"in connection with",
    r"on behalf of",
)

# Nouns before "of <name>" whose name is still one the event may concern ("one of", "both of",
# "the family of" are not among them: "the case of X" is about X but not X's arrest).
OF_HEADS_KEPT = frozenset(["all", "both", "each", "one", "two", "three", "four", "five", "six"])

# Words before a count that make it a part of the people concerned, not their number.
SUBSET_BEFORE = (
    "including",
    "among them",
    "of whom",
    "of them",
    "among whom",
    "among",
    "include",
    "includes",
    "included",
)

# Verbs that move people to another place; followed by "to <country>" they give a destination.
RELOCATION = (
    r"expel(?:s|led)?",
    r"expulsions?",
    r"deports?",
    r"(?:plane|flight|bus|buses|train|ferry) (?:\w+ ){0,2}(?=to)",
    r"relocat(?:ed|ing)",
    r"transferr(?:ed|ing)",
    r"transport(?:ed|ing)",
    r"taken",
    r"sent",
    r"moved",
    r"deport(?:ed|ing)",
    r"expell?ed",
    r"(?:bused|bussed|flown|flew|driven|escorted|handed over|brought)",
    r"left for",
    r"crossed into",
    r"arrived in",
    r"(?:arriv(?:ed|ing)|land(?:ed|ing)|touched down|disembarked|greeted|welcomed)",
    r"exiled",
    r"into exile",
    r"released",
    r"freed",
)

# Words that mark a mention as background the article recounts, not its news.
BACKGROUND = (
    r"had been",
    r"had (?!\w+ing)\w+ed",
    r"previously",
    r"earlier",
    r"in the past",
    r"once",
    r"first",
)

# A release trigger that names something other than people being freed ("released a statement").
NOT_PEOPLE_RELEASED = (
    r"statement",
    r"report",
    r"video",
    r"footage",
    r"list",
    r"document",
    r"data",
    r"figures",
    r"photos?",
    r"images?",
    r"recording",
    r"details",
    r"information",
    r"album",
    r"book",
    r"funds",
    r"tension",
)

# Words before a date that make it the start of a state, not the time of an event ("held since
# July 2021").
PERIOD_START = ("since",)

# Pronouns standing for one person named before ("He was detained in December 2022").
SUBJECT_PRONOUNS = ("he", "she")
POSSESSIVE_PRONOUNS = ("his", "her")
# Plural subjects standing for the people just named together ("They were arrested in May 2022").
GROUP_SUBJECTS = (
    "they",
    r"the (?:two|three|four|five|six|seven|eight|nine|ten|pair|couple|trio|men|women)",
    "both",
    "all three",
    "all four",
)
# A sentence opening that names some of the people of the event told just before ("Among them
# was …", "They include …").
AMONG_THEM = (
    r"among them",
    r"among those (?:freed|released|pardoned|detained|arrested|sentenced|deported|expelled|held)",
    r"they include[ds]?",
    r"those (?:freed|released|pardoned|detained|arrested|sentenced|deported) include[ds]?",
)
# Object pronouns right after an event verb ("a court sentenced him to five years"); "her" only
# when a preposition or the clause's end follows, else it is a possessive ("freed her son").
OBJECT_PRONOUNS = ("him", "her")
AFTER_OBJECT = ("to", "on", "in", "at", "for", "from", "after", "and", "without", "last", "over")

# A person still in custody: named after an event, not one of its people ("X remains in prison").
STILL_HELD = (
    r"(?:is|are|was|were|remains?|remained) still (?:held|detained|jailed|imprisoned|in)",
    r"still (?:held|detained|jailed|imprisoned|behind bars|in (?:prison|jail|custody|detention))",
    r"remains? (?:in|behind) (?:prison|jail|custody|detention|bars)",
    r"(?:is|are) serving",
    r"not (?:among|on the list)",
)

# A count over a period ("since the coup", "so far this year") tallies many happenings: no event.
PERIOD_TOTAL = (
    r"since",
    r"so far",
    r"in total",
    r"a total of",
    r"to date",
    r"over the (?:past|last)",
)

# Earlier in the sentence, an appeal makes every event after it a demand, not a fact ("Amnesty calls
# on the authorities to release all those detained").
APPEALS = (
    r"calls? on",
    r"called on",
    r"calls? for",
    r"called for",
    r"urg(?:e|es|ed)",
    r"demand(?:s|ed)?",
)

# Just before a trigger: a custody state, not an event ("remain in detention").
STATE_BEFORE = (r"in", r"remain(?:s|ed)? in", r"held in", r"under")

# Nouns after a trigger noun that make it a modifier, not the event ("detention centre", "arrest
# warrants", "deportation order"): a place, a paper or a plan, not a happening.
NOUN_COMPOUND_AFTER = (
    r"centres?",
    r"centers?",
    r"facilit(?:y|ies)",
    r"camps?",
    r"warrants?",
    r"orders?",
    r"conditions",
    r"records?",
    r"quotas?",
    r"proceedings",
    r"powers?",
    r"hearings?",
    r"laws?",
)
