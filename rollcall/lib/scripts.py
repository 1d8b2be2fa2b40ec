"""Guess the script (and, for Cyrillic, the language) a name is written in.

Names arrive from lists without language tags; a best guess lets the site show "Belarusian" and
"Russian" spellings apart. Belarusian has letters Russian lacks (ў, і) and lacks letters Russian
has (и, щ, ъ); that is enough for names.
"""

from __future__ import annotations

import unicodedata

_BE_ONLY = set("ўЎіІ")
_RU_ONLY = set("иИщЩъЪ")
_UK_ONLY = set("їЇєЄґҐ")


def guess_script(name: str) -> str:
    """A BCP 47 tag such as `be-Cyrl`, `ru-Cyrl`, `zh-Hans` or `und-Latn`."""
    if name.isascii():
        # Most names on lists are plain Latin; this spares a Unicode lookup per letter.
        return "und-Latn" if any(ch.isalpha() for ch in name) else "und"
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return "und"
    scripts = {unicodedata.name(ch, "").split(" ")[0] for ch in letters}
    if "CJK" in scripts:
        return "zh-Hans"
    if "CYRILLIC" in scripts:
        chars = set(name)
        if chars & _UK_ONLY:
            return "uk-Cyrl"
        if chars & _BE_ONLY and not chars & _RU_ONLY:
            return "be-Cyrl"
        if chars & _RU_ONLY:
            return "ru-Cyrl"
        return "und-Cyrl"
    if "LATIN" in scripts:
        return "und-Latn"
    return "und"
