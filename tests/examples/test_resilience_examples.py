"""The resilience examples do what docs/production/resilience.md says they do.

The files live in docs/examples/resilience and import each other by plain
module name, as a reader would run them from one folder. Time is a fake clock
and sleeping only advances it, so every test is instant and deterministic.
"""

from __future__ import annotations

import contextlib
import random
from typing import Any

import httpx
import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "resilience"
MODULES = (
    "deadlines",
    "fraud_check",
    "retries",
    "circuit_breaker",
    "concurrency_limits",
    "recommendations",
)


examples_on_path = examples_fixture(FOLDER, MODULES)


def seeded(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 (repeatable jitter for tests, not cryptography)


class FakeClock:
    """A clock that moves only when told to; sleep() advances it and records the wait."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


class Flaky:
    """An operation that raises the given errors in turn, then returns "ok"."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


# --- deadlines.py: one budget for the request, shrinking as time passes ---


def test_timeout_is_the_shorter_of_the_cap_and_the_time_left() -> None:
    deadlines = example("deadlines")
    clock = FakeClock()
    deadline = deadlines.Deadline(2.0, clock)
    assert deadline.timeout(cap=0.5) == 0.5
    clock.now += 1.8
    assert deadline.timeout(cap=0.5) == pytest.approx(0.2)
    clock.now += 0.2
    with pytest.raises(deadlines.DeadlineExceeded):
        deadline.timeout(cap=0.5)


def test_budget_travels_downstream_and_is_never_raised() -> None:
    deadlines = example("deadlines")
    clock = FakeClock()
    caller = deadlines.Deadline(1.0, clock)
    clock.now += 0.25
    sent = caller.headers()
    assert sent == {deadlines.HEADER: "750"}
    # The next service keeps what is left, not its own longer default ...
    assert deadlines.Deadline.from_headers(sent, default=5.0, clock=clock).remaining() == 0.75
    # ... nor more than its default when a caller asks for a lot.
    generous = {deadlines.HEADER: "60000"}
    assert deadlines.Deadline.from_headers(generous, default=5.0, clock=clock).remaining() == 5.0


@pytest.mark.parametrize("headers", [{}, {"X-Request-Budget-Ms": "soon"}])
def test_missing_or_malformed_budget_falls_back_to_the_default(headers: dict[str, str]) -> None:
    deadlines = example("deadlines")
    assert deadlines.Deadline.from_headers(headers, default=3.0, clock=FakeClock()).remaining() == 3


def test_an_exhausted_budget_stops_the_next_service_at_once() -> None:
    deadlines = example("deadlines")
    spent = deadlines.Deadline.from_headers({deadlines.HEADER: "0"}, 5.0, FakeClock())
    with pytest.raises(deadlines.DeadlineExceeded):
        spent.timeout(cap=1.0)


# --- fraud_check.py: connect and read timeouts on a real client, budget passed on ---


class Recorder:
    """An httpx transport that answers every request and remembers what it was sent."""

    def __init__(self, score: float = 0.12) -> None:
        self.score = score
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={"score": self.score})


def test_client_sets_a_short_connect_and_a_longer_read_timeout() -> None:
    fraud = example("fraud_check")
    timeout = fraud.fraud_client().timeout
    assert timeout.connect == fraud.CONNECT < timeout.read == fraud.READ
    assert None not in (timeout.connect, timeout.read, timeout.write, timeout.pool)


def test_each_call_gets_the_time_left_and_passes_it_on() -> None:
    fraud, deadlines = example("fraud_check"), example("deadlines")
    clock = FakeClock()
    deadline = deadlines.Deadline(2.0, clock)
    clock.now += 1.6  # other work has used most of the request's budget
    recorder = Recorder()
    client = fraud.fraud_client(transport=httpx.MockTransport(recorder))
    assert fraud.fraud_score(client, 8812, deadline) == 0.12
    [sent] = recorder.requests
    assert sent.url.path == "/orders/8812/score"
    assert sent.extensions["timeout"]["read"] == pytest.approx(0.4)
    assert sent.extensions["timeout"]["connect"] == fraud.CONNECT
    assert sent.headers[deadlines.HEADER] == "400"


