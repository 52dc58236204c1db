"""Employees and employment links (included in the portal's namespace)."""

from django.urls import path

from technohub.portal.views import company, employment

company_prefix = "bedrijf/<int:organisation_id>/medewerkers/"

urlpatterns = [
    path("werkgever/", employment.my_employer, name="my_employer"),
    path(
        "werkgever/<int:employment_id>/",
        employment.my_employer_decide,
        name="my_employer_decide",
    ),
    path(
        company_prefix + "<int:person_id>/wijzigen/",
        company.employee_edit,
        name="company_employee_edit",
    ),
    path(
        company_prefix + "<int:person_id>/uit-dienst/",
        company.employee_end,
        name="company_employee_end",
    ),
    path(
        company_prefix + "koppelingen/<int:employment_id>/",
        company.employee_link_decide,
        name="company_employee_link",
    ),
]
