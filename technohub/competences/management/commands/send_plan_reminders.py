"""Mail managers about development goals due soon or overdue (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from technohub.competences.services import plan_reminders_send


class Command(BaseCommand):
    help = "Mail each manager once about their people's goals due within two weeks or overdue."

    def handle(self, *args, **options) -> None:
        sent = plan_reminders_send()
        self.stdout.write(f"{sent} reminder(s) sent.")
