"""Portal pages of the competences area: the skills passport, certificates, share links, the
development plan (the learner's and their manager's), recognition of prior learning, the
manager's team matrix and the trainer's assessment results.

Every view fetches through an access-checked selector: a person's pages are theirs and their
managers'; everything else is a 404.
"""

import json

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from technohub.competences import access, credentials, documents, selectors, services
from technohub.competences.errors import PlanClosed
from technohub.exports import attachment
from technohub.hubs.access import access_organisation_for_contact, person_of
from technohub.hubs.errors import DomainError
from technohub.portal.forms import add_domain_error
from technohub.portal.forms_competences import (
    AssessmentForm,
    DecisionForm,
    DisclosureForm,
    GoalForm,
    PlanCloseForm,
    PlanForm,
    RecognitionForm,
    ShareForm,
)
from technohub.portal.views.common import portal_view, posted


def _own_person(request):
    person = person_of(request.user)
    if person is None:
        raise Http404()
    return person


# --- the passport ----------------------------------------------------------------------------


@portal_view
def passport(request, person_id: int | None = None):
    person = (
        access.access_person(actor=request.user, person_id=person_id)
        if person_id
        else _own_person(request)
    )
    return render(
        request,
        "portal/competences/passport.html",
        {
            "person": person,
            "passport": selectors.passport_of(person=person),
            "is_self": access.is_self(request.user, person),
        },
    )


@portal_view
def passport_pdf(request, person_id: int | None = None):
    person = (
        access.access_person(actor=request.user, person_id=person_id)
        if person_id
        else _own_person(request)
    )
    pdf = documents.passport_pdf(selectors.passport_of(person=person))
    name = slugify(person.full_name) or "paspoort"
    return attachment(
        pdf, filename=f"vaardighedenpaspoort-{name}.pdf", content_type="application/pdf"
    )


