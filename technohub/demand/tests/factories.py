"""Given-state for the demand tests: a hub with member companies and their needs."""

from technohub.demand import services
from technohub.demand.models import Need
from technohub.hubs.models import Hub, Organisation
from technohub.hubs.tests.factories import MembershipFactory, OrganisationFactory


def member_company(hub: Hub, **fields) -> Organisation:
    company = OrganisationFactory(**fields)
    MembershipFactory(hub=hub, organisation=company)
    return company


def need(hub: Hub, organisation: Organisation, text: str = "warmtepomp installeren", **fields):
    """A need stated through the service (grouped at once), as the company's API token would."""
    fields.setdefault("people", 3)
    fields.setdefault("confidentiality", Need.Confidentiality.ANONYMOUS)
    return services.need_create(hub=hub, organisation=organisation, actor=None, text=text, **fields)
