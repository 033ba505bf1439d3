"""Third-party browser scripts served from the site itself, never from a CDN.

Each package is copied from its npm tarball into docs/assets/vendor/<name>/
with its license and a vendor.json recording version and sha256, so a test can
prove the files are exactly the released ones. Refresh with ``make vendor``
(needs npm); the build itself never touches the network.

    python -m scripts.vendor            # fetch with npm pack, copy, record
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR_DIR = Path("docs/assets/vendor")


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    files: dict[str, str]
    """Path inside the npm package -> file name in docs/assets/vendor/<name>/."""
    why: str


PACKAGES = (
    Package(
        "mermaid",
        "11.17.2",
        {"dist/mermaid.min.js": "mermaid.min.js", "LICENSE": "LICENSE"},
        "draws the guide's diagrams to SVG (make diagrams) and in the live preview;"
        " never published",
    ),
    Package(
        "iframe-worker",
        "1.0.4",
        {"shim/index.js": "shim.js", "LICENSE": "LICENSE"},
        "lets search run from file:// in the offline bundle (Web Workers need a server)",
    ),
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def manifest(package: Package, folder: Path) -> dict[str, object]:
    return {
        "package": package.name,
        "version": package.version,
        "source": f"npm pack {package.name}@{package.version}",
        "why": package.why,
        "files": {
            target: {"from": source, "sha256": sha256(folder / target)}
            for source, target in package.files.items()
        },
    }


def fetch(package: Package, vendor_dir: Path = VENDOR_DIR) -> Path:
    """Download the package with npm, copy its files, write vendor.json."""
    folder = vendor_dir / package.name
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", "--silent", f"{package.name}@{package.version}"],
            cwd=tmp,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tarball = next(Path(tmp).glob("*.tgz"))
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        for source, target in package.files.items():
            shutil.copyfile(Path(tmp) / "package" / source, folder / target)
    text = json.dumps(manifest(package, folder), indent=2) + "\n"
    (folder / "vendor.json").write_text(text, encoding="utf-8")
    return folder


def main() -> int:
    for package in PACKAGES:
        print(f"vendored {package.name}@{package.version} into {fetch(package)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
