"""The facts of the demo: two hubs, their members, people, courses and the coming term's plan.

Woerden follows the MKB!dee interview with Marloes Sikkema and Richard de Jong (the 160 companies of
Woerdens Techniek Talent, four start teams, entre-nous courses, Bogro's climate installation, the
demo house for vmbo pupils, "four of the seven days a week something to enrol in"). Noordoostpolder
follows the Technohub NOP project page (ROC Friese Poort, Aeres MBO, OBM, Kampstaal, Suplacon,
A&O Metalektro). All other companies and people are invented.

Weeks in `PLAN` count from the Monday of the current week (0), so the demo always looks current.
"""

from dataclasses import dataclass

DEMO_PASSWORD = "technohub-demo"  # noqa: S105 - the published password of the demo logins

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@dataclass(frozen=True)
class HubSpec:
    key: str
    name: str
    city: str
    tagline: str
    description: str
    contact_email: str
    brand_colour: str
    sectors: tuple[tuple[str, str], ...]
    # The seeds name the people but give no address or phone number: these are invented.
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""


HUBS = (
    HubSpec(
        key="woerden",
        name="TechnoHUB Woerden",
        city="Woerden",
        tagline="Samen opleiden: van een basiscursus lassen tot een avond over innovatie.",
        description=(
            "De TechnoHUB is de gezamenlijke leeromgeving van de 160 bedrijven van Woerdens "
            "Techniek Talent. Medewerkers van aangesloten bedrijven volgen hier samen scholing, in "
            "een gebouw dat de bedrijven zelf hebben neergezet, met moderne apparatuur voor "
            "installatie, elektro, metaal, bouw en mobiliteit.\n\n"
            "Sommige cursussen kopen we gezamenlijk in: samen is goedkoper dan alleen. Andere "
            "organiseren we 'entre nous': het ene bedrijf levert de docent, het andere de spullen, "
            "en voor leden is deelname gratis. Ook werkzoekenden en zij-instromers zijn welkom om "
            "met een basiscursus kennis te maken met de techniek.\n\n"
            "Binnen de TechnoHUB zijn we geen concurrenten van elkaar: we leren van de mensen die "
            "het dagelijks doen."
        ),
        contact_email="info@technohub-woerden.nl",
        contact_name="Marloes Sikkema, programmamedewerker",
        contact_phone="0348 700 160",
        address="Techniekweg 12, 3449 HV Woerden",
        brand_colour="#0b5cab",
        sectors=(
            ("pie-metaal", "PIE metaal, mechatronica & robotica"),
            ("pie-installatie", "PIE installatie & elektro"),
            ("bwi", "Bouwen, wonen & interieur (BWI)"),
            ("mt", "Mobiliteit & transport (M&T)"),
        ),
    ),
    HubSpec(
        key="noordoostpolder",
        name="Technohub Noordoostpolder",
        city="Emmeloord",
        tagline="Leven lang ontwikkelen voor de maakindustrie en de agrarische sector.",
        description=(
            "Bedrijven uit de metaalsector en de agrarische sector en onderwijsinstellingen uit de "
            "Noordoostpolder hebben de handen ineengeslagen. ROC Friese Poort, Aeres MBO en "
            "Opleidingsbedrijf Metaal bepalen samen met het Innovatiecluster (Kampstaal, Suplacon) "
            "en het Agrofoodcluster het leeraanbod.\n\n"
            "De hub is een fysieke plek bij ROC Friese Poort en Aeres MBO in Emmeloord en het Agri "
            "Innovatiecenter in Dronten, een mobiele hub die naar de bedrijven toe komt, en een "
            "online leeromgeving. Het initiatief wordt gesteund door stichting A&O Metalektro."
        ),
        contact_email="info@technohub-nop.nl",
        contact_name="John, coördinator Technohub NOP",
        contact_phone="0527 700 200",
        address="p/a ROC Friese Poort, Emmeloord",
        brand_colour="#2e7d32",
        sectors=(
            ("maak", "Maakindustrie & metaal"),
            ("agro", "Agrotechniek & agrofood"),
        ),
    ),
)


@dataclass(frozen=True)
class OrgSpec:
    key: str  # the organisation's slug
    name: str
    city: str
    domain: str
    kind: str = "company"
    hub: str = "woerden"
    member: bool = True
    tier: str = "standard"
    since: str = "2022-09-01"
    sectors: tuple[str, ...] = ()
    employees: int = 0  # invented employees besides the named people
    approval: bool = False


def _w(key, name, city, domain, sectors, employees, since="2022-09-01", tier="standard", **kw):
    return OrgSpec(
        key, name, city, domain, sectors=sectors, employees=employees, since=since, tier=tier, **kw
    )


INST, METAAL, BWI, MT = "pie-installatie", "pie-metaal", "bwi", "mt"
FOUNDED = "2021-09-01"

