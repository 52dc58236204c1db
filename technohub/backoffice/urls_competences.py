"""Backoffice pages of the competences area (included by backoffice/urls.py)."""

urlpatterns: list = []
