"""The machinery of the walk-every-URL test: the URL patterns, the world, the roles.

The world is the demo (`manage.py seed_demo`, as tests/test_html_validity.py uses it), built once
per module, plus the few objects the demo lacks (an API token, a proposal, evidence). "This" is
TechnoHUB Woerden, its member Bogro, Bogro's employee Sander, trainer Gerrit; "other" is
Technohub Noordoostpolder and another company's or person's objects.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROLES = (
    "anonymous",
    "learner",
    "contact",
    "other_contact",
    "trainer",
    "coordinator",
    "other_coordinator",
)

EMAILS = {
    "learner": "sander@bogro.nl",
    "contact": "richard@bogro.nl",
    "other_contact": "anouk@vanvliet-installatie.nl",
    "trainer": "gerrit@obm-opleidingen.nl",
    "coordinator": "marloes@technohub-woerden.nl",
    "other_coordinator": "john@technohub-nop.nl",
}

MISSING_ID = 987_654_321
HUGE_ID = 10**25  # past any database integer: must be a 404, not an overflow


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    route: str  # the pattern as a string, e.g. "beheer/<slug:hub_slug>/edities/"
    params: tuple[str, ...]
    regex: bool


def _join(prefix: str, pattern) -> str:
    return prefix + str(pattern.pattern)


def routes() -> list[Route]:
    """Every URL pattern of the project (recursively), named `namespace:name`."""
    found: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, namespace: str | None) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry, _join(prefix, entry), ns)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                pattern = entry.pattern
                converters = getattr(pattern, "converters", {}) or {}
                params = tuple(converters) or tuple(pattern.regex.groupindex)
                found.append(
                    Route(name, _join(prefix, entry), params, not hasattr(pattern, "_route"))
                )

    walk(get_resolver(), "", None)
    return found


def build(route: Route, values: dict[str, Any]) -> str:
    """The path of `route` with its parameters filled in from `values`."""
    if route.regex:  # the API's catch-all: ^(?P<rest>.*)$
        path = route.route.replace("^", "").replace("$", "")
        return "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m[1], "x")), path)
    path = re.sub(
        r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m[1], _stand_in(m[1]))), route.route
    )
    return "/" + path


def _stand_in(param: str) -> object:
    return MISSING_ID if param.endswith("_id") else "bestaat-niet"


@dataclass
class World:
    users: dict[str, Any]
    this: dict[str, Any]  # param → value for the real object of this hub/company/person
    other: dict[str, Any]  # param → value of another hub's/company's/person's object
    tokens: dict[str, str] = field(default_factory=dict)  # role → API token (company contacts)
    per_route: dict[str, dict[str, Any]] = field(default_factory=dict)  # name → overrides
    clients: dict[str, Any] = field(default_factory=dict)  # role → test client (log_in)


def _pk(queryset, default=MISSING_ID):
    obj = queryset.order_by("pk").first()
    return obj.pk if obj is not None else default


def build_world() -> World:
    """Look up (and add) the objects of the walk in the demo data."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils import timezone
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from technohub.catalogue.models import Course, Edition, Place, Session
    from technohub.competences import models as cm
    from technohub.competences.services import passport_share_create
    from technohub.demand import models as dm
    from technohub.enrolment.models import Enrolment, SeatPool
    from technohub.hubs.models import (
        ApiToken,
        Employment,
        Hub,
        Membership,
        Person,
        Sector,
        User,
    )
    from technohub.hubs.tokens import token_create
    from technohub.pricing import models as pm
    from technohub.scheduling import models as sm

    users = {"anonymous": None} | {r: User.objects.get(email=e) for r, e in EMAILS.items()}
    hub, other_hub = Hub.objects.get(slug="woerden"), Hub.objects.get(slug="noordoostpolder")
    learner = Person.objects.get(user=users["learner"])
    trainer = Person.objects.get(user=users["trainer"])
    company = learner.employer
    other_company = Person.objects.get(user=users["other_contact"]).employer
    nop_company = Membership.objects.filter(hub=other_hub).first().organisation
    other_person = Person.objects.filter(employer=other_company).exclude(user__isnull=False).first()
    other_person = other_person or Person.objects.get(user=users["other_contact"])

    tokens = {}
    for role, org in (("contact", company), ("other_contact", other_company)):
        _token, key = token_create(organisation=org, name="walk", actor=None)
        tokens[role] = key

    def proposal(h):
        today = timezone.localdate()
        return sm.Proposal.objects.create(
            hub=h, starts_on=today, ends_on=today + dt.timedelta(days=60), status="failed"
        ).pk

    edition = (
        Edition.objects.filter(hub=hub, trainer=trainer).first()
        or Edition.objects.filter(hub=hub).first()
    )
    other_edition = Edition.objects.filter(hub=other_hub).first()
    enrolment = Enrolment.objects.filter(person=learner, status="confirmed").first()
    recognition = cm.RecognitionRequest.objects.filter(status="submitted").first()
    own_recognition = None
    if own_recognition is None and cm.Competence.objects.filter(framework__hub=hub).exists():
        own_recognition = cm.RecognitionRequest.objects.create(
            person=learner,
            competence=cm.Competence.objects.filter(framework__hub=hub).first(),
            level=cm.Level.GUIDED,
            status="withdrawn",  # a withdrawn request made the recognition page answer 500
        )
    evidence = cm.Evidence.objects.create(
        request=own_recognition or recognition,
        file="evidence/none.pdf",
        original_name="bewijs.pdf",
        content_type="application/pdf",
        size=1,
    )
    certificate = cm.Certificate.objects.filter(person=learner).first()
    other_certificate = cm.Certificate.objects.exclude(person=learner).first()
    session_pk = _pk(Session.objects.filter(edition=edition))
    pool = SeatPool.objects.filter(organisation=company).first()
    other_pool = SeatPool.objects.exclude(organisation=company).first()
    booking = sm.Booking.objects.filter(organisation=company).first()
    plan_goal = cm.Goal.objects.filter(plan__person=learner).first()
    share = cm.PassportShare.objects.filter(person=learner).order_by("pk").first()
    api_token = ApiToken.objects.filter(organisation=company).first()
    uid = urlsafe_base64_encode(force_bytes(users["learner"].pk))
    reset_token = default_token_generator.make_token(users["learner"])
    equipment = sm.Equipment.objects.filter(hub=hub).first()
    place = Place.objects.filter(hub=hub).first()
    course = edition.course
    sector = Sector.objects.filter(hub=hub, start_team__isnull=False).first()
    sector = sector or Sector.objects.filter(hub=hub).first()
    team_member = sector.start_team.members.first() if hasattr(sector, "start_team") else None
    sector_membership = Membership.objects.filter(hub=hub, sectors=sector).first()
    outcome_row = cm.LearningOutcome.objects.filter(course__hub=hub).first()
    _share, share_token = passport_share_create(
        person=learner,
        label="walk",
        include_competences=True,
        include_courses=True,
        expires_on=None,
        actor=users["learner"],
    )
    employment = Employment.objects.create(
        person=learner, organisation=company, status=Employment.Status.AWAITS_PERSON
    )
    other_employment = Employment.objects.create(
        person=other_person, organisation=other_company, status=Employment.Status.AWAITS_PERSON
    )

    this = {
        "hub_slug": hub.slug,
        "course_slug": course.slug,
        "edition_id": edition.pk,
        "enrolment_id": enrolment.pk if enrolment else MISSING_ID,
        "course_id": course.pk,
        "membership_id": _pk(Membership.objects.filter(hub=hub, organisation=company)),
        "fund_id": _pk(pm.Fund.objects.filter(hub=hub)),
        "period_id": _pk(pm.StatementPeriod.objects.filter(hub=hub)),
        "statement_id": _pk(pm.Statement.objects.filter(hub=hub, organisation=company)),
        "topic_id": _pk(dm.Topic.objects.filter(hub=hub)),
        "survey_id": _pk(dm.SurveyRound.objects.filter(hub=hub)),
        "proposal_id": proposal(hub),
        "place_id": place.pk if place else MISSING_ID,
        "equipment_id": equipment.pk if equipment else MISSING_ID,
        "booking_id": booking.pk if booking else MISSING_ID,
        "person_id": learner.pk,
        "competence_id": _pk(cm.Competence.objects.filter(framework__hub=hub)),
        "outcome_id": _pk(cm.LearningOutcome.objects.filter(course__hub=hub)),
        "profile_id": _pk(cm.RoleProfile.objects.filter(hub=hub)),
        "requirement_id": _pk(cm.RoleRequirement.objects.filter(profile__hub=hub)),
        "certificate_id": certificate.pk if certificate else MISSING_ID,
        "request_id": own_recognition.pk if own_recognition else MISSING_ID,
        "evidence_id": evidence.pk,
        "organisation_id": company.pk,
        "token_id": api_token.pk if api_token else MISSING_ID,
        "session_id": session_pk,
        "pool_id": pool.pk if pool else MISSING_ID,
        "claim_code": pool.claim_code if pool else "geen-code",
        "need_id": _pk(dm.Need.objects.filter(organisation=company)),
        "share_id": share.pk if share else MISSING_ID,
        "goal_id": plan_goal.pk if plan_goal else MISSING_ID,
        "public_id": certificate.public_id if certificate else uuid.uuid4(),
        "credential_id": certificate.public_id if certificate else uuid.uuid4(),
        "fmt": "json",
        "uidb64": uid,
        "token": reset_token,
        "feed_token": learner.feed_token,
        "kind": "apparatuur" if equipment else "ruimte",
        "resource_id": equipment.pk if equipment else MISSING_ID,
        "employment_id": employment.pk,
        "sector_id": sector.pk,
        "contribution_id": _pk(pm.Contribution.objects.filter(hub=hub)),
        "name": "swagger-ui.css",
        "rest": "onbekend",
    }
    other_course = Course.objects.filter(hub=other_hub).first()
    # Another hub's and another company's objects, asked for under this hub's address.
    other = dict(this) | {
        "course_slug": other_course.slug if other_course else "geen",
        "edition_id": other_edition.pk if other_edition else MISSING_ID,
        "enrolment_id": _pk(
            Enrolment.objects.exclude(person=learner).exclude(organisation=company)
        ),
        "course_id": other_course.pk if other_course else MISSING_ID,
        "membership_id": _pk(Membership.objects.filter(hub=other_hub)),
        "fund_id": _pk(pm.Fund.objects.filter(hub=other_hub)),
        "period_id": _pk(pm.StatementPeriod.objects.filter(hub=other_hub)),
        "statement_id": _pk(pm.Statement.objects.exclude(organisation=company)),
        "topic_id": _pk(dm.Topic.objects.filter(hub=other_hub)),
        "survey_id": _pk(dm.SurveyRound.objects.filter(hub=other_hub)),
        "proposal_id": proposal(other_hub),
        "place_id": _pk(Place.objects.filter(hub=other_hub)),
        "equipment_id": _pk(sm.Equipment.objects.filter(hub=other_hub)),
        "booking_id": _pk(sm.Booking.objects.exclude(organisation=company)),
        "person_id": other_person.pk,
        "competence_id": _pk(cm.Competence.objects.filter(framework__hub=other_hub)),
        "outcome_id": _pk(cm.LearningOutcome.objects.filter(course__hub=other_hub)),
        "profile_id": _pk(cm.RoleProfile.objects.filter(hub=other_hub)),
        "requirement_id": _pk(cm.RoleRequirement.objects.filter(profile__hub=other_hub)),
        "certificate_id": other_certificate.pk if other_certificate else MISSING_ID,
        "request_id": _pk(cm.RecognitionRequest.objects.exclude(person=learner)),
        "organisation_id": nop_company.pk,
        "token_id": _pk(ApiToken.objects.exclude(organisation=company)),
        "session_id": _pk(Session.objects.exclude(edition=edition)),
        "pool_id": other_pool.pk if other_pool else MISSING_ID,
        "claim_code": "geen-code",
        "need_id": _pk(dm.Need.objects.exclude(organisation=company)),
        "share_id": _pk(cm.PassportShare.objects.exclude(person=learner)),
        "goal_id": _pk(cm.Goal.objects.exclude(plan__person=learner)),
        "public_id": other_certificate.public_id if other_certificate else uuid.uuid4(),
        "credential_id": uuid.uuid4(),
        "feed_token": "onbekend",
        "resource_id": _pk(sm.Equipment.objects.filter(hub=other_hub)),
        "employment_id": other_employment.pk,
        "sector_id": _pk(Sector.objects.filter(hub=other_hub)),
        "contribution_id": _pk(pm.Contribution.objects.exclude(hub=hub)),
    }
    per_route = {
        # The trainer's pages are about the trainer, the recognition queue about a request
        # waiting for a decision.
        "backoffice:trainer": {"person_id": trainer.pk},
        "backoffice:sector_member_remove": {
            "membership_id": sector_membership.pk if sector_membership else MISSING_ID
        },
        "backoffice:outcome_remove": {
            "course_id": outcome_row.course_id if outcome_row else MISSING_ID,
            "outcome_id": outcome_row.pk if outcome_row else MISSING_ID,
        },
        "public:shared_passport": {"token": share_token},
        "backoffice:start_team_member_remove": {
            "person_id": team_member.pk if team_member else MISSING_ID
        },
        "backoffice:recognition_decide": {
            "request_id": recognition.pk if recognition else MISSING_ID
        },
        "portal:recognition_assess": {"request_id": recognition.pk if recognition else MISSING_ID},
        "portal:company_employee_invite": {
            "person_id": _pk(Person.objects.filter(employer=company, user__isnull=True))
        },
        "backoffice:enrolment_cancel": {"edition_id": enrolment.edition_id if enrolment else 0},
        "backoffice:enrolment_approve": {"edition_id": enrolment.edition_id if enrolment else 0},
        "backoffice:enrolment_reject": {"edition_id": enrolment.edition_id if enrolment else 0},
    }
    return World(users=users, this=this, other=other, tokens=tokens, per_route=per_route)


