"""Display helpers for amounts held in cents by pricing.selectors."""

from decimal import Decimal

from django import template

from technohub.pricing import money

register = template.Library()


@register.filter
def cents(party, name: str) -> Decimal:
    """`party|cents:"share"`: a PartyCost amount (cents) in euros."""
    return money.euros(getattr(party, name))


@register.filter
def negate(value) -> Decimal:
    return -Decimal(value or 0)
