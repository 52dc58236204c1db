"""`manage.py create_api_token --organisation <slug> [--name NAME]`: print a new company API key.

The key is printed once, alone on standard output (so that scripts can capture it); it is
never stored, only its hash. Messages for people go to standard error.
"""

from django.core.management.base import BaseCommand, CommandError

from technohub.hubs.models import Organisation
from technohub.hubs.tokens import token_create


class Command(BaseCommand):
    help = "Create an API token for an organisation and print its key (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisation", required=True, help="The organisation's slug, e.g. bogro."
        )
        parser.add_argument(
            "--name", default="API", help="A name to recognise the token by (default: API)."
        )

    def handle(self, *args, organisation: str, name: str, **options):
        name = name.strip()
        if not name or len(name) > 80:
            raise CommandError("--name must be 1 to 80 characters.")
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(
                f"No organisation with slug {organisation!r}. "
                "Organisation slugs are listed in the back office."
            )
        token, key = token_create(organisation=found, name=name, actor=None)
        self.stderr.write(
            f"Created token {token.prefix}… ({name}) for {found.name}. "
            "Store the key now: it is not shown again."
        )
        self.stdout.write(key)
