"""A company contact's pages: employees, enrolments, approvals, settings and API keys.

Every view starts with `access_organisation_for_contact`: a contact only ever reaches their own
organisations; anything else (guessed ids included) is a 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from technohub.enrolment.access import access_enrolment_of_organisation
from technohub.enrolment.services import enrolment_approve, enrolment_cancel, enrolment_reject
from technohub.hubs import selectors as hub_selectors
from technohub.hubs.access import access_api_token, access_employee, access_organisation_for_contact
from technohub.hubs.employment import (
    employee_add,
    employee_update,
    employment_confirm,
    employment_decline,
    employment_end,
)
from technohub.hubs.errors import DomainError
from technohub.hubs.organisation_services import organisation_set_approval_required
from technohub.hubs.services import user_invite
from technohub.hubs.tokens import token_create, token_revoke
from technohub.portal import selectors
from technohub.portal.forms import (
    ApprovalSettingForm,
    EmployeeForm,
    EnrolmentFilterForm,
    TokenForm,
    add_domain_error,
)
from technohub.portal.forms_employment import ConfirmForm, EmployeeEditForm
from technohub.portal.forms_enrolment import RejectForm
from technohub.portal.views.common import portal_view, posted
from technohub.portal.views.learner import cancel_context

ENROLMENTS_PER_PAGE = 50


def _page(request, template: str, organisation, section: str, http_status=200, **context):
    context.update({"organisation": organisation, "section": section})
    return render(request, template, context, status=http_status)


@portal_view
def company_index(request):
    organisations = list(selectors.organisations_of_contact(actor=request.user))
    if not organisations:
        raise Http404()
    if len(organisations) == 1:
        return redirect("portal:company_employees", organisation_id=organisations[0].pk)
    return render(request, "portal/company/index.html", {"organisations": organisations})


@portal_view
def employees(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    people = list(selectors.employees_of(organisation=organisation))
    links = list(hub_selectors.pending_links_of_organisation(organisation=organisation))
    return _page(
        request,
        "portal/company/employees.html",
        organisation,
        "employees",
        people=people,
        to_confirm=[link for link in links if link.status == link.Status.AWAITS_ORGANISATION],
        invited=[link for link in links if link.status == link.Status.AWAITS_PERSON],
    )


@portal_view
def employee_add_view(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    form = EmployeeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, link = employee_add(organisation=organisation, actor=request.user, **data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            if link is not None:
                # an existing account: an invitation to link, nothing about the person shown
                messages.success(
                    request,
                    _(
                        "We have sent an invitation to %(email)s. %(name)s appears among your "
                        "employees once the invitation is accepted."
                    )
                    % {"email": data["email"], "name": link.invited_name},
                )
            elif data["invite"]:
                messages.success(
                    request,
                    _("%(name)s has been added and invited to log in.")
                    % {"name": person.full_name},
                )
            else:
                messages.success(
                    request, _("%(name)s has been added.") % {"name": person.full_name}
                )
            return redirect("portal:company_employees", organisation_id=organisation.pk)
    return _page(request, "portal/company/employee_add.html", organisation, "employees", form=form)


@portal_view
def employee_edit(request, organisation_id: int, person_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    person = access_employee(actor=request.user, organisation=organisation, person_id=person_id)
    initial = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "email": person.email,
        "phone": person.phone,
    }
    form = EmployeeEditForm(posted(request), initial=initial, has_login=person.user_id is not None)
    if request.method == "POST" and form.is_valid():
        try:
            employee_update(
                organisation=organisation, person=person, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The details have been saved."))
            return redirect("portal:company_employees", organisation_id=organisation.pk)
    return _page(
        request,
        "portal/company/employee_edit.html",
        organisation,
        "employees",
        form=form,
        person=person,
    )


@portal_view
def employee_end(request, organisation_id: int, person_id: int):
    """A confirmation page that says what ending the employment does; the POST ends it."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    person = access_employee(actor=request.user, organisation=organisation, person_id=person_id)
    form = ConfirmForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            employment_end(organisation=organisation, person=person, actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("The employment of %(name)s has ended today.") % {"name": person.full_name},
            )
            return redirect("portal:company_employees", organisation_id=organisation.pk)
    return _page(
        request,
        "portal/company/employee_end.html",
        organisation,
        "employees",
        form=form,
        person=person,
        today=timezone.localdate(),
    )


