"""Split a raw name into comparable tokens, once.

Why parsing is separate from scoring: the index parses every stored variant once at
add time and only the query at search time; scoring then works on these immutable
objects.  Tokens are interned (same word, same flags -> same object) so 300,000
stored names cost little memory and token-pair similarities can be cached by key.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from rollcall.names.chinese import (
    FOREIGN_SEPARATORS,
    han_forms,
    han_name,
    has_han,
    native_forms,
    pinyin_forms,
)
from rollcall.names.given_names import all_group_ids, group_skeletons, groups_of
from rollcall.names.translit import ascii_form, skeletons

_SPLIT_RE = re.compile(r"[\s,;:()\[\]{}/\\\"«»„“”.!?+&|" + FOREIGN_SEPARATORS + r"]+")
_HYPHEN_RE = re.compile(r"[-‐‑‒–—]+")

# Patronymic endings on skeletons: -ovich/-evich/-avich/-ovych/-ich fold to "...ic";
# -ovna/-evna/-auna/-ivna fold to "...una"/"...euna"; -ichna to "...icna".
_PATRONYMIC_RE = re.compile(r"^(?P<stem>.{3,}?)(?:avic|evic|ic|una|euna|icna|vna)$")


@dataclass(frozen=True, slots=True)
class Token:
    word: str  # plain ASCII of the written word (pinyin comparisons)
    forms: tuple[str, ...]  # translit skeletons, best reading first
    groups: frozenset[str]  # given-name groups the word belongs to
    patronymic: bool = False
    hyphen: bool = False  # part of a hyphenated word (Kara-Murza)
    foreign: bool = False  # a Han transcription of a non-Chinese name
    key: str = ""
    text: str = ""  # the word as written, lower-cased (typing-slip checks)

    @property
    def main(self) -> str:
        return self.forms[0]


@dataclass(frozen=True, slots=True)
class ParsedName:
    raw: str
    tokens: tuple[Token, ...]
    core: tuple[Token, ...]  # tokens minus patronymics
    patronymics: tuple[Token, ...]
    zh: frozenset[str]  # unspaced pinyin readings (Chinese path)
    han: bool  # written in Han characters (native name)


@cache
def _given_prefixes() -> frozenset[str]:
    out = set()
    for gid in all_group_ids():
        for sk in group_skeletons(gid):
            if len(sk) >= 4:
                out.add(sk[:4])
    return frozenset(out)


@lru_cache(maxsize=300_000)
def make_token(
    word: str, hyphen: bool = False, foreign: bool = False, patronymic: bool = False
) -> Token:
    forms = skeletons(word)
    groups = frozenset() if (foreign or patronymic) else groups_of(forms)
    flags = ("h" if hyphen else "") + ("f" if foreign else "") + ("p" if patronymic else "")
    return Token(
        word=ascii_form(word),
        forms=forms,
        groups=groups,
        patronymic=patronymic,
        hyphen=hyphen,
        foreign=foreign,
        key="|".join(forms) + "#" + flags,
        text="".join(c for c in unicodedata.normalize("NFC", word.lower()) if c.isalpha()),
    )


def looks_patronymic(token: Token) -> bool:
    """True for Russian/Belarusian/Ukrainian patronymics derived from a known name.

    The stem must start like a known given name: surnames such as Statkevich or
    Pratasevich end in -evich too, but their stems are not given names.
    """
    if token.groups:
        return False
    for form in token.forms[:1]:
        m = _PATRONYMIC_RE.match(form)
        if m and m.group("stem")[:4] in _given_prefixes():
            return True
    return False


def _patronymic_position(tokens: list[Token]) -> int:
    """Index of the one patronymic in a name of three or more words, or -1.

    Many surnames are patronymic in form (Barysevich, Kirilich, Pavlovich), so the
    patronymic is the -vich/-vna word that directly follows a known given name, as
    in both Russian word orders: Given Patronymic Surname, Surname Given Patronymic.
    """
    for i in range(1, len(tokens)):
        if tokens[i - 1].groups and looks_patronymic(tokens[i]):
            return i
    return -1


@lru_cache(maxsize=100_000)
def parse(name: str) -> ParsedName:
    name = name.strip()
    if has_han(name):
        words, foreign = han_name(name)
        tokens = tuple(make_token(w, foreign=foreign) for w in words)
        zh = frozenset() if foreign else han_forms(words) | native_forms(name)
        return ParsedName(name, tokens, tokens, (), zh, not foreign)
    raw_tokens: list[tuple[str, bool]] = []
    for chunk in _SPLIT_RE.split(name):
        parts = [p for p in _HYPHEN_RE.split(chunk) if p]
        for part in parts:
            raw_tokens.append((part, len(parts) > 1))
    tokens_list: list[Token] = []
    for word, hyphen in raw_tokens:
        tok = make_token(word, hyphen=hyphen)
        if not tok.forms or (len(tok.word) <= 1 and len(tok.main) <= 1):
            continue  # punctuation or an initial: too little to compare
        tokens_list.append(tok)
    if len(tokens_list) >= 3:
        at = _patronymic_position(tokens_list)
        if at >= 0:
            raw = _raw_words(tokens_list, raw_tokens)[at]
            tokens_list[at] = make_token(raw, hyphen=tokens_list[at].hyphen, patronymic=True)
    tokens = tuple(tokens_list)
    core = tuple(t for t in tokens if not t.patronymic)
    patronymics = tuple(t for t in tokens if t.patronymic)
    zh = pinyin_forms([t.word for t in core]) if core and all(t.word for t in core) else frozenset()
    if len(core) == 1 and core[0].groups:
        zh = frozenset()  # "Hanna" is a given name, not the pinyin Han Na
    return ParsedName(name, tokens, core, patronymics, zh, False)


def _raw_words(tokens: list[Token], raw_tokens: list[tuple[str, bool]]) -> list[str]:
    """The written words behind `tokens` (initials and punctuation were dropped)."""
    out: list[str] = []
    it = iter(raw_tokens)
    for tok in tokens:
        for word, hyphen in it:
            if make_token(word, hyphen=hyphen) is tok:
                out.append(word)
                break
    return out