# fmt: off
ORGANISATIONS = (
    # Woerdens Techniek Talent: installatie & elektro
    _w("bogro", "Bogro Snelrewaard BV", "Snelrewaard", "bogro.nl", (INST,), 8, FOUNDED, "founding"),
    _w("van-vliet", "Van Vliet Installatietechniek", "Woerden", "vanvliet-installatie.nl",
       (INST,), 5, FOUNDED, "founding", approval=True),
    _w("elektro-harmelen", "Elektrotechniek Harmelen BV", "Harmelen", "elektroharmelen.nl",
       (INST,), 4, "2022-01-15"),
    _w("de-groot-klimaat", "De Groot Klimaattechniek", "Woerden", "degrootklimaat.nl", (INST,), 4,
       FOUNDED, "founding"),
    _w("kic", "Kamerikse Installatie Combinatie", "Kamerik", "kic-kamerik.nl", (INST,), 3),
    _w("verhoef-elektra", "Verhoef Elektra & Domotica", "Linschoten", "verhoef-elektra.nl",
       (INST,), 2, "2023-02-01"),
    _w("zegveld-warmte", "Zegveld Warmte & Water", "Zegveld", "zegveldwarmte.nl", (INST,), 2,
       "2023-06-01"),
    _w("hoogendoorn", "Hoogendoorn Duurzame Installaties", "Montfoort", "hoogendoorn-duurzaam.nl",
       (INST,), 3),
    _w("van-rijn", "Installatiebedrijf Van Rijn", "Oudewater", "vanrijn-installatie.nl", (INST,),
       2, "2023-09-01"),
    _w("polderlicht", "Polderlicht Elektrotechniek", "Nieuwerbrug", "polderlicht.nl", (INST,), 2,
       "2024-01-10"),
    _w("kuijer", "Loodgietersbedrijf Kuijer", "Woerden", "kuijer-loodgieters.nl", (INST,), 1,
       "2024-03-01"),
    _w("groene-hart-zon", "Groene Hart Zonne-energie", "Bodegraven", "groenehartzon.nl",
       (INST,), 3, "2023-04-01"),
    _w("klimaatservice", "Klimaatservice Midden-Nederland", "Woerden", "klimaatservice-mn.nl",
       (INST,), 3),
    _w("brandsma", "Brandsma Koeltechniek", "Harmelen", "brandsma-koeltechniek.nl", (INST,), 2,
       "2024-05-01"),
    # metaal, mechatronica & robotica
    _w("rijnstaal", "Metaalwarenfabriek Rijnstaal BV", "Woerden", "rijnstaal.nl", (METAAL,), 6,
       FOUNDED, "founding"),
    _w("lastechniek-oudewater", "Lastechniek Oudewater", "Oudewater", "lastechniek-oudewater.nl",
       (METAAL,), 3),
    _w("kooijman", "Constructiebedrijf Kooijman", "Kamerik", "kooijman-constructie.nl",
       (METAAL,), 3, "2022-04-01"),
    _w("mechatronica-gh", "Mechatronica Groene Hart", "Woerden", "mechatronica-gh.nl", (METAAL,),
       3, "2023-01-01"),
    _w("van-der-meer", "Precisietechniek Van der Meer", "Harmelen", "vdmeer-precisie.nl",
       (METAAL,), 2),
    _w("roboweld", "RoboWeld Systems", "Woerden", "roboweld.nl", (METAAL,), 2, "2023-10-01"),
    _w("plaatwerk-linschoten", "Plaatwerkerij Linschoten", "Linschoten", "plaatwerk-linschoten.nl",
       (METAAL,), 2, "2024-02-01"),
    _w("staalbouw-montfoort", "Staalbouw Montfoort", "Montfoort", "staalbouw-montfoort.nl",
       (METAAL, BWI), 4, approval=True),
    _w("bakker-machines", "Machinefabriek Bakker & Zn.", "Bodegraven", "bakker-machines.nl",
       (METAAL,), 3, "2022-06-01"),
    _w("hydrauliek-service", "Hydrauliek Service Utrecht-West", "De Meern", "hsuw.nl",
       (METAAL, MT), 2, "2024-04-01"),
    # bouwen, wonen & interieur
    _w("kuiper-bouw", "Bouwbedrijf Kuiper Woerden", "Woerden", "kuiperbouw.nl", (BWI,), 5, FOUNDED,
       "founding"),
    _w("de-schaaf", "Timmerfabriek De Schaaf", "Zegveld", "deschaaf.nl", (BWI,), 3),
    _w("van-dam", "Aannemersbedrijf Van Dam", "Kamerik", "vandam-aannemers.nl", (BWI,), 3,
       "2022-11-01"),
    _w("verweij-interieur", "Interieurbouw Verweij", "Woerden", "verweij-interieur.nl", (BWI,), 2,
       "2023-03-01"),
    _w("vermeulen-onderhoud", "Schilders- en Onderhoudsbedrijf Vermeulen", "Harmelen",
       "vermeulen-onderhoud.nl", (BWI,), 2, "2023-08-01"),
    _w("isolatie-gh", "Isolatietechniek Groene Hart", "Nieuwerbrug", "isolatie-groenehart.nl",
       (BWI, INST), 2, "2024-01-01"),
    _w("molenaar-daken", "Dakdekkersbedrijf Molenaar", "Oudewater", "molenaar-daken.nl", (BWI,),
       2, "2024-06-01"),
    _w("rijnhoven", "Woningbouw Rijnhoven", "Woerden", "rijnhoven-bouw.nl", (BWI,), 3),
    # mobiliteit & transport
    _w("autobedrijf-snel", "Autobedrijf Snel Woerden", "Woerden", "autosnel-woerden.nl", (MT,), 4,
       FOUNDED, "founding"),
    _w("van-leeuwen-garage", "Garage Van Leeuwen", "Harmelen", "garagevanleeuwen.nl", (MT,), 2,
       "2023-05-01"),
    _w("van-schaik", "Transportbedrijf Van Schaik", "Woerden", "vanschaik-transport.nl", (MT,), 4,
       "2022-02-01"),
    _w("truckservice-gh", "Truckservice Groene Hart", "Bodegraven", "truckservice-gh.nl", (MT,),
       3),
    _w("tweewieler-woerden", "Tweewielercentrum Woerden", "Woerden", "tweewielerwoerden.nl",
       (MT,), 2, "2024-03-15"),
    _w("landbouw-kamerik", "Landbouwmechanisatie Kamerik", "Kamerik", "lmkamerik.nl",
       (MT, METAAL), 2, "2023-01-15"),
    _w("emobility-midden", "E-Mobility Service Midden", "Montfoort", "emobility-midden.nl", (MT,),
       2, "2024-09-01"),
    _w("bedrijfswagens-woerden", "Bedrijfswagencentrum Woerden", "Woerden",
       "bedrijfswagens-woerden.nl", (MT,), 3, "2022-10-01"),
    # not members (yet): they pay the non-member price
    OrgSpec("oosterom", "Installatiebedrijf Oosterom", "Bodegraven", "oosterom-installatie.nl",
            member=False, sectors=(INST,), employees=3),
    OrgSpec("van-wijk-elektro", "Van Wijk Elektro", "Utrecht", "vanwijkelektro.nl",
            member=False, sectors=(INST,), employees=2),
    OrgSpec("reijers-montage", "Montagebedrijf Reijers", "Nieuwegein", "reijersmontage.nl",
            member=False, sectors=(METAAL,), employees=2),
    OrgSpec("garage-de-kruising", "Garage De Kruising", "Mijdrecht", "garagedekruising.nl",
            member=False, sectors=(MT,), employees=2),
    # schools, providers
    OrgSpec("kalsbeek", "Kalsbeek College", "Woerden", "kalsbeek.nl", kind="school",
            tier="partner", since=FOUNDED, sectors=(INST, METAAL, BWI, MT)),
    OrgSpec("roc-mn", "ROC Midden Nederland", "Woerden", "rocmn.nl", kind="school",
            tier="partner", since=FOUNDED, sectors=(INST, METAAL, MT)),
    OrgSpec("obm", "Opleidingsbedrijf Metaal", "Utrecht", "obm-opleidingen.nl", kind="provider",
            tier="partner", since="2022-01-01", sectors=(METAAL,)),
    OrgSpec("koudetechniek-verhoef", "Koudetechniek Opleidingen Verhoef", "Nieuwegein",
            "koudetechniek-opleidingen.nl", kind="provider", member=False),
    OrgSpec("veilig-werken", "Veilig Werken Academie Utrecht", "Utrecht",
            "veiligwerken-academie.nl", kind="provider", member=False),
    OrgSpec("de-graaf-leerontwerp", "De Graaf Leerontwerp", "Woerden", "degraafleerontwerp.nl",
            kind="provider", member=False),
    # Noordoostpolder
    OrgSpec("roc-friese-poort", "ROC Friese Poort", "Emmeloord", "rocfriesepoort.nl",
            kind="school", hub="noordoostpolder", tier="founding", since="2021-07-01",
            sectors=("maak",)),
    OrgSpec("aeres-mbo", "Aeres MBO Emmeloord", "Emmeloord", "aeresmbo.nl", kind="school",
            hub="noordoostpolder", tier="founding", since="2021-07-01", sectors=("agro",)),
    OrgSpec("aeres-hogeschool", "Aeres Hogeschool Dronten", "Dronten", "aeres.nl", kind="school",
            hub="noordoostpolder", tier="partner", since="2022-01-01", sectors=("agro",)),
    OrgSpec("kampstaal", "Kampstaal", "Emmeloord", "kampstaal.nl", hub="noordoostpolder",
            tier="founding", since="2021-07-01", sectors=("maak",), employees=7),
    OrgSpec("suplacon", "Suplacon", "Emmeloord", "suplacon.nl", hub="noordoostpolder",
            tier="founding", since="2021-07-01", sectors=("maak",), employees=6),
    OrgSpec("polder-precisie", "Polder Precisie Techniek", "Emmeloord", "polderprecisie.nl",
            hub="noordoostpolder", since="2022-05-01", sectors=("maak",), employees=3),
    OrgSpec("flevo-staal", "Flevo Staalconstructies", "Marknesse", "flevostaal.nl",
            hub="noordoostpolder", since="2022-09-01", sectors=("maak",), employees=3),
    OrgSpec("van-der-veen-mechanisatie", "Mechanisatiebedrijf Van der Veen", "Luttelgeest",
            "vdveen-mechanisatie.nl", hub="noordoostpolder", since="2022-03-01",
            sectors=("agro", "maak"), employees=3),
    OrgSpec("loonbedrijf-ens", "Loonbedrijf De Klei", "Ens", "loonbedrijfdeklei.nl",
            hub="noordoostpolder", since="2023-02-01", sectors=("agro",), employees=3),
    OrgSpec("agro-verwerking-nop", "Aardappelverwerking Noordoostpolder", "Emmeloord",
            "avnop.nl", hub="noordoostpolder", since="2023-06-01", sectors=("agro",),
            employees=3),
    OrgSpec("ao-metalektro", "A&O Metalektro", "Den Haag", "ao-metalektro.nl", kind="funder",
            hub="noordoostpolder", member=False, tier="partner"),
)
# fmt: on

