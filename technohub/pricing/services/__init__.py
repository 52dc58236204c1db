"""Writes of the pricing area: prices, VAT, funds, contributions, periods and statements.

Every write checks the actor, runs in one transaction and is audited. Closing a period issues
the statements: numbered without gaps per hub (a row-locked counter), amounts frozen on lines;
a closed period never changes again, a later cancellation becomes a credit line on the
company's next statement. The statements are then mailed after commit in the background.
See docs/cost-sharing.md. One module per section; the public names are importable from here.
"""

from technohub.pricing.services.closing import (
    ClosingPreview,
    period_close,
    period_closing_preview,
)
from technohub.pricing.services.contributions import (
    contribution_confirm,
    contribution_delete,
    contribution_propose,
    contribution_record,
    contribution_reject,
    contribution_value,
)
from technohub.pricing.services.delivery import (
    statement_deliveries_queue,
    statement_deliveries_send,
    statement_resend,
)
from technohub.pricing.services.prices import (
    course_vat_set,
    edition_price_set,
    fund_save,
    period_create,
)

__all__ = [
    "ClosingPreview",
    "contribution_confirm",
    "contribution_delete",
    "contribution_propose",
    "contribution_record",
    "contribution_reject",
    "contribution_value",
    "course_vat_set",
    "edition_price_set",
    "fund_save",
    "period_close",
    "period_closing_preview",
    "period_create",
    "statement_deliveries_queue",
    "statement_deliveries_send",
    "statement_resend",
]
