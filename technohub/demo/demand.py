"""The demand area's part of the demo (called by demo.builder after the base demo).

Needs of Woerden's member companies across the four start teams, worded as people word them
(typos included), some anonymous, some for the coordinator only; Bogro's ground-source know-how
is a core competence its start team flags as competition-sensitive. A survey round, thresholds,
and a few funnel decisions so that the board shows every kind of stage. The heat-pump topic
goes all the way: critical mass, a trainer found, a second (draft) edition of the full
"Kennismaking warmtepomptechniek" planned from it, and the companies that asked invited first
with seats reserved for their people.
"""

import datetime as dt

from django.utils import timezone

from technohub.demand import services
from technohub.demand.models import Need, Topic, TopicInvitation
from technohub.demo.builder import closed_days
from technohub.enrolment.models import SeatPool

OP, AN, CO = "open", "anonymous", "coordinator"
EVE, DAY, ANY = "evening", "daytime", "either"
INST, METAAL, BWI, MT = "pie-installatie", "pie-metaal", "bwi", "mt"

# (organisation, sector, text, people, daypart, confidentiality, timeframe, level)
# fmt: off
WOERDEN = (
    ("bogro", INST, "Installeren van warmtepompen", 4, EVE, OP, "urgent", "mbo3"),
    ("van-vliet", INST, "warmtepomp basis", 3, EVE, AN, "half_year", "mbo2"),
    ("de-groot-klimaat", INST, "Kennismaking warmtepomptechniek", 2, EVE, OP, "half_year", "mbo3"),
    ("kic", INST, "warmtepompen inregelen", 2, DAY, AN, "year", "mbo3"),
    ("hoogendoorn", INST, "hybride warmtepomp plaatsen", 3, EVE, CO, "urgent", "mbo3"),
    ("zegveld-warmte", INST, "warmtepom in bestaande woningen", 2, EVE, AN, "half_year", "mbo2"),
    ("elektro-harmelen", INST, "NEN 3140 vakbekwaam persoon", 3, DAY, AN, "urgent", "mbo3"),
    ("verhoef-elektra", INST, "NEN3140 VOP", 2, DAY, OP, "half_year", "mbo2"),
    ("polderlicht", INST, "nen 3140 herhaling", 2, DAY, AN, "year", "mbo2"),
    ("groene-hart-zon", INST, "zonnepanelen en omvormers", 3, ANY, OP, "half_year", "mbo2"),
    ("van-rijn", INST, "PV-installaties aanleggen", 2, EVE, AN, "year", "mbo2"),
    ("klimaatservice", INST, "F-gassen hercertificering", 3, DAY, CO, "urgent", "mbo3"),
    ("brandsma", INST, "f-gassen categorie 1", 2, DAY, AN, "half_year", "mbo3"),
    ("de-groot-klimaat", INST, "F-gassen certificaat", 2, DAY, AN, "half_year", "mbo3"),
    ("bogro", INST, "Bodemenergie en WKO ontwerpen", 2, DAY, CO, "year", "mbo4"),
    ("klimaatservice", INST, "WKO installaties onderhoud", 2, DAY, AN, "year", "mbo4"),
    ("de-groot-klimaat", INST, "open bodemenergiesysteem", 1, DAY, AN, "later", "mbo4"),
    ("hoogendoorn", INST, "gesloten bodemenergiesystemen", 2, DAY, AN, "year", "mbo4"),
    ("kuijer", INST, "laadpaal aansluiten", 1, EVE, OP, "later", "mbo2"),
    ("rijnstaal", METAAL, "MIG/MAG lassen basis", 4, EVE, OP, "urgent", "mbo2"),
    ("lastechniek-oudewater", METAAL, "TIG lassen RVS", 2, EVE, AN, "half_year", "mbo3"),
    ("kooijman", METAAL, "lassen voor beginners", 3, EVE, AN, "urgent", "mbo2"),
    ("plaatwerk-linschoten", METAAL, "lasssen MAG plaatwerk", 2, EVE, AN, "half_year", "mbo2"),
    ("mechatronica-gh", METAAL, "PLC programmeren", 3, DAY, AN, "half_year", "mbo4"),
    ("bakker-machines", METAAL, "PLC basis Siemens", 2, DAY, OP, "year", "mbo3"),
    ("staalbouw-montfoort", METAAL, "plc storingzoeken", 1, DAY, AN, "year", "mbo3"),
    ("roboweld", METAAL, "lasrobot met eigen software", 2, DAY, CO, "half_year", "mbo4"),
    ("van-der-meer", METAAL, "CNC frezen Heidenhain", 2, DAY, AN, "year", "mbo3"),
    ("hydrauliek-service", METAAL, "hydrauliek storingzoeken", 2, DAY, AN, "year", "mbo3"),
    ("kuiper-bouw", BWI, "luchtdicht bouwen", 4, DAY, OP, "half_year", "mbo3"),
    ("van-dam", BWI, "na-isolatie van woningen", 3, DAY, AN, "half_year", "mbo2"),
    ("isolatie-gh", BWI, "luchtdichtheid meten blowerdoor", 2, DAY, AN, "year", "mbo3"),
    ("rijnhoven", BWI, "isolatie en luchtdichting", 2, DAY, AN, "half_year", "mbo3"),
    ("rijnhoven", BWI, "BIM modelleren", 3, DAY, AN, "year", "mbo4"),
    ("de-schaaf", BWI, "Revit tekenen", 1, EVE, OP, "later", "mbo4"),
    ("vermeulen-onderhoud", BWI, "VCA basis", 2, DAY, AN, "urgent", "mbo2"),
    ("molenaar-daken", BWI, "vca diploma", 2, DAY, OP, "urgent", "mbo2"),
    ("kuiper-bouw", BWI, "VCA VOL voor uitvoerders", 1, DAY, AN, "half_year", "mbo3"),
    ("autobedrijf-snel", MT, "werken aan elektrische voertuigen", 3, EVE, OP, "urgent", "mbo3"),
    ("van-leeuwen-garage", MT, "EV veilig werken hoogvolt", 2, EVE, AN, "half_year", "mbo3"),
    ("emobility-midden", MT, "hoogvoltsystemen voertuigen", 2, EVE, AN, "half_year", "mbo3"),
    ("bedrijfswagens-woerden", MT, "diagnose e-bedrijfswagens", 2, EVE, CO, "year", "mbo4"),
    ("truckservice-gh", MT, "hydraulische systemen", 2, DAY, AN, "year", "mbo3"),
    ("landbouw-kamerik", MT, "hydrauliek landbouw", 2, DAY, OP, "year", "mbo3"),
    ("van-schaik", MT, "digitale vaardigheden chauffeurs", 4, DAY, AN, "half_year", "none"),
)
NOORDOOSTPOLDER = (
    ("kampstaal", "maak", "PLC programmeren", 3, DAY, OP, "half_year", "mbo3"),
    ("suplacon", "maak", "MIG/MAG lassen", 4, EVE, AN, "urgent", "mbo2"),
    ("polder-precisie", "maak", "CNC draaien", 2, DAY, AN, "year", "mbo3"),
    ("flevo-staal", "maak", "lassen staalconstructies", 2, EVE, AN, "half_year", "mbo2"),
    ("van-der-veen-mechanisatie", "agro", "hydrauliek landbouw", 2, DAY, OP, "year", "mbo3"),
    ("loonbedrijf-ens", "agro", "hydraulika storingen", 2, DAY, AN, "year", "mbo3"),
    ("agro-verwerking-nop", "agro", "hydraulische systemen", 3, DAY, AN, "half_year", "mbo3"),
)
# fmt: on

