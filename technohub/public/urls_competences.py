"""Public pages of the competences area: credential verification, shared passports."""

urlpatterns: list = []
