"""Observer: publishers announce events; subscribers react, without the publisher knowing them."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from typing import Any

Handler = Callable[[Any], None]
log = logging.getLogger(__name__)


class EventBus:
    def __init__(self) -> None:
        self._handlers: defaultdict[type, list[Handler]] = defaultdict(list)

    def subscribe(self, event_type: type, handler: Handler) -> None:
        self._handlers[event_type].append(handler)

    def publish(self, event: object) -> list[Exception]:
        """Call every handler of the event's type; one failing handler does not stop the rest."""
        failures: list[Exception] = []
        for handler in self._handlers[type(event)]:
            try:
                handler(event)
            except Exception as error:
                log.exception("handler %r failed on %r", handler, event)
                failures.append(error)
        return failures
