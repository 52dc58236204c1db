"""The competences area's part of the demo (called by demo.builder after the base demo).

TechnoHUB Woerden's own framework (heat pumps, welding, measurement and control, F-gases…),
aligned with a few ESCO-style concepts imported from the sample CSV; the courses' learning
outcomes; role profiles such as "Servicemonteur warmtepompen"; development plans for Bogro's and
Van Vliet's people with gaps against their role profile; recognitions of prior learning; and the
certificates of the demo's completed enrolments, re-issued now that the outcomes exist.
"""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from technohub.catalogue.models import Edition
from technohub.competences import services
from technohub.competences.models import Certificate, Competence, Framework

SAMPLE_CSV = Path(settings.BASE_DIR) / "technohub" / "static" / "competences" / "voorbeeld-esco.csv"

# code, Dutch label, English label, parent code, description
COMPETENCES = (
    ("WP", "Warmtepompen", "Heat pumps", None, "Warmtepompinstallaties in woningen en utiliteit."),
    ("WP-1", "Warmtepomp in bedrijf stellen", "Commission a heat pump", "WP",
     "Een lucht/water- of bodemwarmtepomp aansluiten, vullen, in bedrijf stellen en opleveren."),
    ("WP-2", "Storingen aan warmtepompen vinden en verhelpen", "Troubleshoot heat pumps", "WP",
     "Storingen systematisch opsporen met meetgegevens en foutcodes."),
    ("WP-3", "Bodemenergiesystemen aansluiten", "Connect ground-source systems", "WP", ""),
    ("WP-4", "Hybride warmtepomp installeren", "Install a hybrid heat pump", "WP", ""),
    ("FG", "F-gassen en koudemiddelen", "F-gases and refrigerants", None, ""),
    ("FG-1", "Veilig werken met koudemiddelen (F-gassen)", "Handle refrigerants safely", "FG",
     "Werken aan koelinstallaties volgens de F-gassenverordening, categorie I."),
    ("MR", "Meet- en regeltechniek", "Measurement and control", None, ""),
    ("MR-1", "Meten aan elektrische installaties", "Measure electrical installations", "MR", ""),
    ("MR-2", "Regelingen instellen en inregelen", "Tune control loops", "MR", ""),
    ("MR-3", "PLC programmeren", "Program a PLC", "MR", ""),
    ("LAS", "Lassen", "Welding", None, ""),
    ("LAS-1", "MAG-lassen volgens lasmethodebeschrijving", "MAG welding to a WPS", "LAS", ""),
    ("LAS-2", "Lasrobot programmeren", "Program a welding robot", "LAS", ""),
    ("EL-1", "Installeren volgens NEN 1010", "Install to NEN 1010", None, ""),
    ("TK-1", "Installatietekeningen lezen", "Read installation drawings", None, ""),
    ("VV-1", "Veilig werken op de bouwplaats (VCA)", "Work safely on site (VCA)", None, ""),
)  # fmt: skip

# course key → (competence code, level)
OUTCOMES = {
    "meet-regel": (("MR-1", 3), ("MR-2", 2)),
    "warmtepomp": (("WP-1", 2), ("WP-2", 2)),
    "f-gassen": (("FG-1", 3),),
    "lassen": (("LAS-1", 2),),
    "bodemenergie": (("WP-3", 2),),
    "hybride": (("WP-4", 3),),
    "plc": (("MR-3", 2),),
    "robotlassen": (("LAS-2", 2),),
    "nen1010": (("EL-1", 3),),
    "vca": (("VV-1", 2),),
    "tekeningen": (("TK-1", 2),),
}