# An organisation with a second hub: (organisation, hub, member, tier, since, sectors)
EXTRA_MEMBERSHIPS = (("obm", "noordoostpolder", True, "founding", "2021-07-01", ("maak",)),)


@dataclass(frozen=True)
class PersonSpec:
    key: str
    first: str
    last: str
    email: str
    employer: str | None
    kind: str = "employee"
    login: str = ""  # "demo": the demo password; "invite": a login without a password yet
    roles: tuple[str, ...] = ()  # "coordinator:<hub>", "contact", "trainer"
    phone: str = ""


# fmt: off
PEOPLE = (
    PersonSpec("marloes", "Marloes", "Sikkema", "marloes@technohub-woerden.nl", None,
               login="demo", roles=("coordinator:woerden",), phone="0348 123 400"),
    PersonSpec("john", "John", "van Mierlo", "john@technohub-nop.nl", None, login="demo",
               roles=("coordinator:noordoostpolder",), phone="0527 200 310"),
    PersonSpec("richard", "Richard", "de Jong", "richard@bogro.nl", "bogro", login="demo",
               roles=("contact", "trainer"), phone="0348 560 560"),
    PersonSpec("sander", "Sander", "Verkerk", "sander@bogro.nl", "bogro", login="demo"),
    PersonSpec("mark", "Mark", "Huisman", "mark.huisman@bogro.nl", "bogro", login="invite",
               roles=("trainer",)),
    PersonSpec("anouk", "Anouk", "van Vliet", "anouk@vanvliet-installatie.nl", "van-vliet",
               login="demo", roles=("contact",), phone="0348 412 233"),
    PersonSpec("ruud", "Ruud", "Kok", "ruud.kok@vanvliet-installatie.nl", "van-vliet",
               login="invite", roles=("trainer",)),
    PersonSpec("thijs", "Thijs", "Oosterlee", "thijs.oosterlee@vanvliet-installatie.nl",
               "van-vliet", login="invite"),
    PersonSpec("demi", "Demi", "Brouwer", "demi.brouwer@vanvliet-installatie.nl", "van-vliet",
               login="invite"),
    PersonSpec("gerrit", "Gerrit", "Postma", "gerrit@obm-opleidingen.nl", "obm", login="demo",
               roles=("trainer",)),
    PersonSpec("ingrid", "Ingrid", "Bakker", "i.bakker@rocmn.nl", "roc-mn", login="invite",
               roles=("trainer",)),
    PersonSpec("erik", "Erik", "Smit", "e.smit@rocmn.nl", "roc-mn", login="invite",
               roles=("trainer",)),
    PersonSpec("sandra", "Sandra", "Mulder", "s.mulder@rocmn.nl", "roc-mn", login="invite",
               roles=("trainer",)),
    PersonSpec("ahmed", "Ahmed", "El Amrani", "a.elamrani@kalsbeek.nl", "kalsbeek",
               login="invite", roles=("trainer",)),
    PersonSpec("patrick", "Patrick", "Verhoef", "patrick@koudetechniek-opleidingen.nl",
               "koudetechniek-verhoef", login="invite", roles=("trainer",)),
    PersonSpec("ronald", "Ronald", "Visser", "ronald@veiligwerken-academie.nl", "veilig-werken",
               login="invite", roles=("trainer",)),
    PersonSpec("femke", "Femke", "de Graaf", "femke@degraafleerontwerp.nl",
               "de-graaf-leerontwerp", login="invite", roles=("trainer",)),
    PersonSpec("jeroen", "Jeroen", "Kuiper", "jeroen@kuiperbouw.nl", "kuiper-bouw",
               login="invite", roles=("contact", "trainer")),
    PersonSpec("wim", "Wim", "Hazenberg", "w.hazenberg@rijnstaal.nl", "rijnstaal",
               login="invite", roles=("contact",)),
    PersonSpec("karin", "Karin", "de Groot", "karin@degrootklimaat.nl", "de-groot-klimaat",
               login="invite", roles=("contact",)),
    PersonSpec("bas", "Bas", "Snel", "bas@autosnel-woerden.nl", "autobedrijf-snel",
               login="invite", roles=("contact",)),
    PersonSpec("marco", "Marco", "van Schaik", "marco@vanschaik-transport.nl", "van-schaik",
               login="invite", roles=("contact",)),
    PersonSpec("hans", "Hans", "Kooijman", "hans@kooijman-constructie.nl", "kooijman"),
    PersonSpec("linda", "Linda", "Boogaard", "linda@staalbouw-montfoort.nl",
               "staalbouw-montfoort", login="invite", roles=("contact",)),
    PersonSpec("job", "Job", "Zoeker", "job.zoeker@example.nl", None, kind="job_seeker",
               login="demo", phone="06 1234 5678"),
    # Noordoostpolder
    PersonSpec("wiebe", "Wiebe", "Hoekstra", "w.hoekstra@rocfriesepoort.nl", "roc-friese-poort",
               login="invite", roles=("trainer",)),
    PersonSpec("jolien", "Jolien", "Visser", "j.visser@aeresmbo.nl", "aeres-mbo",
               login="invite", roles=("trainer",)),
    PersonSpec("klaas", "Klaas", "Dijkstra", "klaas@obm-opleidingen.nl", "obm", login="invite",
               roles=("trainer",)),
    PersonSpec("henk", "Henk", "Kamp", "henk@kampstaal.nl", "kampstaal", login="invite",
               roles=("contact",)),
)
# fmt: on

