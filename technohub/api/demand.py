"""API endpoints of the demand area."""

from ninja import Router

router = Router()