PROFILES = {
    "Servicemonteur warmtepompen": (
        "Stelt warmtepompen in bedrijf, onderhoudt ze en verhelpt storingen bij de klant.",
        (("WP-1", 3), ("WP-2", 3), ("FG-1", 3), ("MR-1", 2), ("EL-1", 2), ("VV-1", 2)),
    ),
    "Monteur installatietechniek": (
        "Legt elektrische en klimaatinstallaties aan volgens tekening en norm.",
        (("EL-1", 3), ("MR-1", 2), ("TK-1", 2), ("VV-1", 2), ("WP-4", 2)),
    ),
    "Lasser constructiebouw": (
        "Last constructiedelen volgens lasmethodebeschrijving, handmatig en met de robot.",
        (("LAS-1", 3), ("LAS-2", 2), ("TK-1", 2), ("VV-1", 2)),
    ),
}


def seed(builder) -> None:
    """Add this area's demo data; `builder` is the demo.builder.DemoBuilder."""
    hub = builder.hubs["woerden"]
    marloes = builder.coordinators["woerden"]
    own = services.framework_create(
        hub=hub, name="Competenties TechnoHUB Woerden", source=Framework.Source.OWN, actor=marloes
    )
    esco = services.framework_import_csv(
        hub=hub,
        name="ESCO (voorbeeldset)",
        source=Framework.Source.ESCO,
        data=SAMPLE_CSV.read_bytes(),
        actor=marloes,
    ).framework
    concepts = {c.uri.rsplit("/", 1)[-1]: c for c in esco.competences.all()}
    aligned = {"WP-1": ["warmtepomp"], "WP-4": ["warmtepomp"], "FG-1": ["koudemiddel"]}
    codes: dict[str, Competence] = {}
    for code, label_nl, label_en, parent, description in COMPETENCES:
        codes[code] = services.competence_save(
            framework=own,
            actor=marloes,
            code=code,
            label_nl=label_nl,
            label_en=label_en,
            description=description,
            parent=codes.get(parent) if parent else None,
            aligned_with=[concepts[k] for k in aligned.get(code, ())],
        )
    for course_key, outcomes in OUTCOMES.items():
        for code, level in outcomes:
            services.outcome_set(
                course=builder.courses[course_key],
                competence=codes[code],
                level=level,
                actor=marloes,
            )
    services.achievement_update(
        course=builder.courses["f-gassen"],
        actor=marloes,
        requires_assessment=True,
        assessment_description="Praktijkexamen F-gassen categorie I",
        validity_months=60,
        criteria="Theorie- en praktijkexamen F-gassen categorie I gehaald.",
    )
    services.achievement_update(course=builder.courses["vca"], actor=marloes, validity_months=120)
    profiles = {}
    for name, (description, requirements) in PROFILES.items():
        profiles[name] = services.role_profile_save(
            hub=hub, actor=marloes, name=name, description=description
        )
        for code, level in requirements:
            services.requirement_set(
                profile=profiles[name], competence=codes[code], level=level, actor=marloes
            )
    _reissue_certificates(hub, builder)
    _recognitions(builder, codes, marloes)
    _plans(builder, codes, profiles)
    sander = builder.people["sander"]
    services.passport_share_create(
        person=sander,
        label="Sollicitatie Van Vliet Installatietechniek",
        include_competences=True,
        include_courses=True,
        expires_on=builder.today + dt.timedelta(days=30),
        actor=sander.user,
    )


def _reissue_certificates(hub, builder) -> None:
    """The base demo completed editions before the outcomes existed: issue them again, now
    with their competences and alignments, dated at the end of each edition's last session (as
    if the trainer had closed the edition that evening)."""
    Certificate.objects.filter(hub=hub).delete()
    editions = Edition.objects.filter(hub=hub, status=Edition.Status.COMPLETED).annotate(
        last_ended=Max("sessions__ends_at")
    )
    now = timezone.now()
    for edition in editions:
        trainer = edition.trainer.user if edition.trainer else builder.coordinators["woerden"]
        services.certificates_issue_for_edition(
            edition=edition, actor=trainer, issued_at=min(edition.last_ended or now, now)
        )