# Start teams: the proactive companies' people and a teacher per sector (Woerden).
START_TEAMS = {
    "woerden:pie-installatie": ("richard", "anouk", "karin", "ahmed"),
    "woerden:pie-metaal": ("wim", "hans", "erik", "gerrit"),
    "woerden:bwi": ("jeroen", "linda", "ahmed"),
    "woerden:mt": ("bas", "marco", "sandra"),
    "noordoostpolder:maak": ("henk", "wiebe", "klaas"),
    "noordoostpolder:agro": ("jolien",),
}

# Invented people: job seekers and side-entrants (Woerden), vmbo pupils of the demo house.
JOB_SEEKERS = 8
STUDENTS = 14

# The demo logins, one per role, printed at the end of the command.
DEMO_LOGINS = (
    ("Coordinator TechnoHUB Woerden", "marloes"),
    ("Coordinator Technohub Noordoostpolder", "john"),
    ("Company contact Bogro (also trainer)", "richard"),
    ("Company contact Van Vliet (approvals)", "anouk"),
    ("Learner, employee of Bogro", "sander"),
    ("Job seeker", "job"),
    ("Trainer, Opleidingsbedrijf Metaal", "gerrit"),
)


@dataclass(frozen=True)
class PlaceSpec:
    key: str
    hub: str
    name: str
    kind: str
    address: str = ""
    city: str = ""
    capacity: int | None = None
    owner: str | None = None


# fmt: off
PLACES = (
    PlaceSpec("praktijkhal", "woerden", "Praktijkhal lassen (10 lascabines)", "hub_room",
              "Pompmolenlaan 20", "Woerden", 10),
    PlaceSpec("installatielab", "woerden", "Installatielab met klimaatinstallatie van Bogro",
              "hub_room", "Pompmolenlaan 20", "Woerden", 14),
    PlaceSpec("demowoning", "woerden", "Demowoning", "hub_room", "Pompmolenlaan 20", "Woerden",
              16),
    PlaceSpec("theorielokaal", "woerden", "Theorielokaal", "hub_room", "Pompmolenlaan 20",
              "Woerden", 40),
    PlaceSpec("xr-lab", "woerden", "XR-lab (virtual en augmented reality)", "hub_room",
              "Pompmolenlaan 20", "Woerden", 10),
    PlaceSpec("bogro-werkplaats", "woerden", "Werkplaats Bogro Snelrewaard", "company_site",
              "Snelrewaardseweg 12", "Snelrewaard", 12, "bogro"),
    PlaceSpec("online-woerden", "woerden", "Online (videoles en live sessie)", "online"),
    PlaceSpec("roc-fp", "noordoostpolder", "ROC Friese Poort Emmeloord, praktijkcentrum",
              "hub_room", "Urkerweg 2", "Emmeloord", 16, "roc-friese-poort"),
    PlaceSpec("aeres-emmeloord", "noordoostpolder", "Aeres MBO Emmeloord", "hub_room",
              "Espelerlaan 80", "Emmeloord", 20, "aeres-mbo"),
    PlaceSpec("agri-dronten", "noordoostpolder", "Agri Innovatiecenter Aeres Hogeschool",
              "company_site", "De Drieslag 4", "Dronten", 16, "aeres-hogeschool"),
    PlaceSpec("mobiele-hub", "noordoostpolder", "Mobiele Technohub (op locatie bij het bedrijf)",
              "mobile_hub", "", "Noordoostpolder", 10),
    PlaceSpec("online-nop", "noordoostpolder", "Online leeromgeving", "online"),
)
# fmt: on


@dataclass(frozen=True)
class CourseSpec:
    key: str
    hub: str
    code: str  # edition codes start with it
    title: str
    summary: str
    description: str
    outcomes: tuple[str, ...]
    sector: str | None
    level: str
    format: str
    delivery: str
    hours: str
    member_price: str
    non_member_price: str
    provider: str | None = None


def _c(
    key,
    code,
    title,
    sector,
    level,
    fmt,
    delivery,
    hours,
    prices,
    provider,
    summary,
    description,
    outcomes,
    hub="woerden",
):
    return CourseSpec(
        key,
        hub,
        code,
        title,
        summary,
        description,
        tuple(outcomes),
        sector,
        level,
        fmt,
        delivery,
        hours,
        prices[0],
        prices[1],
        provider,
    )


EN, JP, SC, EP = "entre_nous", "joint_purchase", "school_course", "external_provider"

