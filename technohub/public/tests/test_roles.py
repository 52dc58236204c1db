"""Every public page answers 200 for every role and never shows who is enrolled."""

import pytest

PAGES = [
    "/",
    "/cursussen/",
    "/cursussen/?hub=woerden&q=lassen",
    "/cursussen/woerden/basiscursus-lassen/",
    "/agenda/",
    "/agenda/?hub=woerden",
    "/agenda/maand/",
    "/feeds/woerden.ics",
    "/feeds/woerden/basiscursus-lassen.ics",
]


@pytest.mark.parametrize("url", PAGES)
def test_public_page_same_for_every_role_and_leaks_no_names(role_client, world, url):
    response = role_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    employee = world["employee"]
    assert employee.last_name not in body
    assert employee.first_name not in body
    assert employee.email not in body
    assert employee.feed_token not in body
    if response["Content-Type"].startswith("text/html"):
        assert body.count("<h1") == 1


def test_catalogue_shows_the_same_courses_to_every_role(role_client, world):
    response = role_client.get("/cursussen/")
    assert [c.title for c in response.context["page"].object_list] == ["Basiscursus lassen"]
