"""Grouping: differently worded and misspelled needs land in one topic; corrections stick."""

import csv
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from technohub.demand import grouping, services
from technohub.demand.models import Need, Topic
from technohub.demand.tests.factories import need

LABELLED = Path(grouping.__file__).parent / "data" / "labelled_needs.csv"


def test_the_issues_heat_pump_wordings_form_one_group_apart_from_welding():
    texts = [
        "warmtepomp basis",
        "kennismaking warmtepomptechniek",
        "installeren van warmtepompen",
        "warmtepom instaleren",
        "MIG/MAG lassen basis",
        "F-gassen certificaat",
    ]
    labels = grouping.cluster_texts(texts)
    assert len(set(labels[:4])) == 1
    assert labels[4] != labels[0] and labels[5] != labels[0]


def test_quality_on_the_labelled_set():
    with LABELLED.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 200 and len({row["topic"] for row in rows}) == 20
    labels = grouping.cluster_texts([row["text"] for row in rows])
    assert adjusted_rand_score([row["topic"] for row in rows], labels) >= 0.75


def test_normalise_folds_accents_filler_words_and_abbreviations():
    assert grouping.normalise("Cursus PV-panelen voor 3 monteurs") == "zonnepanelen panelen"
    assert grouping.cluster_texts([]) == [] and grouping.cluster_texts(["één"]) == [0]


def test_similar_needs_of_three_companies_make_one_topic(world):
    for company, text in zip(
        (world.a, world.b, world.c),
        ("warmtepomp basis", "kennismaking warmtepomptechniek", "installeren van warmtepompen"),
        strict=True,
    ):
        need(world.hub, company, text)
    need(world.hub, world.d, "VCA basis")
    topics = Topic.objects.order_by("label")
    assert topics.count() == 2
    heat = Need.objects.get(text="warmtepomp basis").topic
    assert heat.needs.count() == 3 and heat.stage == Topic.Stage.GROUPED
    assert heat.decisions.filter(action="grouped").exists()


def test_corrections_stick_when_grouping_runs_again(world):
    coordinator = world.users["coordinator"]
    for company in (world.a, world.b, world.c):
        need(world.hub, company, "warmtepomp installeren")
    odd = need(world.hub, world.d, "warmtepompen onderhoud")
    heat = odd.topic
    # split one need off, rename the rest: grouping must not undo either
    new = services.topic_split(topic=heat, needs=[odd], actor=coordinator, label="Onderhoud")
    services.topic_update(topic=heat, actor=coordinator, label="Warmtepomp", sector=None)
    services.needs_regroup(hub=world.hub, actor=coordinator)
    odd.refresh_from_db()
    heat.refresh_from_db()
    assert odd.topic == new and heat.label == "Warmtepomp" and heat.needs.count() == 3
    # a new similar need joins the existing topic, not a new one
    later = need(world.hub, world.d, "warmtepomp installeren voor nieuwe monteurs")
    assert later.topic == heat
    # merge back, then move one out by hand
    services.topic_merge(source=new, target=heat, actor=coordinator)
    assert not Topic.objects.filter(pk=new.pk).exists()
    vca = need(world.hub, world.a, "VCA basis").topic
    services.need_move(need=later, topic=vca, actor=coordinator)
    services.needs_regroup(hub=world.hub, actor=coordinator)
    later.refresh_from_db()
    assert later.topic == vca and later.pinned
    assert {d.action for d in heat.decisions.all()} >= {"split", "renamed", "merged", "need_out"}


def test_an_unpinned_need_can_be_regrouped_after_the_coordinator_lets_it_go(world):
    coordinator = world.users["coordinator"]
    heat = need(world.hub, world.a, "warmtepomp installeren").topic
    vca_need = need(world.hub, world.b, "VCA basis")
    services.need_move(need=vca_need, topic=heat, actor=coordinator)
    services.need_pin(need=vca_need, actor=coordinator, pinned=False)
    services.needs_regroup(hub=world.hub, actor=coordinator)
    vca_need.refresh_from_db()
    assert vca_need.topic != heat


def test_tiny_sets_keep_look_alike_subjects_apart():
    """Two or three needs: no idf to lean on, so a shared suffix must not merge subjects."""
    for apart in (
        ["lassen", "F-gassen"],
        ["MIG/MAG lassen basis", "F-gassen certificaat"],
        ["lastechniek opfrissen", "regeltechniek voor installateurs"],
        ["lassen voor beginners", "f-gassen categorie 1"],
    ):
        assert len(set(grouping.cluster_texts(apart))) == 2, apart
    for together in (
        ["warmtepomp basis", "kennismaking warmtepomptechniek"],
        ["lastechniek opfrissen", "MIG/MAG lassen"],
        ["F-gassen certificaat", "koudemiddelen f-gassen", "fgasen hercertificering"],
    ):
        assert len(set(grouping.cluster_texts(together))) == 1, together
