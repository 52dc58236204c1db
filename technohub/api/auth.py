"""Company API tokens: `Authorization: Bearer thk_…` (see hubs.tokens and docs/api.md)."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from technohub.hubs.models import ApiToken
from technohub.hubs.tokens import token_authenticate

MAX_TOKEN_LENGTH = 200


class CompanyToken(HttpBearer):
    """The request acts for the token's organisation; `request.auth` is the ApiToken."""

    openapi_bearerFormat = "thk_<prefix>_<secret>"  # noqa: N815 - ninja's attribute name
    openapi_description = (
        "A company API token, created by a company contact or with "
        "`manage.py create_api_token --organisation <slug>`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        token = token.strip()
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        return token_authenticate(token)


company_token = CompanyToken()
