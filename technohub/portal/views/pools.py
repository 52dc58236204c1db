"""A company's reserved seats (seat pools): name people, share the claim link, release.

Every company view starts with `access_organisation_for_contact` (404 for any other company);
a pool is fetched within that company only.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from technohub.catalogue.access import access_enrollable_edition
from technohub.catalogue.models import Edition
from technohub.enrolment import selectors as enrolment_selectors
from technohub.enrolment import services as enrolment_services
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.enrolment.selectors import with_seat_counts
from technohub.hubs import access
from technohub.hubs.access import access_organisation_for_contact
from technohub.hubs.errors import DomainError, NotFound
from technohub.portal import selectors
from technohub.portal.forms import SelfEnrolForm, add_domain_error
from technohub.portal.forms_pricing import PoolApprovalForm, PoolAssignForm, PoolReserveForm
from technohub.portal.services import EnrolmentFailedFor
from technohub.portal.views.common import portal_view, posted


def _access_pool(request, organisation_id: int, pool_id: int) -> tuple:
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    pool = (
        enrolment_selectors.pools_of_company(organisation_id=organisation.pk)
        .filter(pk=pool_id)
        .first()
    )
    if pool is None:
        raise NotFound()
    return organisation, pool


@portal_view
def pools(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    return render(
        request,
        "portal/pricing/pools.html",
        {
            "organisation": organisation,
            "section": "pools",
            "pools": list(enrolment_selectors.pools_of_company(organisation_id=organisation.pk)),
        },
    )


@require_POST
@portal_view
def pool_reserve(request, organisation_id: int, edition_id: int):
    """Reserve seats from the enrol page (the form is shown there)."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    edition = access_enrollable_edition(edition_id=edition_id)
    form = PoolReserveForm(request.POST)
    if form.is_valid():
        try:
            pool = enrolment_services.seat_pool_reserve(
                edition=edition,
                organisation=organisation,
                seats=form.cleaned_data["seats"],
                actor=request.user,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Seats reserved for %(name)s: %(count)s.")
                % {"count": form.cleaned_data["seats"], "name": organisation.name},
            )
            return redirect("portal:company_pool", organisation_id=organisation.pk, pool_id=pool.pk)
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.get("seats", [])))
    return redirect(reverse("portal:enrol", args=[edition.pk]) + f"?organisation={organisation.pk}")


def _render_pool(request, organisation, pool, *, assign_form=None, status=200):
    named = list(enrolment_selectors.pool_enrolments(pool=pool))
    taken = {e.person_id for e in named}
    employees = selectors.enrollable_employees(organisation=organisation, edition=pool.edition)
    open_people = [p for p in employees if not p.already and p.pk not in taken]
    assign_form = assign_form or PoolAssignForm(
        employees=selectors.employees_of(organisation=organisation).filter(
            pk__in=[p.pk for p in open_people]
        )
    )
    return render(
        request,
        "portal/pricing/pool.html",
        {
            "organisation": organisation,
            "section": "pools",
            "pool": pool,
            "edition": pool.edition,
            "named": named,
            "open_people": open_people,
            "assign_form": assign_form,
            "approval_form": PoolApprovalForm(
                initial={"claims_need_approval": pool.claims_need_approval}
            ),
            "claim_url": request.build_absolute_uri(
                reverse("portal:pool_claim", args=[pool.claim_code])
            ),
        },
        status=status,
    )


@portal_view
def pool_detail(request, organisation_id: int, pool_id: int):
    organisation, pool = _access_pool(request, organisation_id, pool_id)
    if request.method != "POST":
        return _render_pool(request, organisation, pool)
    employees = selectors.employees_of(organisation=organisation)
    form = PoolAssignForm(request.POST, employees=employees)
    if form.is_valid():
        try:
            made = enrolment_services.seat_pool_assign(
                pool=pool, people=form.cleaned_data["people"], actor=request.user
            )
        except DomainError as error:
            person = getattr(error, "person", None)
            add_domain_error(form, EnrolmentFailedFor(person, error) if person else error)
        else:
            messages.success(
                request,
                _("Seat confirmed for: %(names)s.")
                % {"names": ", ".join(e.person.full_name for e in made)},
            )
            return redirect("portal:company_pool", organisation_id=organisation.pk, pool_id=pool.pk)
    return _render_pool(request, organisation, pool, assign_form=form, status=400)


@require_POST
@portal_view
def pool_settings(request, organisation_id: int, pool_id: int):
    organisation, pool = _access_pool(request, organisation_id, pool_id)
    form = PoolApprovalForm(request.POST)
    if form.is_valid():
        enrolment_services.seat_pool_set_approval(
            pool=pool,
            claims_need_approval=form.cleaned_data["claims_need_approval"],
            actor=request.user,
        )
        messages.success(request, _("The setting has been saved."))
    return redirect("portal:company_pool", organisation_id=organisation.pk, pool_id=pool.pk)


@require_POST
@portal_view
def pool_release(request, organisation_id: int, pool_id: int):
    organisation, pool = _access_pool(request, organisation_id, pool_id)
    try:
        enrolment_services.seat_pool_release(pool=pool, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The unnamed seats have been given back to the hub."))
    return redirect("portal:company_pool", organisation_id=organisation.pk, pool_id=pool.pk)


@portal_view
def claim(request, claim_code: str):
    """An employee follows the claim link: sees the course and takes a seat of the pool."""
    pool = (
        SeatPool.objects.select_related("edition__course", "edition__hub", "organisation")
        .filter(claim_code=claim_code)
        .first()
    )
    person = access.person_of(request.user)
    if pool is None or person is None or person.employer_id != pool.organisation_id:
        raise NotFound()
    current = selectors.active_enrolment_of(edition=pool.edition, person=person)
    form = SelfEnrolForm(posted(request))
    if request.method == "POST" and current is None:
        try:
            enrolment = enrolment_services.seat_pool_claim(
                claim_code=claim_code, actor=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if enrolment.status == Enrolment.Status.CONFIRMED:
                messages.success(
                    request,
                    _("You are enrolled in %(course)s: your seat is confirmed.")
                    % {"course": pool.edition.course.title},
                )
            else:
                messages.info(
                    request,
                    _("Your claim now waits for the approval of %(company)s.")
                    % {"company": pool.organisation.name},
                )
            return redirect("portal:home")
    edition = (
        with_seat_counts(Edition.objects.filter(pk=pool.edition_id))
        .select_related("course", "hub", "location")
        .get()
    )
    return render(
        request,
        "portal/pricing/claim.html",
        {"pool": pool, "edition": edition, "current": current, "form": form},
    )
