"""Portal pages of the demand area (included by portal/urls.py)."""

urlpatterns: list = []
