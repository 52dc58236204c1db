"""GET /api/v1/docs: Swagger UI without inline script or style, with local files only."""

import html5lib
import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/docs"


def test_the_page_works_under_the_csp(client):
    response = client.get(URL)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    document = html5lib.parse(response.content, namespaceHTMLElements=False)
    # no inline script: every script is a file, except the JSON settings (not executed)
    for script in document.iter("script"):
        if script.get("src") is None:
            assert script.get("type") == "application/json"
        else:
            assert script.get("src").startswith("/")  # our own origin, no CDN
    for link in document.iter("link"):
        assert link.get("href").startswith("/")
    for element in document.iter():
        assert "style" not in element.attrib
        assert not any(name.startswith("on") for name in element.attrib)
    assert len(list(document.iter("h1"))) == 1
    assert document.tag == "html" and document.get("lang")


def test_the_swagger_files_are_served_locally(client):
    page = client.get(URL).content.decode()
    for name, kind in (("swagger-ui-bundle.js", "javascript"), ("swagger-ui.css", "css")):
        assert f"/api/v1/docs/assets/{name}" in page
        response = client.get(f"/api/v1/docs/assets/{name}")
        assert response.status_code == 200
        assert kind in response["Content-Type"]
        assert "max-age" in response["Cache-Control"]
    assert "/static/api/docs.js" in page


@pytest.mark.parametrize("name", ["redoc.standalone.js", "..%2F__init__.py", "nope.js"])
def test_other_files_are_not_served(client, name):
    response = client.get(f"/api/v1/docs/assets/{name}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
