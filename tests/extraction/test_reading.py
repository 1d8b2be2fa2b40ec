"""Reading articles from files and from a real HTTP server on 127.0.0.1, garbage included."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rollcall.extraction import Document, ReadError, read_document

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "rollcall/demo/fixtures/belarus-release-2025-12-13.txt"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Court jails three journalists in Minsk | Example Wire</title>
  <meta property="og:title" content="Court jails three journalists in Minsk">
  <meta property="og:site_name" content="Example Wire">
  <meta property="article:published_time" content="2024-03-07T09:15:00+00:00">
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
    <a href="/subscribe">Subscribe now and save 50 percent on your first year</a></nav></header>
  <div class="ad">Advertisement: Buy the best garden furniture today at Example Shop</div>
  <main><article>
    <h1>Court jails three journalists in Minsk</h1>
    <time datetime="2024-03-07">7 March 2024</time>
    <p>A court in Minsk on Thursday sentenced three journalists of an independent news site to
       between four and six years in prison on charges of extremism, their colleagues said.</p>
    <p>The three, arrested in a raid on the site's office last June, denied the charges. Rights
       groups described the trial, held behind closed doors, as retaliation for their reporting.</p>
    <p>More than 30 media workers are now held in Belarus, according to the Belarusian
       Association of Journalists, which counts them as political prisoners.</p>
  </article></main>
  <aside><h2>Most read</h2><ul><li><a href="/a">Ten recipes for spring</a></li>
    <li><a href="/b">Transfer news: the latest deals</a></li></ul></aside>
  <footer>Copyright 2024 Example Wire. All rights reserved. Privacy policy.</footer>
</body>
</html>
"""
# Nothing but menus and a footer: a page without an article.
EMPTY_HTML = """<!DOCTYPE html><html><head><title>Example Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><footer>Cookies</footer></body></html>
"""
PLAIN_CYRILLIC = (
    "Суд у Мінску асудзіў трох журналістаў\n\n"
    + "Суд у Мінску ў чацвер асудзіў трох журналістаў незалежнага сайта да пазбаўлення волі. " * 5
    + "\n"
)


def read_text_exactly(path: Path) -> str:
    with path.open(encoding="utf-8", newline="") as file:
        return file.read().replace("\r\n", "\n").replace("\r", "\n")


# Files


def test_the_example_article_gives_its_title_date_and_unchanged_text() -> None:
    document = read_document(str(EXAMPLE))
    assert document.title == (
        "Belarus Releases 123 Political Prisoners Amidst US-Driven Diplomatic Agreement"
    )
    assert document.published == date(2025, 12, 13)
    # The text is the file itself, so an evidence offset is an offset into the file.
    assert document.text == read_text_exactly(EXAMPLE)
    assert document.url == ""


