"""API endpoints of the pricing area."""

from ninja import Router

router = Router()
