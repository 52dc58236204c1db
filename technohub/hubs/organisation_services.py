"""Writes about an organisation's own settings, made by its company contacts."""

from django.db import transaction

from technohub.hubs import access
from technohub.hubs.audit import log_action
from technohub.hubs.errors import NotAllowed
from technohub.hubs.models import Organisation, User


def _may_manage(actor: User, organisation: Organisation) -> bool:
    """A contact of the organisation, or a coordinator of a hub it belongs to."""
    if access.is_contact(actor, organisation):
        return True
    hubs = access.coordinated_hub_ids(actor)
    return bool(hubs) and organisation.memberships.filter(hub_id__in=hubs).exists()


@transaction.atomic
def organisation_set_approval_required(
    *, organisation: Organisation, approval_required: bool, actor: User
) -> Organisation:
    """Whether employees' self-enrolments wait for a company contact's approval.

    Only a contact of the organisation (or a coordinator of one of its hubs) may change it;
    every change is audited.
    Enrolments that are already pending stay pending (a contact still decides on them).
    """
    if not _may_manage(actor, organisation):
        raise NotAllowed()
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = organisation.approval_required
    if before == approval_required:
        return organisation
    organisation.approval_required = approval_required
    organisation.save(update_fields=["approval_required"])
    log_action(
        "organisation.approval_required",
        actor=actor,
        target=organisation,
        before={"approval_required": before},
        after={"approval_required": approval_required},
    )
    return organisation
