"""Accept an uploaded file safely: a size cap, a type read from the bytes, a name we choose.

The client's file name and Content-Type are claims, not facts. This module
keeps the name only as a label to show back to people, never as a path, and
decides the type from the first bytes of the file itself.
"""

import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The formats this service accepts: the bytes each starts with, its type, our extension.
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": ("image/png", ".png"),
    b"\xff\xd8\xff": ("image/jpeg", ".jpg"),
    b"%PDF-": ("application/pdf", ".pdf"),
}
HEAD_BYTES = max(len(signature) for signature in SIGNATURES)
KEY_PATTERN = re.compile(r"[0-9a-f]{32}\.(png|jpg|pdf)")


class UploadRejected(Exception):
    """The upload is refused; status is the HTTP status code to answer with."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class StoredFile:
    key: str  # our random name: safe in a path, a URL or an object storage key
    media_type: str  # detected from the content
    size: int
    label: str  # the client's file name, cleaned, for display only


def sniff(head: bytes) -> tuple[str, str] | None:
    """The (media type, extension) whose signature the bytes start with, if any."""
    for signature, kind in SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


def display_label(client_name: str, limit: int = 100) -> str:
    """The client's file name reduced to something harmless to show back."""
    name = unicodedata.normalize("NFC", client_name)
    name = re.split(r"[/\\]", name)[-1]  # drop any folders, Unix or Windows style
    name = "".join(c for c in name if c.isprintable()).strip(" .")
    return name[:limit] or "upload"


def store_upload(
    chunks: Iterable[bytes], client_name: str, folder: Path, max_bytes: int
) -> StoredFile:
    """Save the body in folder under a random name, or raise UploadRejected and keep nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"{secrets.token_hex(16)}.part"
    size, head = 0, b""
    try:
        with partial.open("xb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > max_bytes:  # count what arrives; Content-Length can lie
                    raise UploadRejected(413, f"larger than {max_bytes} bytes")
                head += chunk[: HEAD_BYTES - len(head)]
                out.write(chunk)
        kind = sniff(head)
        if kind is None:
            raise UploadRejected(415, "not a PNG, JPEG or PDF file")
        media_type, extension = kind
        key = secrets.token_hex(16) + extension
        partial.replace(folder / key)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return StoredFile(key, media_type, size, display_label(client_name))


def path_for(folder: Path, key: str) -> Path:
    """The file behind a key taken from a URL; anything but a key we issued is refused."""
    if not KEY_PATTERN.fullmatch(key):
        raise UploadRejected(404, "no such file")
    return folder / key
