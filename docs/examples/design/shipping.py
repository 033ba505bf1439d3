"""Strategy and factory: interchangeable pricing rules, chosen from configuration in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

# A strategy is anything that turns (weight in grams, order total in cents) into a price.
ShippingRule = Callable[[int, int], int]


def flat_rate(weight_g: int, total_cents: int, *, cents: int) -> int:
    return cents


def by_weight(weight_g: int, total_cents: int, *, base_cents: int, per_kg_cents: int) -> int:
    started_kg = -(-weight_g // 1000)  # every started kilogram counts
    return base_cents + started_kg * per_kg_cents


def free_over(weight_g: int, total_cents: int, *, threshold_cents: int, rule: ShippingRule) -> int:
    return 0 if total_cents >= threshold_cents else rule(weight_g, total_cents)


def shipping_rule(config: Mapping[str, object]) -> ShippingRule:
    """The factory: the only code that knows every rule and how configuration names it."""
    kind = config.get("kind")
    if kind == "flat":
        return partial(flat_rate, cents=_int(config, "cents"))
    if kind == "by-weight":
        return partial(
            by_weight,
            base_cents=_int(config, "base_cents"),
            per_kg_cents=_int(config, "per_kg_cents"),
        )
    if kind == "free-over":
        inner = config.get("otherwise")
        if not isinstance(inner, Mapping):
            raise ValueError("shipping: 'free-over' needs an 'otherwise' rule")
        return partial(
            free_over, threshold_cents=_int(config, "threshold_cents"), rule=shipping_rule(inner)
        )
    raise ValueError(f"shipping: unknown kind {kind!r}; use flat, by-weight or free-over")


def _int(config: Mapping[str, object], key: str) -> int:
    value = config.get(key)
    if not isinstance(value, int) or value < 0:
        raise ValueError(f"shipping: {key} must be a whole number of cents >= 0, got {value!r}")
    return value
