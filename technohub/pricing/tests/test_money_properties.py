"""Property tests: every split adds up to the total, to the cent, for any input."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from technohub.pricing import money

amounts = st.integers(min_value=0, max_value=10_000_000)
weights = st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=30)


@given(total=st.integers(min_value=-5_000_000, max_value=5_000_000), ws=weights)
def test_allocate_adds_up_and_is_fair_to_the_cent(total, ws):
    parts = money.allocate(total, list(enumerate(ws)))
    assert sum(parts.values()) == total
    weight_sum = sum(ws) or len(ws)
    for key, w in enumerate(ws):
        exact = Decimal(total) * Decimal(w if sum(ws) else 1) / Decimal(weight_sum)
        assert abs(Decimal(parts[key]) - exact) < 1


@given(total=amounts, n=st.integers(min_value=1, max_value=20))
def test_allocate_equal_weights_is_deterministic_and_first_keys_win_ties(total, n):
    parts = money.allocate(total, [(k, 1) for k in range(n)])
    assert parts == money.allocate(total, [(k, 1) for k in range(n)])
    values = [parts[k] for k in range(n)]
    assert values == sorted(values, reverse=True) and max(values) - min(values) <= 1


tiers = st.lists(
    st.tuples(st.integers(min_value=2, max_value=30), st.integers(min_value=0, max_value=200_000)),
    max_size=4,
    unique_by=lambda t: t[0],
)


@settings(max_examples=200)
@given(
    fixed=amounts,
    rate=st.integers(min_value=0, max_value=200_000),
    tier_list=tiers,
    parties=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=8),
    rule=st.sampled_from(["per_participant", "equal", "fixed"]),
    fund_percent=st.integers(min_value=0, max_value=100),
)
def test_joint_purchase_split_adds_up_and_alone_is_never_cheaper(
    fixed, rate, tier_list, parties, rule, fund_percent
):
    seats = [money.Seat((p, i), p) for p, count in enumerate(parties) for i in range(count)]
    shares = tuple((p, Decimal(100) / len(parties)) for p in range(len(parties)))
    price = money.PriceRule(
        model="joint_purchase",
        fixed=fixed,
        rate=rate,
        tiers=tuple(tier_list),
        split=rule,
        fixed_shares=shares,
    )
    result = money.split(price, seats)
    assert result.total == money.joint_total(fixed, rate, tuple(tier_list), len(seats))
    assert sum(result.party_share.values()) == result.total
    assert sum(result.seat_share.values()) == result.total
    for party, count in enumerate(parties):
        own = sum(v for (p, _i), v in result.seat_share.items() if p == party)
        assert own == result.party_share[party]
        assert result.party_alone[party] == money.joint_total(fixed, rate, tuple(tier_list), count)
    rates = [rate] + [r for _n, r in sorted(tier_list)]
    if rule == "per_participant" and rates == sorted(rates, reverse=True):
        # tiers that only ever lower the rate: together is never dearer than alone
        for party in range(len(parties)):
            assert result.party_share[party] <= result.party_alone[party] + 1
    for share in result.seat_share.values():
        paid = money.subsidy(share, percent=fund_percent)
        assert 0 <= paid <= share


@given(
    members=st.lists(st.booleans(), min_size=0, max_size=20),
    member_price=amounts,
    non_member_price=amounts,
    model=st.sampled_from(["per_participant", "entre_nous"]),
)
def test_per_participant_prices_add_up(members, member_price, non_member_price, model):
    seats = [money.Seat(i, i % 3, m) for i, m in enumerate(members)]
    price = money.PriceRule(
        model=model, member_price=member_price, non_member_price=non_member_price
    )
    result = money.split(price, seats)
    assert sum(result.party_share.values()) == result.total == sum(result.seat_share.values())
    for i, m in enumerate(members):
        expected = (0 if model == "entre_nous" else member_price) if m else non_member_price
        assert result.seat_share[i] == expected
    for party in result.party_share:
        assert result.party_alone[party] >= result.party_share[party]


def test_worked_example_from_the_docs():
    # €1,500 fixed, €400 per participant, €300 from 8; Bogro 5, Van Vliet 3 participants
    price = money.PriceRule(
        model="joint_purchase", fixed=150_000, rate=40_000, tiers=((8, 30_000),)
    )
    seats = [money.Seat(("b", i), "bogro") for i in range(5)]
    seats += [money.Seat(("v", i), "vanvliet") for i in range(3)]
    result = money.split(price, seats)
    assert result.total == 390_000
    assert result.party_share == {"bogro": 243_750, "vanvliet": 146_250}
    assert result.party_alone == {"bogro": 350_000, "vanvliet": 270_000}


def test_vat_and_cents():
    assert money.vat(10_000, Decimal("21")) == 2_100
    assert money.vat(-333, Decimal("21")) == -70
    assert money.cents("12.345") == 1235 and money.euros(1235) == Decimal("12.35")
