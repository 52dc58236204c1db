"""What each role gets on each URL for the real objects of the walk (test_url_walk.py).

One line per URL name: `"namespace:name": PROFILE,` or a profile with exceptions,
`"portal:x": LOGGED_IN | {"other_contact": 404},`. Outcomes: OK (allowed: 2xx, a redirect that is
not to the login page, or a form's 400/409/422), "login" (a redirect to the login page), or the
refusing status (401, 403, 404, 405). The roles are in walk.ROLES; the real objects are those of
walk.build_world (TechnoHUB Woerden, its member Bogro with contact Richard and employee Sander,
trainer Gerrit; Van Vliet's contact Anouk is the other company, Noordoostpolder the other hub).
"""

OK = "ok"

PUBLIC = dict.fromkeys(
    (
        "anonymous",
        "learner",
        "contact",
        "other_contact",
        "trainer",
        "coordinator",
        "other_coordinator",
    ),
    OK,
)

MATRIX: dict[str, dict[str, object]] = {}
