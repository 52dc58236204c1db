"""Forms of self sign-up. They parse input; `technohub.hubs.signup` decides."""

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from technohub.hubs.models import Hub, Organisation, User
from technohub.hubs.signup import SignupKind, signup_organisations


class _NoColon:
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class SignupForm(_NoColon, forms.Form):
    first_name = forms.CharField(
        label=_("First name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits, not a common password."),
    )
    kind = forms.ChoiceField(
        label=_("I am a …"),
        choices=SignupKind.choices,
        widget=forms.RadioSelect,
    )
    employer = forms.ModelChoiceField(
        label=_("Employer (only for employees)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose your employer —"),
        help_text=_(
            "Your employer's contact confirms the link. Until then your employer sees nothing."
        ),
    )
    school = forms.ModelChoiceField(
        label=_("School (only for students)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— choose your school —"),
    )
    consent = forms.BooleanField(
        label=_("I have read the privacy statement and agree to it."),
        required=True,
        error_messages={"required": _("Agree to the privacy statement to sign up.")},
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub
        self.fields["employer"].queryset = signup_organisations(hub=hub, kind=SignupKind.EMPLOYEE)
        self.fields["school"].queryset = signup_organisations(hub=hub, kind=SignupKind.STUDENT)
        if not self.fields["school"].queryset.exists():
            del self.fields["school"]
            self.fields["kind"].choices = [
                c for c in SignupKind.choices if c[0] != SignupKind.STUDENT
            ]

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == SignupKind.EMPLOYEE and not data.get("employer"):
            self.add_error("employer", _("Choose your employer from the member companies."))
        if kind == SignupKind.STUDENT and not data.get("school"):
            self.add_error("school", _("Choose your school."))
        password = data.get("password")
        if password:
            candidate = User(email=data.get("email") or "")
            candidate.first_name = data.get("first_name") or ""  # for the similarity check
            candidate.last_name = data.get("last_name") or ""
            try:
                validate_password(password, user=candidate)
            except ValidationError as error:
                self.add_error("password", error)
        return data

    def organisation(self) -> Organisation | None:
        kind = self.cleaned_data["kind"]
        if kind == SignupKind.EMPLOYEE:
            return self.cleaned_data.get("employer")
        if kind == SignupKind.STUDENT:
            return self.cleaned_data.get("school")
        return None


class ResendForm(_NoColon, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)


class ConfirmForm(forms.Form):
    """Nothing to fill in: the POST itself confirms (a mail scanner's GET changes nothing)."""
