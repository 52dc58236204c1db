"""Catalogue at scale: 100,000 editions on PostgreSQL.

Prints (1) search latency p50/p95 of one catalogue page (`catalogue_page`: the page of 20
courses, their number and their editions with seat counts, i.e. every query the page runs) with
the Dutch full-text search the catalogue uses, and of an ILIKE baseline doing the same job in the
same run (the same page code with the full-text match swapped for ILIKE), with their ratio;
(2) the catalogue page's requests per second as a fraction of a bare Django view's, both served
in-process by the same Django stack (test client, DEBUG off), so the ratio measures what the page
itself costs. The page is cached for anonymous visitors (public.views.catalogue); the "uncached"
lines clear the cache before every request, i.e. what a cache miss (or a logged-in visitor) costs.

The machine's load average is printed before and after: other work on it skews the figures.

    .venv/bin/python benchmarks/catalogue.py [--editions 100000] [--queries 300]
        [--sessions-per-edition 1] [--regenerate]
"""

import argparse
import datetime as dt
import os
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


def generate(editions: int, sessions_per_edition: int = 1, regenerate: bool = False) -> None:
    """Courses with 10 editions each, `sessions_per_edition` weekly sessions at 19:00 per edition;
    the editions' first/last day and session times set as catalogue.services keeps them."""
    from django.db import transaction
    from django.utils import timezone

    from technohub.catalogue.models import Course, Edition, Place, Session
    from technohub.catalogue.search import build_search_text
    from technohub.hubs.models import Hub, Sector

    if Edition.objects.count() >= editions and not regenerate:
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
        tz = timezone.get_current_timezone()
        weeks = max(1, sessions_per_edition)

        def at_seven(day: dt.date) -> dt.datetime:
            return timezone.make_aware(dt.datetime.combine(day, dt.time(19)), tz)

        for n, course in enumerate(Course.objects.filter(hub=hub).order_by("pk")):
            for k in range(10):
                start = today + dt.timedelta(days=rng.randint(-60, 300))
                end = start + dt.timedelta(weeks=weeks - 1)
                rows.append(
                    Edition(
                        course=course,
                        hub=hub,
                        code=f"B-{n}-{k}",
                        starts_on=start,
                        ends_on=end,
                        first_session_at=at_seven(start),
                        last_session_at=at_seven(end),
                        capacity=12,
                        status="published",
                        location=place,
                    )
                )
        Edition.objects.bulk_create(rows, batch_size=5000)
        for edition in Edition.objects.filter(hub=hub).only("pk", "starts_on"):
            for week in range(weeks):
                begin = at_seven(edition.starts_on + dt.timedelta(weeks=week))
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
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def search_fulltext(q: str) -> list:
    from technohub.catalogue.selectors import catalogue_page

    return list(catalogue_page(q=q, number=1, per_page=20))


def _ilike_matching(courses, query: str):
    """Drop-in for selectors._matching: every term in the title or the search text (ILIKE)."""
    from django.db.models import Q

    for term in query.split():
        courses = courses.filter(Q(title__icontains=term) | Q(search_text__icontains=term))
    return courses


def search_ilike(q: str) -> list:
    """The baseline: the same page found with ILIKE instead of the full-text index."""
    from technohub.catalogue import selectors

    original = selectors._matching
    selectors._matching = _ilike_matching
    try:
        return search_fulltext(q)
    finally:
        selectors._matching = original


def time_queries(search, queries: list[str]) -> list[float]:
    timings = []
    for q in queries:
        with Timer() as t:
            search(q)
        timings.append(t.seconds * 1000)
    return timings


def requests_per_second(client, path: str, seconds: float, uncached: bool = False) -> float:
    from django.core.cache import cache

    client.get(path)  # warm up
    count, end = 0, time.perf_counter() + seconds
    while time.perf_counter() < end:
        if uncached:
            cache.clear()
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        count += 1
    return count / seconds


def _add_base_page() -> None:
    """A reference: a page with nothing but base.html (what every page of the site costs)."""
    import bench_urls
    from django.shortcuts import render
    from django.urls import path

    def base_page(request):
        return render(request, "base.html", {})

    bench_urls.urlpatterns.insert(0, path("bench/base/", base_page))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--editions", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=10.0, help="per page in the rps test")
    parser.add_argument("--sessions-per-edition", type=int, default=1)
    parser.add_argument("--regenerate", action="store_true", help="generate the data anew")
    args = parser.parse_args()
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    url = configure()
    generate(args.editions, args.sessions_per_edition, args.regenerate)
    from django.conf import settings
    from django.db import connection
    from django.test import Client, override_settings

    from technohub.catalogue.models import Edition, Session

    print(
        f"database: {connection.vendor} ({url.rsplit('/', 1)[-1]}), "
        f"editions: {Edition.objects.count():,}, sessions: {Session.objects.count():,}"
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

    _add_base_page()
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    storages = {**settings.STORAGES, "staticfiles": plain_static}
    with override_settings(ROOT_URLCONF="bench_urls", DEBUG=False, STORAGES=storages):
        client = Client()
        bare = requests_per_second(client, "/bench/bare/", args.seconds)
        base = requests_per_second(client, "/bench/base/", args.seconds)
        page = requests_per_second(client, "/cursussen/?q=lassen", args.seconds)
        plain = requests_per_second(client, "/cursussen/", args.seconds)
        page_cold = requests_per_second(client, "/cursussen/?q=lassen", args.seconds, True)
        plain_cold = requests_per_second(client, "/cursussen/", args.seconds, True)
    print("catalogue page, in-process (same Django stack and middleware):")
    print(f"  bare Django view        {bare:8.1f} req/s")
    for name, rps in (
        ("empty page on base.html", base),
        ("/cursussen/", plain),
        ("/cursussen/?q=lassen", page),
        ("/cursussen/ uncached", plain_cold),
        ("/cursussen/?q=lassen uncached", page_cold),
    ):
        print(f"  {name:29} {rps:8.1f} req/s   {100 * rps / bare:5.1f} % of bare")
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
