"""Request and response shapes of the API; their descriptions end up in /api/v1/openapi.json."""

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Field, Schema
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, WithJsonSchema

from technohub.catalogue.models import Course, Edition, Place
from technohub.enrolment.models import Enrolment
from technohub.web.forms import MAX_DATE, MIN_DATE

MAX_ID = 2**63 - 1  # largest primary key the databases hold; larger ids are a 400, not a 500


def _printable(value: str) -> str:
    """No control characters (PostgreSQL refuses NUL; the rest is never meant)."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError("control characters are not allowed")
    return value


def _not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    return value


def _email(value: str) -> str:
    value = value.strip()
    try:
        validate_email(value)
    except DjangoValidationError as exc:
        raise ValueError("not a valid e-mail address") from exc
    return value.lower()


# A moment: ISO 8601 text with a UTC offset ("2027-01-18T19:00:00+01:00"), never a bare number
# (pydantic would read 0 as 1970-01-01), within the dates the sites accept (technohub.web.forms).
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")


def _iso_text(value: Any) -> Any:
    if not isinstance(value, str) or not ISO_MOMENT.match(value.strip()):
        raise ValueError("an ISO 8601 date and time with offset, e.g. 2027-01-18T19:00:00+01:00")
    return value.strip()


def _sane_moment(value: dt.datetime) -> dt.datetime:
    if not MIN_DATE <= value.date() <= MAX_DATE:
        raise ValueError(f"must lie between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}")
    return value


Moment = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_text),
    AfterValidator(_sane_moment),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "description": "ISO 8601 with a UTC offset, between "
            f"{MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}.",
        }
    ),
]

Text = Annotated[str, AfterValidator(_printable)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_printable), AfterValidator(_not_blank)]
Email = Annotated[
    str,
    Field(min_length=3, json_schema_extra={"format": "email"}),
    AfterValidator(_printable),
    AfterValidator(_email),
]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]

CourseLevel = Literal[tuple(Course.Level.values)]  # type: ignore[valid-type]
CourseFormat = Literal[tuple(Course.Format.values)]  # type: ignore[valid-type]
DeliveryModel = Literal[tuple(Course.DeliveryModel.values)]  # type: ignore[valid-type]
EditionStatus = Literal[tuple(Edition.Status.values)]  # type: ignore[valid-type]
EnrolmentStatus = Literal[tuple(Enrolment.Status.values)]  # type: ignore[valid-type]
PlaceKind = Literal[tuple(Place.Kind.values)]  # type: ignore[valid-type]


# Problems ---------------------------------------------------------------------------------


class FieldProblem(Schema):
    """What is wrong with one field of the request."""

    field: str | None = Field(
        description="The JSON property or query parameter, dotted for nested ones."
    )
    source: Literal["body", "query", "path"] = Field(description="Where the field was sent.")
    code: str = Field(description="A stable code for this field error, e.g. `missing`.")
    detail: str = Field(description="A human-readable explanation.")


class Problem(Schema):
    """An error, as `application/problem+json` (RFC 9457)."""

    type: str = Field(description="A URI that identifies the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem (translated).")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong this time (translated).")
    code: str = Field(
        description="A stable, machine-readable code, e.g. `already_enrolled`; see docs/api.md."
    )
    errors: list[FieldProblem] | None = Field(
        None, description="Per-field errors, for `validation_error`."
    )


# Editions ---------------------------------------------------------------------------------


class SectorOut(Schema):
    code: str = Field(description="The sector's code within its hub, e.g. `pie`.")
    name: str


class CourseOut(Schema):
    id: int
    title: str
    slug: str = Field(description="Unique within the hub.")
    level: CourseLevel = Field(description="Education level the course is at.")
    format: CourseFormat
    delivery_model: DeliveryModel = Field(description="How the hub organises the course.")
    sector: SectorOut | None = Field(description="The hub sector the course belongs to, if any.")


class HubOut(Schema):
    slug: str
    name: str


class PlaceOut(Schema):
    name: str
    kind: PlaceKind
    address: str
    city: str


class SessionOut(Schema):
    starts_at: dt.datetime = Field(description="Start, ISO 8601 with offset (Europe/Amsterdam).")
    ends_at: dt.datetime = Field(description="End, ISO 8601 with offset.")
    place: PlaceOut | None = Field(description="Where the session is held, if known.")


class EditionOut(Schema):
    """One run (cohort) of a course, with live seat counts."""

    id: int
    code: str = Field(description="The edition code, unique within its hub.")
    course: CourseOut
    hub: HubOut
    starts_on: dt.date = Field(description="First day.")
    ends_on: dt.date = Field(description="Last day.")
    status: EditionStatus
    capacity: int = Field(description="Number of seats (same as `seats_total`).")
    seats_total: int = Field(description="Number of seats.")
    seats_left: int = Field(description="Seats not taken by confirmed participants.")
    waitlist_length: int = Field(description="People waiting for a seat.")
    enrolment_open: bool = Field(
        description="Whether enrolments are accepted now (status and enrolment window)."
    )
    sessions: list[SessionOut] = Field(description="All sessions, in time order.")

    @staticmethod
    def from_edition(edition: Edition) -> "EditionOut":
        course = edition.course
        return EditionOut(
            id=edition.pk,
            code=edition.code,
            course=CourseOut(
                id=course.pk,
                title=course.title,
                slug=course.slug,
                level=course.level,
                format=course.format,
                delivery_model=course.delivery_model,
                sector=(
                    SectorOut(code=course.sector.code, name=course.sector.name)
                    if course.sector_id
                    else None
                ),
            ),
            hub=HubOut(slug=edition.hub.slug, name=edition.hub.name),
            starts_on=edition.starts_on,
            ends_on=edition.ends_on,
            status=edition.status,
            capacity=edition.capacity,
            seats_total=edition.capacity,
            seats_left=edition.seats_left,
            waitlist_length=edition.waitlist_length,
            enrolment_open=edition.enrolment_is_open(),
            sessions=[
                SessionOut(
                    starts_at=timezone.localtime(s.starts_at),
                    ends_at=timezone.localtime(s.ends_at),
                    place=(
                        PlaceOut(
                            name=s.place.name,
                            kind=s.place.kind,
                            address=s.place.address,
                            city=s.place.city,
                        )
                        if s.place_id
                        else None
                    ),
                )
                for s in edition.sessions.all()
            ],
        )


class EditionFilters(Schema):
    q: Text | None = Field(
        None,
        max_length=200,
        description="Full-text search over the course (title, summary, description, "
        "outcomes, sector, provider); Dutch stemming, every word must match as a prefix.",
    )
    sector: Text | None = Field(None, max_length=20, description="A sector code, e.g. `pie`.")
    hub: Text | None = Field(None, max_length=50, description="A hub slug.")
    from_: dt.date | None = Field(
        None, alias="from", description="Only editions starting on or after this date."
    )
    to: dt.date | None = Field(None, description="Only editions starting on or before this date.")


class Paging(Schema):
    limit: int = Field(20, ge=1, le=100, description="Page size (at most 100).")
    offset: int = Field(0, ge=0, le=1_000_000, description="Items to skip.")


class EditionPage(Schema):
    """One page of editions."""

    count: int = Field(description="Total number of matching editions.")
    limit: int
    offset: int
    items: list[EditionOut]


# Enrolments -------------------------------------------------------------------------------


class EnrolmentIn(Schema):
    """The employee to enrol. Found by e-mail among the company's employees, or added."""

    first_name: Name = Field(max_length=80, examples=["Sanne"])
    last_name: Name = Field(max_length=120, examples=["de Vries"])
    email: Email = Field(
        max_length=254,
        description="Matched case-insensitively with the company's employees.",
        examples=["sanne@bogro.nl"],
    )


