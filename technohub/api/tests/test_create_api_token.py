"""`manage.py create_api_token --organisation <slug> [--name NAME]`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from technohub.hubs.models import ApiToken, AuditEntry
from technohub.hubs.tests.factories import OrganisationFactory
from technohub.hubs.tokens import token_authenticate

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_prints_a_working_key_alone_on_stdout(client):
    # given an organisation
    company = OrganisationFactory(slug="bogro")
    # when a token is created
    out, err = run("--organisation", "bogro", "--name", "AFAS koppeling")
    key = out.strip()
    # then the key is printed once, works, and only its hash is stored
    assert key.startswith("thk_") and "\n" not in key
    token = token_authenticate(key)
    assert token.organisation == company and token.name == "AFAS koppeling"
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)
    assert token.prefix in err
    assert AuditEntry.objects.filter(action="api_token.created").exists()
    assert client.get("/api/v1/enrolments", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_default_name():
    OrganisationFactory(slug="bogro")
    run("--organisation", "bogro")
    assert ApiToken.objects.get().name == "API"


def test_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="No organisation with slug 'nope'"):
        run("--organisation", "nope")
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_names_are_refused(name):
    OrganisationFactory(slug="bogro")
    with pytest.raises(CommandError):
        run("--organisation", "bogro", "--name", name)


def test_the_organisation_is_required():
    with pytest.raises(CommandError):
        run()
