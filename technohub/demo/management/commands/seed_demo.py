"""`manage.py seed_demo`: Dutch demo data for TechnoHUB Woerden and Technohub Noordoostpolder.

Safe to run on every start (`make demo` does): when the demo hubs exist it only prints the
logins again. `--reset` empties the TechnoHUB tables (logins included) and builds it anew.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from technohub.demo.builder import build_demo, demo_logins, demo_present, wipe
from technohub.demo.data import DEMO_PASSWORD


def _url(name: str, fallback: str) -> str:
    try:
        path = reverse(name)
    except NoReverseMatch:  # the page is not there yet; print where it will be
        path = fallback
    return settings.SITE_URL.rstrip("/") + path


class Command(BaseCommand):
    help = (
        "Fill the database with Dutch demo data (two hubs, members, courses, a current term, "
        "enrolments and one demo login per role). Does nothing if the demo is already there."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty all TechnoHUB tables (logins included) and build the demo again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        if demo_present() and not reset:
            self.stdout.write("TechnoHUB: demo data already present (use --reset to rebuild).")
            self.print_logins()
            return
        started = time.monotonic()
        try:
            with transaction.atomic():  # a reset that fails half-way leaves the old data
                if reset:
                    wipe()
                summary = build_demo(today=timezone.localdate())
        except IntegrityError as exc:
            raise CommandError(
                "The database holds other data that clashes with the demo "
                f"({exc}). Run `manage.py seed_demo --reset` to empty it first."
            ) from exc
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"TechnoHUB demo built in {seconds:.1f} s: {summary.hubs} hubs, "
                f"{summary.organisations} organisations, {summary.people} people, "
                f"{summary.courses} courses, {summary.editions} editions with "
                f"{summary.sessions} sessions, {summary.enrolments} enrolments "
                f"({summary.waitlisted} on a waitlist, {summary.pending} awaiting approval)."
            )
        )
        self.print_logins()

    def print_logins(self) -> None:
        rows = [("Role", "E-mail", "Name"), *demo_logins()]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        line = "  ".join("-" * w for w in widths)
        self.stdout.write("")
        for n, row in enumerate(rows):
            self.stdout.write(
                "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write(line)
        self.stdout.write("")
        self.stdout.write(f"Password of every demo login: {DEMO_PASSWORD}")
        self.stdout.write(f"Log in:    {_url('portal:login', '/mijn/inloggen/')}")
        self.stdout.write(f"Catalogue: {_url('public:catalogue', '/cursussen/')}")
