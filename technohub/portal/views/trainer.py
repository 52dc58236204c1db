"""A trainer's pages: attendance for one session in one screen, an edition's overview, and
completing the edition after a confirmation page (works without JavaScript)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from technohub.catalogue.access import access_edition_for_trainer, access_session_for_trainer
from technohub.catalogue.models import Edition
from technohub.enrolment.services import (
    attendance_is_open,
    attendance_record,
    completion_preview,
    edition_complete,
    may_complete,
    may_complete_early,
)
from technohub.hubs.errors import DomainError
from technohub.portal import selectors
from technohub.portal.forms import AttendanceForm, add_domain_error
from technohub.portal.forms_enrolment import CompleteEditionForm
from technohub.portal.views.common import portal_view, posted


@portal_view
def attendance(request, session_id: int):
    """Everyone present by default: a class of 15 is one click on 'Save'."""
    session = access_session_for_trainer(actor=request.user, session_id=session_id)
    enrolments = selectors.participants(edition=session.edition)
    recorded = selectors.attendance_of(session=session)
    form = AttendanceForm(posted(request), enrolments=enrolments, recorded=recorded)
    is_open = attendance_is_open(session)
    if request.method == "POST" and form.is_valid():
        try:
            saved = attendance_record(session=session, marks=form.marks(), actor=request.user)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Attendance saved for %(count)s participant.",
                    "Attendance saved for %(count)s participants.",
                    len(saved),
                )
                % {"count": len(saved)},
            )
            return redirect("portal:trainer_edition", edition_id=session.edition_id)
    return render(
        request,
        "portal/trainer/attendance.html",
        {
            "session": session,
            "edition": session.edition,
            "form": form,
            "already_recorded": bool(recorded),
            "is_open": is_open,
        },
    )


@portal_view
def edition_overview(request, edition_id: int):
    edition = access_edition_for_trainer(actor=request.user, edition_id=edition_id)
    sessions = list(selectors.sessions_with_counts(edition=edition))
    people = list(selectors.participants(edition=edition))
    for enrolment in people:
        enrolment.rate = round(100 * enrolment.present_count / len(sessions)) if sessions else 0
    for session in sessions:
        session.attendance_open = attendance_is_open(session)
    return render(
        request,
        "portal/trainer/edition.html",
        {
            "edition": edition,
            "sessions": sessions,
            "participants": people,
            "can_complete": edition.status in (Edition.Status.PUBLISHED, Edition.Status.RUNNING)
            and may_complete(actor=request.user, edition=edition),
        },
    )


@portal_view
def edition_complete_view(request, edition_id: int):
    """GET: what completing would do (n certificates, m below the threshold); POST: do it.

    Before the last session has ended the trainer gets the reason instead of the button; a
    coordinator of the hub may complete early with a reason (audited).
    """
    edition = access_edition_for_trainer(actor=request.user, edition_id=edition_id)
    if edition.status not in (Edition.Status.PUBLISHED, Edition.Status.RUNNING):
        messages.error(request, _("This edition cannot be completed (any more)."))
        return redirect("portal:trainer_edition", edition_id=edition.pk)
    preview = completion_preview(edition=edition, actor=request.user)
    may_override = may_complete_early(actor=request.user, edition=edition)
    form = CompleteEditionForm(posted(request), early=preview.early)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                edition_complete(
                    edition=edition,
                    actor=request.user,
                    early_reason=form.cleaned_data.get("early_reason", ""),
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(course)s (%(code)s) is completed.")
                    % {"course": edition.course.title, "code": edition.code},
                )
                return redirect("portal:trainer_edition", edition_id=edition.pk)
        status = 400
    return render(
        request,
        "portal/trainer/complete.html",
        {
            "edition": edition,
            "preview": preview,
            "form": form,
            "blocked": preview.early and not may_override,
        },
        status=status,
    )
