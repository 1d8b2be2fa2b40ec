"""Reading an article into a `Document`: a plain-text file, an HTML file, or an http(s) URL.

Everything that is not an article is refused with a `ReadError` whose message is one line naming
the source and what is wrong with it, so the command line can print it as it is.

The text of a document, which evidence offsets index:
- plain text: the file exactly as it is, with only its line endings made `\\n`; its first line is
  the title when a blank line follows it, and a date line near the top is the publication date.
- HTML: the main text trafilatura finds (no menus, adverts or comments), one paragraph per block,
  paragraphs separated by a blank line, headed by the title and a blank line unless the main text
  already starts with it. The title is part of the text, as in a plain-text article, so the same
  article read from either form reads alike and a headline's facts have offsets too.
"""

from __future__ import annotations

import logging
import re
import socket
import time
import urllib.error
import urllib.request
import zlib
from datetime import date
from email.message import Message
from http.client import HTTPResponse
from pathlib import Path
from urllib.parse import urlsplit

import dateparser
from charset_normalizer import from_bytes
from trafilatura import bare_extraction

from rollcall.extraction.document import Document

URL_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
REDIRECTS = {301, 302, 303, 307, 308}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
# The first lines a plain-text article's publication date may stand on (the title's included).
DATE_LINES = 5
# A date line is short: a longer line is a sentence that happens to hold a date.
DATE_LINE_MAX = 80
TITLE_MAX = 300
# Fewer words than this in every paragraph is a page of menus and buttons, not an article.
MIN_PARAGRAPH_WORDS = 5
# Control characters (tab, newlines and form feed aside) in more than this share of the text
# mean a binary file that happened to decode.
MAX_CONTROL_SHARE = 0.01
CHUNK = 65_536
USER_AGENT = "Rollcall article reader (+https://github.com/rollcall)"

# A label before a date on its own line ("Published: 13 December 2025", "Updated on …").
DATE_LABEL = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted|updated|last\s+updated|date[d]?|issued)\b"
    r"(?:\s+on)?\s*[:\-–—]?\s*",
    re.I,
)
# A place and a comma before a date on its own line ("Cairo, 28 May 2025").
PLACE_BEFORE_DATE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3},\s*(.+)$")
# What separates a byline from a date on one line ("By Jane Doe | 13 December 2025").
LINE_PARTS = re.compile(r"\s+[|•·—–]\s+|\s+-\s+")
HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b",
    re.I | re.S,
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
WORD = re.compile(r"\w+")


class ReadError(Exception):
    """A source that is not a readable article; the message is one line, naming the source."""


def read_document(source: str, *, timeout: float = 20.0, max_bytes: int = 10_000_000) -> Document:
    """Read a file path or an http(s) URL into a Document, or raise ReadError.

    `timeout` bounds, in seconds, each wait on a server (connecting, each read) and the whole
    download; `max_bytes` bounds what is read, a file's size being checked before it is read.
    """
    scheme = urlsplit(source).scheme.lower()
    if scheme in URL_SCHEMES:
        return read_url(source, timeout=timeout, max_bytes=max_bytes)
    if "://" in source:
        raise ReadError(f"{source}: only http and https addresses are read, not {scheme}://")
    return read_file(source, max_bytes=max_bytes)


def read_file(source: str, *, max_bytes: int) -> Document:
    path = Path(source)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError(f"{source}: is a directory, not an article")
        if size > max_bytes:
            raise ReadError(f"{source}: {over_limit(size, max_bytes)}")
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)  # the file may have grown since it was measured
    except FileNotFoundError:
        raise ReadError(f"{source}: no such file") from None
    except OSError as exc:
        raise ReadError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ReadError(f"{source}: {over_limit(len(data), max_bytes)}")
    # A saved page may name its charset in a <meta> tag; plain text never has one.
    text = decode(data, source, declared=meta_charset(data))
    is_html = path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text)
    if is_html:
        return from_html(text, source, url="")
    return from_plain_text(text, source)


