"""The offline edition as one zip: the built site under a single top folder.

The archive is reproducible: entries are sorted, every timestamp is the last
commit's (SOURCE_DATE_EPOCH) and permissions are fixed, so one commit always
gives the same bytes.

    python -m scripts.bundle <built-site> <output.zip> <top-folder-name>
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can hold


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = max(int(os.environ.get("SOURCE_DATE_EPOCH", _ZIP_EPOCH)), _ZIP_EPOCH)
    return time.gmtime(epoch)[:6]


def zip_tree(source: Path, target: Path, top: str) -> int:
    """Write every file under ``source`` into ``target`` as ``top/<path>``; return the count."""
    files = sorted(p for p in source.rglob("*") if p.is_file())
    stamp = _timestamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(source).as_posix()}", stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever machine builds it
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return len(files)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    source, target, top = Path(argv[0]), Path(argv[1]), argv[2]
    count = zip_tree(source, target, top)
    print(f"wrote {target} ({count} files, {target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
