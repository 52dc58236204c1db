"""Back-office pages of the competences area: the hub's framework (and ESCO-style import), course
outcomes and certificate settings, role profiles, issued certificates (revocation) and the
recognition-of-prior-learning queue. Coordinators of the hub only (`hub_view`)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import add_service_error
from technohub.backoffice.forms_competences import (
    AchievementForm,
    CompetenceForm,
    FrameworkForm,
    ImportForm,
    OutcomeForm,
    RequirementForm,
    RevokeForm,
    RoleProfileForm,
)
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.catalogue.access import access_course_of_hub
from technohub.competences import selectors, services
from technohub.competences.errors import ImportFailed
from technohub.competences.models import Achievement, Competence, RoleProfile
from technohub.hubs.errors import DomainError, NotFound
from technohub.portal.forms_competences import DecisionForm

PAGE_SIZE = 50


def _competence(hub, competence_id: int) -> Competence:
    competence = selectors.competences_of_hub(hub=hub).filter(pk=competence_id).first()
    if competence is None:
        raise Http404
    return competence


def _status(form) -> int:
    return 400 if form.errors else 200


@hub_view
def framework(request, hub):
    form = FrameworkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.framework_create(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The framework has been created."))
            return redirect("backoffice:competences", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/framework.html",
        {"frameworks": selectors.frameworks_of_hub(hub=hub), "form": form},
        section="competences",
        status=_status(form),
    )


@hub_view
def competence_edit(request, hub, competence_id: int | None = None):
    competence = _competence(hub, competence_id) if competence_id else None
    initial = {}
    if competence is not None:
        initial = {
            name: getattr(competence, name)
            for name in ("framework", "code", "label_nl", "label_en", "description", "parent")
        }
        initial.update(uri=competence.uri, aligned_with=list(competence.aligned_with.all()))
    form = CompetenceForm(
        posted(request),
        frameworks=selectors.frameworks_of_hub(hub=hub),
        competences=selectors.competences_of_hub(hub=hub),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.competence_save(competence=competence, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The competence has been saved."))
            return redirect("backoffice:competences", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/competence_form.html",
        {"form": form, "competence": competence},
        section="competences",
        status=_status(form),
    )


@hub_view
def framework_import(request, hub):
    form = ImportForm(posted(request), request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = services.framework_import_csv(
                hub=hub,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                data=form.cleaned_data["file"].read(),
                actor=request.user,
            )
        except ImportFailed as error:
            form.add_error(None, str(error.message))
            row_errors = error.rows
        else:
            messages.success(
                request,
                _("Imported into %(name)s: %(created)s new, %(updated)s updated.")
                % {
                    "name": result.framework.name,
                    "created": result.created,
                    "updated": result.updated,
                },
            )
            return redirect("backoffice:competences", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/import.html",
        {"form": form, "row_errors": row_errors},
        section="competences",
        status=_status(form),
    )


@hub_view
def course_competences(request, hub, course_id: int):
    """A course's learning outcomes (competence + level) and what completing it awards."""
    course = access_course_of_hub(hub=hub, course_id=course_id)
    try:
        achievement = course.achievement
    except Achievement.DoesNotExist:
        achievement = Achievement(course=course)
    outcome_form = OutcomeForm(
        posted(request) if "outcome" in request.POST else None,
        competences=selectors.own_competences_of_hub(hub=hub),
    )
    achievement_form = AchievementForm(
        posted(request) if "achievement" in request.POST else None,
        initial={
            name: getattr(achievement, name)
            for name in (
                "awards_certificate",
                "requires_assessment",
                "assessment_description",
                "validity_months",
                "criteria",
            )
        },
    )
    if request.method == "POST":
        form = outcome_form if "outcome" in request.POST else achievement_form
        if form.is_valid():
            try:
                if form is outcome_form:
                    services.outcome_set(course=course, actor=request.user, **form.cleaned_data)
                else:
                    services.achievement_update(
                        course=course, actor=request.user, **form.cleaned_data
                    )
            except DomainError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect(
                    "backoffice:course_competences", hub_slug=hub.slug, course_id=course.pk
                )
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/course.html",
        {
            "course": course,
            "outcomes": selectors.outcomes_of_course(course=course),
            "outcome_form": outcome_form,
            "achievement_form": achievement_form,
        },
        section="courses",
        status=400 if outcome_form.errors or achievement_form.errors else 200,
    )