@require_POST
@portal_view
def employee_link_decide(request, organisation_id: int, employment_id: int):
    """Confirm or decline someone who asked to be linked; withdraw an invitation."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    link = hub_selectors.access_pending_link_of_organisation(
        actor=request.user, organisation=organisation, employment_id=employment_id
    )
    decision = request.POST.get("decision")
    may_confirm = link.status == link.Status.AWAITS_ORGANISATION
    try:
        if decision == "confirm" and may_confirm:
            employment_confirm(employment=link, actor=request.user)
            messages.success(
                request,
                _("%(name)s is now one of your employees.") % {"name": link.person.full_name},
            )
        elif decision == "decline":
            employment_decline(employment=link, actor=request.user)
            messages.success(request, _("The request has been declined."))
        else:
            messages.error(request, _("Choose confirm or decline."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("portal:company_employees", organisation_id=organisation.pk)


@require_POST
@portal_view
def employee_invite(request, organisation_id: int, person_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    person = access_employee(actor=request.user, organisation=organisation, person_id=person_id)
    if person.user is not None and person.user.has_usable_password():
        messages.info(request, _("%(name)s can already log in.") % {"name": person.full_name})
    else:
        try:
            user_invite(person=person, actor=request.user)
        except DomainError as error:
            messages.error(request, f"{person.full_name}: {error.message}")
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": person.email},
            )
    return redirect("portal:company_employees", organisation_id=organisation.pk)


@portal_view
def enrolments(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    filters = EnrolmentFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else None
    queryset = selectors.company_enrolments(
        actor=request.user, organisation=organisation, status=status or None
    )
    page = Paginator(queryset, ENROLMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return _page(
        request,
        "portal/company/enrolments.html",
        organisation,
        "enrolments",
        filters=filters,
        page=page,
        status=status or "",
    )


@portal_view
def enrolment_cancel_view(request, organisation_id: int, enrolment_id: int):
    """GET: the confirmation step (free or the fee; who moves up); POST: cancel."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    enrolment = access_enrolment_of_organisation(
        organisation=organisation, enrolment_id=enrolment_id
    )
    if request.method != "POST":
        back = _back_to_enrolments(request, organisation)
        return render(
            request,
            "portal/enrolment_cancel.html",
            {**cancel_context(enrolment), "organisation": organisation, "back": back},
        )
    try:
        enrolment_cancel(enrolment=enrolment, actor=request.user)
    except DomainError as error:
        messages.error(request, f"{enrolment.person.full_name}: {error.message}")
    else:
        messages.success(
            request,
            _("The enrolment of %(name)s for %(course)s has been cancelled.")
            % {"name": enrolment.person.full_name, "course": enrolment.edition.course.title},
        )
    return redirect(_back_to_enrolments(request, organisation))


def _back_to_enrolments(request, organisation) -> str:
    target = request.POST.get("next", "") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("portal:company_enrolments", kwargs={"organisation_id": organisation.pk})


@portal_view
def approvals(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    pending = list(selectors.pending_approvals(actor=request.user, organisation=organisation))
    return _page(
        request, "portal/company/approvals.html", organisation, "approvals", pending=pending
    )


@portal_view
def approval_decide(request, organisation_id: int, enrolment_id: int):
    """POST approve; reject asks for a reason first (GET or a POST without one: the form)."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    enrolment = access_enrolment_of_organisation(
        organisation=organisation, enrolment_id=enrolment_id
    )
    decision = request.POST.get("decision") or request.GET.get("decision")
    if request.method != "POST" and decision != "reject":
        return redirect("portal:company_approvals", organisation_id=organisation.pk)
    if decision == "reject":
        # the reason first: the Reject button (or link) leads to this form
        form = RejectForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            return _page(
                request,
                "portal/company/reject.html",
                organisation,
                "approvals",
                enrolment=enrolment,
                form=form,
                http_status=400 if form.is_bound else 200,
            )
    elif decision != "approve":
        messages.error(request, _("Choose approve or reject."))
        return redirect("portal:company_approvals", organisation_id=organisation.pk)
    name = enrolment.person.full_name
    try:
        if decision == "approve":
            enrolment = enrolment_approve(enrolment=enrolment, actor=request.user)
        else:
            enrolment = enrolment_reject(
                enrolment=enrolment, actor=request.user, reason=form.cleaned_data["reason"]
            )
    except DomainError as error:
        messages.error(request, f"{name}: {error.message}")
    else:
        if decision == "reject":
            messages.success(request, _("%(name)s: not approved.") % {"name": name})
        elif enrolment.status == enrolment.Status.WAITLISTED:
            messages.warning(
                request,
                _("%(name)s: approved; the course is full, so on the waitlist (number %(pos)s).")
                % {"name": name, "pos": enrolment.waitlist_position},
            )
        else:
            messages.success(request, _("%(name)s: approved, seat confirmed.") % {"name": name})
    return redirect("portal:company_approvals", organisation_id=organisation.pk)


@portal_view
def settings_view(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    form = ApprovalSettingForm(
        posted(request), initial={"approval_required": organisation.approval_required}
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_set_approval_required(
                organisation=organisation,
                approval_required=form.cleaned_data["approval_required"],
                actor=request.user,
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The setting has been saved."))
            return redirect("portal:company_settings", organisation_id=organisation.pk)
    return _page(request, "portal/company/settings.html", organisation, "settings", form=form)


@never_cache
@portal_view
def tokens(request, organisation_id: int):
    """List keys and create one. The new key is in this one response only (never stored)."""
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    form = TokenForm(posted(request))
    new_key = new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token, new_key = token_create(
                organisation=organisation, name=form.cleaned_data["name"], actor=request.user
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            form = TokenForm()
    return _page(
        request,
        "portal/company/tokens.html",
        organisation,
        "tokens",
        form=form,
        tokens=list(selectors.tokens_of(organisation=organisation)),
        new_key=new_key,
        new_token=new_token,
    )


@require_POST
@portal_view
def token_revoke_view(request, organisation_id: int, token_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    token = access_api_token(organisation=organisation, token_id=token_id)
    if token.revoked_at is None:
        try:
            token_revoke(token=token, actor=request.user)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("The key %(name)s has been revoked.") % {"name": token.name}
            )
    return redirect("portal:company_tokens", organisation_id=organisation.pk)
