"""API endpoints of the scheduling area."""

from ninja import Router

router = Router()
