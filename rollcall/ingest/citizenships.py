"""When an article's citizenships (`nationals`) are a named person's own.

An event's `nationals` are the citizenships among all the people it concerns, named or not:
"fourteen foreign nationals: six Lithuanians, two Latvians…". They are stored as counts on the
event's collective event (`collective.NationalsCount`; accepting makes one for citizenships no
named person is given, so none is lost); a named person is given one only when the article
leaves no doubt that it is theirs, that is when the citizenships cover every person the event
concerns:

- **one person alone**: one person is named, the event's count is exactly one, and no
  citizenship is counted above one. Every citizenship named is then that person's: "a dual
  Iranian-Swedish citizen" gives IR and SE;
- **a group of one citizenship**: one citizenship is named, with an exact count equal to the
  event's exact count ("Belarus freed three Ukrainians: …", three freed, three Ukrainian), and
  no more people are named than that count. Every named person then holds it.

Anything else is a mixed or partly known group, and no named person is given a citizenship from
it: "123 freed, among them some Ukrainian nationals" says nothing of Maria Kolesnikova's, and
"six Lithuanians and two Latvians" cannot say which named person is which. An event without a
count is not known to concern one person alone: "Belarus released Mikola Statkevich; some
Ukrainian nationals were among those freed" reads as one named person and an uncounted
citizenship, exactly as "Iran released Ahmadreza Djalali, a Swedish citizen" does, and only the
second is his. A reviewer who knows the event concerned the named person alone says so by
setting its count to exactly one before accepting.
"""

from __future__ import annotations

from rollcall.collective.choices import Qualifier

# A reported count as (value, qualifier), as `ingest.accept.counted` reads it.
Count = tuple[int, str]
ONE: Count = (1, Qualifier.EXACT)


def everyones_citizenships(
    named: int, count: Count | None, nationals: list[tuple[str, Count | None]]
) -> list[str]:
    """The citizenships every named person of the event holds, or none when that is not certain.

    `named` is the number of people the event names, `count` how many it concerns as reported,
    `nationals` each citizenship among them with its reported count.
    """
    if named == 0 or not nationals:
        return []
    counts = [n for _, n in nationals]
    if named == 1 and count == ONE and all(n in (None, ONE) for n in counts):
        return [country for country, _ in nationals]
    if (
        len(nationals) == 1
        and count is not None
        and count[1] == Qualifier.EXACT
        and counts[0] == count
        and named <= count[0]
    ):
        return [nationals[0][0]]
    return []
