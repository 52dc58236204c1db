"""Forms of the portal. They parse input; the domain services decide."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from technohub.enrolment.models import Attendance, Enrolment
from technohub.hubs.audit import log_action
from technohub.hubs.models import Person, User
from technohub.hubs.signup import email_verify
from technohub.web.forms import add_domain_error  # noqa: F401 - re-exported, moved to web


class NoColonMixin:
    """Labels without Django's trailing colon (calmer, and usual in Dutch forms)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class EmailAuthenticationForm(NoColonMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's text ("een juiste e-mailadres", "may be case-sensitive") is wrong here:
        # addresses are matched in any case (UserManager.get_by_natural_key).
        "invalid_login": _(
            "This e-mail address and password do not match. Check them, or choose a new "
            "password with the link below."
        ),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class EmailPasswordResetForm(NoColonMixin, PasswordResetForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        """Active users with this address, also invited ones who never chose a password.

        Django skips users without a usable password (they may log in elsewhere); here every
        login is a password login, so an invited user who lost the invitation may use this.
        """
        return User.objects.filter(email__iexact=email.strip(), is_active=True)


class InvitationPasswordForm(NoColonMixin, SetPasswordForm):
    """Choose a password from an invitation link; recorded in the audit trail."""

    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        if commit:
            log_action("user.invitation_accepted", actor=user, target=user)
            email_verify(user=user)  # the link came by mail: the address is confirmed
        return user


class AuditedSetPasswordForm(NoColonMixin, SetPasswordForm):
    def save(self, commit: bool = True):
        user = super().save(commit=commit)
        if commit:
            log_action("user.password_reset", actor=user, target=user)
            email_verify(user=user)  # the link came by mail: the address is confirmed
        return user


class SelfEnrolForm(NoColonMixin, forms.Form):
    """Nothing to fill in: the POST itself is the confirmation."""


class CompanyEnrolForm(NoColonMixin, forms.Form):
    people = forms.ModelMultipleChoiceField(
        label=_("Employees"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    first_name = forms.CharField(label=_("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)

    def __init__(self, *args, employees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = employees

    @property
    def has_new_employee(self) -> bool:
        data = self.cleaned_data
        return bool(data.get("first_name") or data.get("last_name") or data.get("email"))

    def clean(self):
        data = super().clean()
        if self.has_new_employee:
            for name in ("first_name", "last_name"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Needed to add a new employee."))
        elif not data.get("people") and not self.errors:
            raise forms.ValidationError(_("Choose at least one employee, or add a new one."))
        return data


class OrganisationChoiceForm(NoColonMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Enrol on behalf of"), queryset=None, empty_label=None
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class EmployeeForm(NoColonMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=120)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    invite = forms.BooleanField(
        label=_("Invite to log in"),
        required=False,
        help_text=_("Sends an e-mail with a link to choose a password. Needs an e-mail address."),
    )

    def clean(self):
        data = super().clean()
        if data.get("invite") and not data.get("email"):
            self.add_error("email", _("An invitation needs an e-mail address."))
        return data


class EnrolmentFilterForm(NoColonMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Enrolment.Status.choices],
    )


class ApprovalSettingForm(NoColonMixin, forms.Form):
    approval_required = forms.BooleanField(
        label=_("Employees need my approval"),
        required=False,
        help_text=_(
            "When an employee enrols themselves, the enrolment waits until a company contact "
            "approves it. Enrolments you make yourself never need approval."
        ),
    )


class TokenForm(NoColonMixin, forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What the key is for, e.g. 'HR system'."),
    )


class AttendanceForm(NoColonMixin, forms.Form):
    """One radio group per participant, named `mark_<enrolment id>`; present by default."""

    def __init__(self, *args, enrolments, recorded: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = list(enrolments)
        for enrolment in self.enrolments:
            self.fields[self.field_name(enrolment)] = forms.ChoiceField(
                label=enrolment.person.full_name,
                choices=Attendance.Status.choices,
                initial=recorded.get(enrolment.pk, Attendance.Status.PRESENT),
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name(enrolment: Enrolment) -> str:
        return f"mark_{enrolment.pk}"

    def rows(self):
        return [(e, self[self.field_name(e)]) for e in self.enrolments]

    def marks(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data[self.field_name(e)] for e in self.enrolments}
