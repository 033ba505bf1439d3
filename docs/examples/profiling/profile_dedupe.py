"""Profile a function with cProfile and print the calls that took the most time.

Run it from this folder: python profile_dedupe.py
"""

import cProfile
import io
import pstats
from collections.abc import Callable

from dedupe import dedupe_fast, dedupe_slow


def sample_ids(count: int) -> list[str]:
    """Order ids where roughly one in three is a repeat."""
    return [f"order-{i % (count * 2 // 3)}" for i in range(count)]


def profile(func: Callable[[list[str]], list[str]], ids: list[str]) -> cProfile.Profile:
    """Run func(ids) with the profiler on, and return what it recorded."""
    profiler = cProfile.Profile()
    profiler.enable()
    func(ids)
    profiler.disable()
    return profiler


def report(profiler: cProfile.Profile, limit: int = 5) -> str:
    """The top functions by cumulative time, as the table pstats prints."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(limit)
    return out.getvalue()


if __name__ == "__main__":
    ids = sample_ids(20_000)
    print(report(profile(dedupe_slow, ids)))
    print(report(profile(dedupe_fast, ids)))
