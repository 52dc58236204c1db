"""Portal pages of the pricing area (included by portal/urls.py)."""

urlpatterns: list = []
