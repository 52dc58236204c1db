"""Enrol in an edition: a learner themselves, or a company contact their employees."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from technohub.catalogue.access import access_enrollable_edition
from technohub.enrolment.models import Enrolment, SeatPool
from technohub.enrolment.services import enrolment_create
from technohub.hubs import access
from technohub.hubs.errors import DomainError, NotFound
from technohub.hubs.models import Person
from technohub.hubs.signup import may_enrol
from technohub.portal import selectors
from technohub.portal.forms import (
    CompanyEnrolForm,
    OrganisationChoiceForm,
    SelfEnrolForm,
    add_domain_error,
)
from technohub.portal.forms_pricing import PoolReserveForm
from technohub.portal.services import NewEmployee, company_enrol
from technohub.portal.views.common import portal_view, posted
from technohub.pricing.selectors import seat_quote

Status = Enrolment.Status


@portal_view
def enrol(request, edition_id: int):
    edition = access_enrollable_edition(edition_id=edition_id)
    organisations = selectors.organisations_of_contact(actor=request.user)
    if organisations:
        return _enrol_for_company(request, edition, organisations)
    return _enrol_self(request, edition)


def self_result_message(enrolment: Enrolment) -> str:
    course = enrolment.edition.course.title
    if enrolment.status == Status.CONFIRMED:
        return _("You are enrolled in %(course)s: your seat is confirmed.") % {"course": course}
    if enrolment.status == Status.WAITLISTED:
        return _(
            "%(course)s is full: you are number %(position)s on the waitlist. "
            "We will e-mail you when a seat comes free."
        ) % {"course": course, "position": enrolment.waitlist_position}
    return _(
        "Your enrolment in %(course)s now waits for your employer's approval. "
        "We will e-mail you when they have decided."
    ) % {"course": course}


def price_context(edition, person, organisation_id) -> dict:
    """This person's price (pricing's rule: member or not, a joint purchase's share, a fund's
    part) and the cancellation rule, in the past tense once its deadline has passed."""
    quote = seat_quote(edition=edition, person=person, organisation_id=organisation_id)
    return {
        "quote": quote,
        "cancellation_passed": quote.free_until is not None and timezone.now() > quote.free_until,
    }


def _enrol_self(request, edition):
    if not may_enrol(request.user):  # self sign-up: the address is not confirmed yet
        return render(request, "registration/verify_first.html", {"edition": edition})
    person = access.person_of(request.user)
    current = selectors.active_enrolment_of(edition=edition, person=person) if person else None
    form = SelfEnrolForm(posted(request))
    if form.is_valid() and person is not None and current is None:
        try:
            enrolment = enrolment_create(edition=edition, person=person, actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            level = messages.SUCCESS if enrolment.status == Status.CONFIRMED else messages.INFO
            messages.add_message(request, level, self_result_message(enrolment))
            return redirect("portal:home")
    return render(
        request,
        "portal/enrol_self.html",
        {
            "edition": edition,
            "person": person,
            "current": current,
            "form": form,
            "needs_approval": bool(
                person
                and person.employer_id
                and person.learner_kind == person.LearnerKind.EMPLOYEE
                and person.employer.approval_required
            ),
            # the enrolment belongs to the employer for an employee, else to nobody
            **(
                price_context(
                    edition,
                    person,
                    person.employer_id
                    if person.learner_kind == person.LearnerKind.EMPLOYEE
                    else None,
                )
                if person is not None
                else {}
            ),
        },
    )


def _chosen_organisation(request, organisations):
    """The organisation the contact acts for (`organisation` in form or query), else the first."""
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    if not wanted:
        return organisations[0]
    for organisation in organisations:
        if str(organisation.pk) == wanted:
            return organisation
    raise NotFound()


def company_result_messages(request, enrolments: list[Enrolment]) -> None:
    confirmed = [e.person.full_name for e in enrolments if e.status == Status.CONFIRMED]
    waitlisted = [e for e in enrolments if e.status == Status.WAITLISTED]
    if confirmed:
        messages.success(
            request,
            ngettext(
                "Enrolled with a confirmed seat: %(names)s.",
                "Enrolled with confirmed seats: %(names)s.",
                len(confirmed),
            )
            % {"names": ", ".join(confirmed)},
        )
    if waitlisted:
        names = ", ".join(
            _("%(name)s (number %(position)s)")
            % {"name": e.person.full_name, "position": e.waitlist_position}
            for e in waitlisted
        )
        messages.warning(
            request,
            _("The course is full. On the waitlist: %(names)s.") % {"names": names},
        )


def _enrol_for_company(request, edition, organisations):
    organisations = list(organisations)
    organisation = _chosen_organisation(request, organisations)
    employees = list(selectors.enrollable_employees(organisation=organisation, edition=edition))
    open_ids = [p.pk for p in employees if not p.already]
    form = CompanyEnrolForm(
        posted(request),
        employees=selectors.employees_of(organisation=organisation).filter(pk__in=open_ids),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new = (
            [NewEmployee(data["first_name"], data["last_name"], data["email"])]
            if form.has_new_employee
            else []
        )
        try:
            enrolments = company_enrol(
                edition=edition,
                organisation=organisation,
                people=data["people"],
                new_employees=new,
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            company_result_messages(request, enrolments)
            return redirect("portal:company_enrolments", organisation_id=organisation.pk)
    chooser = None
    if len(organisations) > 1:
        chooser = OrganisationChoiceForm(
            initial={"organisation": organisation.pk},
            organisations=selectors.organisations_of_contact(actor=request.user),
        )
    checked = {str(v) for v in form["people"].value() or []}
    pool = SeatPool.objects.filter(
        edition=edition, organisation=organisation, released_at__isnull=True
    ).first()
    return render(
        request,
        "portal/enrol_company.html",
        {
            "edition": edition,
            "organisation": organisation,
            "chooser": chooser,
            "employees": employees,
            "open_count": len(open_ids),
            "checked": checked,
            "form": form,
            "pool": pool,
            "reserve_form": PoolReserveForm(),
            "for_company": True,
            **price_context(
                edition,
                Person(employer=organisation, learner_kind=Person.LearnerKind.EMPLOYEE),
                organisation.pk,
            ),
        },
    )
