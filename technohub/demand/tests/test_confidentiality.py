"""Attempts to learn another company's confidential need from what a member sees, all failing.

Every member-facing output (the funnel page, its CSV export, the API, the chart data) goes
through `member_funnel`; the tests attack it and the outputs built on it.
"""

import difflib
import json

import pytest

from technohub.demand import selectors, services
from technohub.demand.models import Need, Topic
from technohub.demand.tests.factories import member_company, need
from technohub.hubs.tokens import token_create

ANON, OPEN, COORD = "anonymous", "open", "coordinator"
HEAT = ("warmtepomp basis", "kennismaking warmtepomptechniek", "installeren van warmtepompen")


def seen_by(world, organisation, sector=None):
    viewer = selectors.viewer_of_organisation(organisation)
    return selectors.member_funnel(viewer=viewer, hub=world.hub, sector=sector)


def heat_needs(world, companies, confidentiality=ANON, people=3):
    for company, text in zip(companies, HEAT * 3, strict=False):
        need(world.hub, company, text, confidentiality=confidentiality, people=people)


def test_a_topic_appears_only_with_k_other_companies(world):
    heat_needs(world, [world.b, world.c])
    assert seen_by(world, world.a) == []  # k - 1 = 2 others: nothing, not even a count
    heat_needs(world, [world.d])
    [topic] = seen_by(world, world.a)
    assert topic.companies_at_least == 3


def test_the_members_own_need_never_makes_a_topic_visible_to_it(world):
    heat_needs(world, [world.a, world.b, world.c])
    assert seen_by(world, world.a) == []  # only two *other* companies behind it
    assert len(seen_by(world, world.d)) == 1  # a fourth company sees three others


def test_coordinator_only_needs_are_never_counted(world):
    heat_needs(world, [world.b, world.c])
    heat_needs(world, [world.d], confidentiality=COORD)
    assert seen_by(world, world.a) == []  # the hidden third company does not lift it to k

    heat_needs(world, [world.d])
    before = seen_by(world, world.a)
    fifth = member_company(world.hub)
    heat_needs(world, [fifth], confidentiality=COORD, people=40)
    need(world.hub, world.b, "warmtepomp basis", confidentiality=COORD, people=7)
    assert seen_by(world, world.a) == before  # counts, band, critical mass, stage: unchanged


@pytest.fixture
def outputs(world, login, client):
    """Everything company A's contact and A's API token see: page (main), CSV, API."""
    _, key = token_create(organisation=world.a, name="HR", actor=None)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    def collect():
        login("contact_a")
        page = client.get("/mijn/vraag/woerden/").content.decode()
        page = page[page.index("<main") : page.index("</main>")]
        export = client.get("/mijn/vraag/woerden/vraag.csv").content
        api = client.get("/api/v1/topics", **auth).json()
        return page, export, api

    return collect


def assert_unchanged(after, before) -> None:
    """The same page, CSV and API answer; otherwise the failure shows what moved."""
    for name, old, new in zip(("page", "csv", "api"), before, after, strict=True):
        diff = difflib.unified_diff(str(old).splitlines(), str(new).splitlines(), lineterm="")
        assert old == new, f"the {name} changed:\n" + "\n".join(diff)


def test_a_coordinator_only_need_changes_nothing_on_the_page_the_csv_or_the_api(world, outputs):
    heat_needs(world, [world.b, world.c, world.d])
    before = outputs()
    heat_needs(world, [member_company(world.hub)], confidentiality=COORD, people=25)
    assert_unchanged(outputs(), before)


def test_one_more_anonymous_company_changes_no_figure_anywhere(world, outputs):
    """'Totals that change by one company's count': the company figure is k, not a count."""
    heat_needs(world, [world.b, world.c, world.d], people=2)  # 6 people: 5–9
    before = outputs()
    assert before[2][0]["companies_at_least"] == 3
    heat_needs(world, [member_company(world.hub)], people=1)  # 7 people: still 5–9
    assert_unchanged(outputs(), before)  # page, CSV and API byte-identical: nothing to subtract
    heat_needs(world, [member_company(world.hub)], people=1)  # a fifth other company
    assert_unchanged(outputs(), before)