# fmt: off
COURSES = (
    _c("lassen", "LAS", "Basiscursus lassen", METAAL, "mbo2", "practical", EN, "75",
       ("0", "650"), "obm",
       "Vijfentwintig avonden lassen in de praktijkhal: van veilig werken tot een nette hoeknaad "
       "met elektrode, MAG en TIG.",
       "Een basiscursus voor monteurs, constructiewerkers en zij-instromers die zelf willen leren "
       "lassen. Elke week een avond in de praktijkhal van de TechnoHUB, met tien lascabines. Een "
       "docent van Opleidingsbedrijf Metaal begeleidt; de bedrijven leveren het materiaal. Voor "
       "leden van Woerdens Techniek Talent is deelname gratis.\n\n"
       "Je werkt aan een eigen werkstukkenmap. Wie alle avonden volgt, is goed voorbereid op een "
       "lasexamen volgens NEN-EN-ISO 9606-1.",
       ["Veilig werken met lasapparatuur en persoonlijke beschermingsmiddelen",
        "Een stompe naad en een hoeknaad lassen met elektrode (BMBE)",
        "MAG-lassen van staal in horizontale en verticale positie",
        "Dunne plaat TIG-lassen",
        "Een las visueel beoordelen op fouten"]),
    _c("meet-regel", "MRT", "Meet- en regeltechniek", INST, "mbo3", "practical", EN, "24",
       ("0", "425"), "roc-mn",
       "Hoe een regeling werkt, en hoe je hem inregelt: sensoren, regelaars en kleppen in een "
       "echte klimaatinstallatie.",
       "Installaties worden slimmer, en storingen zitten steeds vaker in de regeling. In deze "
       "cursus werk je aan de klimaatinstallatie die Bogro in het Installatielab heeft gebouwd. "
       "Je meet, stelt in en zoekt storingen, onder begeleiding van een docent van ROC Midden "
       "Nederland.",
       ["De begrippen regelkring, gewenste waarde en regelafwijking uitleggen",
        "Temperatuur-, druk- en debietsensoren aansluiten en controleren",
        "Een PID-regelaar inregelen op een verwarmingsgroep",
        "Systematisch een storing in een regeling opsporen"]),
    _c("f-gassen", "FGS", "F-gassen (certificaat categorie I)", INST, "mbo3", "practical", JP,
       "32", ("745", "1195"), "koudetechniek-verhoef",
       "Het persoonscertificaat F-gassen categorie I voor werken aan koelinstallaties en "
       "warmtepompen, gezamenlijk ingekocht.",
       "Wie aan warmtepompen en airconditioning werkt, heeft een F-gassencertificaat nodig. De "
       "TechnoHUB koopt deze opleiding gezamenlijk in bij een erkend opleider; leden betalen "
       "daardoor flink minder. Vier dagen theorie en praktijk, met aan het eind het theorie- en "
       "praktijkexamen.",
       ["De regels van de F-gassenverordening toepassen",
        "Een koelinstallatie lekdicht opbouwen, vacuümtrekken en vullen",
        "Een lekdichtheidscontrole uitvoeren en registreren",
        "Koudemiddel veilig terugwinnen"]),
    _c("warmtepomp", "WPT", "Kennismaking warmtepomptechniek", INST, "mbo2", "blended", EN, "18",
       ("0", "295"), "bogro",
       "Richard de Jong van Bogro legt om de week uit hoe een warmtepomp werkt, in "
       "Jip-en-Janneke-taal en aan een echte installatie.",
       "Van de drie- tot vierduizend woningen die Bogro jaarlijks oplevert, krijgen er nog maar "
       "tweehonderd een cv-ketel. Iedereen moet dus om. In deze kennismakingscursus vertelt "
       "technisch directeur Richard de Jong hoe een warmtepomp werkt. Tussen de bijeenkomsten "
       "bekijk je korte videolessen die hij op een doorzichtig whiteboard heeft opgenomen.\n\n"
       "Geschikt voor monteurs die de overstap van cv-ketels naar warmtepompen maken, en voor "
       "iedereen die wil weten of dit vak bij hem of haar past.",
       ["Het koelproces van een warmtepomp uitleggen",
        "Lucht-water-, water-water- en hybride warmtepompen onderscheiden",
        "Uitleggen waarom een lage aanvoertemperatuur belangrijk is",
        "De onderdelen van de klimaatinstallatie in het Installatielab benoemen"]),
    _c("xr", "XR", "Extended reality in de installatietechniek", None, "none", "practical", EN,
       "9", ("0", "195"), "de-graaf-leerontwerp",
       "Ontdek wat virtual en augmented reality voor jouw werk kunnen betekenen: van een "
       "installatie in 3D tot hulp op afstand.",
       "Extended reality (XR) omvat alle vormen van virtual en augmented reality. In drie avonden "
       "in het XR-lab probeer je zelf brillen en apps uit: een installatie bekijken voordat hij "
       "gebouwd is, een storing oplossen met een collega die op afstand meekijkt, en oefenen in "
       "een virtuele werkplaats. Speciaal ontwikkeld voor kleinere bedrijven.",
       ["Het verschil tussen virtual, augmented en mixed reality uitleggen",
        "Een BIM-model in augmented reality op de bouwplaats bekijken",
        "Beoordelen welke XR-toepassing in het eigen bedrijf past"]),
    _c("inspiratie", "INS", "Innovatie-inspiratiesessie", None, "none", "classroom", EN, "2",
       ("0", "0"), None,
       "Een avond over een nieuwe ontwikkeling in de techniek, met een spreker uit de praktijk en "
       "tijd om na te praten.",
       "Eenmalige avonden waarop een bedrijf, school of kennisinstelling vertelt over een "
       "ontwikkeling die op ons afkomt. Geen cursus, maar inspiratie: wat betekent dit voor "
       "ons werk, en wat kunnen we samen oppakken? Toegankelijk voor iedereen; koffie staat "
       "klaar vanaf 19.00 uur.",
       ["Een beeld krijgen van een nieuwe ontwikkeling in de techniek",
        "Collega's van andere bedrijven ontmoeten"]),
    _c("bodemenergie", "BOD", "Bodemenergie en bronsystemen", INST, "mbo3", "classroom", EN, "12",
       ("0", "345"), "bogro",
       "Gesloten en open bodemsystemen, bronnen en de regels daarvoor, uitgelegd door de mensen "
       "van Bogro die er al jaren mee werken.",
       "Bogro is al jaren bezig met warmtepomptechnieken en bodemenergie, en deelt die kennis. In "
       "vier avonden in de werkplaats van Bogro in Snelrewaard leer je hoe een bodemlus en een "
       "WKO-systeem werken, wat er bij het ontwerp komt kijken en hoe je zo'n systeem in bedrijf "
       "neemt.",
       ["Gesloten bodemwarmtewisselaars en open WKO-systemen onderscheiden",
        "De regels uit het Besluit bodemenergiesystemen toepassen",
        "Een bronsysteem vullen, ontluchten en in bedrijf nemen"]),
    _c("hybride", "HYB", "Hybride warmtepomp installeren", INST, "mbo3", "practical", EN, "14",
       ("0", "375"), "bogro",
       "Twee zaterdagen aan de slag: een hybride warmtepomp plaatsen, aansluiten op de cv-ketel "
       "en inregelen.",
       "De hybride warmtepomp is vaak de eerste stap van een bestaande woning naar aardgasvrij. "
       "Onder begeleiding van een ervaren Bogro-monteur plaats je in de werkplaats een hybride "
       "warmtepomp, sluit je hem aan op een bestaande cv-installatie en regel je hem in.",
       ["Een hybride warmtepomp plaatsen en hydraulisch aansluiten",
        "De communicatie tussen warmtepomp, ketel en thermostaat instellen",
        "De installatie opleveren en de klant uitleg geven"]),
    _c("nen1010", "NEN", "Elektrotechniek NEN 1010 basis", INST, "mbo3", "classroom", SC, "20",
       ("195", "395"), "roc-mn",
       "De basis van de NEN 1010: veilig ontwerpen en aanleggen van laagspanningsinstallaties in "
       "woningen en utiliteit.",
       "Voor monteurs die meer elektrotechnisch werk gaan doen, bijvoorbeeld bij het aansluiten "
       "van warmtepompen, laadpalen en zonnepanelen. Een docent van ROC Midden Nederland "
       "behandelt in zes avonden de belangrijkste hoofdstukken van de NEN 1010, met veel "
       "voorbeelden uit de praktijk.",
       ["Beschermingsmaatregelen tegen elektrische schok toepassen",
        "Kabels en beveiligingen kiezen voor een eindgroep",
        "Een groepenkast met aardlekschakelaars indelen",
        "De NEN 1010 gebruiken als naslagwerk"]),
    _c("tekeningen", "TEK", "Lezen van installatietekeningen", INST, "mbo2", "classroom", EN,
       "10", ("0", "225"), "van-vliet",
       "Installatie- en bouwkundige tekeningen lezen, symbolen herkennen en een materiaalstaat "
       "opstellen.",
       "Een werkvoorbereider van Van Vliet Installatietechniek neemt je mee door echte "
       "tekeningen uit recente projecten: plattegronden, strangschema's en principeschema's. Je "
       "leert symbolen herkennen, maten afleiden en een materiaalstaat maken.",
       ["Symbolen op installatietekeningen herkennen",
        "Een principeschema van een verwarmingsinstallatie lezen",
        "Uit een tekening een materiaalstaat opstellen"]),
    _c("plc", "PLC", "PLC-basis (mechatronica)", METAAL, "mbo3", "practical", SC, "24",
       ("245", "495"), "roc-mn",
       "Programmeren van een PLC: ingangen, uitgangen, timers en een eenvoudige "
       "besturing van een transportband.",
       "Steeds meer machines en installaties worden door een PLC aangestuurd. In zes avonden "
       "leer je op oefenpanelen van ROC Midden Nederland de basis van het programmeren in ladder "
       "en functieblokken. Aan het eind schrijf je zelf de besturing van een kleine "
       "transportband met sensoren.",
       ["De opbouw van een PLC-systeem uitleggen",
        "Een programma in ladderdiagram schrijven en testen",
        "Timers, tellers en geheugenfuncties gebruiken",
        "Een eenvoudige storing in een besturing vinden"]),
    _c("robotlassen", "ROB", "Robotlassen kennismaking", METAAL, "mbo2", "practical", EP, "4",
       ("95", "225"), "obm",
       "Een ochtend kennismaken met de lasrobot: programmeren met de teach-pendant en een eerste "
       "serie laswerk.",
       "Voor lassers, werkvoorbereiders en leidinggevenden die willen weten wat een "
       "cobot-lasrobot in hun werkplaats kan betekenen. Je programmeert zelf een eenvoudige "
       "lasbaan en ziet wanneer robotlassen loont.",
       ["Veilig werken met een cobot",
        "Een eenvoudige lasbaan programmeren",
        "Inschatten welke producten geschikt zijn voor robotlassen"]),
    _c("duurzaam", "DZB", "Duurzaam bouwen en isoleren", BWI, "mbo2", "practical", EN, "12",
       ("0", "275"), "kuiper-bouw",
       "Na-isoleren van bestaande woningen: kierdichting, dak-, vloer- en spouwisolatie, en "
       "waarom ventilatie daar altijd bij hoort.",
       "Een cursus van Bouwbedrijf Kuiper in de demowoning van de TechnoHUB. Je leert hoe je een "
       "woning na-isoleert zonder vochtproblemen, hoe je een blowerdoortest uitvoert en hoe "
       "isoleren en installeren samenkomen in de energietransitie.",
       ["Bouwfysische principes van warmte en vocht uitleggen",
        "Kierdichting en isolatie vakkundig aanbrengen",
        "Een blowerdoortest uitvoeren en beoordelen"]),
    _c("ev", "EV", "Elektrisch rijden: veilig werken aan EV's", MT, "mbo3", "blended", SC, "16",
       ("295", "545"), "roc-mn",
       "Veilig werken aan elektrische en hybride voertuigen volgens NEN 9140, met het bewijs van "
       "vakbekwaamheid.",
       "Steeds meer auto's, bussen en bestelwagens rijden elektrisch. Wie eraan werkt, moet de "
       "risico's van hoogvoltsystemen kennen. Na een online voorbereiding volg je twee "
       "praktijkdagen bij de TechnoHUB en sluit je af met een toets.",
       ["De risico's van hoogvoltsystemen in voertuigen benoemen",
        "Een voertuig spanningsloos maken en dat controleren",
        "Werken volgens NEN 9140 en de taakverdeling op de werkvloer"]),
    _c("vca", "VCA", "VCA basis", None, "none", "classroom", EP, "8", ("175", "245"),
       "veilig-werken",
       "Eén dag veiligheidstraining met aansluitend het examen voor het diploma B-VCA.",
       "Op veel bouwplaatsen en bij veel opdrachtgevers is een VCA-diploma verplicht. In één dag "
       "behandelt de trainer de lesstof, daarna volgt het examen. Ook geschikt voor "
       "zij-instromers die in de techniek willen beginnen.",
       ["Risico's op de werkplek herkennen",
        "Veilig werken met gereedschap, op hoogte en met gevaarlijke stoffen",
        "Het examen B-VCA afleggen"]),
    _c("proeven", "TPR", "Techniek proeven", None, "none", "practical", EN, "18", ("0", "0"),
       None,
       "Zes ochtenden techniek uitproberen: lassen, installeren, elektro en bouwen. Voor "
       "werkzoekenden en zij-instromers.",
       "Zit je al wat langer thuis, of wil je iets anders gaan doen? In Techniek proeven ontdek "
       "je in zes ochtenden of de techniek bij je past. Elke ochtend een ander vak, bij de "
       "mensen die het dagelijks doen. Na afloop krijg je een bewijs van deelname voor je cv en "
       "maken we kennis met bedrijven die mensen zoeken.",
       ["Ervaren wat lassen, installeren, elektro en bouwen inhouden",
        "Kiezen welke basiscursus bij je past",
        "Kennismaken met bedrijven van Woerdens Techniek Talent"]),
    _c("demowoning", "DWV", "Praktijkmiddag demowoning (vmbo PIE)", INST, "vmbo", "practical",
       SC, "16", ("0", "0"), "kalsbeek",
       "Vmbo-leerlingen ontdekken in de demowoning wat produceren, installeren en energie "
       "inhoudt.",
       "In de demowoning van de TechnoHUB leren vmbo-leerlingen van het profiel PIE hoe een huis "
       "technisch in elkaar zit: verwarming, ventilatie, elektra en zonnepanelen. De middagen "
       "worden verzorgd door docenten van het Kalsbeek College, met monteurs van de "
       "aangesloten bedrijven als gastdocent.",
       ["De installaties in een woning benoemen",
        "Een eenvoudige elektrische schakeling aanleggen",
        "Kennismaken met beroepen in de installatietechniek"]),
    # Noordoostpolder
    _c("cnc", "CNC", "CNC-draaien basis", "maak", "mbo2", "practical", SC, "24", ("0", "595"),
       "obm",
       "De basis van CNC-draaien: tekening lezen, gereedschap kiezen, programmeren en een eerste "
       "serie draaien.",
       "Een praktijkcursus van Opleidingsbedrijf Metaal in het praktijkcentrum van ROC Friese "
       "Poort. Voor operators die van conventioneel naar CNC gaan, en voor zij-instromers in de "
       "maakindustrie.",
       ["Een werktekening van een draaiproduct lezen",
        "Gereedschap en snijgegevens kiezen",
        "Een eenvoudig CNC-programma schrijven en simuleren",
        "Een product meten en de maatvoering controleren"], hub="noordoostpolder"),
    _c("hydrauliek", "HYD", "Hydrauliek in de agrotechniek", "agro", "mbo3", "practical", SC,
       "14", ("0", "395"), "aeres-mbo",
       "Hydraulische systemen van trekkers en werktuigen begrijpen, meten en storingen zoeken.",
       "In het Agri Innovatiecenter in Dronten werk je aan echte werktuigen. Je leert "
       "hydraulische schema's lezen, drukken en debieten meten en systematisch storingen "
       "zoeken. Verzorgd door Aeres MBO.",
       ["Hydraulische schema's lezen",
        "Druk en debiet meten en beoordelen",
        "Storingen in een hydraulisch systeem opsporen"], hub="noordoostpolder"),
    _c("digitalisering", "DIG", "Digitalisering in de maakindustrie", "maak", "mbo4", "blended",
       SC, "15", ("0", "350"), "roc-friese-poort",
       "Sensoren, data en slimme productie: wat betekent digitalisering voor jouw werk in de "
       "fabriek?",
       "Vijf avonden, afwisselend online en in de mobiele hub die bij een van de bedrijven staat. "
       "Je ziet hoe machines data verzamelen, hoe je die data gebruikt om storingen te voorkomen "
       "en wat een digitale tweeling is.",
       ["Uitleggen wat Industrie 4.0 inhoudt",
        "Machinegegevens uitlezen en in een dashboard zetten",
        "Een verbetervoorstel op basis van data maken"], hub="noordoostpolder"),
    _c("migmag", "MIG", "Lassen MIG/MAG", "maak", "mbo2", "practical", SC, "30", ("0", "695"),
       "obm",
       "Tien avonden MIG/MAG-lassen van staal en aluminium, met een certificaat als afsluiting.",
       "Voor lassers in opleiding en medewerkers die hun lasvaardigheid willen verbreden. In de "
       "lasafdeling van ROC Friese Poort oefen je met een instructeur van Opleidingsbedrijf "
       "Metaal in alle posities.",
       ["MAG-lassen van staal in alle posities",
        "MIG-lassen van aluminium",
        "Lasfouten herkennen en voorkomen"], hub="noordoostpolder"),
    _c("communicatie", "COM", "Communicatieve vaardigheden voor technici", None, "mbo3",
       "classroom", SC, "9", ("0", "195"), "roc-friese-poort",
       "Helder uitleggen, goed luisteren en lastige gesprekken voeren met klanten en collega's.",
       "Technici werken steeds vaker samen in teams en bij de klant. In drie avonden oefen je met "
       "een trainer van ROC Friese Poort: uitleg geven aan een klant, een overdracht doen en "
       "feedback geven, met situaties uit je eigen werk.",
       ["Technische informatie begrijpelijk uitleggen",
        "Een overdracht aan een collega gestructureerd doen",
        "Feedback geven en ontvangen"], hub="noordoostpolder"),
    _c("precisielandbouw", "PRL", "Precisielandbouw en GPS-besturing", "agro", "mbo3",
       "practical", SC, "14", ("0", "325"), "aeres-mbo",
       "GPS-besturing, taakkaarten en sectiecontrole: de techniek achter precisielandbouw.",
       "In het Agri Innovatiecenter leer je hoe GPS-besturing en ISOBUS werken, hoe je een "
       "taakkaart maakt en inlaadt en hoe je storingen in de communicatie tussen trekker en "
       "werktuig oplost.",
       ["Een GPS-besturingssysteem kalibreren",
        "Een taakkaart maken en in de terminal laden",
        "ISOBUS-storingen herkennen"], hub="noordoostpolder"),
)
# fmt: on