WEEKDAYS = {EVE: [1, 3], DAY: [0, 4], ANY: []}


def _needs(builder, hub_key: str, rows) -> None:
    hub = builder.hubs[hub_key]
    services.needs_import(
        hub=hub,
        actor=None,
        rows=[
            {
                "organisation": builder.orgs[org],
                "sector": builder.sectors[f"{hub_key}:{sector}"],
                "text": text,
                "people": people,
                "daypart": daypart,
                "weekdays": WEEKDAYS[daypart],
                "confidentiality": confidentiality,
                "timeframe": timeframe,
                "level": level,
            }
            for org, sector, text, people, daypart, confidentiality, timeframe, level in rows
        ],
    )
    # the needs came in over the last weeks
    for n, need in enumerate(Need.objects.filter(hub=hub).order_by("id")):
        stated = builder.now - dt.timedelta(days=40 - n % 40, hours=n)
        Need.objects.filter(pk=need.pk).update(created_at=stated, source=Need.Source.PORTAL)


def _topic(hub, text: str) -> Topic:
    return Need.objects.get(hub=hub, text=text).topic


def _evenings(first_day: dt.date, count: int, every_weeks: int) -> list[tuple]:
    """`count` evenings (19:00–21:30) from `first_day` on, skipping holidays."""
    slots, day = [], first_day
    while len(slots) < count:
        if day not in closed_days(day.year):
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(19)))
            slots.append((start, start + dt.timedelta(hours=2, minutes=30)))
        day += dt.timedelta(weeks=every_weeks)
    return slots


