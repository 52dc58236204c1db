"""The coordinator's topic funnel: board, topics, needs, import, surveys and thresholds.

The coordinator of the hub sees every need, coordinator-only ones included (docs/funnel.md).
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from technohub.backoffice.access import hub_view
from technohub.backoffice.forms import add_service_error
from technohub.backoffice.views.base import posted, render_hub_page
from technohub.demand import imports, selectors, services
from technohub.demand.errors import ImportFailed
from technohub.demand.forms import (
    CoordinatorNeedForm,
    FunnelSettingsForm,
    ImportForm,
    MergeForm,
    MoveForm,
    SectorFilterForm,
    SplitForm,
    StageForm,
    SurveyForm,
    TopicEditionForm,
    TopicForm,
)
from technohub.demand.models import Need, Topic
from technohub.exports import csv_attachment
from technohub.hubs.errors import DomainError
from technohub.hubs.models import Hub
from technohub.scheduling import calendar

SECTION = "demand"
STAGE_ORDER = list(Topic.Stage.values)


def _page(request, hub, template: str, context: dict, *, status: int = 200):
    return render_hub_page(
        request, hub, f"backoffice/demand/{template}", context, section=SECTION, status=status
    )


def _sector(request, hub: Hub):
    form = SectorFilterForm(request.GET or None, hub=hub)
    return form, (form.cleaned_data["sector"] if form.is_valid() else None)


@hub_view
def board(request, hub):
    filters, sector = _sector(request, hub)
    topics = selectors.coordinator_board(hub=hub, sector=sector)
    topics.sort(key=lambda row: (STAGE_ORDER.index(row.topic.stage), -row.companies, row.label))
    stages = [
        (value, label, [row for row in topics if row.topic.stage == value])
        for value, label in Topic.Stage.choices
    ]
    chart = selectors.chart_data(
        [row for row in topics if not row.topic.closed],
        value="people",
        sectors_label=_("No sector"),
    )
    context = {
        "filters": filters,
        "stages": stages,
        "topics": topics,
        "settings": services.funnel_settings_of(hub),
        "chart": chart,
        "open_needs": Need.objects.filter(hub=hub, status=Need.Status.OPEN).count(),
    }
    return _page(request, hub, "board.html", context)


@require_POST
@hub_view
def regroup(request, hub):
    moved = services.needs_regroup(hub=hub, actor=request.user)
    messages.success(
        request, _("Grouping done: %(n)s needs placed in another topic.") % {"n": moved}
    )
    return redirect("backoffice:demand_board", hub_slug=hub.slug)


def _topic_forms(request, hub, topic, bound: str | None):
    data = posted(request)

    def bind(name):
        return data if bound == name else None

    return {
        "stage_form": StageForm(bind("stage"), initial={"stage": topic.stage}, auto_id="stage-%s"),
        "topic_form": TopicForm(
            bind("rename"), hub=hub, initial={"label": topic.label, "sector": topic.sector_id}
        ),
        "merge_form": MergeForm(bind("merge"), topic=topic, auto_id="merge-%s"),
        "split_form": SplitForm(bind("split"), topic=topic, auto_id="split-%s"),
        "move_form": MoveForm(bind("move"), hub=hub),
    }


def _apply(request, hub, topic, action: str, forms: dict):
    """Run the posted correction; returns the topic to show next, or None when it failed."""
    user = request.user
    form = {
        "stage": forms["stage_form"],
        "rename": forms["topic_form"],
        "merge": forms["merge_form"],
        "split": forms["split_form"],
        "move": forms["move_form"],
    }.get(action)
    if action in ("pin", "unpin"):
        need = selectors.access_need(hub=hub, need_id=int(request.POST.get("need", 0) or 0))
        services.need_pin(need=need, actor=user, pinned=action == "pin")
        return topic
    if action == "invite":
        _invite_messages(request, services.topic_invite(topic=topic, actor=user))
        return topic
    if action == "resend":
        invitation = selectors.access_topic_invitation(
            topic=topic, invitation_id=request.POST.get("invitation", "")
        )
        if services.topic_invitation_resend(invitation=invitation, actor=user):
            messages.success(
                request,
                _("The invitation has been mailed to the contacts of %(name)s.")
                % {"name": invitation.organisation.name},
            )
        else:
            messages.error(
                request,
                _("%(name)s still has no contact who can log in: invite one first.")
                % {"name": invitation.organisation.name},
            )
        return topic
    if form is None or not form.is_valid():
        return None
    data = form.cleaned_data
    try:
        if action == "stage":
            services.topic_move_stage(
                topic=topic, stage=data["stage"], actor=user, reason=data["reason"]
            )
        elif action == "rename":
            services.topic_update(
                topic=topic, actor=user, label=data["label"], sector=data["sector"]
            )
        elif action == "merge":
            return services.topic_merge(source=topic, target=data["target"], actor=user)
        elif action == "split":
            return services.topic_split(
                topic=topic, needs=data["needs"], actor=user, label=data["label"]
            )
        elif action == "move":
            need = selectors.access_need(hub=hub, need_id=int(request.POST.get("need", 0) or 0))
            services.need_move(need=need, topic=data["topic"], actor=user)
    except DomainError as exc:
        add_service_error(form, exc)
        return None
    return topic


def _invite_messages(request, invitations) -> None:
    """Count only the mails that go out; name the companies nobody could be mailed at."""
    reached = [i for i in invitations if i.reachable]
    unreached = [i for i in invitations if not i.reachable]
    if reached or not invitations:
        messages.success(
            request,
            ngettext(
                "%(n)s company was invited by e-mail to enrol first.",
                "%(n)s companies were invited by e-mail to enrol first.",
                len(reached),
            )
            % {"n": len(reached)},
        )
    if unreached:
        messages.warning(
            request,
            ngettext(
                "Not mailed, no contact who can log in: %(names)s. Its seats are held until "
                "the deadline; invite a contact for it on this page.",
                "Not mailed, no contact who can log in: %(names)s. Their seats are held until "
                "the deadline; invite a contact for them on this page.",
                len(unreached),
            )
            % {"names": ", ".join(i.organisation.name for i in unreached)},
        )


@hub_view
def topic_detail(request, hub, topic_id: int):
    topic = selectors.access_topic(hub=hub, topic_id=topic_id)
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _topic_forms(request, hub, topic, action)
    if action:
        try:
            shown = _apply(request, hub, topic, action, forms)
        except DomainError as exc:
            messages.error(request, str(exc.message))
            shown = topic
        if shown is not None:
            if action not in ("invite", "resend"):
                messages.success(request, _("The topic has been updated."))
            return redirect("backoffice:demand_topic", hub_slug=hub.slug, topic_id=shown.pk)
    settings = services.funnel_settings_of(hub)
    needs = list(selectors.needs_of_topic(topic))
    open_needs = [n for n in needs if n.status == Need.Status.OPEN]
    invitations = selectors.mark_invitation_delivery(list(selectors.invitations_of_topic(topic)))
    invited = {i.organisation_id for i in invitations if i.edition_id == topic.edition_id}
    context = {
        "topic": topic,
        "needs": needs,
        "companies": len({n.organisation_id for n in open_needs}),
        "people": sum(n.people for n in open_needs),
        "settings": settings,
        "reaches": services.reaches_thresholds(topic, settings),
        "flags": list(topic.flags.select_related("person__employer")),
        "decisions": list(selectors.decisions_of_topic(topic)[:50]),
        "invitations": invitations,
        "uninvited": bool(set(services.askers(topic)) - invited) if topic.edition_id else False,
        **forms,
    }
    status = 400 if action else 200
    return _page(request, hub, "topic.html", context, status=status)


def _edition_initial(topic: Topic, hub: Hub) -> dict:
    settings = services.funnel_settings_of(hub)
    needs = list(topic.needs.filter(status=Need.Status.OPEN))
    people = sum(n.people for n in needs)
    levels = [n.level for n in needs if n.level != "none"]
    evening = sum(n.daypart == Need.Daypart.EVENING for n in needs) * 2 > len(needs)
    days = [day for n in needs for day in n.weekdays]
    weekday = max(set(days), key=days.count) if days else 1
    # not a closed day nor in the school holidays (was: 28 December in the demo)
    first_day = calendar.suggested_first_day(hub, today=timezone.localdate(), weekday=weekday)
    return {
        "course": topic.course_id,
        "title": topic.label[:1].upper() + topic.label[1:],
        "summary": _("Joint course for the companies that asked for it: %(topic)s.")
        % {"topic": topic.label},
        "level": max(set(levels), key=levels.count) if levels else "none",
        "format": "practical",
        "delivery_model": "joint_purchase",
        "study_hours": 8,
        "code": f"T{topic.pk}-{timezone.localdate():%Y%m}",
        "capacity": max(people, settings.min_participants, 8),
        "min_participants": settings.min_participants,
        "first_day": first_day,
        "start": "19:00" if evening else "09:00",
        "end": "21:30" if evening else "16:30",
        "sessions": 4,
    }


@hub_view
def topic_edition(request, hub, topic_id: int):
    topic = selectors.access_topic(hub=hub, topic_id=topic_id)
    form = TopicEditionForm(posted(request), hub=hub, initial=_edition_initial(topic, hub))
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.topic_edition_create(
                topic=topic,
                actor=request.user,
                course=form.cleaned_data["course"],
                course_fields=form.course_fields(),
                edition_fields=form.edition_fields(),
                slots=form.slots(),
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Draft edition %(code)s created. Invite the companies that asked.")
                % {"code": edition.code},
            )
            return redirect("backoffice:demand_topic", hub_slug=hub.slug, topic_id=topic.pk)
    status = 400 if form.errors else 200
    return _page(request, hub, "topic_edition.html", {"topic": topic, "form": form}, status=status)


@hub_view
def need_list(request, hub):
    filters, sector = _sector(request, hub)
    needs = selectors.needs_of_hub(hub=hub).order_by("-created_at", "-id")
    if sector is not None:
        needs = needs.filter(sector=sector)
    form = CoordinatorNeedForm(posted(request), hubs=Hub.objects.filter(pk=hub.pk))
    if request.method == "POST" and form.is_valid():
        fields = form.need_fields()
        organisation = fields.pop("organisation")
        try:
            services.need_create(
                hub=hub,
                organisation=organisation,
                actor=request.user,
                source=Need.Source.COORDINATOR,
                **fields,
            )
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The need has been added and grouped."))
            return redirect("backoffice:demand_needs", hub_slug=hub.slug)
    context = {"needs": needs[:500], "filters": filters, "form": form}
    return _page(request, hub, "needs.html", context, status=400 if form.errors else 200)


@hub_view
def need_csv(request, hub):
    """All needs of the hub as CSV, with Dutch headers and Dutch values (choices, the topic's
    stage in the funnel) whatever the coordinator's UI language."""
    header = ["bedrijf", "onderwerp", "aantal", "niveau", "termijn", "dagdeel", "plaats",
              "vertrouwelijkheid", "status", "cluster", "fase", "ingediend"]  # fmt: skip
    needs = selectors.needs_of_hub(hub=hub).order_by("organisation__name", "id")
    with translation.override("nl"):
        rows = [
            [
                need.organisation.name,
                need.text,
                need.people,
                need.get_level_display(),
                need.get_timeframe_display(),
                need.get_daypart_display(),
                need.get_place_display(),
                need.get_confidentiality_display(),
                need.get_status_display(),
                need.topic.label if need.topic else "",
                need.topic.get_stage_display() if need.topic else "",
                timezone.localtime(need.created_at).strftime("%Y-%m-%d"),
            ]
            for need in needs
        ]
    return csv_attachment(header, rows, filename=f"behoeften-{hub.slug}.csv")