class EnrolmentCreated(Schema):
    """The enrolment that was made."""

    id: int = Field(description="The enrolment id (use it to cancel).")
    edition_id: int
    person_id: int
    status: Literal["confirmed", "waitlisted"] = Field(
        description="`confirmed` holds a seat; `waitlisted` waits for one."
    )
    waitlist_position: int | None = Field(description="1 = next to get a seat; null if confirmed.")


class PersonOut(Schema):
    """An employee of the company."""

    id: int
    first_name: str
    last_name: str
    email: str


class EnrolmentEditionOut(Schema):
    """The edition an enrolment is for (details: GET /api/v1/editions/{id})."""

    id: int
    code: str
    course_title: str
    starts_on: dt.date
    ends_on: dt.date


class EnrolmentOut(Schema):
    """One of the company's enrolments."""

    id: int
    status: EnrolmentStatus = Field(
        description="`pending` awaits the employer's approval; `confirmed` holds a seat; "
        "`waitlisted` waits for one; `cancelled`, `rejected`, `completed`, `not_completed` "
        "are final."
    )
    waitlist_position: int | None = Field(description="1 = next to get a seat; else null.")
    person: PersonOut = Field(description="The employee.")
    edition: EnrolmentEditionOut
    created_at: dt.datetime = Field(description="When the enrolment was made.")

    @staticmethod
    def from_enrolment(enrolment: Enrolment) -> "EnrolmentOut":
        person, edition = enrolment.person, enrolment.edition
        return EnrolmentOut(
            id=enrolment.pk,
            status=enrolment.status,
            waitlist_position=enrolment.waitlist_position,
            person=PersonOut(
                id=person.pk,
                first_name=person.first_name,
                last_name=person.last_name,
                email=person.email,
            ),
            edition=EnrolmentEditionOut(
                id=edition.pk,
                code=edition.code,
                course_title=edition.course.title,
                starts_on=edition.starts_on,
                ends_on=edition.ends_on,
            ),
            created_at=timezone.localtime(enrolment.created_at),
        )


class EnrolmentFilters(Schema):
    status: EnrolmentStatus | None = Field(None, description="Only enrolments in this state.")
    edition: Id | None = Field(None, description="Only enrolments in this edition (its id).")


class EnrolmentPage(Schema):
    """One page of enrolments."""

    count: int = Field(description="Total number of matching enrolments.")
    limit: int
    offset: int
    items: list[EnrolmentOut]


def page(*, queryset: Any, paging: Paging, convert) -> dict[str, Any]:
    """One page of `queryset` (count + slice: two queries, plus any prefetches)."""
    count = queryset.count()
    rows = list(queryset[paging.offset : paging.offset + paging.limit]) if count else []
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [convert(row) for row in rows],
    }
