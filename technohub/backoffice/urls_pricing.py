"""Backoffice pages of the pricing area (included by backoffice/urls.py)."""

urlpatterns: list = []
