"""API endpoints of the competences area."""

from ninja import Router

router = Router()
