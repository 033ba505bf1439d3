"""``python -m scripts.upstream data [--summary FILE]``."""

import sys

from scripts.upstream.report import main

raise SystemExit(main(sys.argv[1:]))
