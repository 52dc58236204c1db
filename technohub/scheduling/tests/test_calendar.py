"""The calendar of closed days: public holidays, a hub's own days, school-holiday regions."""

import datetime as dt

import pytest

from technohub.catalogue.models import Course
from technohub.catalogue.tests.factories import CourseFactory
from technohub.hubs.tests.factories import HubFactory
from technohub.scheduling import calendar
from technohub.scheduling.models import ClosedPeriod, PlanningSettings

pytestmark = pytest.mark.django_db


def test_christmas_and_new_year_are_closed():
    days = calendar.closed_days(
        hub=HubFactory(), start=dt.date(2026, 12, 20), end=dt.date(2027, 1, 3)
    )
    assert days == {
        dt.date(2026, 12, 25): "Eerste kerstdag",
        dt.date(2026, 12, 26): "Tweede kerstdag",
        dt.date(2027, 1, 1): "Nieuwjaarsdag",
    }


def test_kings_day_easter_monday_and_ascension_2027():
    days = calendar.closed_days(
        hub=HubFactory(), start=dt.date(2027, 3, 1), end=dt.date(2027, 5, 31)
    )
    assert days[dt.date(2027, 4, 27)] == "Koningsdag"
    assert days[dt.date(2027, 3, 29)] == "Tweede paasdag"
    assert days[dt.date(2027, 3, 26)] == "Goede vrijdag"
    assert days[dt.date(2027, 5, 6)] == "Hemelvaartsdag"
    assert days[dt.date(2027, 5, 17)] == "Tweede pinksterdag"
    assert dt.date(2027, 3, 30) not in days


def test_kings_day_on_a_sunday_moves_to_saturday():
    days = calendar.closed_days(
        hub=HubFactory(), start=dt.date(2031, 4, 20), end=dt.date(2031, 4, 30)
    )
    assert dt.date(2031, 4, 26) in days and dt.date(2031, 4, 27) not in days


def test_liberation_day_every_year_unless_the_hub_says_otherwise():
    hub = HubFactory()
    may = {"start": dt.date(2027, 5, 5), "end": dt.date(2027, 5, 5)}
    assert calendar.closed_days(hub=hub, **may) == {dt.date(2027, 5, 5): "Bevrijdingsdag"}
    PlanningSettings.objects.create(hub=hub, liberation_day=False)
    assert calendar.closed_days(hub=hub, **may) == {}
    lustrum = {"start": dt.date(2030, 5, 5), "end": dt.date(2030, 5, 5)}
    assert calendar.closed_days(hub=hub, **lustrum) == {dt.date(2030, 5, 5): "Bevrijdingsdag"}


def test_a_hubs_own_closed_days_and_only_its_own():
    hub, other = HubFactory(), HubFactory()
    ClosedPeriod.objects.create(
        hub=hub, name="Verbouwing", starts_on=dt.date(2027, 2, 1), ends_on=dt.date(2027, 2, 3)
    )
    span = {"start": dt.date(2027, 1, 30), "end": dt.date(2027, 2, 5)}
    assert calendar.closed_days(hub=hub, **span) == {
        dt.date(2027, 2, d): "Verbouwing" for d in (1, 2, 3)
    }
    assert calendar.closed_days(hub=other, **span) == {}
    assert calendar.is_closed(hub, dt.date(2027, 2, 2))
    assert not calendar.is_closed(hub, dt.date(2027, 2, 4))


def test_a_public_holiday_keeps_its_name_inside_a_hub_period():
    hub = HubFactory()
    ClosedPeriod.objects.create(
        hub=hub,
        name="Kerstsluiting",
        starts_on=dt.date(2026, 12, 24),
        ends_on=dt.date(2026, 12, 31),
    )
    days = calendar.closed_days(hub=hub, start=dt.date(2026, 12, 24), end=dt.date(2026, 12, 31))
    assert days[dt.date(2026, 12, 25)] == "Eerste kerstdag"
    assert days[dt.date(2026, 12, 24)] == "Kerstsluiting" and len(days) == 8


def test_school_holidays_per_region():
    hub = HubFactory()
    spring = {"hub": hub, "start": dt.date(2027, 2, 20), "end": dt.date(2027, 3, 7)}
    # Voorjaarsvakantie 2027: noord and midden week 8 (20–28 Feb), zuid week 7 (13–21 Feb).
    noord = calendar.closed_days(**spring, school_region="noord")
    assert noord[dt.date(2027, 2, 22)] == "Voorjaarsvakantie"
    assert dt.date(2027, 3, 1) not in noord
    zuid = calendar.closed_days(**spring, school_region="zuid")
    assert dt.date(2027, 2, 22) not in zuid and dt.date(2027, 2, 20) in zuid
    assert calendar.closed_days(**spring) == {}  # not for students: no school holidays


def test_a_course_is_for_students_when_it_is_a_school_course():
    hub = HubFactory()
    PlanningSettings.objects.create(hub=hub, school_region="midden")
    school = CourseFactory(hub=hub, delivery_model=Course.DeliveryModel.SCHOOL_COURSE)
    company = CourseFactory(hub=hub, delivery_model=Course.DeliveryModel.JOINT_PURCHASE)
    assert calendar.school_region_for(course=school) == "midden"
    assert calendar.school_region_for(course=company) is None
    assert calendar.school_region_for(course=CourseFactory(delivery_model="school_course")) is None


def test_next_open_day_skips_the_christmas_days_and_the_weekend():
    hub = HubFactory()
    assert calendar.next_open_day(hub, dt.date(2026, 12, 25)) == dt.date(2026, 12, 28)
    assert calendar.next_open_day(hub, dt.date(2027, 1, 1)) == dt.date(2027, 1, 4)
    assert calendar.next_open_day(hub, dt.date(2027, 1, 5)) == dt.date(2027, 1, 5)


def test_a_new_editions_first_day_is_not_in_the_christmas_holidays():
    # given a hub in regio midden; four weeks after Monday 30 November 2026 is 28 December
    hub = HubFactory()
    today = dt.date(2026, 11, 30)
    assert calendar.suggested_first_day(hub, today=today, weekday=0) == dt.date(2026, 12, 28)
    PlanningSettings.objects.create(hub=hub, school_region="midden")
    # then the first Monday after the Kerstvakantie (19 Dec – 3 Jan)
    assert calendar.suggested_first_day(hub, today=today, weekday=0) == dt.date(2027, 1, 4)
    # and a closed day is never suggested: Easter Monday 29 March 2027 → the Monday after
    assert calendar.suggested_first_day(hub, today=dt.date(2027, 2, 27), weekday=0) == dt.date(
        2027, 4, 5
    )


def test_as_ranges_groups_consecutive_days():
    days = calendar.closed_days(
        hub=HubFactory(), start=dt.date(2027, 2, 20), end=dt.date(2027, 3, 7), school_region="noord"
    )
    assert calendar.as_ranges(days) == [
        ("Voorjaarsvakantie", dt.date(2027, 2, 20), dt.date(2027, 2, 28))
    ]
