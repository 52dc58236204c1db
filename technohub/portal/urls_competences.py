"""Portal pages of the competences area (included by portal/urls.py)."""

from django.urls import path

from technohub.portal.views import competences as views

plan = "ontwikkelplan/<int:person_id>/"
certificate = "certificaten/<uuid:public_id>/"

urlpatterns = [
    path("paspoort/", views.passport, name="passport"),
    path("paspoort/pdf/", views.passport_pdf, name="passport_pdf"),
    path("paspoort/delen/", views.passport_shares, name="passport_shares"),
    path(
        "paspoort/delen/<int:share_id>/intrekken/",
        views.passport_share_revoke,
        name="passport_share_revoke",
    ),
    path("paspoort/<int:person_id>/", views.passport, name="person_passport"),
    path("paspoort/<int:person_id>/pdf/", views.passport_pdf, name="person_passport_pdf"),
    path(certificate, views.certificate, name="certificate"),
    path(certificate + "certificaat.pdf", views.certificate_pdf, name="certificate_pdf"),
    path(
        certificate + "open-badge.<str:fmt>",
        views.certificate_credential,
        name="certificate_credential",
    ),
    path("ontwikkelplan/", views.plan_own, name="plan_own"),
    path(plan, views.plan, name="plan"),
    path(plan + "akkoord/", views.plan_agree, name="plan_agree"),
    path(plan + "afsluiten/", views.plan_close, name="plan_close"),
    path(plan + "heropenen/", views.plan_reopen, name="plan_reopen"),
    path(plan + "doelen/nieuw/", views.goal_edit, name="goal_add"),
    path(plan + "doelen/<int:goal_id>/", views.goal_edit, name="goal_edit"),
    path(plan + "doelen/<int:goal_id>/verwijderen/", views.goal_remove, name="goal_remove"),
    path("erkenning/", views.recognition, name="recognition"),
    path(
        "erkenning/<int:request_id>/intrekken/",
        views.recognition_withdraw,
        name="recognition_withdraw",
    ),
    path("erkenning/bewijs/<int:evidence_id>/", views.evidence_download, name="evidence"),
    path("erkenning/beoordelen/", views.recognitions_to_assess, name="recognitions_to_assess"),
    path(
        "erkenning/beoordelen/<int:request_id>/",
        views.recognition_assess,
        name="recognition_assess",
    ),
    path("bedrijf/<int:organisation_id>/team/", views.company_team, name="company_team"),
    path(
        "trainer/edities/<int:edition_id>/toetsing/",
        views.trainer_assessment,
        name="trainer_assessment",
    ),
]
