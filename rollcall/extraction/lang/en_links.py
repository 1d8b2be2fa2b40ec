"""English cues for what a release is linked to: sanctions eased, agreement, exchange, mediator."""

from __future__ import annotations

SANCTIONS = (r"sanctions?", r"restrictions", r"embargo", r"licen[cs]es?")
EASING = (
    r"lift(?:s|ed|ing)?",
    r"eas(?:e|es|ed|ing)",
    r"relief",
    r"remov(?:e|es|ed|ing|al)",
    r"suspen(?:d|ds|ded|sion)",
    r"waiv(?:e|es|ed|er)",
    r"unfreez(?:e|es|ing)",
    r"unfroze",
    r"roll(?:ed)? back",
    r"exempt(?:ed|ion)?",
    r"loosen(?:ed|ing)?",
    # A licence to trade despite sanctions is relief when granted, renewed or extended.
    r"renew(?:s|ed|ing|al)?",
    r"extend(?:s|ed|ing)?",
    r"grant(?:s|ed|ing)?",
    r"issu(?:e|es|ed|ing)",
)
# Words between "targeting"/"on" and the sanctioned thing that are not the thing itself.
TARGET_FILLER = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "country's",
        "nation's",
        "state's",
        "specifically",
        "those",
        "that",
        "which",
        "significant",
        "key",
        "major",
        "important",
        "lucrative",
        "vital",
        "main",
        "crucial",
        "large",
        "huge",
        "state-owned",
        "national",
        "flagship",
        "so-called",
        # A generic kind before the entity's own name ("the state airline Belavia").
        "state",
        "airline",
        "carrier",
        "bank",
    ]
)
# Generic heads after the sanctioned thing ("potash fertilizer industry" → potash).
TARGET_HEADS = frozenset(
    [
        "industry",
        "industries",
        "sector",
        "sectors",
        "exports",
        "export",
        "imports",
        "producer",
        "producers",
        "production",
        "company",
        "companies",
        "firm",
        "firms",
        "maker",
        "makers",
        "trade",
        "fertilizer",
        "fertiliser",
        "fertilizers",
        "fertilisers",
    ]
)
TARGET_BEFORE = (
    r"targeting",
    r"targetting",
    r"on",
    r"against",
    r"affecting",
    r"covering",
    r"allowing",
)

AGREEMENT = (
    r"agreements?",
    r"deal",
    r"accord",
    r"arrangement",
    r"understanding",
    r"negotiations?",
    r"talks",
    r"bargain",
)
EXCHANGE = (
    r"exchange",
    r"swap",
    r"swapped",
    r"traded",
    r"in return for (?:the )?(?:release|freedom|freeing) of",
)
MEDIATION = (
    r"mediat(?:ed|ion|or|ors)",
    r"brokered",
    r"broker",
    r"facilitated",
    r"intermediar(?:y|ies)",
    r"good offices",
    r"help(?:ed)? (?:to )?(?:broker|mediate|secure|negotiate)",
    r"with the help of",
    r"thanks to",
)
# Adjective-compounds that name a party to the agreement ("US-driven agreement").
PARTY_COMPOUND = (r"driven", r"led", r"backed", r"sponsored", r"negotiated")
MEDIATOR_COMPOUND = (r"brokered", r"mediated", r"facilitated")
# After a state: thanks or credit for brokering ("thanking Oman for its mediation").
MEDIATOR_AFTER = (
    r"(?:['’]s|for (?:its|their)) (?:\w+ )?(?:mediation|help|role|efforts|good offices)",
    r",? (?:which|who) (?:had )?(?:mediated|brokered|facilitated|helped)",
    r" (?:mediation|mediators|negotiators|brokering|good offices)",
    r" (?:had )?helped (?:to )?(?:broker|mediate|secure|negotiate)",
)
# What a custody sentence must mention for an agreement in it to concern the release.
RELEASE_CONTEXT = (
    r"releas\w*",
    r"freed",
    r"free",
    r"pardon\w*",
    r"prisoners?",
    r"detainees",
    r"transfers?",
    r"transferred",
    r"exchange",
    r"swap",
    r"expulsion",
    r"expell?ed",
    r"deport\w*",
    r"flight",
)
