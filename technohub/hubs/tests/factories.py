import factory
from django.utils import timezone

from technohub.hubs.models import Hub, Membership, Organisation, Person, Role, Sector, User


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"TechnoHUB {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    city = "Woerden"


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    hub = factory.SubFactory(HubFactory)
    code = factory.Sequence(lambda n: f"sector-{n}")
    name = factory.Sequence(lambda n: f"Sector {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Installatiebedrijf {n} BV")
    slug = factory.Sequence(lambda n: f"bedrijf-{n}")
    kind = Organisation.Kind.COMPANY
    city = "Woerden"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    hub = factory.SubFactory(HubFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    status = Membership.Status.MEMBER
    since = factory.LazyFunction(lambda: timezone.localdate())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.nl")
    password = factory.django.Password("geheim-wachtwoord-123")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Jan{n}")
    last_name = factory.Sequence(lambda n: f"de Vries{n}")
    email = factory.LazyAttribute(lambda p: f"{p.first_name.lower()}@example.nl")
    employer = factory.SubFactory(OrganisationFactory)
    learner_kind = Person.LearnerKind.EMPLOYEE


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.TRAINER


def learner_user(**person_fields) -> User:
    """A user with a person (a learner who can log in)."""
    user = UserFactory()
    PersonFactory(user=user, email=user.email, **person_fields)
    return user


def coordinator_user(hub: Hub) -> User:
    user = UserFactory()
    PersonFactory(user=user, email=user.email, employer=None)
    RoleFactory(user=user, kind=Role.Kind.COORDINATOR, hub=hub)
    return user


def contact_user(organisation: Organisation) -> User:
    user = UserFactory()
    PersonFactory(user=user, email=user.email, employer=organisation)
    RoleFactory(user=user, kind=Role.Kind.CONTACT, organisation=organisation)
    return user


def trainer_user(**person_fields) -> User:
    user = learner_user(**person_fields)
    RoleFactory(user=user, kind=Role.Kind.TRAINER)
    return user
