"""ISO 3166-1 alpha-2 codes, checked against followthemoney's territory list."""

from __future__ import annotations

from followthemoney.types import registry


def clean_country(code: str) -> str:
    """Return the upper-case ISO alpha-2 code, or raise ValueError naming the bad value.

    Only two-letter codes are accepted: FtM would also turn "Belarus" into "by", but a list that
    says "Belarus" in a country column is better corrected at the source than guessed at.
    """
    text = code.strip()
    if len(text) != 2 or registry.country.clean_text(text) != text.lower():
        raise ValueError(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return text.upper()


def country_name(code: str) -> str:
    if not code:
        return ""
    return registry.country.caption(code.lower()) or code
