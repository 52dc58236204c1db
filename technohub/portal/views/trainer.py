"""A trainer's pages: attendance for one session in one screen, and an edition's overview."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from technohub.catalogue.models import Edition
from technohub.enrolment.services import attendance_record, edition_complete, may_complete
from technohub.hubs.errors import DomainError
from technohub.portal import selectors
from technohub.portal.forms import AttendanceForm, add_domain_error
from technohub.portal.views.common import portal_view, posted


@portal_view
def attendance(request, session_id: int):
    """Everyone present by default: a class of 15 is one click on 'Save'."""
    session = selectors.access_taught_session(actor=request.user, session_id=session_id)
    enrolments = selectors.participants(edition=session.edition)
    recorded = selectors.attendance_of(session=session)
    form = AttendanceForm(posted(request), enrolments=enrolments, recorded=recorded)
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
        },
    )


@portal_view
def edition_overview(request, edition_id: int):
    edition = selectors.access_taught_edition(actor=request.user, edition_id=edition_id)
    sessions = list(selectors.sessions_with_counts(edition=edition))
    people = list(selectors.participants(edition=edition))
    for enrolment in people:
        enrolment.rate = round(100 * enrolment.present_count / len(sessions)) if sessions else 0
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


@require_POST
@portal_view
def edition_complete_view(request, edition_id: int):
    edition = selectors.access_taught_edition(actor=request.user, edition_id=edition_id)
    try:
        edition_complete(edition=edition, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("%(course)s (%(code)s) is completed.")
            % {"course": edition.course.title, "code": edition.code},
        )
    return redirect("portal:trainer_edition", edition_id=edition.pk)
