import datetime as dt
from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from technohub.backoffice import actions, queries
from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import LOCAL, CourseForm, EditionForm, add_service_error
from technohub.backoffice.views import planning
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.catalogue import services as catalogue_services
from technohub.catalogue.access import access_course_of_hub
from technohub.hubs.errors import DomainError

PAGE_SIZE = 25


@hub_view
def course_list(request, hub):
    page = Paginator(queries.courses_of_hub(hub=hub), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render_hub_page(
        request, hub, "backoffice/courses.html", {"page": page}, section="courses"
    )


@hub_view
def course_create(request, hub):
    form = CourseForm(posted(request), hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            course = catalogue_services.course_create(
                hub=hub, actor=request.user, **form.cleaned_data
            )
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The course has been created. Now plan its first edition."))
            return redirect("backoffice:edition_create", hub_slug=hub.slug, course_id=course.pk)
    status = 400 if form.errors else 200
    return render_hub_page(
        request,
        hub,
        "backoffice/course_form.html",
        {"form": form},
        section="courses",
        status=status,
    )


@hub_view
def course_edit(request, hub, course_id: int):
    """Change a course; its public page and the catalogue search follow at once."""
    course = access_course_of_hub(hub=hub, course_id=course_id)
    # the form edits a copy: after a refusal the heading still shows the saved title
    form = CourseForm(posted(request), hub=hub, instance=copy(course))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in CourseForm.Meta.fields}
        try:
            catalogue_services.course_update(course=form.instance, actor=request.user, **fields)
        except (DomainError, ValidationError) as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The course has been saved."))
            return redirect("backoffice:courses", hub_slug=hub.slug)
    status = 400 if form.errors else 200
    return render_hub_page(
        request,
        hub,
        "backoffice/course_form.html",
        {"form": form, "course": course},
        section="courses",
        status=status,
    )


@hub_view
def edition_create(request, hub, course_id: int):
    """A new edition: with its sessions planned by hand (through the scheduling service, all
    or nothing), or with a pattern for the agenda builder and no sessions yet."""
    course = access_course_of_hub(hub=hub, course_id=course_id)
    taken = planning._slot_taken(request)
    data = posted(request)
    if taken:
        data = planning._with_slot(
            request.POST, taken, names=("first_date", "start_time", "end_time")
        )
    form = EditionForm(data, course=course)
    extra = {}
    if taken is False:
        form.add_error(None, _("That slot could not be read; choose the time yourself."))
    elif taken:
        messages.info(request, _("The free slot has been filled in: check it and save."))
    elif request.method == "POST" and form.is_valid():
        if form.cleaned_data["mode"] == EditionForm.BY_PLANNER:
            try:
                edition = actions.edition_to_plan_create(
                    course=course,
                    actor=request.user,
                    pattern=form.pattern(),
                    features=form.cleaned_data["features"],
                    **form.planner_edition_fields(),
                )
            except (DomainError, ValidationError) as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "The edition has been created as a draft without sessions. "
                        "The agenda builder can plan it now."
                    ),
                )
                return redirect("backoffice:planning", hub_slug=hub.slug)
        else:
            try:
                edition = actions.edition_with_sessions_create(
                    course=course,
                    actor=request.user,
                    slots=form.slots(),
                    override_reason=form.cleaned_data["override_reason"],
                    **form.edition_fields(),
                )
            except (DomainError, ValidationError) as exc:
                series = form.slots()  # before the error takes the field out of cleaned_data
                every = dt.timedelta(weeks=form.cleaned_data["interval_weeks"])
                extra = planning.show_refusal(
                    form, exc, rename={"date": "first_date", "place": "location"}
                )
                extra["free_slots"] = _series_slots(series, every, extra.get("free_slots", []))
            else:
                messages.success(request, _("The edition and its sessions have been created."))
                return redirect(
                    "backoffice:edition_detail", hub_slug=hub.slug, edition_id=edition.pk
                )
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "course": course,
        "offer_override": bool(form.data.get("override_reason")),
        **extra,
    }
    return render_hub_page(
        request, hub, "backoffice/edition_form.html", context, section="courses", status=status
    )


def _series_slots(series, every: dt.timedelta, free_slots):
    """Free slots for the clashing session, as a new start of the whole series: the series keeps
    its rhythm, so taking a slot for its k-th session moves the first session as far."""
    result = []
    for start, end in free_slots:
        start, end = start.astimezone(LOCAL), end.astimezone(LOCAL)  # wall-clock weeks (DST)
        k = min(range(len(series)), key=lambda i: abs(series[i][0] - start))
        shift = k * every
        result.append((start - shift, end - shift))
    return result
