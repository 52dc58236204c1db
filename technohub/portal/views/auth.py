"""Log in by e-mail address, log out, reset a password, accept an invitation.

Django's own views with our templates; the invitation is a password-reset confirmation
that logs the user in afterwards.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from technohub.portal.forms import (
    AuditedSetPasswordForm,
    EmailAuthenticationForm,
    EmailPasswordResetForm,
    InvitationPasswordForm,
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link or prefetch can never log anyone out."""


class PasswordResetView(auth_views.PasswordResetView):
    form_class = EmailPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = AuditedSetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


class InvitationView(auth_views.PasswordResetConfirmView):
    """Choose a password from an invitation link, then go straight to the portal, logged in."""

    form_class = InvitationPasswordForm
    template_name = "registration/invitation_confirm.html"
    post_reset_login = True
    success_url = reverse_lazy("portal:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Welcome! Your password is set and you are logged in."))
        return response
