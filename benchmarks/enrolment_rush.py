"""The enrolment rush: N people enrol at once, through the API, into one popular edition.

Starts gunicorn on PostgreSQL (a database of its own), creates a published edition with
`--capacity` seats and a company API token, then fires `--requests` POST
/api/v1/editions/{id}/enrolments at the same moment from as many client threads. Prints
confirmed / waitlisted counts (confirmed must equal the capacity, waitlist positions 1..N),
and p50/p99 latency. Baseline in the same run: GET /healthz under the same concurrency.

    .venv/bin/python benchmarks/enrolment_rush.py [--requests 200] [--capacity 20]
"""

import argparse
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid

from _setup import ROOT, configure, percentile

PORT = 8765


def start_server(workers: int, threads: int) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "technohub.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def make_edition(capacity: int):
    from django.utils import timezone

    from technohub.catalogue.models import Course, Edition
    from technohub.hubs.models import Hub, Organisation
    from technohub.hubs.tokens import token_create

    hub, _ = Hub.objects.get_or_create(slug="rush", defaults={"name": "Rush hub"})
    org, _ = Organisation.objects.get_or_create(slug="rush-bv", defaults={"name": "Rush BV"})
    course, _ = Course.objects.get_or_create(
        hub=hub,
        slug="populaire-cursus",
        defaults={
            "title": "Populaire cursus",
            "summary": "Iedereen wil erin.",
            "format": "practical",
            "delivery_model": "joint_purchase",
            "study_hours": 8,
        },
    )
    today = timezone.localdate()
    edition = Edition.objects.create(
        course=course,
        hub=hub,
        code=f"RUSH-{uuid.uuid4().hex[:8]}",
        starts_on=today,
        ends_on=today,
        capacity=capacity,
        status=Edition.Status.PUBLISHED,
    )
    _, key = token_create(organisation=org, name="rush", actor=None)
    return edition, key


def fire(n: int, method: str, path_for, headers: dict, body_for) -> tuple[list[float], list]:
    barrier = threading.Barrier(n)
    latencies, answers = [0.0] * n, [None] * n

    def one(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        conn.connect()
        body = body_for(i)
        barrier.wait()
        start = time.perf_counter()
        conn.request(method, path_for(i), body=body, headers=headers)
        response = conn.getresponse()
        payload = response.read()
        latencies[i] = (time.perf_counter() - start) * 1000
        answers[i] = (response.status, payload)
        conn.close()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, answers


def report(name: str, latencies: list[float]) -> None:
    print(
        f"  {name:28} p50 {statistics.median(latencies):8.1f} ms   "
        f"p99 {percentile(latencies, 99):8.1f} ms   max {max(latencies):8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=16)
    args = parser.parse_args()
    configure()
    from technohub.enrolment.models import Enrolment

    edition, key = make_edition(args.capacity)
    server = start_server(args.workers, args.threads)
    try:
        n = args.requests
        base_lat, _ = fire(n, "GET", lambda i: "/healthz", {}, lambda i: None)
        headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
        run = uuid.uuid4().hex[:6]
        lat, answers = fire(
            n,
            "POST",
            lambda i: f"/api/v1/editions/{edition.pk}/enrolments",
            headers,
            lambda i: json.dumps(
                {
                    "first_name": "Deelnemer",
                    "last_name": f"{run}-{i}",
                    "email": f"deelnemer{i}.{run}@rush.example",
                }
            ),
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    codes: dict[int, int] = {}
    for status, _ in answers:
        codes[status] = codes.get(status, 0) + 1
    rows = Enrolment.objects.filter(edition=edition)
    confirmed = rows.filter(status="confirmed").count()
    positions = sorted(rows.filter(status="waitlisted").values_list("waitlist_position", flat=True))
    ok = confirmed == args.capacity and positions == list(range(1, n - args.capacity + 1))
    print(
        f"enrolment rush: {n} concurrent API enrolments, {args.capacity} seats, "
        f"gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL"
    )
    print(f"  HTTP status counts: {dict(sorted(codes.items()))}")
    contiguous = positions == list(range(1, len(positions) + 1))
    print(
        f"  confirmed {confirmed} (capacity {args.capacity}), waitlisted {len(positions)}, "
        f"positions 1..{len(positions)} contiguous: {contiguous}"
    )
    report("POST enrolments", lat)
    report("GET /healthz (baseline)", base_lat)
    print(
        f"  ratio p50 enrol / healthz: {statistics.median(lat) / statistics.median(base_lat):.1f}x"
    )
    print("RESULT:", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