def test_windows_line_endings_become_newlines_and_nothing_else_changes(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Ten freed in Baku\r\n\r\n13 December 2025\r\n\r\nTen   were freed.\r\n")
    document = read_document(str(path))
    assert document.text == "Ten freed in Baku\n\n13 December 2025\n\nTen   were freed.\n"
    assert document.title == "Ten freed in Baku"
    assert document.published == date(2025, 12, 13)


@pytest.mark.parametrize(
    "line",
    [
        "Sat 13th Dec, 2025",
        "13 December 2025",
        "2025-12-13",
        "December 13, 2025",
        "Published: 13 December 2025",
        "Updated on Saturday, December 13, 2025 at 2:30 PM",
        "By Jane Doe | 13 Dec 2025",
    ],
)
def test_a_date_line_near_the_top_is_the_publication_date(tmp_path: Path, line: str) -> None:
    path = tmp_path / "dated.txt"
    path.write_text(f"Five detained in Tbilisi\n\n{line}\n\nPolice detained five.\n", "utf-8")
    assert read_document(str(path)).published == date(2025, 12, 13)


@pytest.mark.parametrize("line", ["Yesterday", "Saturday", "2020", "September 2020", "By Jane Doe"])
def test_a_line_without_a_full_date_gives_no_publication_date(tmp_path: Path, line: str) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(f"Five detained in Tbilisi\n\n{line}\n\nPolice detained five.\n", "utf-8")
    assert read_document(str(path)).published is None


def test_a_date_further_down_the_article_is_not_its_publication_date(tmp_path: Path) -> None:
    lines = ["Five detained in Tbilisi", ""] + [f"Paragraph {n} of the report." for n in range(6)]
    path = tmp_path / "late-date.txt"
    path.write_text("\n".join([*lines, "13 December 2025", ""]), "utf-8")
    assert read_document(str(path)).published is None


def test_a_first_line_running_into_the_next_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "untitled.txt"
    path.write_text("Police detained five activists\nin Tbilisi on Friday.\n", "utf-8")
    document = read_document(str(path))
    assert document.title == ""
    assert document.text == "Police detained five activists\nin Tbilisi on Friday.\n"


def test_an_opening_sentence_or_a_date_at_the_top_is_no_title(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        "MINSK, Dec 13 - Belarus freed 123 prisoners on Saturday.\n\nMore followed.\n", "utf-8"
    )
    assert read_document(str(path)).title == ""
    path.write_text("13 December 2025\n\nBelarus freed 123 prisoners on Saturday.\n", "utf-8")
    document = read_document(str(path))
    assert document.title == ""
    assert document.published == date(2025, 12, 13)


def test_a_utf8_byte_order_mark_is_dropped_from_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffFive freed\n\nFive were freed.\n".encode())
    document = read_document(str(path))
    assert document.text.startswith("Five freed")
    assert document.title == "Five freed"


def test_text_in_a_legacy_encoding_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "cp1251.txt"
    path.write_bytes(PLAIN_CYRILLIC.encode("cp1251"))
    document = read_document(str(path))
    assert document.text == PLAIN_CYRILLIC
    assert document.title == "Суд у Мінску асудзіў трох журналістаў"


def test_an_html_file_gives_its_main_text_headed_by_its_title(tmp_path: Path) -> None:
    path = tmp_path / "article.html"
    path.write_text(ARTICLE_HTML, "utf-8")
    document = read_document(str(path))
    assert document.title == "Court jails three journalists in Minsk"
    assert document.published == date(2024, 3, 7)
    assert document.publisher == "Example Wire"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == document.title
    assert paragraphs[1].startswith("A court in Minsk on Thursday sentenced three journalists")
    assert any(p.startswith("More than 30 media workers are now held") for p in paragraphs)
    for boilerplate in ("Subscribe", "Advertisement", "garden furniture", "recipes", "Copyright"):
        assert boilerplate not in document.text


def test_a_saved_page_is_decoded_by_the_charset_it_names(tmp_path: Path) -> None:
    page = ARTICLE_HTML.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "in Minsk</h1>", "in Minsk (Мінск)</h1>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("cp1251"))
    assert "Мінск" in read_document(str(path)).text


def test_html_is_recognised_by_its_content_whatever_the_file_is_called(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(ARTICLE_HTML, "utf-8")
    assert read_document(str(path)).title == "Court jails three journalists in Minsk"


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match=r"^.*empty\.txt: empty \(no text at all\)$"):
        read_document(str(path))


def test_a_file_of_whitespace_is_refused_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b" \n\n\t \r\n")
    with pytest.raises(ReadError, match=r"blank\.txt: empty"):
        read_document(str(path))


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 40)
    with pytest.raises(ReadError, match=r"photo\.jpg: not text"):
        read_document(str(path))


def test_a_file_over_the_limit_is_refused_by_its_size_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing written

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    with pytest.raises(ReadError) as refused:
        read_document(str(path))
    assert str(refused.value) == f"{path}: 52,428,800 bytes is over the 10,000,000-byte limit"


def test_html_with_no_article_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(EMPTY_HTML, "utf-8")
    with pytest.raises(ReadError, match=r"menu\.html: no article text found$"):
        read_document(str(path))


def test_a_missing_file_and_a_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nowhere\.txt: no such file$"):
        read_document(str(tmp_path / "nowhere.txt"))
    with pytest.raises(ReadError, match=r"is a directory"):
        read_document(str(tmp_path))


def test_an_address_that_is_not_http_is_refused() -> None:
    with pytest.raises(ReadError, match=r"^ftp://example\.org/a\.txt: only http and https"):
        read_document("ftp://example.org/a.txt")


# URLs, from a real server on 127.0.0.1