@dataclass(frozen=True)
class Plan:
    """One edition: when its sessions are, who teaches, how many seats, and who enrols."""

    course: str
    week: int  # weeks from the Monday of the current week
    weekday: int
    start: str
    end: str
    count: int = 1
    every: int = 1  # weeks between sessions
    capacity: int = 12
    enrol: int = 0  # invented people to enrol; beyond capacity they go on the waitlist
    trainer: str | None = None
    place: str = ""
    places: tuple[str, ...] = ()  # per session, cycled (overrides `place` for the session)
    topics: tuple[str, ...] = ()  # per session, cycled
    status: str = "auto"  # auto: running once started, else published; draft; cancelled; completed
    min_participants: int = 4
    first: tuple[str, ...] = ()  # named people enrolled before the invented ones
    last: tuple[str, ...] = ()  # named people enrolled after them (they may end on the waitlist)
    pending: tuple[str, ...] = ()  # self-enrolments awaiting the employer's approval
    pool: str = "sector"  # sector | all | job_seekers | students


LASSEN_TOPICS = (
    "Veiligheid, lasapparatuur en beschermingsmiddelen",
    "Elektrodelassen: ontsteken en rupsen leggen",
    "Elektrodelassen: stompe naad",
    "Elektrodelassen: hoeknaad",
    "MAG-lassen: instellen van de machine",
    "MAG-lassen: hoeknaad horizontaal",
    "MAG-lassen: hoeknaad verticaal opgaand",
    "MAG-lassen: stompe naad met doorlassing",
    "TIG-lassen: dunne plaat",
    "TIG-lassen: rvs en buis",
    "Lasfouten herkennen en beoordelen",
    "Werkstuk voor de werkstukkenmap",
)
PROEVEN_TOPICS = (
    "Kennismaking en rondleiding door de TechnoHUB",
    "Lassen proeven in de praktijkhal",
    "Installeren: een radiator aansluiten",
    "Elektro: een schakeling en een groepenkast",
    "Bouwen: isoleren in de demowoning",
    "Gesprekken met bedrijven van Woerdens Techniek Talent",
)
INSPIRATION = (
    (0, WED, "Waterstof in de gebouwde omgeving"),
    (3, WED, "Slimme sensoren en voorspellend onderhoud"),
    (6, WED, "Wat kan een AI-assistent voor de werkvoorbereider?"),
    (9, WED, "Circulair bouwen: het materialenpaspoort"),
)

