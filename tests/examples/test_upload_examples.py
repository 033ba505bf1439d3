"""The upload examples do what docs/production/files-and-object-storage.md says they do.

safe_upload.py is run against a temporary folder; signed_urls.py against a fake
clock that moves only when a test moves it, so expiry is tested to the second
without waiting.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT
from examplefiles import load_file

FOLDER = ROOT / "docs" / "examples" / "uploads"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40
PDF = b"%PDF-1.7\n" + b"\x00" * 40
SECRET = b"k" * 32
BASE = "https://files.example.com/o"


def load(name: str) -> ModuleType:
    return load_file(FOLDER / f"{name}.py")


upload = load("safe_upload")
links = load("signed_urls")


def chunked(data: bytes, size: int = 7) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- safe_upload.py: size, type by content, our own names ---


def test_a_png_is_stored_under_a_random_key_with_its_bytes_intact(tmp_path: Path) -> None:
    stored = upload.store_upload(chunked(PNG), "holiday.png", tmp_path, max_bytes=1000)
    assert stored.media_type == "image/png" and stored.size == len(PNG)
    assert upload.KEY_PATTERN.fullmatch(stored.key) and stored.key.endswith(".png")
    assert stored.label == "holiday.png"
    assert files_in(tmp_path) == [stored.key]
    assert (tmp_path / stored.key).read_bytes() == PNG


def test_the_type_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    stored = upload.store_upload([PDF], "report.png", tmp_path, max_bytes=1000)
    assert stored.media_type == "application/pdf" and stored.key.endswith(".pdf")
    assert upload.store_upload([JPEG], "x", tmp_path, 1000).media_type == "image/jpeg"


def test_a_script_named_like_an_image_is_refused_and_nothing_kept(tmp_path: Path) -> None:
    page = b"<html><script>steal()</script></html>"
    with pytest.raises(upload.UploadRejected) as refused:
        upload.store_upload([page], "cat.png", tmp_path, max_bytes=1000)
    assert refused.value.status == 415
    assert files_in(tmp_path) == []


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(upload.UploadRejected) as refused:
        upload.store_upload([], "empty.pdf", tmp_path, max_bytes=1000)
    assert refused.value.status == 415


def test_the_size_cap_stops_reading_as_soon_as_it_is_passed(tmp_path: Path) -> None:
    sent: list[int] = []

    def endless() -> Iterator[bytes]:
        yield PNG
        while True:
            sent.append(1)
            yield b"\x00" * 1024

    with pytest.raises(upload.UploadRejected) as refused:
        upload.store_upload(endless(), "huge.png", tmp_path, max_bytes=10_000)
    assert refused.value.status == 413
    assert len(sent) == 10, "reading should stop at the first chunk over the cap"
    assert files_in(tmp_path) == [], "the partial file must be deleted"


def test_a_file_exactly_at_the_cap_is_accepted(tmp_path: Path) -> None:
    stored = upload.store_upload(chunked(PNG), "edge.png", tmp_path, max_bytes=len(PNG))
    assert stored.size == len(PNG)


def test_the_same_name_twice_gives_two_files(tmp_path: Path) -> None:
    first = upload.store_upload([PNG], "avatar.png", tmp_path, 1000)
    second = upload.store_upload([PNG], "avatar.png", tmp_path, 1000)
    assert first.key != second.key and len(files_in(tmp_path)) == 2


@pytest.mark.parametrize(
    ("client_name", "label"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\cv.pdf", "cv.pdf"),
        ("invoice\x00.pdf\r\n", "invoice.pdf"),
        ("..", "upload"),
        ("", "upload"),
        ("Cafe\u0301 menu.pdf", "Caf\u00e9 menu.pdf"),  # codespell:ignore
        ("a" * 300 + ".png", "a" * 100),
    ],
)
def test_the_client_name_becomes_a_harmless_label(client_name: str, label: str) -> None:
    assert upload.display_label(client_name) == label


def test_a_label_is_never_where_the_file_goes(tmp_path: Path) -> None:
    stored = upload.store_upload([PNG], "../../outside.png", tmp_path / "store", 1000)
    assert files_in(tmp_path) == ["store"]
    assert files_in(tmp_path / "store") == [stored.key]


def test_path_for_returns_a_file_inside_the_folder(tmp_path: Path) -> None:
    stored = upload.store_upload([PNG], "a.png", tmp_path, 1000)
    assert upload.path_for(tmp_path, stored.key).read_bytes() == PNG


@pytest.mark.parametrize(
    "key",
    ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "holiday.png", "0" * 32 + ".html", "0" * 32],
)
def test_path_for_refuses_anything_but_an_issued_key(tmp_path: Path, key: str) -> None:
    with pytest.raises(upload.UploadRejected) as refused:
        upload.path_for(tmp_path, key)
    assert refused.value.status == 404


# --- signed_urls.py: a signed method, key and expiry ---


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def signer(clock: FakeClock) -> Any:
    return links.LinkSigner(SECRET, BASE, clock)


def test_a_fresh_link_grants_its_key(signer: Any) -> None:
    url = signer.sign("GET", "invoices/2026/8812.pdf", lifetime=300)
    assert url.startswith(BASE + "/invoices/2026/8812.pdf?expires=1800000300&signature=")
    assert signer.verify("GET", url) == "invoices/2026/8812.pdf"


def test_a_link_works_until_its_expiry_and_not_a_second_after(
    signer: Any, clock: FakeClock
) -> None:
    url = signer.sign("GET", "a.pdf", lifetime=300)
    clock.now += 299
    assert signer.verify("GET", url) == "a.pdf"
    clock.now += 1
    with pytest.raises(links.LinkRejected, match="expired"):
        signer.verify("GET", url)


def test_pushing_the_expiry_back_breaks_the_signature(signer: Any) -> None:
    url = signer.sign("GET", "a.pdf", lifetime=300)
    forged = url.replace("expires=1800000300", "expires=1900000000")
    with pytest.raises(links.LinkRejected, match="signature"):
        signer.verify("GET", forged)


def test_a_link_to_one_key_does_not_open_another(signer: Any) -> None:
    url = signer.sign("GET", "users/17/avatar.png", lifetime=60)
    with pytest.raises(links.LinkRejected, match="signature"):
        signer.verify("GET", url.replace("users/17", "users/18"))


def test_an_upload_link_cannot_be_used_to_download(signer: Any) -> None:
    url = signer.sign("PUT", "incoming/0f3a.png", lifetime=60)
    assert signer.verify("put", url) == "incoming/0f3a.png"
    with pytest.raises(links.LinkRejected, match="signature"):
        signer.verify("GET", url)


def test_a_link_signed_with_another_secret_is_refused(clock: FakeClock, signer: Any) -> None:
    other = links.LinkSigner(b"z" * 32, BASE, clock)
    with pytest.raises(links.LinkRejected, match="signature"):
        signer.verify("GET", other.sign("GET", "a.pdf", lifetime=60))


def test_a_link_for_another_store_is_refused(signer: Any) -> None:
    url = signer.sign("GET", "a.pdf", lifetime=60).replace("/o/", "/other/")
    with pytest.raises(links.LinkRejected, match="store"):
        signer.verify("GET", url)


@pytest.mark.parametrize(
    "query", ["", "?expires=soon&signature=ab", "?expires=1800000300", "?signature=ab"]
)
def test_missing_or_malformed_parameters_are_refused(signer: Any, query: str) -> None:
    with pytest.raises(links.LinkRejected, match="malformed"):
        signer.verify("GET", f"{BASE}/a.pdf{query}")


def test_a_non_ascii_signature_is_refused_not_crashed(signer: Any) -> None:
    with pytest.raises(links.LinkRejected, match="signature"):
        signer.verify("GET", f"{BASE}/a.pdf?expires=1800000300&signature=%C3%A9")


@pytest.mark.parametrize("lifetime", [0, -5, links.MAX_LIFETIME + 1, 7 * 24 * 3600])
def test_lifetimes_outside_the_limit_are_not_signed(signer: Any, lifetime: int) -> None:
    with pytest.raises(ValueError, match="lifetime"):
        signer.sign("GET", "a.pdf", lifetime=lifetime)


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        links.LinkSigner(b"password", BASE)