def read_url(source: str, *, timeout: float, max_bytes: int) -> Document:
    deadline = time.monotonic() + timeout
    opener = urllib.request.build_opener(LimitedRedirects)
    # The scheme is checked (http or https) by read_document, and again on each redirect.
    request = urllib.request.Request(  # noqa: S310
        source,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, text/plain;q=0.9",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            assert isinstance(response, HTTPResponse)
            kind, charset, encoding = check_response(source, response.headers, max_bytes)
            data = read_body(source, response, deadline, timeout, max_bytes)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        if exc.code in REDIRECTS:
            # urllib gives up on a redirect that loops, or on one too many.
            raise ReadError(
                f"{source}: too many redirects (at most {MAX_REDIRECTS} are followed)"
            ) from None
        raise ReadError(f"{source}: answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise ReadError(f"{source}: {unreachable(exc.reason, timeout)}") from None
    except TimeoutError:
        raise ReadError(f"{source}: no answer within {timeout:g} seconds") from None
    except OSError as exc:
        raise ReadError(f"{source}: {unreachable(exc, timeout)}") from None
    data = decompress(data, encoding, source, max_bytes)
    if kind == "":
        # No content type given: judge by the content, as for a file.
        text = decode(data, source, declared=charset)
        kind = "html" if looks_like_html(text) else "text"
    elif kind == "html":
        text = decode(data, source, declared=charset or meta_charset(data))
    else:
        text = decode(data, source, declared=charset)
    host = host_name(final_url)
    if kind == "html":
        document = from_html(text, source, url=final_url)
        return document if document.publisher else replace_publisher(document, host)
    document = from_plain_text(text, source)
    return Document(document.text, document.title, document.published, final_url, host)


class LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: object,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in URL_SCHEMES:
            raise ReadError(f"{req.full_url}: redirects to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def check_response(source: str, headers: Message, max_bytes: int) -> tuple[str, str | None, str]:
    """The kind of page ("html", "text", or "" when no type is given), its charset and encoding."""
    if headers.get("Content-Type") is None:
        kind = ""
    else:
        content_type = headers.get_content_type()
        if content_type in HTML_TYPES:
            kind = "html"
        elif content_type in TEXT_TYPES:
            kind = "text"
        else:
            raise ReadError(f"{source}: is {content_type}, not an article (HTML or plain text)")
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise ReadError(f"{source}: {over_limit(int(length), max_bytes)}")
    encoding = (headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in {"identity", "gzip", "x-gzip", "deflate"}:
        raise ReadError(f"{source}: is compressed as {encoding!r}, which is not read")
    return kind, headers.get_content_charset(), encoding


def read_body(
    source: str, response: HTTPResponse, deadline: float, timeout: float, max_bytes: int
) -> bytes:
    """The body, refused once it outgrows `max_bytes` or is still arriving at the deadline."""
    chunks: list[bytes] = []
    received = 0
    while True:
        # read1 returns what has arrived rather than waiting for a full chunk, so a page that
        # trickles in is measured against the deadline between reads.
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        received += len(chunk)
        if received > max_bytes:
            raise ReadError(f"{source}: the page is over the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise ReadError(f"{source}: the page was still arriving after {timeout:g} seconds")


def decompress(data: bytes, encoding: str, source: str, max_bytes: int) -> bytes:
    if encoding == "identity" or not data:
        return data
    # 32 + 15 reads a gzip or zlib header; a raw deflate stream (some servers) needs -15.
    wbits = 47 if encoding != "deflate" or data[:1] == b"\x78" else -15
    try:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error:
        raise ReadError(f"{source}: the {encoding} content is damaged") from None
    if len(out) > max_bytes:
        raise ReadError(f"{source}: the page is over the {max_bytes:,}-byte limit uncompressed")
    return out


def unreachable(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, ReadError):
        return str(reason).split(": ", 1)[-1]
    text = getattr(reason, "strerror", None) or str(reason)
    return f"cannot connect ({text})"


def over_limit(size: int, max_bytes: int) -> str:
    return f"{size:,} bytes is over the {max_bytes:,}-byte limit"


def decode(data: bytes, source: str, declared: str | None) -> str:
    """Bytes as text: a byte-order mark, then the declared charset, then UTF-8, then a guess."""
    text = decode_bytes(data, declared)
    if text is None:
        raise ReadError(f"{source}: not text (binary, or an unknown encoding)")
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise ReadError(f"{source}: not text (binary, or an unknown encoding)")
    if not text.strip():
        raise ReadError(f"{source}: empty (no text at all)")
    return text


def decode_bytes(data: bytes, declared: str | None) -> str | None:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
    if b"\x00" in data:
        return None  # text in an 8-bit encoding or UTF-8 never holds a NUL byte
    for charset in (declared, "utf-8"):
        if charset:
            try:
                return data.decode(charset)
            except (UnicodeDecodeError, LookupError):
                continue
    # Neither: let charset-normalizer (which trafilatura depends on and uses alike) guess.
    best = from_bytes(data).best()
    return None if best is None else str(best)


def meta_charset(data: bytes) -> str | None:
    found = META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def looks_like_html(text: str) -> bool:
    return HTML_START.match(text.lstrip("\ufeff")[:4096]) is not None


def host_name(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def replace_publisher(document: Document, publisher: str) -> Document:
    return Document(document.text, document.title, document.published, document.url, publisher)


def from_plain_text(text: str, source: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    first = filled[0]
    published = None
    for i in filled[:DATE_LINES]:
        published = date_line(lines[i])
        if published is not None:
            break
    heading = lines[first].strip()
    is_title = (
        len(filled) > 1
        and not lines[first + 1].strip()
        and len(heading) <= TITLE_MAX
        # A first paragraph ending in a full stop is the article's opening sentence (a wire
        # report's dateline and lede), not a headline; a date on its own is a date line.
        and not heading.endswith(".")
        and date_line(heading) is None
    )
    return Document(text=text, title=heading if is_title else "", published=published)


def date_line(line: str) -> date | None:
    """The date a line states when it is a date and little else, e.g. "Sat 13th Dec, 2025"."""
    line = line.strip()
    if not line or len(line) > DATE_LINE_MAX or not any(ch.isdigit() for ch in line):
        return None
    for part in LINE_PARTS.split(line):
        found = parse_date(DATE_LABEL.sub("", part).strip(" ,.;"))
        if found is not None:
            return found
        # A statement's place line: "Cairo, 28 May 2025", "LONDON, 5 March 2025".
        placed = PLACE_BEFORE_DATE.match(part.strip())
        if placed is not None:
            found = parse_date(placed.group(1).strip(" ,.;"))
            if found is not None:
                return found
    return None


# An all-numeric date: "03.07.2025" (dots) or "07/03/2025" (slashes).
NUMERIC_DATE = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{4})$")


def numeric_date(found: re.Match[str]) -> date | None:
    """Dots are written day first (European and post-Soviet usage; ISO uses dashes). Slashes are
    day first in most of the world and month first in the US: only a number above 12 decides."""
    first, separator, second, year = found.groups()
    a, b = int(first), int(second)
    if separator == "." or a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a:
        day, month = b, a
    elif a == b:
        day, month = a, b
    else:
        return None
    try:
        return date(int(year), month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    if not text:
        return None
    numeric = NUMERIC_DATE.match(text)
    if numeric is not None:
        return numeric_date(numeric)
    # Absolute dates only: a day, a month and a year, never "yesterday" or a bare "2020".
    found = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return found.date() if found is not None else None


def from_html(html: str, source: str, url: str) -> Document:
    # trafilatura reports pages it cannot parse through logging; the ReadError below says it.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        found = bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False, include_images=False
        )
    except (ValueError, TypeError) as exc:
        raise ReadError(f"{source}: not readable HTML ({exc})") from None
    body = getattr(found, "text", None) or ""
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if not any(len(WORD.findall(p)) >= MIN_PARAGRAPH_WORDS for p in paragraphs):
        raise ReadError(f"{source}: no article text found")
    title = " ".join((getattr(found, "title", None) or "").split())
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return Document(
        text="\n\n".join(paragraphs),
        title=title,
        published=html_date(getattr(found, "date", None)),
        url=url,
        publisher=" ".join((getattr(found, "sitename", None) or "").split()),
    )


def html_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        found = date.fromisoformat(value[:10])
    except ValueError:
        return None
    # A date after today is a misreading (an event listing, a copyright line), not publication.
    return found if found <= date.today() else None
