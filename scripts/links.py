"""External link check of the built site: which outside pages still answer.

Run weekly by .github/workflows/links.yml (it needs the internet, which the
build and the tests never do). Every ``http(s)`` link in the built pages is
requested once (HEAD, then GET when a server refuses HEAD), a few at a time,
and the report lists each broken address with the pages that link to it.

    python -m scripts.links site > report.md    # exit 1 when a link is broken
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

USER_AGENT = "BackendAtlasLinkCheck/1.0 (+weekly check of the guide's sources)"
# Hosts that refuse automated requests by design; a human checks them instead.
UNCHECKABLE = frozenset({"www.linkedin.com", "linkedin.com"})


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith(("http://", "https://")):
                self.found.append(urldefrag(href).url)


def external_links(site: Path, own: str = "") -> dict[str, list[str]]:
    """Outside URL -> the site pages (paths) that link to it."""
    pages: dict[str, list[str]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        page = path.relative_to(site).as_posix()
        for url in dict.fromkeys(parser.found):
            if own and url.startswith(own):
                continue
            pages[url].append(page)
    return dict(pages)


@dataclass(frozen=True)
class Result:
    url: str
    status: int | None  # None: no answer at all
    detail: str

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400


def check(url: str, timeout: float = 20.0) -> Result:
    if urlsplit(url).hostname in UNCHECKABLE:
        return Result(url, 200, "not checked: the host refuses automated requests")
    last: Result = Result(url, None, "not tried")
    for method in ("HEAD", "GET"):
        headers = {"User-Agent": USER_AGENT}
        # Only http(s) addresses reach here (external_links collects no others).
        request = urllib.request.Request(url, method=method, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return Result(url, int(response.status), response.reason)
        except urllib.error.HTTPError as error:
            last = Result(url, error.code, str(error.reason))
            if error.code not in (403, 405, 501):  # some servers refuse HEAD only
                return last
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            last = Result(url, None, str(getattr(error, "reason", error)))
    return last


def check_all(urls: list[str], workers: int = 8) -> list[Result]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(check, urls))


def report(results: list[Result], pages: dict[str, list[str]]) -> str:
    broken = [r for r in results if r.broken]
    lines = [
        "## External links",
        "",
        f"{len(results)} outside addresses checked, {len(broken)} broken.",
        "",
    ]
    if broken:
        lines += ["| Address | Answer | Linked from |", "|---|---|---|"]
        for result in sorted(broken, key=lambda r: r.url):
            answer = f"{result.status} {result.detail}" if result.status else result.detail
            where = ", ".join(f"`{page}`" for page in pages[result.url][:5])
            more = len(pages[result.url]) - 5
            lines.append(
                f"| {result.url} | {answer} | {where}{f' and {more} more' if more > 0 else ''} |"
            )
        lines += [
            "",
            "Fix each in `data/` (the entry's source) or in the page; if the page moved, "
            "link the new address and update `accessed`.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("site")
    own = argv[1] if len(argv) > 1 else ""
    pages = external_links(site, own)
    results = check_all(sorted(pages))
    print(report(results, pages), end="")
    return 1 if any(result.broken for result in results) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