class Pages(BaseHTTPRequestHandler):
    """The pages the tests read; each path is one kind of answer."""

    def do_GET(self) -> None:
        routes: dict[str, Callable[[], None]] = {
            "/article.html": lambda: self.answer(200, "text/html; charset=utf-8", ARTICLE_HTML),
            "/brief.txt": lambda: self.answer(
                200, "text/plain; charset=windows-1251", PLAIN_CYRILLIC, "cp1251"
            ),
            "/gzipped.html": self.gzipped,
            "/menu.html": lambda: self.answer(200, "text/html", EMPTY_HTML),
            "/photo.png": lambda: self.answer(200, "image/png", "\x89PNG"),
            "/missing": lambda: self.answer(404, "text/html", "<p>Not here</p>"),
            "/broken": lambda: self.answer(500, "text/html", "<p>Oops</p>"),
            "/moved": lambda: self.redirect("/article.html"),
            "/loop": lambda: self.redirect("/loop"),
            "/endless": lambda: self.endless(b"<p>" + b"more news " * 1000 + b"</p>\n", 0.0),
            "/trickle": lambda: self.endless(b"<p>a little more</p>\n", 0.05),
        }
        routes.get(self.path, lambda: self.answer(404, "text/plain", "no such page"))()

    def answer(self, status: int, content_type: str, body: str, charset: str = "utf-8") -> None:
        data = body.encode(charset)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def gzipped(self) -> None:
        data = gzip.compress(ARTICLE_HTML.encode())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def endless(self, chunk: bytes, pause: float) -> None:
        """A page that never ends: no length, and chunks until the reader hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        try:
            self.wfile.write(b"<html><body>")
            while True:
                self.wfile.write(chunk)
                time.sleep(pause)
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        pass  # the tests' output is theirs


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A server that takes the connection (the system accepts it) and never says a word."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/article"


def read_quickly(url: str, timeout: float = 2.0, max_bytes: int = 10_000_000) -> Document:
    """Every URL test is bounded by a small timeout, so the file runs in a few seconds."""
    return read_document(url, timeout=timeout, max_bytes=max_bytes)


def test_an_html_page_gives_its_article_with_its_address_and_publisher(server: str) -> None:
    document = read_quickly(f"{server}/article.html")
    assert document.title == "Court jails three journalists in Minsk"
    assert document.published == date(2024, 3, 7)
    assert document.url == f"{server}/article.html"
    assert document.publisher == "Example Wire"
    assert "garden furniture" not in document.text


def test_a_plain_text_page_is_decoded_by_the_charset_its_server_names(server: str) -> None:
    document = read_quickly(f"{server}/brief.txt")
    assert document.title == "Суд у Мінску асудзіў трох журналістаў"
    assert document.text == PLAIN_CYRILLIC
    # No site name in plain text: the publisher is the host that served it.
    assert document.publisher == "127.0.0.1"


def test_a_compressed_page_is_read(server: str) -> None:
    assert read_quickly(f"{server}/gzipped.html").publisher == "Example Wire"


def test_a_redirect_is_followed_to_the_article(server: str) -> None:
    document = read_quickly(f"{server}/moved")
    assert document.url == f"{server}/article.html"
    assert document.title == "Court jails three journalists in Minsk"


def test_endless_redirects_are_refused(server: str) -> None:
    with pytest.raises(ReadError, match=r"/loop: too many redirects \(at most 5 are followed\)$"):
        read_quickly(f"{server}/loop")


@pytest.mark.parametrize(
    ("path", "answer"), [("/missing", "404 Not Found"), ("/broken", "500 Internal Server Error")]
)
def test_an_error_status_is_refused_with_the_status(server: str, path: str, answer: str) -> None:
    with pytest.raises(ReadError) as refused:
        read_quickly(f"{server}{path}")
    assert str(refused.value) == f"{server}{path}: answered {answer}"


def test_a_page_that_is_not_an_article_is_refused_with_its_type(server: str) -> None:
    with pytest.raises(ReadError, match=r"photo\.png: is image/png, not an article"):
        read_quickly(f"{server}/photo.png")


def test_a_page_with_no_article_text_is_refused(server: str) -> None:
    with pytest.raises(ReadError, match=r"menu\.html: no article text found$"):
        read_quickly(f"{server}/menu.html")


def test_a_server_that_never_answers_is_refused_after_the_timeout(silent_server: str) -> None:
    started = time.monotonic()
    with pytest.raises(ReadError) as refused:
        read_quickly(silent_server, timeout=0.5)
    assert str(refused.value) == f"{silent_server}: no answer within 0.5 seconds"
    assert time.monotonic() - started < 3


def test_an_address_where_nothing_listens_is_refused() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        with pytest.raises(ReadError, match=r"^http://127\.0\.0\.1:\d+/a: connection refused$"):
            read_quickly(f"http://127.0.0.1:{port}/a")


def test_a_page_that_never_ends_is_refused_at_the_size_limit(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(ReadError, match=r"/endless: the page is over the 1,000,000-byte limit$"):
        read_quickly(f"{server}/endless", max_bytes=1_000_000)
    assert time.monotonic() - started < 3


def test_a_page_that_never_ends_is_refused_at_the_time_limit(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(
        ReadError, match=r"/trickle: the page was still arriving after 0.5 seconds$"
    ):
        read_quickly(f"{server}/trickle", timeout=0.5)
    assert time.monotonic() - started < 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("03.07.2025", date(2025, 7, 3)),
        ("3.7.2025", date(2025, 7, 3)),
        ("13.07.2025", date(2025, 7, 13)),
        ("07/13/2025", date(2025, 7, 13)),
        ("13/07/2025", date(2025, 7, 13)),
    ],
)
def test_a_dotted_date_is_day_first_and_a_slashed_one_is_read_when_a_day_over_12_decides(
    tmp_path: Path, line: str, expected: date
) -> None:
    path = tmp_path / "numeric.txt"
    path.write_text(f"Five detained in Tbilisi\n\n{line}\n\nPolice detained five.\n", "utf-8")
    assert read_document(str(path)).published == expected


@pytest.mark.parametrize("line", ["07/03/2025", "31.02.2025"])
def test_an_ambiguous_slashed_date_or_an_impossible_one_gives_no_publication_date(
    tmp_path: Path, line: str
) -> None:
    path = tmp_path / "numeric.txt"
    path.write_text(f"Five detained in Tbilisi\n\n{line}\n\nPolice detained five.\n", "utf-8")
    assert read_document(str(path)).published is None
