"""A company's enrolments, for its API token: enrol employees, list and cancel enrolments.

The token's organisation is the only scope: another company's enrolment is "not found",
never "forbidden", so that its existence is not revealed.
"""

from django.http import HttpRequest
from ninja import Path, Query, Router, Status

from technohub.api.auth import company_token
from technohub.api.schemas import (
    MAX_ID,
    EnrolmentCreated,
    EnrolmentFilters,
    EnrolmentIn,
    EnrolmentOut,
    EnrolmentPage,
    Paging,
    Problem,
    page,
)
from technohub.catalogue.models import Edition
from technohub.enrolment.access import access_enrolment_of_organisation
from technohub.enrolment.selectors import enrolments_of_organisation
from technohub.enrolment.services import NewEmployee, employees_enrol, enrolment_cancel
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Organisation

router = Router(tags=["enrolments"], auth=company_token)


def _organisation(request: HttpRequest) -> Organisation:
    return request.auth.organisation


@router.post(
    "/editions/{edition_id}/enrolments",
    response={
        201: EnrolmentCreated,
        400: Problem,
        401: Problem,
        404: Problem,
        409: Problem,
    },
    summary="Enrol an employee",
    description=(
        "Enrols the company's employee with this e-mail address; an unknown address adds the "
        "employee first. Confirmed while seats are left, else waitlisted. Conflicts (409): "
        "`enrolment_closed`, `already_enrolled`."
    ),
)
def enrolment_create_view(
    request,
    payload: EnrolmentIn,
    edition_id: int = Path(..., ge=1, le=MAX_ID, description="The edition id."),
):
    organisation = _organisation(request)
    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is None:
        raise NotFound()
    # the company's rule, shared with the portal: its employee with this address, else a new
    # one; the token acts for the company (actor None)
    [enrolment] = employees_enrol(
        edition=edition,
        organisation=organisation,
        new_employees=[NewEmployee(payload.first_name, payload.last_name, payload.email)],
        actor=None,
    )
    person = enrolment.person
    return Status(
        201,
        {
            "id": enrolment.pk,
            "edition_id": edition.pk,
            "person_id": person.pk,
            "status": enrolment.status,
            "waitlist_position": enrolment.waitlist_position,
        },
    )


@router.get(
    "/enrolments",
    response={200: EnrolmentPage, 400: Problem, 401: Problem},
    summary="The company's enrolments",
    description="Enrolments of the token's organisation only, oldest first.",
)
def enrolment_list(request, filters: Query[EnrolmentFilters], paging: Query[Paging]):
    enrolments = enrolments_of_organisation(organisation_id=_organisation(request).pk).order_by(
        "created_at", "id"
    )
    if filters.status:
        enrolments = enrolments.filter(status=filters.status)
    if filters.edition:
        enrolments = enrolments.filter(edition_id=filters.edition)
    return page(queryset=enrolments, paging=paging, convert=EnrolmentOut.from_enrolment)


@router.delete(
    "/enrolments/{enrolment_id}",
    response={204: None, 400: Problem, 401: Problem, 404: Problem, 409: Problem},
    summary="Cancel an enrolment",
    description=(
        "Cancels one of the company's enrolments; a freed seat goes to the first on the "
        "waitlist. Conflicts (409): `cancellation_closed` (after the edition's free "
        "cancellation deadline), `invalid_transition` (already cancelled or completed)."
    ),
)
def enrolment_cancel_view(
    request, enrolment_id: int = Path(..., ge=1, le=MAX_ID, description="The enrolment id.")
):
    organisation = _organisation(request)
    enrolment = access_enrolment_of_organisation(
        organisation=organisation, enrolment_id=enrolment_id
    )
    enrolment_cancel(enrolment=enrolment, actor=None, on_behalf_of=organisation)
    return Status(204, None)
