import factory

from technohub.catalogue.tests.factories import CourseFactory
from technohub.competences.models import (
    Certificate,
    Competence,
    Framework,
    LearningOutcome,
    Level,
    RoleProfile,
    RoleRequirement,
)
from technohub.hubs.tests.factories import HubFactory, PersonFactory


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Competentieraamwerk {n}")
    source = Framework.Source.OWN


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"C{n:03d}")
    label_nl = factory.Sequence(lambda n: f"Competentie {n}")
    label_en = factory.Sequence(lambda n: f"Competence {n}")


class LearningOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningOutcome

    course = factory.SubFactory(CourseFactory)
    competence = factory.SubFactory(
        CompetenceFactory, framework__hub=factory.SelfAttribute("...course.hub")
    )
    level = Level.GUIDED


class RoleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleProfile

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Servicemonteur {n}")


class RoleRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    profile = factory.SubFactory(RoleProfileFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = Level.INDEPENDENT


class CertificateFactory(factory.django.DjangoModelFactory):
    """A certificate row made directly, without a signed credential (given-state only)."""

    class Meta:
        model = Certificate

    course = factory.SubFactory(CourseFactory)
    hub = factory.SelfAttribute("course.hub")
    person = factory.SubFactory(PersonFactory)
    title = factory.SelfAttribute("course.title")
    credential_jwt = ""
