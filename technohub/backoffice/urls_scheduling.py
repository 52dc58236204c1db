"""Backoffice pages of the scheduling area (included by backoffice/urls.py)."""

urlpatterns: list = []
