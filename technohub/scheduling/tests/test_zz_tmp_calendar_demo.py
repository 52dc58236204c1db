import datetime as dt
import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from technohub.hubs.models import Hub
from technohub.scheduling import services, calendar
from technohub.scheduling.models import HubTrainer, Proposal
from technohub.backoffice.views.scheduling import _next_term

@pytest.mark.django_db
def test_demo():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    hub = Hub.objects.get(slug="woerden")
    print("rosters", HubTrainer.objects.values_list("hub__slug", "person__last_name", "max_sessions_per_week"))
    start, end = _next_term(hub)
    print("term", start, end)
    with TestCase.captureOnCommitCallbacks(execute=True):
        p = services.proposal_create(hub=hub, actor=None, starts_on=start, ends_on=end, seconds=10)
    p.refresh_from_db()
    closed = calendar.closed_days(hub=hub, start=start, end=end)
    print("closed", closed)
    print(p.status, p.message, p.sessions.count(), p.explanations)
    for s in p.sessions.select_related("edition__course", "place"):
        d = timezone.localtime(s.starts_at)
        print(d.strftime("%a %d %b %H:%M"), s.edition.code, s.edition.course.room_kind, s.place.name, s.place.room_kind, "CLOSED" if d.date() in closed else "")