def log_in(world: World) -> None:
    """One test client per role, logged in (none for anonymous); 5xx answers, not exceptions."""
    from django.test import Client

    world.clients = {}
    for role in ROLES:
        client = Client(raise_request_exception=False)
        if world.users[role] is not None:
            client.force_login(world.users[role])
        world.clients[role] = client


def missing(values: dict[str, Any]) -> dict[str, Any]:
    """Every parameter replaced by something that does not exist."""
    result = {}
    for name, value in values.items():
        if isinstance(value, int):
            result[name] = MISSING_ID
        elif isinstance(value, uuid.UUID):
            result[name] = uuid.UUID(int=1)
        else:
            result[name] = "bestaat-niet"
    return result


def huge(values: dict[str, Any]) -> dict[str, Any]:
    """Integer ids beyond any database integer (they must be 404s, never overflows)."""
    return {k: (HUGE_ID if isinstance(v, int) else v) for k, v in values.items()}


# The walk itself ---------------------------------------------------------------------------

# Out-of-range values for every query parameter the views read (grep request.GET).
EXTREME_QUERY = (
    "page=99999999999999999999&pagina=99999999999999999999&ronde=99999999999999999999"
    "&week=9999-12-31&month=9999-12&date_from=9999-12-31&date_to=0001-01-01&alles=1"
    "&formaat=csv&organisation=99999999999999999999&sector=99999999999999999999&hub=%C2%B2"
    "&start=0&end=99999999999999999999"
)
API_BODIES = ("{}", "nonsense", json.dumps({"starts_at": 0, "ends_at": "1970-01-01"}))


