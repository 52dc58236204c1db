"""Portal pages of the scheduling area (included by portal/urls.py)."""

urlpatterns: list = []