@hub_view
@require_POST
def outcome_remove(request, hub, course_id: int, outcome_id: int):
    course = access_course_of_hub(hub=hub, course_id=course_id)
    outcome = selectors.outcomes_of_course(course=course).filter(pk=outcome_id).first()
    if outcome is None:
        raise Http404
    services.outcome_remove(outcome=outcome, actor=request.user)
    messages.success(request, _("The learning outcome has been removed."))
    return redirect("backoffice:course_competences", hub_slug=hub.slug, course_id=course.pk)


@hub_view
def role_profiles(request, hub):
    form = RoleProfileForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.role_profile_save(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_service_error(form, error)
        else:
            return redirect("backoffice:role_profile", hub_slug=hub.slug, profile_id=profile.pk)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/role_profiles.html",
        {"profiles": selectors.role_profiles_of_hub(hub=hub), "form": form},
        section="role_profiles",
        status=_status(form),
    )


def _profile(hub, profile_id: int) -> RoleProfile:
    profile = selectors.role_profiles_of_hub(hub=hub).filter(pk=profile_id).first()
    if profile is None:
        raise Http404
    return profile


@hub_view
def role_profile(request, hub, profile_id: int):
    profile = _profile(hub, profile_id)
    form = RequirementForm(posted(request), competences=selectors.own_competences_of_hub(hub=hub))
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_set(profile=profile, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("backoffice:role_profile", hub_slug=hub.slug, profile_id=profile.pk)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/role_profile.html",
        {"profile": profile, "form": form},
        section="role_profiles",
        status=_status(form),
    )


@hub_view
@require_POST
def requirement_remove(request, hub, profile_id: int, requirement_id: int):
    profile = _profile(hub, profile_id)
    requirement = profile.requirements.filter(pk=requirement_id).first()
    if requirement is None:
        raise Http404
    services.requirement_remove(requirement=requirement, actor=request.user)
    return redirect("backoffice:role_profile", hub_slug=hub.slug, profile_id=profile.pk)


@hub_view
def certificates(request, hub):
    page = Paginator(selectors.certificates_of_hub(hub=hub), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/certificates.html",
        {"page": page, "form": RevokeForm()},
        section="certificates",
    )


@hub_view
@require_POST
def certificate_revoke(request, hub, certificate_id: int):
    certificate = selectors.certificates_of_hub(hub=hub).filter(pk=certificate_id).first()
    if certificate is None:
        raise Http404
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for revoking."))
    else:
        try:
            services.certificate_revoke(
                certificate=certificate, reason=form.cleaned_data["reason"], actor=request.user
            )
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(
                request,
                _("The certificate of %(name)s has been revoked.")
                % {"name": certificate.person.full_name},
            )
    return redirect("backoffice:certificates", hub_slug=hub.slug)


@hub_view
def recognitions(request, hub):
    requests = selectors.recognition_requests_of_hub(hub=hub)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/recognitions.html",
        {
            "open": [r for r in requests if r.status == r.Status.SUBMITTED],
            "decided": [r for r in requests if r.status != r.Status.SUBMITTED][:50],
        },
        section="recognitions",
    )


@hub_view
def recognition_decide(request, hub, request_id: int):
    try:
        item = selectors.access_recognition_request(actor=request.user, request_id=request_id)
    except NotFound as exc:
        raise Http404 from exc
    if item.competence.framework.hub_id != hub.pk:
        raise Http404
    form = DecisionForm(posted(request), initial={"level": item.level})
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_decide(request=item, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("backoffice:recognitions", hub_slug=hub.slug)
    return render_hub_page(
        request,
        hub,
        "backoffice/competences/recognition.html",
        {
            "item": item,
            "form": form,
            "held": selectors.held_level(person=item.person, competence=item.competence),
        },
        section="recognitions",
        status=_status(form),
    )
