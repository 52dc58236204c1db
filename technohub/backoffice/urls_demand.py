"""Backoffice pages of the demand area (included by backoffice/urls.py)."""

urlpatterns: list = []
