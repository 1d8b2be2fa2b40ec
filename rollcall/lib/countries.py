"""ISO 3166-1 alpha-2 codes.

The codes are a constant rather than a lookup in followthemoney because importing FtM costs half
a second (it loads SQLAlchemy), which every `rollcall stats` and `rollcall import` would pay just
to check two letters. The set is FtM's territory list without its non-country entries (EU, UN,
"unknown" and the exceptionally reserved codes), and with the withdrawn codes of states whose
prisoners a registry may still record (DD: East Germany, ZR: Zaire) and XK (Kosovo).
"""

from __future__ import annotations

from functools import cache

from django.core.exceptions import ValidationError

_CODES = """
    ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq
    br bs bt bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz dd de dj dk
    dm do dz ec ee eg eh er es et fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr
    gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km
    kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mf mg mh mk ml mm mn mo mp
    mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl
    pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ss st
    sv sx sy sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug um us uy uz va vc ve vg
    vi vn vu wf ws xk ye yt za zm zr zw
"""
ISO_CODES = frozenset(_CODES.split())


def clean_country(code: str) -> str:
    """Return the upper-case ISO alpha-2 code, or raise ValueError naming the bad value.

    Only two-letter codes are accepted: a list that says "Belarus" in a country column is better
    corrected at the source than guessed at.
    """
    text = code.strip()
    if text.lower() not in ISO_CODES:
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return text.upper()


def validate_country(code: str) -> None:
    """Django field validator: an ISO alpha-2 code as the registry stores it, in upper case.

    A validator cannot rewrite what it checks, so "ua" is refused with the spelling to use
    rather than stored beside "UA" as if it were another country.
    """
    try:
        cleaned = clean_country(code)
    except ValueError as error:
        raise ValidationError(str(error), code="country") from None
    if cleaned != code:
        raise ValidationError(f"{code!r}: write the country code as {cleaned!r}", code="country")


@cache
def country_name(code: str) -> str:
    """The English name, for pages; FtM is imported only when a page needs one."""
    if not code:
        return ""
    from followthemoney.types import registry

    return registry.country.caption(code.lower()) or code