def _recognitions(builder, codes, marloes) -> None:
    """Prior learning: trainers' expertise, earlier diplomas, and one request still open."""
    decided = [
        (builder.people["mark"], "WP-4", 4, "Tien jaar hybride installaties; geeft de cursus."),
        (builder.people["mark"], "WP-1", 3, "Inbedrijfstellingen bij Bogro sinds 2019."),
        (builder.people["ruud"], "TK-1", 3, "Werkvoorbereider, maakt de installatietekeningen."),
        (builder.people["ruud"], "EL-1", 3, "MBO 4 Elektrotechniek, 12 jaar ervaring."),
    ]
    decided += [
        (builder.people[key], "VV-1", 2, "VCA-basis gehaald bij vorige werkgever.")
        for key in ("thijs", "demi", "mark")
    ]
    for person, code, level, statement in decided:
        request = services.recognition_request_submit(
            person=person,
            competence=codes[code],
            level=level,
            statement=statement,
            actor=person.user,
        )
        services.recognition_decide(
            request=request,
            recognised=True,
            level=level,
            note="Aangetoond met diploma en werkervaring.",
            actor=marloes,
        )
    demi = builder.people["demi"]
    services.recognition_request_submit(
        person=demi,
        competence=codes["EL-1"],
        level=2,
        statement="BBL-opleiding Eerste monteur elektrotechniek afgerond; twee jaar in de "
        "woningbouw gewerkt.",
        actor=demi.user,
    )


def _plans(builder, codes, profiles) -> None:
    """Development plans: Sander's agreed with Richard; Van Vliet's people against the
    'Monteur installatietechniek' profile, one plan waiting for Anouk's agreement."""
    today = builder.today
    richard, anouk = builder.contacts["bogro"], builder.contacts["van-vliet"]
    warmtepomp, fgassen = builder.courses["warmtepomp"], builder.courses["f-gassen"]
    servicemonteur = profiles["Servicemonteur warmtepompen"]
    monteur = profiles["Monteur installatietechniek"]
    sander = builder.people["sander"]
    plan = services.plan_get_or_create(person=sander, actor=richard)
    services.plan_update(
        plan=plan,
        actor=richard,
        ambition="Over een jaar zelfstandig warmtepompen in bedrijf stellen en storingen oplossen.",
        role_profile=servicemonteur,
        review_on=today + dt.timedelta(days=90),
    )
    for title, competence, level, course, days in (
        ("Cursus warmtepompen afronden", "WP-1", 2, warmtepomp, 70),
        ("F-gassen certificaat categorie I halen", "FG-1", 3, fgassen, 30),
        ("Zelfstandig storingen verhelpen bij klanten", "WP-2", 3, None, 240),
    ):
        services.goal_save(
            plan=plan,
            actor=richard,
            title=title,
            competence=codes[competence],
            target_level=level,
            course=course,
            target_date=today + dt.timedelta(days=days),
        )
    services.plan_agree(plan=plan, actor=richard)
    for person in builder.invented["bogro"][:4]:
        plan = services.plan_get_or_create(person=person, actor=richard)
        services.plan_update(
            plan=plan, actor=richard, ambition="", role_profile=servicemonteur, review_on=None
        )
    team = [builder.people[k] for k in ("ruud", "thijs", "demi")] + builder.invented["van-vliet"][
        :3
    ]
    for n, person in enumerate(team):
        plan = services.plan_get_or_create(person=person, actor=anouk)
        services.plan_update(
            plan=plan, actor=anouk, ambition="", role_profile=monteur, review_on=None
        )
        if n == 1:  # Thijs: a goal due soon, and his plan waits for Anouk
            services.goal_save(
                plan=plan,
                actor=person.user,
                title="Installatietekeningen zelfstandig lezen",
                competence=codes["TK-1"],
                target_level=2,
                course=builder.courses["tekeningen"],
                target_date=today + dt.timedelta(days=10),
            )