def _plan_and_invite(builder, topic: Topic) -> None:
    """The heat-pump topic becomes a second (draft) edition of the full introduction course;
    the companies that asked get the first right. The invitations went out three days ago, so
    the reserved seats are kept for eleven more days. (The trainer is set when the edition is
    published: a draft's sessions would otherwise fill Richard's teaching list.)"""
    marloes = builder.coordinators["woerden"]
    topic = services.topic_move_stage(
        topic=topic, stage=Topic.Stage.PROVIDER_FOUND, actor=marloes,
        reason="Richard de Jong (Bogro) geeft een tweede editie op dinsdagavond.",
    )  # fmt: skip
    course = builder.courses["warmtepomp"]
    tuesday = builder.today + dt.timedelta(days=35 + (1 - builder.today.weekday()) % 7)
    slots = _evenings(tuesday, count=6, every_weeks=2)
    week = tuesday.isocalendar()
    people = sum(services.askers(topic).values())
    edition = services.topic_edition_create(
        topic=topic,
        actor=marloes,
        course=course,
        course_fields={},
        edition_fields={
            "code": f"WPT-{week.year}-W{week.week:02d}",
            "capacity": people,
            "min_participants": 8,
            "location": builder.places["installatielab"],
        },
        slots=slots,
    )
    invitations = services.topic_invite(topic=topic, actor=marloes)
    sent = builder.now - dt.timedelta(days=3)
    TopicInvitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=sent)
    SeatPool.objects.filter(edition=edition).update(
        release_at=sent + dt.timedelta(days=services.FIRST_RIGHT_DAYS)
    )


def seed(builder) -> None:
    """Add this area's demo data; `builder` is the demo.builder.DemoBuilder."""
    woerden = builder.hubs["woerden"]
    marloes = builder.coordinators["woerden"]
    services.funnel_settings_update(
        hub=woerden, actor=marloes, min_companies=3, min_participants=8, k_anonymity=3
    )
    survey = services.survey_send(
        hub=woerden,
        actor=marloes,
        title="Opleidingsbehoefte voorjaar",
        message=(
            "Wat moeten jullie mensen het komende halfjaar leren? Geef het door, dan zoeken we "
            "onderwerpen die we samen kunnen oppakken. Per behoefte kies je wie het mag weten."
        ),
        closes_on=builder.today + dt.timedelta(days=21),
    )
    _needs(builder, "woerden", WOERDEN)
    _needs(builder, "noordoostpolder", NOORDOOSTPOLDER)
    answered = {row[0] for row in WOERDEN}
    survey.invitations.filter(organisation__slug__in=answered).update(answered_at=timezone.now())

    heat_pump = _topic(woerden, "Installeren van warmtepompen")
    services.topic_update(
        topic=heat_pump, actor=marloes, label="Warmtepomptechniek", sector=heat_pump.sector
    )
    services.topic_move_stage(
        topic=heat_pump, stage=Topic.Stage.SHAREABLE, actor=marloes,
        reason="Startteam installatie & elektro: samen op te pakken.",
    )  # fmt: skip
    services.topic_move_stage(
        topic=heat_pump, stage=Topic.Stage.CRITICAL_MASS, actor=marloes,
        reason="Zes bedrijven, zestien monteurs; de kennismakingscursus zit vol.",
    )  # fmt: skip
    welding = _topic(woerden, "MIG/MAG lassen basis")
    services.topic_update(
        topic=welding, actor=marloes, label="Basis MIG/MAG-lassen", sector=welding.sector
    )
    for stage, reason in (
        (Topic.Stage.SHAREABLE, "Geen kerncompetentie: iedereen last."),
        (Topic.Stage.CRITICAL_MASS, "Vier bedrijven, elf mensen."),
        (Topic.Stage.PROVIDER_FOUND, "Opleidingsbedrijf Metaal levert de docent."),
    ):
        services.topic_move_stage(topic=welding, stage=stage, actor=marloes, reason=reason)
    nen = _topic(woerden, "NEN 3140 vakbekwaam persoon")
    services.topic_update(topic=nen, actor=marloes, label="NEN 3140", sector=nen.sector)
    services.topic_move_stage(
        topic=nen, stage=Topic.Stage.PARKED, actor=marloes,
        reason="Veilig Werken Academie biedt dit al aan; we verwijzen door.",
    )  # fmt: skip
    ground = _topic(woerden, "WKO installaties onderhoud")
    services.topic_update(
        topic=ground, actor=marloes, label="Bodemenergie en WKO", sector=ground.sector
    )
    karin = builder.people["karin"].user
    services.topic_flag(
        topic=ground,
        actor=karin,
        reason="Ontwerp van bodemenergie is onze kerncompetentie; liever niet samen.",
    )
    _plan_and_invite(builder, heat_pump)