def test_named_companies_cannot_be_subtracted_from_a_company_count(world, outputs):
    """Four named companies and one anonymous one look exactly like the four named alone."""
    for company in (world.b, world.c, world.d):
        need(world.hub, company, "warmtepomp basis", confidentiality=OPEN, people=2)
    fourth = member_company(world.hub, name="Bedrijf E")
    need(world.hub, fourth, "warmtepomp basis", confidentiality=OPEN, people=2)  # 8: 5–9
    before = outputs()
    assert before[2][0]["named_companies"] == ["Bedrijf B", "Bedrijf C", "Bedrijf D", "Bedrijf E"]
    need(world.hub, member_company(world.hub), "warmtepomp basis", people=1)  # anonymous, 9
    assert_unchanged(outputs(), before)


def test_a_named_companys_extra_anonymous_need_does_not_show(world, outputs):
    """Names depend on open needs only: B stays named, and nothing tells its new need."""
    heat_needs(world, [world.c, world.d], people=2)
    need(world.hub, world.b, "warmtepomp basis", confidentiality=OPEN, people=1)  # 5: 5–9
    before = outputs()
    assert before[2][0]["named_companies"] == ["Bedrijf B"]
    need(world.hub, world.b, "warmtepompen installeren", confidentiality=ANON, people=3)  # 8
    assert_unchanged(outputs(), before)


def test_a_filter_shows_the_same_numbers_as_no_filter(world):
    heat_needs(world, [world.b, world.c, world.d])
    topic = Topic.objects.get()
    services.topic_update(
        topic=topic, actor=world.users["coordinator"], label="Warmtepompen", sector=world.sector
    )
    # needs of companies in another sector do not make a sector-only sub-total
    need(world.hub, world.b, "warmtepomp basis", sector=world.other_sector, people=9)
    unfiltered = seen_by(world, world.a)
    assert seen_by(world, world.a, sector=world.sector) == unfiltered
    assert seen_by(world, world.a, sector=world.other_sector) == []


def test_anonymous_companies_are_never_named_anywhere(world, login, client):
    heat_needs(world, [world.b, world.c])
    need(world.hub, world.d, "warmtepomp basis", confidentiality=OPEN)
    [topic] = seen_by(world, world.a)
    assert topic.named == ("Bedrijf D",)
    login("contact_a")
    page = client.get("/mijn/vraag/woerden/").content.decode()
    export = client.get("/mijn/vraag/woerden/vraag.csv").content.decode()
    for output in (page, export):
        assert "Bedrijf D" in output
        assert "Bedrijf B" not in output and "Bedrijf C" not in output


def test_a_company_is_named_for_its_open_need_only(world):
    heat_needs(world, [world.b, world.c, world.d])
    assert seen_by(world, world.a)[0].named == ()
    need(world.hub, world.b, "warmtepompen installeren", confidentiality=OPEN)
    [topic] = seen_by(world, world.a)
    assert topic.named == ("Bedrijf B",)  # what B chose to say; its people join the band


def test_one_companys_people_hide_in_a_band_of_five(world):
    heat_needs(world, [world.b, world.c, world.d], people=3)  # 9 people
    [before] = seen_by(world, world.a)
    fifth = member_company(world.hub)
    need(world.hub, fifth, "warmtepomp basis", people=1)  # 10 people
    [after] = seen_by(world, world.a)
    assert (before.participants_low, before.participants_high) == (5, 9)
    assert (after.participants_low, after.participants_high) == (10, 14)
    sixth = member_company(world.hub)
    need(world.hub, sixth, "warmtepomp basis", people=4)  # 14: the same band, no difference
    [later] = seen_by(world, world.a)
    assert (later.participants_low, later.participants_high) == (10, 14)


