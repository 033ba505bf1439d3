"""``python -m scripts.bench OUTDIR``: run the benchmark and write its results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scripts.bench import BenchError
from scripts.bench.measure import run_benchmark
from scripts.bench.results import Results, render_summary, write_results


def main(
    argv: Sequence[str] | None = None,
    measure: Callable[[int, bool], Results] = run_benchmark,
) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.bench",
        description="Time the site's build variants, make serve and make test.",
    )
    parser.add_argument("outdir", type=Path, help="where <date>.json and <date>.md go")
    parser.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--skip-make-test", action="store_true", help="do not run make test")
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        results = measure(options.runs, not options.skip_make_test)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    json_path, md_path = write_results(results, options.outdir)
    print(render_summary(results))
    print(f"wrote {json_path} and {md_path}", file=sys.stderr)
    return 0 if results.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
