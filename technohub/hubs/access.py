"""Who may do what. Fetching an object and checking the actor may see it are one call."""

from technohub.hubs.errors import NotFound
from technohub.hubs.models import ApiToken, Hub, Organisation, Person, Role, User


def _roles(user: User) -> list[Role]:
    """The user's roles, cached on the user object for the request."""
    if not user.is_authenticated:
        return []
    if not hasattr(user, "_role_cache"):
        user._role_cache = list(Role.objects.filter(user=user))
    return user._role_cache


def coordinated_hub_ids(user: User) -> set[int]:
    return {r.hub_id for r in _roles(user) if r.kind == Role.Kind.COORDINATOR}


def contact_organisation_ids(user: User) -> set[int]:
    return {r.organisation_id for r in _roles(user) if r.kind == Role.Kind.CONTACT}


def is_coordinator(user: User, hub: Hub | int | None = None) -> bool:
    ids = coordinated_hub_ids(user)
    if hub is None:
        return bool(ids)
    return (hub if isinstance(hub, int) else hub.pk) in ids


def is_contact(user: User, organisation: Organisation | int | None = None) -> bool:
    ids = contact_organisation_ids(user)
    if organisation is None:
        return bool(ids)
    return (organisation if isinstance(organisation, int) else organisation.pk) in ids


def is_trainer(user: User) -> bool:
    return any(r.kind == Role.Kind.TRAINER for r in _roles(user))


def person_of(user: User) -> Person | None:
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except Person.DoesNotExist:
        return None


def access_organisation_for_contact(*, actor: User, organisation_id: int) -> Organisation:
    """One of the actor's own organisations (as company contact), or NotFound."""
    if not is_contact(actor, organisation_id):
        raise NotFound()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFound()
    return organisation


def access_employee(
    *, actor: User, person_id: int, organisation: Organisation | None = None
) -> Person:
    """An employee of one of the actor's organisations (of `organisation`, when given), or
    NotFound (never reveals existence)."""
    people = Person.objects.filter(pk=person_id, employer_id__in=contact_organisation_ids(actor))
    if organisation is not None:
        people = people.filter(employer=organisation)
    person = people.first()
    if person is None:
        raise NotFound()
    return person


def access_api_token(*, organisation: Organisation, token_id: int) -> ApiToken:
    """One of the organisation's API tokens (the caller is its contact), or NotFound."""
    token = ApiToken.objects.filter(organisation=organisation, pk=token_id).first()
    if token is None:
        raise NotFound()
    return token
