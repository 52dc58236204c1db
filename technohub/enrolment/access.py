"""Fetch an enrolment and check the actor (or company, or edition) may see it: one call.

Shared by the portal, the back office and the API. Every function raises
`technohub.hubs.errors.NotFound` for an enrolment the caller may not see, so that guessing ids
never reveals whether it exists.
"""

from django.db.models import QuerySet
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.enrolment.models import Enrolment
from technohub.enrolment.selectors import enrolments_for, enrolments_of_organisation
from technohub.hubs.errors import NotFound
from technohub.hubs.models import Organisation, User


def own_enrolments(*, actor: User) -> QuerySet[Enrolment]:
    """The actor's own enrolments, without cancelled ones of editions that are over."""
    return (
        enrolments_for(actor=actor)
        .filter(person__user=actor)
        .exclude(status=Enrolment.Status.CANCELLED, edition__ends_on__lt=timezone.localdate())
    )


def access_own_enrolment(*, actor: User, enrolment_id: int) -> Enrolment:
    """One of the actor's own enrolments (as learner), or NotFound."""
    enrolment = own_enrolments(actor=actor).filter(pk=enrolment_id).first()
    if enrolment is None:
        raise NotFound()
    return enrolment


def access_enrolment_of_organisation(*, organisation: Organisation, enrolment_id: int) -> Enrolment:
    """One of the organisation's enrolments, or NotFound. The caller has established that it
    acts for the organisation (its contact on the portal, its token in the API)."""
    enrolment = (
        enrolments_of_organisation(organisation_id=organisation.pk)
        .select_related("organisation")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise NotFound()
    return enrolment


def access_enrolment_of_edition(*, edition: Edition, enrolment_id: int) -> Enrolment:
    """An enrolment of this edition (the caller has access to the edition), or NotFound."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id, edition=edition).first()
    if enrolment is None:
        raise NotFound()
    return enrolment
