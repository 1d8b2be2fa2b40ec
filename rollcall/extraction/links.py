"""What a release is linked to: sanctions eased, an agreement, an exchange, a mediator."""

from __future__ import annotations

import regex

from rollcall.extraction.compiled import rx
from rollcall.extraction.countries import CountryMention
from rollcall.extraction.lang import en_links as lang
from rollcall.extraction.sentences import Sentence


def _re(patterns: tuple[str, ...]) -> regex.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}])(?:{joined})(?![\p{{L}}])", regex.IGNORECASE)


_SANCTIONS = _re(lang.SANCTIONS)
_EASING = _re(lang.EASING)
_AGREEMENT = _re(lang.AGREEMENT)
_EXCHANGE = _re(lang.EXCHANGE)
_MEDIATION = _re(lang.MEDIATION)
_CONTEXT = _re(lang.RELEASE_CONTEXT)
_TARGET_BEFORE = _re(lang.TARGET_BEFORE)
# The state as the subject of the easing, also through a relative clause ("…, which in return
# eased sanctions").
_EASED_BY = regex.compile(
    rf"(?:\s*,\s*(?:which|that)\s+(?:\w+\s+){{0,2}}?|\s+)(?:has\s+|had\s+|have\s+|will\s+)?"
    rf"(?:\w+\s+){{0,2}}?(?:{'|'.join(lang.EASING)})\b",  # "Washington in return lifted"
    regex.IGNORECASE,
)
_PARTY_COMPOUND = regex.compile(rf"^-(?:{'|'.join(lang.PARTY_COMPOUND)})\b", regex.IGNORECASE)
_MEDIATOR_COMPOUND = regex.compile(rf"^-(?:{'|'.join(lang.MEDIATOR_COMPOUND)})\b", regex.IGNORECASE)
_MEDIATOR_AFTER = regex.compile(rf"\s*(?:{'|'.join(lang.MEDIATOR_AFTER)})\b", regex.IGNORECASE)


def _words_before(text: str, start: int, limit: int) -> list[str]:
    window = rx(r"[,;:.()]").split(text[max(0, start - 40) : start])[-1]
    words = [w.lower() for w in rx(r"[\p{L}']+").findall(window)]
    return [w for w in words if w not in {"the", "a", "an"}][-limit:]


def _sanctions_target(text: str, sentence: Sentence, countries: list[CountryMention]) -> str:
    """The sector or entity eased: the content words after "targeting"/"on", minus fillers."""
    inside = [(c.start - sentence.start, c.end - sentence.start) for c in countries]
    named = _SANCTIONS.search(sentence.text)
    for cue in _TARGET_BEFORE.finditer(sentence.text, named.end() if named else 0):
        rest = sentence.text[cue.end() :]
        phrase = rx(
            r"[,;:.()]|\b(?:and|which|that|while|because|as|to|for|from|in|of|with)\b"
        ).split(rest)[0]
        words: list[str] = []
        for word in rx(r"[\p{L}][\p{L}'’-]*").finditer(phrase):
            absolute = cue.end() + word.start()
            if any(a <= absolute < b for a, b in inside):
                words = []
                break
            low = word.group().lower()
            if not words and (
                low in lang.TARGET_FILLER or low.endswith("'s") or low.endswith("’s")
            ):
                continue
            if low in lang.TARGET_HEADS:
                break
            words.append(word.group())
            if len(words) == 3:
                break
        if words:
            return " ".join(words)
    return ""


def find_links(
    text: str, sentence: Sentence, countries: list[CountryMention], holder: str | None
) -> list[dict[str, str]]:
    """The links a sentence states, each as the contract's {"type", "by"[, "target"]}."""
    links: list[dict[str, str]] = []
    body = sentence.text
    # A city or prison is where things happened, never a party to a deal.
    foreign = [c for c in countries if c.code != holder and c.form not in {"demonym", "place"}]
    if _SANCTIONS.search(body) and _EASING.search(body):
        for country in foreign:
            after = text[country.end : country.end + 25].lower()
            before = _words_before(text, country.start, 2)
            imposed_by = bool(before and before[-1] == "by") and bool(
                _SANCTIONS.search(text[max(0, country.start - 40) : country.start])
            )
            if (
                rx(r"(?:['’]s)?\s*(?:\w+\s+)?(?:sanctions|restrictions)").match(after)
                or _EASED_BY.match(after)
                or imposed_by
            ):
                link = {"type": "sanctions_relief", "by": country.code}
                target = _sanctions_target(text, sentence, countries)
                if target:
                    link["target"] = target
                links.append(link)
                break
    if _CONTEXT.search(body):
        mediators: set[str] = set()
        if _MEDIATION.search(body):
            for country in foreign:
                before = _words_before(text, country.start, 3)
                if (
                    _MEDIATOR_COMPOUND.match(text[country.end : country.end + 15])
                    or (before and before[-1] in {"by", "of"})
                    or rx(r"\s+(?:mediated|brokered|facilitated)").match(
                        text[country.end : country.end + 20]
                    )
                    or _MEDIATOR_AFTER.match(text, country.end, country.end + 40)
                ):
                    mediators.add(country.code)
        if _AGREEMENT.search(body):
            for country in foreign:
                before = _words_before(text, country.start, 3)
                compound = _PARTY_COMPOUND.match(text[country.end : country.end + 15])
                between_and = len(before) >= 2 and before[-1] == "and" and "between" in before
                if compound or between_and or (before and before[-1] in {"with", "between"}):
                    links.append({"type": "agreement", "by": country.code})
                    # A party to the deal is not its mediator, whatever else it did.
                    mediators.discard(country.code)
        if _EXCHANGE.search(body):
            for country in foreign:
                before = _words_before(text, country.start, 3)
                after = text[country.end : country.end + 20]
                if country.code in mediators or rx(
                    r"(?:[-–/]\p{Lu}\p{L}+)*\s*(?:nationals?|citizens?|passport)"
                ).match(after):
                    continue  # "a dual US-Russian citizen": a citizenship, not a party
                if (
                    (before and before[-1] in {"by", "from", "in", "with"})
                    or rx(r"\s+(?:freed|released|handed)").match(after)
                    or country.form == "name"
                ):
                    links.append({"type": "exchange", "by": country.code})
        links.extend({"type": "mediation", "by": code} for code in sorted(mediators))
    unique: list[dict[str, str]] = []
    for link in links:
        if link not in unique:
            unique.append(link)
    return unique
