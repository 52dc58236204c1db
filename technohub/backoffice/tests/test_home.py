import pytest
from django.urls import reverse

from technohub.hubs.models import Role
from technohub.hubs.tests.factories import HubFactory, RoleFactory

pytestmark = pytest.mark.django_db

URL = reverse("backoffice:home")


def test_anonymous_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("portal:login"))


@pytest.mark.parametrize("who", ["learner", "contact", "other_contact", "trainer"])
def test_without_coordinator_role_is_refused(client, world, who):
    client.force_login(world.users[who])
    assert client.get(URL).status_code == 403


def test_coordinator_of_one_hub_goes_to_its_dashboard(client, world):
    client.force_login(world.coordinator)
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == reverse("backoffice:dashboard", args=[world.hub.slug])


def test_coordinator_of_several_hubs_chooses(client, world):
    # given a coordinator of two hubs (and a third hub they do not coordinate)
    third = HubFactory()
    RoleFactory(user=world.coordinator, kind=Role.Kind.COORDINATOR, hub=world.other_hub)
    client.force_login(world.coordinator)
    # when they open the back office
    response = client.get(URL)
    # then both their hubs are offered, the third is not
    assert response.status_code == 200
    assert list(response.context["hubs"]) == sorted(
        [world.hub, world.other_hub], key=lambda h: h.name
    )
    assert reverse("backoffice:dashboard", args=[third.slug]).encode() not in response.content
    # and each hub's pages show a switch to the other
    page = client.get(reverse("backoffice:dashboard", args=[world.hub.slug]))
    assert page.context["other_hubs"] == [world.other_hub]