@hub_view
def need_import(request, hub):
    form = ImportForm(posted(request), request.FILES or None)
    row_errors: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.parse_needs(hub=hub, content=upload.read(), filename=upload.name)
            needs = services.needs_import(hub=hub, actor=request.user, rows=rows)
        except ImportFailed as exc:
            form.add_error("file", str(exc.message))
            row_errors = exc.rows
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("%(n)s needs imported and grouped.") % {"n": len(needs)})
            return redirect("backoffice:demand_needs", hub_slug=hub.slug)
    context = {"form": form, "row_errors": row_errors}
    return _page(request, hub, "import.html", context, status=400 if form.errors else 200)


@hub_view
def funnel_settings(request, hub):
    settings = services.funnel_settings_of(hub)
    form = FunnelSettingsForm(posted(request), instance=settings)
    if request.method == "POST" and form.is_valid():
        services.funnel_settings_update(hub=hub, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The thresholds have been saved."))
        return redirect("backoffice:demand_board", hub_slug=hub.slug)
    return _page(request, hub, "settings.html", {"form": form}, status=400 if form.errors else 200)


@hub_view
def survey_list(request, hub):
    form = SurveyForm(posted(request), hub=hub)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_send(hub=hub, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The survey has been sent."))
            return redirect("backoffice:demand_survey", hub_slug=hub.slug, survey_id=survey.pk)
    context = {"surveys": selectors.surveys_of_hub(hub=hub), "form": form}
    return _page(request, hub, "surveys.html", context, status=400 if form.errors else 200)


@hub_view
def survey_detail(request, hub, survey_id: int):
    survey = selectors.access_survey(hub=hub, survey_id=survey_id)
    if request.method == "POST":
        try:
            count = services.survey_remind(survey=survey, actor=request.user)
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("A reminder was sent to %(n)s companies.") % {"n": count})
        return redirect("backoffice:demand_survey", hub_slug=hub.slug, survey_id=survey.pk)
    invitations = survey.invitations.select_related("organisation")
    return _page(request, hub, "survey.html", {"survey": survey, "invitations": invitations})
