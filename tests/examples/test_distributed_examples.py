"""The distribution examples do what docs/databases/distribution.md says they do.

hash_ring.py: adding a fifth node to four moves about a fifth of the keys, all of them to
the new node, where modulo placement moves most keys. quorum.py: with R + W > N every read
sees the latest acknowledged write, whichever replicas answered; with R + W <= N some
combination of answering replicas returns an old value.
"""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "distributed"
MODULES = ("hash_ring", "quorum")
KEYS = [f"customer:{i}" for i in range(20_000)]
NODES = ["db-a", "db-b", "db-c", "db-d"]


examples_on_path = examples_fixture(FOLDER, MODULES)


# --- hash_ring.py ---


def test_adding_a_node_moves_only_the_keys_the_new_node_takes() -> None:
    hash_ring = example("hash_ring")
    ring = hash_ring.HashRing(NODES)
    before = {key: ring.node_for(key) for key in KEYS}
    ring.add("db-e")
    moved = [key for key in KEYS if ring.node_for(key) != before[key]]
    assert {ring.node_for(key) for key in moved} == {"db-e"}
    assert 0.15 < len(moved) / len(KEYS) < 0.25  # about 1/5: the new node's share


def test_modulo_placement_moves_most_keys() -> None:
    hash_ring = example("hash_ring")
    five = [*NODES, "db-e"]
    moved = sum(hash_ring.modulo_node(k, NODES) != hash_ring.modulo_node(k, five) for k in KEYS)
    assert moved / len(KEYS) > 0.75  # 4 keys in 5 change node


def test_virtual_nodes_spread_keys_evenly() -> None:
    hash_ring = example("hash_ring")
    ring = hash_ring.HashRing(NODES)
    shares = Counter(ring.node_for(key) for key in KEYS)
    assert set(shares) == set(NODES)
    assert all(0.18 < count / len(KEYS) < 0.32 for count in shares.values())


def test_removing_a_node_hands_its_keys_to_the_others_only() -> None:
    hash_ring = example("hash_ring")
    ring = hash_ring.HashRing(NODES)
    before = {key: ring.node_for(key) for key in KEYS}
    ring.remove("db-b")
    for key in KEYS:
        if before[key] != "db-b":
            assert ring.node_for(key) == before[key]
        else:
            assert ring.node_for(key) != "db-b"


def test_replicas_are_distinct_nodes_starting_with_the_owner() -> None:
    hash_ring = example("hash_ring")
    ring = hash_ring.HashRing(NODES)
    for key in KEYS[:200]:
        replicas = ring.replicas_for(key, 3)
        assert len(set(replicas)) == 3 and replicas[0] == ring.node_for(key)


# --- quorum.py ---


def outcomes(n: int, w: int, r: int) -> set[str | None]:
    """Every value a read can return after 'old' then 'new' are written with W replicas each."""
    quorum = example("quorum")
    seen: set[str | None] = set()
    for first, second in itertools.product(itertools.combinations(range(n), w), repeat=2):
        for read_set in itertools.permutations(range(n), r):
            replicas = quorum.Replicas(n, w, r)
            replicas.write("cart:7", "old", list(first))
            replicas.write("cart:7", "new", list(second))
            seen.add(replicas.read("cart:7", list(read_set)))
    return seen


@pytest.mark.parametrize(("n", "w", "r"), [(3, 2, 2), (3, 3, 1), (3, 1, 3), (5, 3, 3)])
def test_overlapping_quorums_always_read_the_latest_write(n: int, w: int, r: int) -> None:
    assert r + w > n
    assert outcomes(n, w, r) == {"new"}


@pytest.mark.parametrize(("n", "w", "r"), [(3, 1, 1), (3, 2, 1), (3, 1, 2), (5, 2, 3)])
def test_non_overlapping_quorums_can_read_a_stale_value(n: int, w: int, r: int) -> None:
    assert r + w <= n
    assert "new" in outcomes(n, w, r)
    assert outcomes(n, w, r) - {"new"}  # an old value, or nothing at all


def test_too_few_replicas_refuse_instead_of_weakening() -> None:
    quorum = example("quorum")
    replicas = quorum.Replicas(3, 2, 2)
    with pytest.raises(quorum.QuorumNotReached, match="1 of the 2"):
        replicas.write("cart:7", "new", [0])
    replicas.write("cart:7", "new", [0, 1])
    with pytest.raises(quorum.QuorumNotReached):
        replicas.read("cart:7", [2])
    assert replicas.read("cart:7", [2, 1]) == "new"
