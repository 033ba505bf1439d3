"""The async examples do what docs/languages/async.md says they do.

The Python files run on a real event loop. Concurrency is measured by counting
calls in flight, which does not depend on how busy the machine is; the few
timing checks only assert lower bounds or wide gaps. The JavaScript files run
under Node.js when it is installed (test_example_files.py parses them always).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import shutil
import subprocess
import time
from types import ModuleType

import pytest
from conftest import ROOT
from examplefiles import load_file

FOLDER = ROOT / "docs" / "examples" / "async"


def load(name: str) -> ModuleType:
    return load_file(FOLDER / f"{name}.py")


calls = load("concurrent_calls")
blocking = load("blocking")
background = load("background")
bounded = load("bounded")


# --- concurrent_calls.py: one by one versus together ---


def test_awaiting_in_a_loop_runs_one_call_at_a_time() -> None:
    service = calls.PriceService(delay=0.01)
    assert asyncio.run(calls.prices_one_by_one(service, [1, 2, 3])) == [100, 200, 300]
    assert service.most_in_flight == 1


def test_a_task_group_runs_the_calls_together_and_keeps_their_order() -> None:
    service = calls.PriceService(delay=0.05)
    started = time.perf_counter()
    prices = asyncio.run(calls.prices_together(service, [3, 1, 2, 5, 4], limit_s=5))
    assert prices == [300, 100, 200, 500, 400]
    assert service.most_in_flight == 5
    assert time.perf_counter() - started < 5 * 0.05, "five waits overlapped, not added up"


def test_one_failure_cancels_the_other_calls() -> None:
    service = calls.PriceService(delay=10, failing=frozenset({2}))
    started = time.perf_counter()
    with pytest.raises(ExceptionGroup) as raised:
        asyncio.run(calls.prices_together(service, [1, 2, 3], limit_s=30))
    assert [type(e) for e in raised.value.exceptions] == [LookupError]
    assert sorted(service.canceled) == [1, 3] and service.in_flight == 0
    assert time.perf_counter() - started < 5, "the siblings were not left waiting"


def test_the_deadline_cancels_every_call_still_waiting() -> None:
    service = calls.PriceService(delay=10)
    started = time.perf_counter()
    with pytest.raises(TimeoutError):
        asyncio.run(calls.prices_together(service, [1, 2, 3], limit_s=0.05))
    assert sorted(service.canceled) == [1, 2, 3]
    assert time.perf_counter() - started < 5


# --- blocking.py: a blocking call stalls the whole loop ---


def test_a_blocking_call_stops_every_other_task() -> None:
    assert asyncio.run(blocking.longest_pause(blocking.handler_that_blocks)) >= 0.3


@pytest.mark.parametrize("handler", ["handler_in_a_thread", "handler_that_awaits"])
def test_the_fixed_handlers_leave_the_loop_free(handler: str) -> None:
    pause = asyncio.run(blocking.longest_pause(getattr(blocking, handler)))
    # The blocking handler holds the loop for its whole 0.3 s call; a fixed one never
    # does. The margin leaves room for a loaded machine's scheduling delays.
    assert pause < 0.25, f"the heartbeat stalled for {pause:.3f} s"


def test_debug_mode_names_the_task_that_blocked(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="asyncio"):
        asyncio.run(blocking.handler_that_blocks(), debug=True)
    assert any("took 0.3" in record.getMessage() for record in caplog.records)


# --- background.py: coroutines that never run ---


def test_a_coroutine_called_without_await_never_runs() -> None:
    audit_log: list[str] = []
    with pytest.warns(RuntimeWarning, match="was never awaited"):
        assert asyncio.run(background.checkout_buggy(audit_log)) == "thanks for your order"
        gc.collect()
    assert audit_log == []


def test_awaiting_it_runs_it() -> None:
    audit_log: list[str] = []
    asyncio.run(background.checkout_fixed(audit_log))
    assert audit_log == ["order placed"]


def test_background_tasks_are_held_until_they_finish() -> None:
    audit_log: list[str] = []

    async def scenario() -> tuple[int, int]:
        tasks = background.BackgroundTasks()
        for n in range(3):
            tasks.start(background.record_audit(f"entry {n}", audit_log))
        held = len(tasks)
        gc.collect()  # a task with no strong reference could vanish here
        await tasks.wait()
        return held, len(tasks)

    assert asyncio.run(scenario()) == (3, 0)
    assert sorted(audit_log) == ["entry 0", "entry 1", "entry 2"]


# --- bounded.py: a limit on calls in flight ---


def test_gather_alone_starts_every_call_at_once() -> None:
    service = calls.PriceService(delay=0.01)
    asyncio.run(bounded.map_unbounded(service.fetch_price, range(200)))
    assert service.most_in_flight == 200


def test_a_semaphore_caps_the_calls_in_flight_and_keeps_the_order() -> None:
    service = calls.PriceService(delay=0.01)
    prices = asyncio.run(bounded.map_bounded(service.fetch_price, range(200), limit=10))
    assert prices == [n * 100 for n in range(200)]
    assert service.most_in_flight == 10


# --- the JavaScript examples, run by Node.js ---


def run_node(name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH (apt-get install nodejs; .ci/run installs it)")
    command = [node, str(FOLDER / name), *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def test_three_styles_give_the_same_answers() -> None:
    result = run_node("three_styles.mjs")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "callback: Ana",
        "promise: Ana",
        "await: Hello, Ana",
        "await: Sorry: no user 2",
        "together: Ana | Sorry: no user 2",
    ]
    assert lines[5].startswith("took ")


def test_a_busy_loop_delays_even_a_zero_timer() -> None:
    result = run_node("event_loop.mjs")
    assert result.returncode == 0, result.stderr
    assert "timer waited behind busy loop: 200 ms or more" in result.stdout
    assert "fixed checkout: ok" in result.stdout


def test_a_floating_promise_that_rejects_crashes_node() -> None:
    result = run_node("event_loop.mjs", "--show-crash")
    assert result.returncode == 1
    assert "audit store is down" in result.stderr
