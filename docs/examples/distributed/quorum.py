"""Quorum reads and writes over N replicas.

A write succeeds once W replicas have stored it; a read asks R replicas and keeps the
newest version it sees. When R + W > N, every read set overlaps every write set, so a
read always includes at least one replica holding the latest acknowledged write.
"""

from dataclasses import dataclass


class QuorumNotReached(Exception):
    """Too few replicas answered: the write or read is refused rather than weakened."""


@dataclass(frozen=True)
class Versioned:
    version: int  # real systems use timestamps (Cassandra) or vector clocks (Dynamo)
    value: str


class Replicas:
    def __init__(self, n: int, w: int, r: int) -> None:
        self.n, self.w, self.r = n, w, r
        self.stores: list[dict[str, Versioned]] = [{} for _ in range(n)]
        self._last_version = 0

    def write(self, key: str, value: str, reachable: list[int]) -> None:
        """Store on every reachable replica; acknowledge only if at least W of them stored it."""
        if len(reachable) < self.w:
            raise QuorumNotReached(f"write reached {len(reachable)} of the {self.w} needed")
        self._last_version += 1
        for replica in reachable:
            self.stores[replica][key] = Versioned(self._last_version, value)

    def read(self, key: str, reachable: list[int]) -> str | None:
        """Ask R of the reachable replicas and return the newest value among their answers."""
        if len(reachable) < self.r:
            raise QuorumNotReached(f"read reached {len(reachable)} of the {self.r} needed")
        answers = [self.stores[replica].get(key) for replica in reachable[: self.r]]
        newest = max((a for a in answers if a is not None), key=lambda a: a.version, default=None)
        return None if newest is None else newest.value
