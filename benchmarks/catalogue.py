"""Catalogue at scale: 100,000 editions on PostgreSQL.

Prints (1) search latency p50/p95 of the Dutch full-text search the catalogue uses, and of an
ILIKE baseline doing the same job in the same run, with their ratio; (2) the catalogue page's
requests per second as a fraction of a bare Django view's, both served in-process by the same
Django stack (test client, DEBUG off), so the ratio measures what the page itself costs.

    .venv/bin/python benchmarks/catalogue.py [--editions 100000] [--queries 300]
"""

import argparse
import datetime as dt
import random
import statistics
import time

from _setup import Timer, configure, percentile

TOPICS = [
    "lassen",
    "MIG/MAG lassen",
    "TIG lassen",
    "warmtepomptechniek",
    "hybride warmtepompen",
    "bodemenergie",
    "F-gassen",
    "meet- en regeltechniek",
    "PLC programmeren",
    "robotlassen",
    "pneumatiek",
    "hydrauliek",
    "elektrotechniek NEN 1010",
    "installatietekeningen lezen",
    "zonnepanelen installeren",
    "laadpalen",
    "elektrisch rijden",
    "CNC draaien",
    "CNC frezen",
    "plaatbewerking",
    "isoleren",
    "duurzaam bouwen",
    "klimaatinstallaties",
    "ventilatie",
    "luchtbehandeling",
    "sanitair",
    "dakdekken",
    "metselen",
    "timmeren",
    "extended reality",
    "3D-printen",
    "onderhoudsmanagement",
    "veilig werken",
    "VCA",
    "leidinggeven op de werkvloer",
    "communicatieve vaardigheden",
    "storingzoeken",
    "domotica",
    "koudetechniek",
    "gastechniek",
]
PREFIXES = [
    "Basiscursus",
    "Gevorderd",
    "Opfriscursus",
    "Masterclass",
    "Kennismaking",
    "Praktijkdag",
    "Workshop",
    "Certificering",
    "Verdieping",
    "Inspiratiesessie",
]
WORDS = [
    "praktijk",
    "theorie",
    "installatie",
    "monteur",
    "werkplaats",
    "veiligheid",
    "oefening",
    "opdracht",
    "techniek",
    "storing",
    "onderhoud",
    "energie",
    "duurzaam",
    "meten",
    "regelen",
    "ontwerp",
]
QUERIES = [
    "lassen",
    "warmtepomp",
    "plc",
    "f-gassen",
    "hydrauliek",
    "isoleren",
    "ventilatie",
    "laadpalen",
    "robot",
    "storingzoeken",
    "cnc frezen",
    "veilig werken",
    "lass",
]


