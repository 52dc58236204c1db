"""Portal pages of the scheduling area (included by portal/urls.py)."""

from django.urls import path

from technohub.portal.views import scheduling

company = "bedrijf/<int:organisation_id>/"

urlpatterns = [
    path("beschikbaarheid/", scheduling.my_availability, name="my_availability"),
    path(company + "reserveren/", scheduling.bookables, name="bookables"),
    path(
        company + "reserveren/<str:kind>/<int:resource_id>/",
        scheduling.book,
        name="book",
    ),
    path(
        company + "reserveringen/<int:booking_id>/annuleren/",
        scheduling.booking_cancel,
        name="booking_cancel",
    ),
]