@portal_view
@never_cache
def passport_shares(request):
    person = _own_person(request)
    form = ShareForm(posted(request))
    new_link = None
    if request.method == "POST" and form.is_valid():
        try:
            _share, token = services.passport_share_create(
                person=person, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            new_link = request.build_absolute_uri(
                reverse("public:shared_passport", kwargs={"token": token})
            )
            form = ShareForm()
    return render(
        request,
        "portal/competences/shares.html",
        {
            "form": form,
            "new_link": new_link,
            "shares": selectors.passport_shares_of(person=person),
        },
    )


@portal_view
@require_POST
def passport_share_revoke(request, share_id: int):
    share = selectors.access_share(person=_own_person(request), share_id=share_id)
    services.passport_share_revoke(share=share, actor=request.user)
    messages.success(request, _("The link has been withdrawn: it no longer works."))
    return redirect("portal:passport_shares")


# --- certificates ----------------------------------------------------------------------------


@portal_view
def certificate(request, public_id):
    certificate = selectors.access_certificate_of_holder(actor=request.user, public_id=public_id)
    is_self = access.is_self(request.user, certificate.person)
    form = DisclosureForm(posted(request), initial={"disclosure": certificate.disclosure})
    if request.method == "POST":
        if not is_self:
            raise Http404()
        if form.is_valid():
            services.certificate_set_disclosure(
                certificate=certificate,
                disclosure=form.cleaned_data["disclosure"],
                actor=request.user,
            )
            messages.success(request, _("Saved: the verification page shows what you chose."))
            return redirect("portal:certificate", public_id=certificate.public_id)
    return render(
        request,
        "portal/competences/certificate.html",
        {
            "certificate": certificate,
            "form": form,
            "is_self": is_self,
            "verify_url": credentials.verification_url(certificate),
            "qr": documents.qr_data_uri(credentials.verification_url(certificate)),
            "outcomes": selectors.outcomes_of_course(course=certificate.course)
            if certificate.course
            else [],
        },
    )


@portal_view
def certificate_pdf(request, public_id):
    certificate = selectors.access_certificate_of_holder(actor=request.user, public_id=public_id)
    outcomes = (
        list(selectors.outcomes_of_course(course=certificate.course)) if certificate.course else []
    )
    return attachment(
        documents.certificate_pdf(certificate, outcomes=outcomes),
        filename=f"certificaat-{slugify(certificate.title)}.pdf",
        content_type="application/pdf",
    )


@portal_view
def certificate_credential(request, public_id, fmt: str):
    """The signed Open Badges 3.0 credential: the VC-JWT itself, or its payload as JSON."""
    if fmt not in ("jwt", "json"):
        raise Http404()
    certificate = selectors.access_certificate_of_holder(actor=request.user, public_id=public_id)
    if fmt == "jwt":
        content, content_type = certificate.credential_jwt, "application/jwt"
    else:
        payload = credentials.decode_unverified(certificate.credential_jwt)
        content = json.dumps(payload, indent=2, ensure_ascii=False)
        content_type = "application/ld+json"
    filename = f"open-badge-{certificate.public_id}.{fmt}"
    return attachment(content, filename=filename, content_type=content_type)


# --- the development plan --------------------------------------------------------------------


def _plan(request, person_id: int):
    person = access.access_person(actor=request.user, person_id=person_id)
    return person, services.plan_get_or_create(person=person, actor=request.user)


@portal_view
def plan_own(request):
    return redirect("portal:plan", person_id=_own_person(request).pk)


@portal_view
def plan(request, person_id: int):
    person, plan = _plan(request, person_id)
    form = PlanForm(
        posted(request),
        role_profiles=selectors.role_profiles_for_person(person=person),
        initial={
            "ambition": plan.ambition,
            "role_profile": plan.role_profile,
            "review_on": plan.review_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan, actor=request.user, manager=plan.manager, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("portal:plan", person_id=person.pk)
    plan = selectors.plan_of(person=person)
    held = {h.competence.pk: h.level for h in selectors.held_competences(person=person)}
    for goal in plan.goals.all():
        goal.current_level = held.get(goal.competence_id)
    return render(
        request,
        "portal/competences/plan.html",
        {
            "person": person,
            "plan": plan,
            "managers": services.plan_managers(plan),
            "form": form,
            "close_form": PlanCloseForm(prefix="close"),
            "is_self": access.is_self(request.user, person),
            "is_manager": access.is_manager(request.user, person),
        },
    )


@portal_view
def goal_edit(request, person_id: int, goal_id: int | None = None):
    person, plan = _plan(request, person_id)
    goal = selectors.access_goal(plan=plan, goal_id=goal_id) if goal_id else None
    if plan.is_closed:
        messages.error(request, str(PlanClosed.default_message))
        return redirect("portal:plan", person_id=person.pk)
    initial = (
        {
            "title": goal.title,
            "competence": goal.competence,
            "target_level": goal.target_level,
            "course": goal.course,
            "target_date": goal.target_date,
            "status": goal.status,
        }
        if goal
        else {}
    )
    form = GoalForm(
        posted(request),
        competences=selectors.competences_for_person(person=person),
        courses=selectors.courses_for_person(person=person),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_save(plan=plan, goal=goal, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The goal has been saved."))
            return redirect("portal:plan", person_id=person.pk)
    return render(
        request,
        "portal/competences/goal_form.html",
        {"person": person, "goal": goal, "form": form},
    )


@portal_view
@require_POST
def goal_remove(request, person_id: int, goal_id: int):
    _person, plan = _plan(request, person_id)
    try:
        services.goal_remove(
            goal=selectors.access_goal(plan=plan, goal_id=goal_id), actor=request.user
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The goal has been removed."))
    return redirect("portal:plan", person_id=person_id)


@portal_view
@require_POST
def plan_agree(request, person_id: int):
    _person, plan = _plan(request, person_id)
    try:
        services.plan_agree(plan=plan, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("You agreed the plan."))
    return redirect("portal:plan", person_id=person_id)


@portal_view
@require_POST
def plan_close(request, person_id: int):
    _person, plan = _plan(request, person_id)
    form = PlanCloseForm(request.POST, prefix="close")
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.plan_close(plan=plan, actor=request.user, note=note)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The plan has been closed."))
    return redirect("portal:plan", person_id=person_id)


@portal_view
@require_POST
def plan_reopen(request, person_id: int):
    _person, plan = _plan(request, person_id)
    try:
        services.plan_reopen(plan=plan, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The plan is open again, as a draft."))
    return redirect("portal:plan", person_id=person_id)


# --- recognition of prior learning -----------------------------------------------------------


@portal_view
def recognition(request):
    person = _own_person(request)
    form = RecognitionForm(
        posted(request),
        request.FILES or None,
        competences=selectors.competences_for_person(person=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_request_submit(
                person=person, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to the hub's assessor."))
            return redirect("portal:recognition")
    return render(
        request,
        "portal/competences/recognition.html",
        {
            "form": form,
            "requests": selectors.passport_of(person=person).recognitions,
        },
    )


@portal_view
@require_POST
def recognition_withdraw(request, request_id: int):
    item = selectors.access_recognition_request(actor=request.user, request_id=request_id)
    try:
        services.recognition_withdraw(request=item, actor=request.user)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Your request has been withdrawn."))
    return redirect("portal:recognition")


@portal_view
def evidence_download(request, evidence_id: int):
    """An evidence file, for its owner and the hub's assessors only (never a public URL)."""
    evidence = selectors.access_evidence(actor=request.user, evidence_id=evidence_id)
    try:
        stream = evidence.file.open("rb")
    except FileNotFoundError as exc:  # the row outlived its file: gone, not a 500
        raise Http404 from exc
    response = FileResponse(
        stream,
        content_type=evidence.content_type,
        as_attachment=True,
        filename=evidence.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the manager's team view ------------------------------------------------------------------


@portal_view
def company_team(request, organisation_id: int):
    organisation = access_organisation_for_contact(
        actor=request.user, organisation_id=organisation_id
    )
    return render(
        request,
        "portal/competences/team.html",
        {
            "organisation": organisation,
            "section": "team",
            "matrix": selectors.team_matrix(organisation=organisation),
        },
    )


# --- the trainer's assessment results ---------------------------------------------------------


@portal_view
def trainer_assessment(request, edition_id: int):
    edition = selectors.access_taught_edition(actor=request.user, edition_id=edition_id)
    enrolments = list(selectors.assessable_enrolments(edition=edition))
    form = AssessmentForm(posted(request), enrolments=enrolments)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessments_record(edition=edition, results=form.results(), actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The assessment results have been saved."))
            return redirect("portal:trainer_assessment", edition_id=edition.pk)
    return render(
        request,
        "portal/competences/assessment.html",
        {"edition": edition, "form": form, "enrolments": enrolments},
    )


# --- trainers as assessors of recognition requests -------------------------------------------


@portal_view
def recognitions_to_assess(request):
    """A trainer's queue: open requests for competences their courses teach."""
    return render(
        request,
        "portal/competences/assess_list.html",
        {"items": list(selectors.recognition_requests_to_assess(actor=request.user))},
    )


@portal_view
def recognition_assess(request, request_id: int):
    item = selectors.access_recognition_request(actor=request.user, request_id=request_id)
    if not access.may_assess(request.user, item):
        raise Http404()
    form = DecisionForm(posted(request), initial={"level": item.level})
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_decide(request=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("portal:recognitions_to_assess")
    return render(
        request,
        "portal/competences/assess.html",
        {
            "item": item,
            "form": form,
            "held": selectors.held_level(person=item.person, competence=item.competence),
        },
        status=400 if form.errors else 200,
    )
