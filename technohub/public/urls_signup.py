"""Self sign-up (included in the public site's namespace)."""

from django.urls import path

from technohub.public import views_signup

urlpatterns = [
    path("aanmelden/", views_signup.signup_start, name="signup_start"),
    path("aanmelden/controleer-je-mail/", views_signup.signup_sent, name="signup_sent"),
    path("aanmelden/opnieuw/", views_signup.signup_resend, name="signup_resend"),
    path("aanmelden/bevestigen/<str:token>/", views_signup.signup_verify, name="signup_verify"),
    path("aanmelden/<slug:hub_slug>/", views_signup.signup, name="signup"),
]
