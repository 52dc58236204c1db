"""The pages to change an edition after creation and to publish it: access per role, 404s for
unknown and other hubs' ids, valid HTML, and the pattern page after a proposal was accepted."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from technohub.backoffice.tests.conftest import check_access
from technohub.catalogue.models import Edition
from technohub.catalogue.tests.factories import EditionFactory, PlaceFactory, SessionFactory
from technohub.hubs.tests.factories import PersonFactory
from technohub.scheduling.models import Proposal, ProposedSession
from technohub.scheduling.tests.factories import next_monday, waiting_edition
from tests.test_html_validity import assert_valid

pytestmark = pytest.mark.django_db

EDITION_PAGES = [
    "edition_sessions",
    "session_add",
    "sessions_series",
    "edition_edit",
    "edition_publish",
]
SESSION_PAGES = ["session_edit", "session_cancel"]


def _planned(hub, **fields):
    """A draft edition with two evening sessions in the coming weeks."""
    fields = {"status": Edition.Status.DRAFT, **fields}
    edition = EditionFactory(course__hub=hub, **fields)
    start = timezone.localdate() + dt.timedelta(days=14)
    for week in range(2):
        day = start + dt.timedelta(weeks=week)
        SessionFactory(
            edition=edition,
            starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(19))),
            ends_at=timezone.make_aware(dt.datetime.combine(day, dt.time(21, 30))),
        )
    return edition


def _url(world, name, edition, session=None, hub=None):
    kwargs = {"hub_slug": (hub or world.hub).slug, "edition_id": edition.pk}
    if session is not None:
        kwargs["session_id"] = session.pk
    return reverse(f"backoffice:{name}", kwargs=kwargs)


@pytest.mark.parametrize("name", EDITION_PAGES + SESSION_PAGES)
def test_access_per_role(client, world, role, name):
    edition = _planned(world.hub)
    session = edition.sessions.first() if name in SESSION_PAGES else None
    check_access(client, world, role, _url(world, name, edition, session))


@pytest.mark.parametrize("name", EDITION_PAGES[1:] + SESSION_PAGES)  # the list is read-only
def test_posts_per_role(client, world, role, name):
    edition = _planned(world.hub)
    session = edition.sessions.first() if name in SESSION_PAGES else None
    check_access(client, world, role, _url(world, name, edition, session), method="post", ok=400)
    assert edition.sessions.count() == 2


@pytest.mark.parametrize("name", EDITION_PAGES + SESSION_PAGES)
def test_other_hubs_and_unknown_ids_are_404(coordinator_client, world, name):
    foreign = _planned(world.other_hub)
    mine = _planned(world.hub)
    if name in SESSION_PAGES:
        urls = [
            _url(world, name, foreign, foreign.sessions.first()),  # the other hub's edition
            _url(world, name, mine, foreign.sessions.first()),  # a session of another edition
            reverse(
                f"backoffice:{name}",
                kwargs={"hub_slug": world.hub.slug, "edition_id": mine.pk, "session_id": 999999},
            ),
        ]
    else:
        urls = [
            _url(world, name, foreign),
            reverse(
                f"backoffice:{name}", kwargs={"hub_slug": world.hub.slug, "edition_id": 999999}
            ),
        ]
    for url in urls:
        assert coordinator_client.get(url).status_code == 404, url
        assert coordinator_client.post(url, {"confirm": "on"}).status_code == 404, url
    assert Edition.objects.get(pk=foreign.pk).status == Edition.Status.DRAFT


def test_pages_are_valid_html(coordinator_client, world):
    edition = _planned(world.hub, trainer=PersonFactory())
    session = edition.sessions.first()
    for name in EDITION_PAGES:
        assert_valid(coordinator_client, _url(world, name, edition))
    for name in SESSION_PAGES:
        assert_valid(coordinator_client, _url(world, name, edition, session))
    assert_valid(
        coordinator_client,
        reverse("backoffice:edition_detail", args=[world.hub.slug, edition.pk]),
    )


def test_the_edition_page_links_to_the_new_pages(coordinator_client, world):
    edition = _planned(world.hub)
    page = coordinator_client.get(
        reverse("backoffice:edition_detail", args=[world.hub.slug, edition.pk])
    ).content.decode()
    for name in ("edition_sessions", "edition_edit", "edition_publish"):
        assert _url(world, name, edition) in page


def test_completed_edition_cannot_change(coordinator_client, world):
    edition = _planned(world.hub, status=Edition.Status.COMPLETED)
    session = edition.sessions.first()
    for name in ("session_add", "sessions_series", "edition_edit"):
        response = coordinator_client.post(_url(world, name, edition), {})
        assert response.status_code == 302
    response = coordinator_client.post(_url(world, "session_cancel", edition, session), {})
    assert response.status_code == 302
    assert edition.sessions.count() == 2


# --- the pattern page: never a 500 -----------------------------------------------------------


def test_pattern_page_after_the_proposal_was_accepted_redirects(coordinator_client, world):
    # given an edition that waited for the builder and now has its sessions
    edition = waiting_edition(world.hub, trainer=PersonFactory())
    SessionFactory(edition=edition)
    url = reverse("backoffice:pattern", args=[world.hub.slug, edition.pk])
    # when the coordinator opens (or posts) its pattern page, e.g. from an old bookmark
    response = coordinator_client.get(url)
    # then they are sent to the edition's sessions, not a server error
    assert response.status_code == 302
    assert response.url == _url(world, "edition_sessions", edition)
    assert coordinator_client.post(url, {"session_count": "3"}).status_code == 302


def test_pattern_page_of_unknown_and_other_hubs_editions_is_404(coordinator_client, world):
    foreign = waiting_edition(world.other_hub, trainer=PersonFactory())
    for edition_id in (foreign.pk, 999999):
        url = reverse("backoffice:pattern", args=[world.hub.slug, edition_id])
        assert coordinator_client.get(url).status_code == 404


def test_proposal_pages_of_unknown_ids_are_404(coordinator_client, world):
    for name in ("proposal", "proposal_status", "proposal_publish"):
        url = reverse(f"backoffice:{name}", args=[world.hub.slug, 999999])
        assert coordinator_client.get(url).status_code == 404
    for name in ("proposal_accept", "proposal_retry", "proposal_publish"):
        url = reverse(f"backoffice:{name}", args=[world.hub.slug, 999999])
        assert coordinator_client.post(url).status_code == 404


def test_edition_pages_of_unknown_ids_are_404(coordinator_client, world):
    for name in ("edition_detail", "edition_capacity", "edition_status", "edition_csv"):
        url = reverse(f"backoffice:{name}", args=[world.hub.slug, 999999])
        method = (
            coordinator_client.get
            if name in ("edition_detail", "edition_csv")
            else (coordinator_client.post)
        )
        assert method(url).status_code == 404


def _accepted_proposal(hub, edition):
    proposal = Proposal.objects.create(
        hub=hub, starts_on=next_monday(), ends_on=next_monday(), status="accepted"
    )
    for session in edition.sessions.all():
        ProposedSession.objects.create(
            proposal=proposal,
            edition=edition,
            index=0,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            place=PlaceFactory(hub=hub),
            accepted_at=timezone.now(),
        )
    return proposal


def test_proposal_publish_per_role(client, world, role):
    edition = _planned(world.hub)
    proposal = _accepted_proposal(world.hub, edition)
    url = reverse("backoffice:proposal_publish", args=[world.hub.slug, proposal.pk])
    check_access(client, world, role, url)


def test_accepted_proposal_pages_answer(coordinator_client, world):
    edition = _planned(world.hub)
    proposal = _accepted_proposal(world.hub, edition)
    page = coordinator_client.get(
        reverse("backoffice:proposal", args=[world.hub.slug, proposal.pk])
    )
    assert page.status_code == 200
    assert _url(world, "edition_publish", edition) in page.content.decode()
    assert_valid(
        coordinator_client,
        reverse("backoffice:proposal_publish", args=[world.hub.slug, proposal.pk]),
    )