def generate(editions: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from technohub.catalogue.models import Course, Edition, Place, Session
    from technohub.catalogue.search import build_search_text
    from technohub.hubs.models import Hub, Sector

    if Edition.objects.count() >= editions:
        return
    print(f"generating {editions:,} editions …", flush=True)
    rng = random.Random(42)
    with transaction.atomic():
        Session.objects.all().delete()
        Edition.objects.all().delete()
        Course.objects.all().delete()
        hub, _ = Hub.objects.get_or_create(slug="bench", defaults={"name": "Benchmark hub"})
        sectors = [
            Sector.objects.get_or_create(hub=hub, code=f"s{i}", defaults={"name": f"Sector {i}"})[0]
            for i in range(4)
        ]
        place, _ = Place.objects.get_or_create(
            hub=hub, name="Praktijkhal", defaults={"kind": "hub_room"}
        )
        courses = []
        for i in range(editions // 10):
            title = f"{rng.choice(PREFIXES)} {rng.choice(TOPICS)} {i}"
            course = Course(
                hub=hub,
                title=title,
                slug=f"c-{i}",
                summary=" ".join(rng.choices(WORDS, k=12)),
                description=" ".join(rng.choices(WORDS, k=60)),
                sector=rng.choice(sectors),
                level=rng.choice(["mbo2", "mbo3", "mbo4", "none"]),
                format="practical",
                delivery_model="entre_nous",
                study_hours=10,
            )
            course.search_text = build_search_text(course)
            courses.append(course)
        Course.objects.bulk_create(courses, batch_size=2000)
        today = timezone.localdate()
        rows, sessions = [], []
        for n, course in enumerate(Course.objects.filter(hub=hub).order_by("pk")):
            for k in range(10):
                start = today + dt.timedelta(days=rng.randint(-60, 300))
                rows.append(
                    Edition(
                        course=course,
                        hub=hub,
                        code=f"B-{n}-{k}",
                        starts_on=start,
                        ends_on=start + dt.timedelta(days=28),
                        capacity=12,
                        status="published",
                        location=place,
                    )
                )
        Edition.objects.bulk_create(rows, batch_size=5000)
        tz = timezone.get_current_timezone()
        for edition in Edition.objects.filter(hub=hub).only("pk", "starts_on"):
            begin = dt.datetime.combine(edition.starts_on, dt.time(19), tzinfo=tz)
            sessions.append(
                Session(
                    edition=edition,
                    starts_at=begin,
                    ends_at=begin + dt.timedelta(hours=2, minutes=30),
                    place=place,
                )
            )
        Session.objects.bulk_create(sessions, batch_size=5000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def search_fulltext(q: str) -> list:
    from technohub.catalogue.selectors import catalogue_search

    return list(catalogue_search(q=q)[:20])


def search_ilike(q: str) -> list:
    """The baseline: the same result set found with ILIKE instead of the full-text index."""
    from django.db.models import Q

    from technohub.catalogue.selectors import catalogue_search

    base = catalogue_search(q="")
    condition = Q()
    for term in q.split():
        condition &= Q(title__icontains=term) | Q(search_text__icontains=term)
    return list(base.filter(condition)[:20])


def time_queries(search, queries: list[str]) -> list[float]:
    timings = []
    for q in queries:
        with Timer() as t:
            search(q)
        timings.append(t.seconds * 1000)
    return timings


def requests_per_second(client, path: str, seconds: float) -> float:
    client.get(path)  # warm up
    count, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count += 1
    return count / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--editions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page in the rps test")
    args = parser.parse_args()
    url = configure()
    generate(args.editions)
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    from technohub.catalogue.models import Edition

    print(
        f"database: {connection.vendor} ({url.rsplit('/', 1)[-1]}), "
        f"editions: {Edition.objects.count():,}"
    )
    rng = random.Random(7)
    queries = [rng.choice(QUERIES) for _ in range(args.queries)]
    time_queries(search_fulltext, QUERIES)  # warm caches for both
    time_queries(search_ilike, QUERIES)
    fts = time_queries(search_fulltext, queries)
    ilike = time_queries(search_ilike, queries)
    print(f"search, {len(queries)} queries, first page of 20 results:")
    for name, t in (("full-text (GIN, dutch)", fts), ("ILIKE baseline", ilike)):
        print(f"  {name:24} p50 {statistics.median(t):7.2f} ms   p95 {percentile(t, 95):7.2f} ms")
    print(f"  ratio p95 ILIKE / full-text: {percentile(ilike, 95) / percentile(fts, 95):.1f}x")

    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": plain_static}
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, STORAGES=storages):
        client = Client()
        bare = requests_per_second(client, "/bench/bare/", args.seconds)
        page = requests_per_second(client, "/cursussen/?q=lassen", args.seconds)
        plain = requests_per_second(client, "/cursussen/", args.seconds)
    print("catalogue page, in-process (same Django stack and middleware):")
    print(f"  bare Django view        {bare:8.1f} req/s")
    print(f"  /cursussen/             {plain:8.1f} req/s   {100 * plain / bare:5.1f} % of bare")
    print(f"  /cursussen/?q=lassen    {page:8.1f} req/s   {100 * page / bare:5.1f} % of bare")


if __name__ == "__main__":
    main()
