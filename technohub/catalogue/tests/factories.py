import datetime as dt

import factory
from django.utils import timezone

from technohub.catalogue.models import Course, Edition, Place, Session
from technohub.catalogue.search import build_search_text
from technohub.hubs.tests.factories import HubFactory


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    hub = factory.SubFactory(HubFactory)
    name = factory.Sequence(lambda n: f"Praktijklokaal {n}")
    kind = Place.Kind.HUB_ROOM
    city = "Woerden"
    capacity = 16


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course
        skip_postgeneration_save = True

    hub = factory.SubFactory(HubFactory)
    title = factory.Sequence(lambda n: f"Cursus {n}")
    slug = factory.Sequence(lambda n: f"cursus-{n}")
    summary = "Een praktijkgerichte cursus in de TechnoHUB."
    format = Course.Format.PRACTICAL
    delivery_model = Course.DeliveryModel.ENTRE_NOUS
    level = Course.Level.MBO2
    study_hours = 10

    @factory.post_generation
    def index(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        obj.search_text = build_search_text(obj)
        if create:
            obj.save(update_fields=["search_text"])


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    course = factory.SubFactory(CourseFactory)
    hub = factory.SelfAttribute("course.hub")
    code = factory.Sequence(lambda n: f"ED-{n:04d}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    ends_on = factory.LazyAttribute(lambda e: e.starts_on + dt.timedelta(days=28))
    capacity = 12
    status = Edition.Status.PUBLISHED
    location = factory.SubFactory(PlaceFactory, hub=factory.SelfAttribute("..hub"))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    starts_at = factory.LazyAttribute(
        lambda s: timezone.make_aware(dt.datetime.combine(s.edition.starts_on, dt.time(19, 0)))
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=2, minutes=30))
    place = factory.SelfAttribute("edition.location")

    @factory.post_generation
    def session_times(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy hook
        """Keep the edition's first/last session start in step, as catalogue.services does
        (its first and last day are left alone: tests choose those themselves)."""
        if not create:
            return
        edition = obj.edition
        if edition.first_session_at is None or obj.starts_at < edition.first_session_at:
            edition.first_session_at = obj.starts_at
        if edition.last_session_at is None or obj.starts_at > edition.last_session_at:
            edition.last_session_at = obj.starts_at
        Edition.objects.filter(pk=edition.pk).update(
            first_session_at=edition.first_session_at, last_session_at=edition.last_session_at
        )