def test_no_request_once_the_budget_is_spent() -> None:
    fraud, deadlines = example("fraud_check"), example("deadlines")
    clock = FakeClock()
    deadline = deadlines.Deadline(0.5, clock)
    clock.now += 0.5
    recorder = Recorder()
    client = fraud.fraud_client(transport=httpx.MockTransport(recorder))
    with pytest.raises(deadlines.DeadlineExceeded):
        fraud.fraud_score(client, 8812, deadline)
    assert recorder.requests == []


# --- retries.py: capped exponential backoff, full jitter, transient errors only ---


def test_each_delay_stays_between_zero_and_the_capped_exponential() -> None:
    retries = example("retries")
    rng = seeded(19)
    for _ in range(200):
        delays = list(retries.backoff_delays(8, base=0.1, cap=2.0, rng=rng))
        assert len(delays) == 8
        for n, delay in enumerate(delays):
            assert 0 <= delay <= min(2.0, 0.1 * 2**n)


def test_jitter_spreads_clients_that_failed_together() -> None:
    retries = example("retries")
    rng = seeded(7)
    third_waits = [
        list(retries.backoff_delays(3, base=1.0, cap=10.0, rng=rng))[2] for _ in range(500)
    ]
    assert len({round(w, 3) for w in third_waits}) > 400, "waits should differ between clients"
    # Full jitter: uniform over [0, 4], so the waits fill the whole range.
    assert min(third_waits) < 0.2 and max(third_waits) > 3.8
    assert 1.8 < sum(third_waits) / len(third_waits) < 2.2


def test_transient_failures_are_retried_until_success() -> None:
    retries = example("retries")
    clock = FakeClock()
    flaky = Flaky(retries.TransientError("503"), retries.TransientError("timeout"))
    result = retries.call_with_retries(flaky, attempts=3, sleep=clock.sleep, rng=seeded(1))
    assert result == "ok"
    assert flaky.calls == 3
    assert len(clock.slept) == 2


def test_gives_up_after_the_last_attempt_with_the_last_error() -> None:
    retries = example("retries")
    clock = FakeClock()
    flaky = Flaky(*(retries.TransientError(f"failure {n}") for n in range(5)))
    with pytest.raises(retries.TransientError, match="failure 3"):
        retries.call_with_retries(flaky, attempts=4, sleep=clock.sleep)
    assert flaky.calls == 4
    assert len(clock.slept) == 3


def test_permanent_errors_are_not_retried() -> None:
    retries = example("retries")
    clock = FakeClock()
    flaky = Flaky(ValueError("400: malformed order"))
    with pytest.raises(ValueError, match="malformed"):
        retries.call_with_retries(flaky, attempts=5, sleep=clock.sleep)
    assert flaky.calls == 1
    assert clock.slept == []


def test_retry_after_from_the_server_is_a_minimum_wait() -> None:
    retries = example("retries")
    clock = FakeClock()
    flaky = Flaky(retries.TransientError("429", retry_after=7.0))
    retries.call_with_retries(flaky, attempts=2, base=0.1, sleep=clock.sleep)
    assert clock.slept == [7.0]


def test_no_retry_when_the_wait_would_outlive_the_deadline() -> None:
    retries, deadlines = example("retries"), example("deadlines")
    clock = FakeClock()
    deadline = deadlines.Deadline(1.0, clock)
    flaky = Flaky(retries.TransientError("503", retry_after=30.0))
    with pytest.raises(retries.TransientError):
        retries.call_with_retries(flaky, attempts=3, deadline=deadline, sleep=clock.sleep)
    assert flaky.calls == 1
    assert clock.slept == []


def test_attempts_below_one_is_a_clear_error() -> None:
    retries = example("retries")
    with pytest.raises(ValueError, match="at least 1"):
        retries.call_with_retries(lambda: "ok", attempts=0)