# fmt: off
PLAN = (
    # TechnoHUB Woerden: Monday to Thursday every week, and a Friday or Saturday (or both).
    Plan("lassen", -1, TUE, "19:00", "21:30", count=25, capacity=10, enrol=12, trainer="gerrit",
         place="praktijkhal", topics=LASSEN_TOPICS, min_participants=6, last=("job",)),
    Plan("nen1010", -1, MON, "19:00", "21:30", count=6, capacity=14, enrol=11, trainer="ingrid",
         place="theorielokaal"),
    Plan("meet-regel", -9, WED, "18:30", "21:30", count=6, capacity=12, enrol=9, trainer="ingrid",
         place="installatielab", status="completed", first=("sander",)),
    Plan("meet-regel", 1, WED, "18:30", "21:30", count=8, capacity=12, enrol=8,
         trainer="ingrid", place="installatielab"),
    Plan("warmtepomp", 0, THU, "19:00", "21:30", count=6, every=2, capacity=12, enrol=13,
         trainer="richard", place="installatielab", first=("sander",),
         topics=("Hoe werkt een warmtepomp?", "Bronnen: lucht, bodem en water",
                 "Afgifte en lage temperatuur", "Hybride of all-electric?",
                 "Inbedrijfstelling aan de klimaatinstallatie", "Storingen en onderhoud")),
    Plan("tekeningen", 1, THU, "19:00", "21:30", count=4, every=2, capacity=16, enrol=9,
         trainer="ruud", place="theorielokaal", pending=("thijs",)),
    Plan("f-gassen", 2, FRI, "08:30", "16:30", count=4, capacity=8, enrol=8, trainer="patrick",
         place="installatielab", last=("sander",), min_participants=6),
    Plan("f-gassen", 9, FRI, "08:30", "16:30", count=4, capacity=8, enrol=3, trainer="patrick",
         place="installatielab", min_participants=6),
    Plan("xr", 3, MON, "19:00", "21:30", count=3, capacity=10, enrol=6, trainer="femke",
         place="xr-lab"),
    Plan("bodemenergie", 5, MON, "19:00", "21:30", count=4, capacity=12, enrol=7,
         trainer="richard", place="bogro-werkplaats"),
    Plan("hybride", 3, SAT, "09:00", "16:00", count=2, capacity=10, enrol=9, trainer="mark",
         place="bogro-werkplaats", first=("sander",), pending=("demi",)),
    Plan("hybride", 8, SAT, "09:00", "16:00", count=2, capacity=10, enrol=4, trainer="mark",
         place="bogro-werkplaats"),
    Plan("plc", 6, MON, "19:00", "21:30", count=6, capacity=10, enrol=5, trainer="erik",
         place="installatielab"),
    Plan("robotlassen", 1, SAT, "09:00", "13:00", capacity=8, trainer="erik", place="praktijkhal",
         status="cancelled"),
    Plan("robotlassen", 5, SAT, "09:00", "13:00", capacity=8, enrol=7, trainer="erik",
         place="praktijkhal"),
    Plan("robotlassen", 10, SAT, "09:00", "13:00", capacity=8, enrol=2, trainer="erik",
         place="praktijkhal"),
    Plan("duurzaam", 0, SAT, "09:00", "13:00", count=3, capacity=14, enrol=9, trainer="jeroen",
         place="demowoning"),
    Plan("ev", 6, FRI, "08:30", "16:30", count=2, capacity=10, enrol=7, trainer="sandra",
         place="theorielokaal"),
    Plan("ev", 11, FRI, "08:30", "16:30", count=2, capacity=10, trainer="sandra",
         place="theorielokaal", status="draft"),
    Plan("vca", 1, FRI, "08:30", "17:00", capacity=16, enrol=10, trainer="ronald",
         place="theorielokaal", last=("job",)),
    Plan("vca", 7, FRI, "08:30", "17:00", capacity=16, enrol=4, trainer="ronald",
         place="theorielokaal"),
    Plan("proeven", 0, WED, "09:30", "12:30", count=6, capacity=12, enrol=7, trainer="femke",
         place="theorielokaal",
         places=("theorielokaal", "praktijkhal", "installatielab", "installatielab",
                 "demowoning", "theorielokaal"),
         topics=PROEVEN_TOPICS, pool="job_seekers", first=("job",)),
    Plan("demowoning", 0, THU, "13:30", "15:30", count=8, capacity=16, enrol=14, trainer="ahmed",
         place="demowoning", pool="students"),
    *(
        Plan("inspiratie", week, day, "19:30", "21:30", capacity=40, enrol=14 + 2 * n,
             trainer="femke", place="theorielokaal", topics=(topic,), pool="all")
        for n, (week, day, topic) in enumerate(INSPIRATION)
    ),
    # Technohub Noordoostpolder
    Plan("migmag", -1, WED, "18:30", "21:30", count=10, capacity=8, enrol=7, trainer="klaas",
         place="roc-fp"),
    Plan("digitalisering", 0, MON, "19:00", "21:00", count=5, capacity=20, enrol=12,
         trainer="wiebe", place="online-nop", places=("online-nop", "mobiele-hub")),
    Plan("cnc", 0, TUE, "18:30", "21:30", count=8, capacity=8, enrol=10, trainer="klaas",
         place="roc-fp"),
    Plan("hydrauliek", 0, THU, "08:30", "16:00", count=2, capacity=12, enrol=7, trainer="jolien",
         place="agri-dronten"),
    Plan("precisielandbouw", 2, THU, "13:00", "16:30", count=4, capacity=12, enrol=5,
         trainer="jolien", place="agri-dronten"),
    Plan("communicatie", 5, MON, "19:00", "21:30", count=3, capacity=14, enrol=6,
         trainer="wiebe", place="aeres-emmeloord", pool="all"),
    Plan("hydrauliek", 6, THU, "08:30", "16:00", count=2, capacity=12, enrol=3, trainer="jolien",
         place="mobiele-hub"),
)
# fmt: on

