"""The weekly external link check, against a local server standing in for the web."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.links import check_all, external_links, main, report


class _Web(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path == "/gone":
            self.send_error(404, "Not Found")
            return
        if self.path == "/get-only" and self.command == "HEAD":
            self.send_error(405, "Method Not Allowed")
            return
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def do_GET(self) -> None:
        self._answer(body=True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Web)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture
def site(tmp_path: Path, web: str) -> Path:
    pages = {
        "index.html": f'<a href="{web}/ok#part">ok</a> <a href="{web}/gone">gone</a>'
        '<a href="languages/">inside</a> <a href="#top">anchor</a>',
        "languages/index.html": f'<a href="{web}/gone">again</a> <a href="{web}/get-only">x</a>',
    }
    for name, body in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return tmp_path


def test_outside_links_are_collected_once_with_their_pages(site: Path, web: str) -> None:
    links = external_links(site)
    assert links == {
        f"{web}/ok": ["index.html"],
        f"{web}/gone": ["index.html", "languages/index.html"],
        f"{web}/get-only": ["languages/index.html"],
    }


def test_broken_links_are_reported_with_the_pages_to_fix(site: Path, web: str) -> None:
    links = external_links(site)
    results = {r.url: r for r in check_all(sorted(links))}
    assert results[f"{web}/gone"].broken and results[f"{web}/gone"].status == 404
    assert not results[f"{web}/ok"].broken
    assert not results[f"{web}/get-only"].broken  # HEAD refused, GET answers
    text = report(list(results.values()), links)
    assert "3 outside addresses checked, 1 broken." in text
    assert f"| {web}/gone | 404 Not Found | `index.html`, `languages/index.html` |" in text


def test_the_command_fails_when_a_link_is_broken(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(site)]) == 1
    assert "1 broken" in capsys.readouterr().out
    (site / "index.html").write_text("<a href='#x'>only an anchor</a>", encoding="utf-8")
    (site / "languages" / "index.html").write_text("<p>no links</p>", encoding="utf-8")
    assert main([str(site)]) == 0


def test_an_unreachable_host_is_broken_not_a_crash() -> None:
    (result,) = check_all(["http://127.0.0.1:9/nothing-listens-here"])
    assert result.broken and result.status is None
