from django.urls import include, path

from technohub.portal.views import auth, company, enrol, learner, trainer

app_name = "portal"

company_prefix = "bedrijf/<int:organisation_id>/"

urlpatterns = [
    path("", learner.home, name="home"),
    path("agenda/", learner.agenda, name="agenda"),
    path(
        "inschrijvingen/<int:enrolment_id>/annuleren/",
        learner.enrolment_cancel_own,
        name="enrolment_cancel",
    ),
    path("inschrijven/<int:edition_id>/", enrol.enrol, name="enrol"),
    # log in and out, passwords, invitations
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    path("uitloggen/", auth.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", auth.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        auth.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        auth.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("uitnodiging/<uidb64>/<token>/", auth.InvitationView.as_view(), name="invitation"),
    # company contacts
    path("bedrijf/", company.company_index, name="company"),
    path(company_prefix + "medewerkers/", company.employees, name="company_employees"),
    path(
        company_prefix + "medewerkers/nieuw/",
        company.employee_add_view,
        name="company_employee_add",
    ),
    path(
        company_prefix + "medewerkers/<int:person_id>/uitnodigen/",
        company.employee_invite,
        name="company_employee_invite",
    ),
    path(company_prefix + "inschrijvingen/", company.enrolments, name="company_enrolments"),
    path(
        company_prefix + "inschrijvingen/<int:enrolment_id>/annuleren/",
        company.enrolment_cancel_view,
        name="company_enrolment_cancel",
    ),
    path(company_prefix + "goedkeuren/", company.approvals, name="company_approvals"),
    path(
        company_prefix + "goedkeuren/<int:enrolment_id>/",
        company.approval_decide,
        name="company_approval_decide",
    ),
    path(company_prefix + "instellingen/", company.settings_view, name="company_settings"),
    path(company_prefix + "api-sleutels/", company.tokens, name="company_tokens"),
    path(
        company_prefix + "api-sleutels/<int:token_id>/intrekken/",
        company.token_revoke_view,
        name="company_token_revoke",
    ),
    # trainers
    path(
        "trainer/sessies/<int:session_id>/aanwezigheid/",
        trainer.attendance,
        name="attendance",
    ),
    path("trainer/edities/<int:edition_id>/", trainer.edition_overview, name="trainer_edition"),
    path(
        "trainer/edities/<int:edition_id>/afronden/",
        trainer.edition_complete_view,
        name="trainer_edition_complete",
    ),
]

# The pages of each domain area live in a url module of their own (same namespace).
urlpatterns += [
    path("", include(f"technohub.portal.urls_{area}"))
    for area in ("pricing", "demand", "scheduling", "competences", "employment")
]
