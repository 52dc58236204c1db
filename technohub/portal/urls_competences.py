"""Portal pages of the competences area (included by portal/urls.py)."""

urlpatterns: list = []