# fmt: off
FIRST_NAMES_MEN = (
    "Jan", "Pieter", "Kees", "Henk", "Tim", "Daan", "Ruben", "Niels", "Wouter", "Martijn",
    "Joost", "Stefan", "Dennis", "Rob", "Arjan", "Sjoerd", "Bram", "Lars", "Jesse", "Sem", "Luuk",
    "Milan", "Stijn", "Koen", "Gert-Jan", "Frank", "Willem", "Gerard", "Johan", "Rick", "Kevin",
    "Mohamed", "Yusuf", "Mehmet", "Youssef", "Tarik", "Dirk", "Teun", "Jurre", "Gijs", "Hidde",
    "Roel", "Vincent", "Ferdi", "Sven", "Max", "Ricardo", "Mitchell", "Jorrit", "Maarten",
    "Tom", "Jelle", "Wessel", "Olaf", "Piotr", "Tomasz",
)
FIRST_NAMES_WOMEN = (
    "Lisa", "Sanne", "Eva", "Marieke", "Inge", "Esther", "Petra", "Sophie", "Fleur", "Iris",
    "Lotte", "Noor", "Fatima", "Kim", "Naomi", "Yvonne", "Romy", "Julia",
)
SURNAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "de Wit", "Smits",
    "van der Meer", "van der Linden", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel",
    "van der Veen", "van den Broek", "de Bruijn", "Schouten", "van Beek", "Willems", "van de Ven",
    "Maas", "Verhoeven", "Koster", "van der Wal", "Prins", "Blom", "Peeters", "de Lange",
    "Kuipers", "van Wijk", "Post", "Veenstra", "Kramer", "van den Brink", "Scholten", "Verbeek",
    "Rietveld", "Griffioen", "Breedveld", "Oskam", "Vonk", "Hoogenboom", "Lagendijk", "Stam",
    "Verburg", "de Kruijf", "Bouwman", "van Eck", "Yilmaz", "Kaya", "Bouzid", "Nowak",
    "Wisniewski", "Zwart", "van Zanten", "Boele", "Sterk", "Wijnands", "van Oostrom", "Bol",
)
# fmt: on