# --- circuit_breaker.py: closed -> open -> half-open -> closed or open ---


def tripped_breaker(clock: FakeClock, threshold: int = 3, reset_after: float = 30.0) -> Any:
    breaker_module = example("circuit_breaker")
    breaker = breaker_module.CircuitBreaker(
        "payments", failure_threshold=threshold, reset_after=reset_after, clock=clock
    )
    for _ in range(threshold):
        with pytest.raises(TimeoutError):
            breaker.call(Flaky(TimeoutError("read timed out")))
    return breaker


def test_opens_after_the_threshold_of_consecutive_failures() -> None:
    cb = example("circuit_breaker")
    breaker = cb.CircuitBreaker("payments", failure_threshold=3, clock=FakeClock())
    for _ in range(2):
        with pytest.raises(ConnectionError):
            breaker.call(Flaky(ConnectionError("refused")))
    assert breaker.state == cb.CLOSED
    with pytest.raises(ConnectionError):
        breaker.call(Flaky(ConnectionError("refused")))
    assert breaker.state == cb.OPEN


def test_a_success_resets_the_failure_count() -> None:
    cb = example("circuit_breaker")
    breaker = cb.CircuitBreaker("payments", failure_threshold=3, clock=FakeClock())
    for outcome in [TimeoutError(), TimeoutError(), None, TimeoutError(), TimeoutError()]:
        operation = Flaky() if outcome is None else Flaky(outcome)
        with contextlib.suppress(TimeoutError):
            breaker.call(operation)
    assert breaker.state == cb.CLOSED


def test_open_circuit_fails_fast_without_calling_and_says_when_to_retry() -> None:
    cb = example("circuit_breaker")
    clock = FakeClock()
    breaker = tripped_breaker(clock, reset_after=30.0)
    clock.now += 10
    operation = Flaky()
    with pytest.raises(cb.CircuitOpen) as refused:
        breaker.call(operation)
    assert operation.calls == 0
    assert refused.value.retry_after == pytest.approx(20.0)


def test_after_the_wait_one_successful_trial_closes_the_circuit() -> None:
    cb = example("circuit_breaker")
    clock = FakeClock()
    breaker = tripped_breaker(clock, reset_after=30.0)
    clock.now += 30
    assert breaker.call(Flaky()) == "ok"
    assert breaker.state == cb.CLOSED


def test_a_failed_trial_opens_the_circuit_for_another_full_wait() -> None:
    cb = example("circuit_breaker")
    clock = FakeClock()
    breaker = tripped_breaker(clock, reset_after=30.0)
    clock.now += 31
    with pytest.raises(TimeoutError):
        breaker.call(Flaky(TimeoutError()))
    assert breaker.state == cb.OPEN
    clock.now += 29
    with pytest.raises(cb.CircuitOpen):
        breaker.call(Flaky())


def test_half_open_lets_only_one_trial_through_at_a_time() -> None:
    cb = example("circuit_breaker")
    clock = FakeClock()
    breaker = tripped_breaker(clock)
    clock.now += 30
    seen: list[str] = []

    def trial() -> str:
        # While the trial runs, every other caller is still refused.
        with pytest.raises(cb.CircuitOpen):
            breaker.call(Flaky())
        seen.append(breaker.state)
        return "ok"

    assert breaker.call(trial) == "ok"
    assert seen == [cb.HALF_OPEN]
    assert breaker.state == cb.CLOSED


def test_client_errors_do_not_trip_the_breaker() -> None:
    cb = example("circuit_breaker")
    breaker = cb.CircuitBreaker("payments", failure_threshold=2, clock=FakeClock())
    for _ in range(5):
        with pytest.raises(LookupError):
            breaker.call(Flaky(LookupError("404: no such customer")))
    assert breaker.state == cb.CLOSED


# --- concurrency_limits.py: bulkheads and load shedding ---


