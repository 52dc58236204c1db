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
from django.core.management import call_command
from django.db import transaction

from technohub.web.tests import walk
from technohub.web.tests.permission_matrix import MATRIX

ROUTES = {route.name: route for route in walk.routes()}
pytestmark = pytest.mark.django_db  # the test database is set up for marked tests only
RECORD = os.environ.get("WALK_RECORD")  # a file: write the outcomes seen (to draft entries)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        world = walk.build_world()
        walk.log_in(world)
        yield world
        transaction.set_rollback(True)


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
    with django_db_blocker.unblock():
        failures, seen = walk.walk_route(world, ROUTES[name])
    if RECORD:
        with open(RECORD, "a") as out:
            out.write(json.dumps({"name": name, "seen": seen}) + "\n")
    assert not failures, "\n".join(failures)
    expected = MATRIX.get(name)
    if expected is not None:
        wrong = {r: (seen[r], expected[r]) for r in walk.ROLES if seen[r] != expected[r]}
        assert not wrong, f"{name}: role → (got, expected): {wrong}"