def outcome(response) -> object:
    """ "login", OK (allowed: 2xx, 3xx, or a form's 400/409/422), or the refusing status."""
    status = response.status_code
    if status in (301, 302, 303) and response["Location"].startswith(reverse("portal:login")):
        return "login"
    if status < 400 or status in (400, 409, 422):
        return "ok"
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
    cookies = copy.deepcopy(client.cookies)  # a logout must not log the next request out
    with transaction.atomic():
        response = getattr(client, method)(path, **kwargs)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response


def _values(world, route, base):
    return base | world.per_route.get(route.name, {})


# The roles whose view of a page is tried with bad ids and parameters: the first two of these
# that the page lets in (a refused role is refused before any id is looked at).
PROBE_ORDER = ("coordinator", "contact", "learner", "trainer", "anonymous", "other_contact")
PROBES = 2


def walk_route(world: World, route: Route) -> tuple[list[str], dict[str, object]]:
    """Request `route` as every role for the real objects, then as the first PROBES roles it
    lets in with bad ids and parameters. Returns (the 5xx seen, role → outcome for the real
    objects: GET's, or POST's where GET is not allowed)."""
    api = route.name.startswith("api:")
    failures: list[str] = [
        f"{route.name}: no real object for <{param}>: add one to walk.build_world"
        for param in route.params
        if param not in world.this and not route.regex
    ]
    seen: dict[str, object] = {}
    values = _values(world, route, world.this)
    real = build(route, values)
    variants = [
        build(route, _values(world, route, world.other)),
        build(route, missing(values)),
    ]
    if any(isinstance(values.get(p), int) for p in route.params):
        variants.append(build(route, huge(values)))
    methods = ["post", "put", "patch", "delete"] if api else ["post"]
    bodies = API_BODIES if api else ({}, {"x": "1", "id": "99999999999999999999"})

    def check(role, method, path, body=None):
        response = request(world, role, method, path, api=api, body=body)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {method.upper()} {path} as {role}")
        return response

    get_allowed = {}
    for role in ROLES:
        first = outcome(check(role, "get", real))
        get_allowed[role] = first != 405
        for method in methods:  # a page that takes no GET: its first method that is allowed
            if first != 405:
                break
            first = outcome(check(role, method, real, bodies[0]))
        seen[role] = first
    slow = route.route.endswith((".pdf", "pdf/"))  # a PDF takes a second to render: probe once
    probes = [role for role in PROBE_ORDER if seen[role] == "ok"][: 1 if slow else PROBES]
    for role in probes:
        for method in methods:
            for body in bodies[1:] if method == "post" and not get_allowed[role] else bodies:
                check(role, method, real, body)
        if get_allowed[role] and not slow:
            check(role, "get", f"{real}?{EXTREME_QUERY}")
        for path in variants:
            check(role, "get", path)
            check(role, methods[0], path, bodies[-1])
    return failures, seen
