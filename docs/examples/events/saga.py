"""An orchestrated saga: run the steps in order; if one fails, compensate the finished ones.

A real orchestrator also saves its progress after every step, so that after a crash it
resumes or compensates instead of forgetting a half-finished order. Compensations must be
idempotent and retried until they succeed: nothing is left to undo them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    name: str
    action: Callable[[], None]
    compensation: Callable[[], None] | None = None  # None: nothing to undo


class SagaFailed(Exception):
    def __init__(self, step: str, cause: Exception) -> None:
        super().__init__(f"step {step!r} failed ({cause}); earlier steps compensated")
        self.step = step


def run_saga(steps: list[Step], log: list[str]) -> None:
    finished: list[Step] = []
    for step in steps:
        try:
            step.action()
        except Exception as error:
            log.append(f"failed {step.name}")
            for done in reversed(finished):
                if done.compensation is not None:
                    done.compensation()
                    log.append(f"compensated {done.name}")
            raise SagaFailed(step.name, error) from error
        finished.append(step)
        log.append(f"done {step.name}")
