"""An in-process cache: entries expire after a TTL, and when the cache is full the least
recently used entry is evicted. get() returns None on a miss, so do not cache None."""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LRUCache(Generic[K, V]):
    def __init__(
        self, max_entries: int, ttl: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.max_entries, self.ttl, self._clock = max_entries, ttl, clock
        self._entries: OrderedDict[K, tuple[float, V]] = OrderedDict()  # least recent first
        self._lock = threading.Lock()  # web servers call from many threads at once
        self.hits = self.misses = self.evictions = 0

    def get(self, key: K) -> V | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry[0] <= self._clock():
                self._entries.pop(key, None)  # an expired entry is dropped when read
                self.misses += 1
                return None
            self._entries.move_to_end(key)  # now the most recently used
            self.hits += 1
            return entry[1]

    def set(self, key: K, value: V, ttl: float | None = None) -> None:
        with self._lock:
            expires_at = self._clock() + (self.ttl if ttl is None else ttl)
            self._entries[key] = (expires_at, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)  # the least recently used
                self.evictions += 1

    def delete(self, key: K) -> None:
        with self._lock:
            self._entries.pop(key, None)
