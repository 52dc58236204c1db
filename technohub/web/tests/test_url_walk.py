"""Walk every URL pattern as every role: never a 500, and each page refuses whom it must.

For every pattern of the project (public site, portal, back office, API), as each of the seven
roles, with (a) the real objects, (b) ids that do not exist and ids beyond any database integer,
(c) ids of another hub and another company, (d) extreme query parameters: GET, and POST with an
empty and a garbage body (the API also PUT, PATCH and DELETE). No answer may be a 5xx. The answer
for the real objects must match `permission_matrix.MATRIX`; a pattern the matrix does not list
fails `test_every_url_pattern_is_in_the_matrix`. See docs/web.md.

One world (the demo) is built per module; every request runs in a transaction that is rolled
back, so no request changes what the next one sees.
"""

from __future__ import annotations

import json
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from technohub.web.tests import walk
from technohub.web.tests.permission_matrix import MATRIX, OK

ROUTES = {route.name: route for route in walk.routes()}
EXTREME_QUERIES = (
    "page=99999999999999999999&pagina=99999999999999999999&ronde=99999999999999999999"
    "&week=9999-W52&month=9999-12&date_from=9999-12-31&date_to=9999-12-31&alles=1&formaat=csv",
    "week=9999-12-31&month=0001-01&page=-1&pagina=%C2%B2&ronde=-5&organisation=99999999999999999999",
)
API_BODIES = ("{}", "nonsense", json.dumps({"starts_at": 0, "ends_at": "1970-01-01"}))
pytestmark = pytest.mark.django_db  # the test database is set up for marked tests only

RECORD = os.environ.get("WALK_RECORD")  # a file: write the outcomes seen (to draft entries)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        world = walk.build_world()
        clients = {}
        for role in walk.ROLES:
            client = Client(raise_request_exception=False)
            if world.users[role] is not None:
                client.force_login(world.users[role])
            clients[role] = client
        world.clients = clients
        yield world
        transaction.set_rollback(True)


def outcome(response) -> object:
    """ "login", OK (allowed: 2xx, 3xx, or a form's 400/409/422), or the refusing status."""
    status = response.status_code
    if status in (301, 302, 303) and response["Location"].startswith(reverse("portal:login")):
        return "login"
    if status < 400 or status in (400, 409, 422):
        return OK
    return status


def request(world, role: str, method: str, path: str, *, api: bool, body=None):
    """One request as `role`, in a transaction rolled back afterwards."""
    client = world.clients[role]
    headers = {}
    if api and role in world.tokens:
        headers["Authorization"] = f"Bearer {world.tokens[role]}"
    kwargs = {"headers": headers}
    if method != "get":
        if api:
            kwargs |= {
                "data": body if body is not None else "{}",
                "content_type": "application/json",
            }
        else:
            kwargs["data"] = body if body is not None else {}
    cache.clear()
    with transaction.atomic():
        response = getattr(client, method)(path, **kwargs)
        transaction.set_rollback(True)
    return response


def _values(world, route, base):
    return base | world.per_route.get(route.name, {})


def _no_5xx(response, role, method, path, failures):
    if response.status_code >= 500:
        failures.append(f"{response.status_code} {method.upper()} {path} as {role}")


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(set(ROUTES) - set(MATRIX))
    assert not missing, (
        "URL patterns without a permission entry in technohub/web/tests/permission_matrix.py "
        "(add one line each, see docs/web.md): " + ", ".join(missing)
    )


def test_the_matrix_lists_no_pattern_that_is_gone():
    assert not sorted(set(MATRIX) - set(ROUTES))


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_url(world, django_db_blocker, name):
    route = ROUTES[name]
    api = name.startswith("api:")
    expected = MATRIX.get(name)
    failures: list[str] = []
    seen: dict[str, object] = {}
    real = walk.build(route, _values(world, route, world.this))
    variants = [
        walk.build(route, _values(world, route, world.other)),
        walk.build(route, walk.missing(_values(world, route, world.this))),
    ]
    if any(isinstance(world.this.get(p), int) for p in route.params):
        variants.append(walk.build(route, walk.huge(world.this)))
    methods = ["post", "put", "patch", "delete"] if api else ["post"]
    with django_db_blocker.unblock():
        for role in walk.ROLES:
            got = request(world, role, "get", real, api=api)
            _no_5xx(got, role, "get", real, failures)
            first = outcome(got)
            for method in methods:
                for body in API_BODIES if api else ({}, {"x": "1", "id": "99999999999999999999"}):
                    response = request(world, role, method, real, api=api, body=body)
                    _no_5xx(response, role, method, real, failures)
                    if first == 405 and method == "post":
                        first = outcome(response)
            seen[role] = first
            for query in EXTREME_QUERIES:
                path = f"{real}?{query}"
                _no_5xx(request(world, role, "get", path, api=api), role, "get", path, failures)
            for path in variants:
                _no_5xx(request(world, role, "get", path, api=api), role, "get", path, failures)
                _no_5xx(
                    request(world, role, methods[0], path, api=api),
                    role,
                    methods[0],
                    path,
                    failures,
                )
    if RECORD:
        with open(RECORD, "a") as out:
            out.write(json.dumps({"name": name, "path": real, "seen": seen}) + "\n")
    assert not failures, "\n".join(failures)
    if expected is not None:
        wrong = {
            role: (seen[role], expected[role])
            for role in walk.ROLES
            if seen[role] != expected[role]
        }
        assert not wrong, f"{real}: role → (got, expected): {wrong}"
