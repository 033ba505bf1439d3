"""Consistent hashing: adding a node to the ring moves only the keys the new node takes over.

Each node owns many points on a ring of 2**64 positions (virtual nodes). A key belongs
to the first point clockwise from the key's own position. modulo_node() is the naive
alternative, shown for comparison: it moves most keys whenever the node count changes.
"""

import bisect
import hashlib


def ring_position(text: str) -> int:
    """A stable position on the ring. Python's own hash() of a string changes between runs."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


class HashRing:
    def __init__(self, nodes: list[str], vnodes: int = 100) -> None:
        self.vnodes = vnodes
        self._points: list[tuple[int, str]] = []
        for node in nodes:
            self.add(node)

    def add(self, node: str) -> None:
        for i in range(self.vnodes):
            bisect.insort(self._points, (ring_position(f"{node}#{i}"), node))

    def remove(self, node: str) -> None:
        self._points = [point for point in self._points if point[1] != node]

    def replicas_for(self, key: str, n: int = 1) -> list[str]:
        """The first n distinct nodes clockwise from the key: its owner, then its replicas."""
        start = bisect.bisect(self._points, (ring_position(key), ""))
        found: list[str] = []
        for step in range(len(self._points)):
            node = self._points[(start + step) % len(self._points)][1]
            if node not in found:
                found.append(node)
                if len(found) == n:
                    break
        return found

    def node_for(self, key: str) -> str:
        return self.replicas_for(key, 1)[0]


def modulo_node(key: str, nodes: list[str]) -> str:
    """Naive placement: hash modulo the node count."""
    return nodes[ring_position(key) % len(nodes)]
