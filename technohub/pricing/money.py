"""Pure money arithmetic: euro cents as integers, splits that always add up to the total.

No database, no Django: the selectors feed plain values in, and the property tests in
`tests/test_money_properties.py` prove the rules for any input.
"""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(amount: Decimal | int | str) -> int:
    """Euro amount → whole cents (half up)."""
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def euros(amount_cents: int) -> Decimal:
    return (Decimal(amount_cents) / 100).quantize(CENT)


def percent_of(amount_cents: int, percent: Decimal | int) -> int:
    """`percent` % of an amount, rounded half up to a cent."""
    return int(
        (Decimal(amount_cents) * Decimal(percent) / 100).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


def allocate(total: int, weights: Sequence[tuple[Hashable, Decimal | int]]) -> dict:
    """Split `total` cents over keys in proportion to their weights: largest remainder.

    Each key gets the floor of its exact part; the cents left over go one by one to the keys
    with the largest remainders, ties broken by the order of `weights` (callers pass a stable
    order, e.g. by organisation id). The parts always add up to `total` exactly. With no
    positive weight, everyone weighs the same.
    """
    if not weights:
        return {}
    clean = [(key, max(Decimal(w), Decimal(0))) for key, w in weights]
    weight_sum = sum(w for _, w in clean)
    if weight_sum == 0:
        clean = [(key, Decimal(1)) for key, _ in clean]
        weight_sum = Decimal(len(clean))
    sign = -1 if total < 0 else 1
    magnitude = abs(total)
    parts, remainders = {}, []
    for index, (key, weight) in enumerate(clean):
        exact = Decimal(magnitude) * weight / weight_sum
        floor = int(exact)
        parts[key] = floor
        remainders.append((exact - floor, -index, key))
    left = magnitude - sum(parts.values())
    for _remainder, _index, key in sorted(remainders, reverse=True)[:left]:
        parts[key] += 1
    return {key: sign * value for key, value in parts.items()}


def tier_rate(base_rate: int, tiers: Sequence[tuple[int, int]], participants: int) -> int:
    """The cost per participant (cents) at this group size: the highest tier reached."""
    rate = base_rate
    for from_participants, tier in sorted(tiers):
        if participants >= from_participants:
            rate = tier
    return rate


def joint_total(fixed: int, base_rate: int, tiers: Sequence[tuple[int, int]], n: int) -> int:
    """A joint purchase's total for n participants: fixed cost + n × the rate of its tier."""
    if n <= 0:
        return 0
    return fixed + n * tier_rate(base_rate, tiers, n)


@dataclass(frozen=True)
class Seat:
    """One billable participant: `party` pays (an organisation id, or None: no company)."""

    key: Hashable
    party: Hashable
    member: bool = True


@dataclass(frozen=True)
class PriceRule:
    model: str  # per_participant | joint_purchase | entre_nous
    member_price: int = 0
    non_member_price: int = 0
    fixed: int = 0
    rate: int = 0
    tiers: tuple[tuple[int, int], ...] = ()
    split: str = "per_participant"  # per_participant | equal | fixed
    fixed_shares: tuple[tuple[Hashable, Decimal], ...] = ()


@dataclass
class Split:
    total: int  # what the group pays together (cents)
    seat_share: dict  # seat key → cents
    party_share: dict  # party → cents
    party_alone: dict  # party → cents: the reference price of buying alone


def _party_weights(rule: PriceRule, counts: dict) -> list[tuple[Hashable, Decimal]]:
    parties = list(counts)
    if rule.split == "equal":
        return [(p, Decimal(1)) for p in parties]
    if rule.split == "fixed":
        shares = dict(rule.fixed_shares)
        weights = [(p, Decimal(shares.get(p, 0))) for p in parties]
        if any(w > 0 for _, w in weights):
            return weights
    return [(p, Decimal(counts[p])) for p in parties]


def split(rule: PriceRule, seats: Sequence[Seat]) -> Split:
    """Who pays what for one edition, to the cent. Seats in a stable order (tie-breaks)."""
    counts: dict = {}
    for seat in seats:
        counts[seat.party] = counts.get(seat.party, 0) + 1
    if rule.model == "joint_purchase":
        total = joint_total(rule.fixed, rule.rate, rule.tiers, len(seats))
        party_share = allocate(total, _party_weights(rule, counts))
        seat_share = {}
        for party, amount in party_share.items():
            own = [s.key for s in seats if s.party == party]
            seat_share.update(allocate(amount, [(k, 1) for k in own]))
        alone = {p: joint_total(rule.fixed, rule.rate, rule.tiers, n) for p, n in counts.items()}
        return Split(total, seat_share, party_share, alone)
    # per participant (member / non-member price) and entre nous (free for members)
    member = 0 if rule.model == "entre_nous" else rule.member_price
    seat_share = {s.key: member if s.member else rule.non_member_price for s in seats}
    party_share = {p: 0 for p in counts}
    for seat in seats:
        party_share[seat.party] += seat_share[seat.key]
    alone = {p: n * rule.non_member_price for p, n in counts.items()}
    alone = {p: max(alone[p], party_share[p]) for p in counts}
    return Split(sum(seat_share.values()), seat_share, party_share, alone)


def subsidy(share: int, *, percent: Decimal | None = None, amount: int | None = None) -> int:
    """What a fund pays of one participant's share: a percentage or a fixed amount, capped."""
    paid = percent_of(share, percent) if percent is not None else (amount or 0)
    return max(0, min(paid, share))


def vat(amount: int, rate: Decimal) -> int:
    """VAT on an amount (cents, half up; negative amounts give negative VAT)."""
    sign = -1 if amount < 0 else 1
    return sign * percent_of(abs(amount), rate)