def test_withdrawn_needs_no_longer_count(world):
    heat_needs(world, [world.b, world.c, world.d])
    services.need_withdraw(need=Need.objects.get(organisation=world.d), actor=None)
    assert seen_by(world, world.a) == []


def test_parked_topics_and_sensitive_topics_are_hidden(world):
    heat_needs(world, [world.b, world.c, world.d])
    topic = Topic.objects.get()
    coordinator = world.users["coordinator"]
    services.topic_update(topic=topic, actor=coordinator, label="Warmtepomp", sector=world.sector)
    services.topic_flag(topic=topic, actor=world.users["teacher"], reason="kerncompetentie")
    assert seen_by(world, world.a) == []  # a sensitive topic is not offered jointly
    team = selectors.viewer_of_user(world.users["teacher"], world.hub)
    [seen] = selectors.member_funnel(viewer=team, hub=world.hub)
    assert seen.sensitive and seen.flagged_by_viewer and seen.companies_at_least == 3
    services.topic_unflag(topic=topic, actor=world.users["teacher"])
    services.topic_move_stage(
        topic=topic, stage=Topic.Stage.PARKED, actor=coordinator, reason="later"
    )
    assert seen_by(world, world.a) == []


def test_an_early_stage_decision_does_not_show(world):
    """A coordinator's 'critical mass' may rest on hidden needs: members see 'collecting'."""
    heat_needs(world, [world.b, world.c, world.d], people=3)
    topic = Topic.objects.get()
    services.topic_move_stage(
        topic=topic, stage=Topic.Stage.CRITICAL_MASS, actor=world.users["coordinator"]
    )
    [seen] = seen_by(world, world.a)
    assert seen.stage == "collecting"


@pytest.mark.parametrize("k", [3, 4])
def test_the_hubs_k_is_respected_and_at_least_two(world, k):
    services.funnel_settings_update(
        hub=world.hub, actor=world.users["coordinator"], min_companies=3, min_participants=8,
        k_anonymity=k,
    )  # fmt: skip
    heat_needs(world, [world.b, world.c, world.d])
    assert len(seen_by(world, world.a)) == (1 if k == 3 else 0)


def test_chart_data_holds_only_what_the_table_shows(world):
    heat_needs(world, [world.b, world.c, world.d])
    rows = seen_by(world, world.a)
    chart = selectors.chart_data(rows, value="participants_low", sectors_label="—")
    assert chart["labels"] == [row.label for row in rows]
    values = [v for dataset in chart["datasets"] for v in dataset["data"] if v is not None]
    assert values == [row.participants_low for row in rows]
    assert "Bedrijf" not in json.dumps(chart)


def test_enough_interest_follows_from_the_shown_figures_only(world):
    """The badge never flips on a count members cannot see (9 people read 5–9)."""
    coordinator = world.users["coordinator"]
    services.funnel_settings_update(
        hub=world.hub, actor=coordinator, min_companies=3, min_participants=8, k_anonymity=3
    )
    heat_needs(world, [world.b, world.c, world.d], people=3)  # 9 people
    [seen] = seen_by(world, world.a)
    assert (seen.participants_low, seen.critical_mass) == (5, False)
    need(world.hub, member_company(world.hub), "warmtepomp basis", people=1)  # 10 people
    [seen] = seen_by(world, world.a)
    assert (seen.participants_low, seen.critical_mass) == (10, True)
    services.funnel_settings_update(
        hub=world.hub, actor=coordinator, min_companies=5, min_participants=8, k_anonymity=3
    )
    # four companies meet 5 with A's own need, but "3 or more" others cannot show it
    assert not seen_by(world, world.a)[0].critical_mass
    need(world.hub, world.a, "warmtepomp basis", people=1)
    assert not seen_by(world, world.a)[0].critical_mass  # 3 + A = 4 < 5