def test_a_full_bulkhead_rejects_at_once_and_frees_slots_on_exit() -> None:
    limits = example("concurrency_limits")
    bulkhead = limits.ConcurrencyLimit("payments", limit=2)
    with contextlib.ExitStack() as held:
        held.enter_context(bulkhead.slot())
        held.enter_context(bulkhead.slot())
        with pytest.raises(limits.Rejected, match="2 of 2"):
            held.enter_context(bulkhead.slot())
    with bulkhead.slot():
        assert bulkhead.in_use == 1
    assert bulkhead.in_use == 0


def test_a_slot_is_freed_even_when_the_work_fails() -> None:
    limits = example("concurrency_limits")
    bulkhead = limits.ConcurrencyLimit("payments", limit=1)
    with pytest.raises(TimeoutError), bulkhead.slot():
        raise TimeoutError
    assert bulkhead.in_use == 0


def test_least_important_work_is_shed_first() -> None:
    limits = example("concurrency_limits")
    service = limits.ConcurrencyLimit("api", limit=4, reserved_for_critical=1)
    with service.slot(), service.slot(), service.slot():
        with pytest.raises(limits.Rejected), service.slot(critical=False):
            pass
        with service.slot(critical=True):
            assert service.in_use == 4
            with pytest.raises(limits.Rejected), service.slot(critical=True):
                pass


@pytest.mark.parametrize(("limit", "reserve"), [(3, 3), (3, -1), (0, 0)])
def test_impossible_reserve_is_a_clear_error(limit: int, reserve: int) -> None:
    limits = example("concurrency_limits")
    with pytest.raises(ValueError, match="reserve"):
        limits.ConcurrencyLimit("api", limit=limit, reserved_for_critical=reserve)


# --- recommendations.py: graceful degradation ---


class FakeService:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error
        self.timeouts: list[float] = []

    def __call__(self, user_id: int, timeout: float) -> list[str]:
        self.timeouts.append(timeout)
        if self.error is not None:
            raise self.error
        return [f"pick-for-{user_id}"]


def test_personal_picks_when_the_service_answers_within_the_deadline() -> None:
    recs, deadlines = example("recommendations"), example("deadlines")
    clock = FakeClock()
    service = FakeService()
    deadline = deadlines.Deadline(1.0, clock)
    clock.now += 0.9
    assert recs.Recommendations(service).for_user(42, deadline) == (["pick-for-42"], True)
    assert service.timeouts == [pytest.approx(0.1)], "the call gets only the time left"


def test_bestsellers_when_the_service_times_out() -> None:
    recs, deadlines = example("recommendations"), example("deadlines")
    page = recs.Recommendations(FakeService(TimeoutError()))
    assert page.for_user(42, deadlines.Deadline(1.0, FakeClock())) == (recs.BESTSELLERS, False)


def test_open_breaker_serves_the_fallback_without_calling_the_service() -> None:
    recs, deadlines = example("recommendations"), example("deadlines")
    service = FakeService(ConnectionError())
    page = recs.Recommendations(service)
    for _ in range(5):
        page.for_user(42, deadlines.Deadline(1.0))
    assert len(service.timeouts) == 5
    assert page.for_user(42, deadlines.Deadline(1.0)) == (recs.BESTSELLERS, False)
    assert len(service.timeouts) == 5, "an open breaker must not call the service"


def test_no_call_at_all_once_the_request_is_out_of_time() -> None:
    recs, deadlines = example("recommendations"), example("deadlines")
    clock = FakeClock()
    service = FakeService()
    deadline = deadlines.Deadline(0.5, clock)
    clock.now += 0.5
    assert recs.Recommendations(service).for_user(42, deadline) == (recs.BESTSELLERS, False)
    assert service.timeouts == []


def test_full_bulkhead_serves_the_fallback() -> None:
    recs, deadlines = example("recommendations"), example("deadlines")
    service = FakeService()
    page = recs.Recommendations(service)
    page.bulkhead.in_use = page.bulkhead.limit  # ten slow calls already in flight
    assert page.for_user(42, deadlines.Deadline(1.0)) == (recs.BESTSELLERS, False)
    assert service.timeouts == []
