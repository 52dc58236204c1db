"""One mechanism for domain errors, and Dutch error pages in the site's layout (issue 11)."""

import html5lib
import pytest
from django.template.loader import render_to_string
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("technohub.web.tests.urls_errors")]

WAY_BACK = 'href="/"'


@pytest.fixture
def client_():
    return Client(raise_request_exception=False)


def test_a_not_found_domain_error_is_the_dutch_404_page(client_):
    response = client_.get("/fout/niet-gevonden/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Deze pagina bestaat niet" in page
    assert 'class="site-header"' in page and WAY_BACK in page


def test_not_allowed_is_the_dutch_403_page(client_):
    response = client_.get("/fout/niet-toegestaan/")
    assert response.status_code == 403
    assert "Je hebt geen toegang tot deze pagina" in response.content.decode()


def test_another_domain_error_on_a_get_is_the_400_page_with_its_message(client_):
    response = client_.get("/fout/domein/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Deze editie is vol." in page and WAY_BACK in page


def test_another_domain_error_on_a_post_goes_back_with_the_message(client_):
    response = client_.post("/fout/domein/", {}, headers={"Referer": "http://testserver/"})
    assert response.status_code == 302
    assert response.url == "http://testserver/"
    followed = client_.get(response.url)
    assert 'class="message message-error">Deze editie is vol.</li>' in followed.content.decode()


def test_a_referer_of_another_site_is_not_followed(client_):
    response = client_.post("/fout/domein/", {}, headers={"Referer": "https://evil.example/x"})
    assert response.status_code == 302
    assert response.url == "/fout/domein/"


def test_htmx_gets_a_client_redirect(client_):
    response = client_.post("/fout/domein/", {}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/fout/domein/"


def test_an_id_beyond_any_database_integer_is_a_404(client_):
    assert client_.get("/fout/id/12/").content == b"12"
    assert client_.get("/fout/id/99999999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    ("path", "status", "text"),
    [
        ("/bestaat/niet/", 404, "Deze pagina bestaat niet"),
        ("/fout/verboden/", 403, "Je hebt geen toegang tot deze pagina"),
        ("/fout/verdacht/", 400, "Dit verzoek kan niet worden afgehandeld"),
        ("/fout/kapot/", 500, "Er ging iets mis"),
    ],
)
def test_error_pages_are_dutch_in_the_layout_with_a_way_back(settings, client_, path, status, text):
    settings.DEBUG = False
    response = client_.get(path)
    assert response.status_code == status
    page = response.content.decode()
    assert text in page
    assert '<html lang="nl">' in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page
    assert WAY_BACK in page and 'href="/cursussen/"' in page
    assert page.count("<h1") == 1


def test_the_500_page_needs_no_database_and_no_request(django_assert_num_queries):
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert "Er ging iets mis" in page


def test_an_anonymous_visitor_is_asked_to_log_in_on_the_403_page(settings, client_):
    settings.DEBUG = False
    assert "Log in om deze pagina te zien." in client_.get("/fout/verboden/").content.decode()


@pytest.mark.parametrize(
    "path", ["/bestaat/niet/", "/fout/verboden/", "/fout/domein/", "/fout/kapot/"]
)
def test_error_pages_are_valid_html(settings, client_, path):
    settings.DEBUG = False
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(client_.get(path).content)
    assert len(document.findall(".//h1")) == 1
