"""Forms of the portal's competences pages. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.competences.models import Certificate, Goal, Level
from technohub.competences.services import MAX_EVIDENCE_FILES
from technohub.portal.forms import NoColonMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(NoColonMixin, forms.Form):
    ambition = forms.CharField(
        label=_("Ambition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where do you want to be in a year or two?"),
    )
    role_profile = forms.ModelChoiceField(
        label=_("Role profile"), queryset=None, required=False, empty_label=_("— none —")
    )
    review_on = forms.DateField(label=_("Next review"), required=False, widget=DATE)

    def __init__(self, *args, role_profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_profile"].queryset = role_profiles


class PlanCloseForm(NoColonMixin, forms.Form):
    note = forms.CharField(
        label=_("Why are you closing the plan? (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example: the year is over, or a new role."),
    )


class GoalForm(NoColonMixin, forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=200)
    competence = forms.ModelChoiceField(
        label=_("Competence"), queryset=None, required=False, empty_label=_("— none —")
    )
    target_level = forms.TypedChoiceField(
        label=_("Target level"),
        choices=[("", _("— none —")), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, required=False, empty_label=_("— none —")
    )
    target_date = forms.DateField(label=_("Target date"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)

    def __init__(self, *args, competences, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences
        self.fields["course"].queryset = courses


class DisclosureForm(NoColonMixin, forms.Form):
    disclosure = forms.ChoiceField(
        label=_("The public verification page shows"),
        choices=Certificate.Disclosure.choices,
        widget=forms.RadioSelect,
    )


class ShareForm(NoColonMixin, forms.Form):
    label = forms.CharField(
        label=_("For whom is this link?"),
        max_length=80,
        help_text=_("For example: application at Van Vliet Installatietechniek."),
    )
    include_competences = forms.BooleanField(
        label=_("Show competences"), required=False, initial=True
    )
    include_courses = forms.BooleanField(
        label=_("Show completed courses and study hours"), required=False, initial=True
    )
    expires_on = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DATE,
        help_text=_("Empty: until you withdraw the link."),
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RecognitionForm(NoColonMixin, forms.Form):
    competence = forms.ModelChoiceField(label=_("Competence"), queryset=None)
    level = forms.TypedChoiceField(label=_("Level"), choices=Level.choices, coerce=int)
    statement = forms.CharField(
        label=_("Your experience"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Where and how did you learn this, and what did you do with it?"),
    )
    files = MultipleFileField(
        label=_("Evidence (optional)"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        help_text=_("Up to %(count)s files: PDF, JPEG or PNG, at most 10 MB each.")
        % {"count": MAX_EVIDENCE_FILES},
    )

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences


class AssessmentForm(NoColonMixin, forms.Form):
    """One result per participant: passed / not passed / not assessed yet."""

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolments = enrolments
        for enrolment in enrolments:
            result = getattr(enrolment, "assessment_result", None)
            self.fields[f"result_{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.person.full_name,
                choices=[
                    ("", _("Not assessed")),
                    ("passed", _("Passed")),
                    ("failed", _("Not passed")),
                ],
                required=False,
                initial=("passed" if result.passed else "failed") if result else "",
                widget=forms.RadioSelect,
            )

    def results(self) -> dict[int, bool]:
        return {
            e.pk: self.cleaned_data[f"result_{e.pk}"] == "passed"
            for e in self.enrolments
            if self.cleaned_data.get(f"result_{e.pk}")
        }


class DecisionForm(NoColonMixin, forms.Form):
    recognised = forms.TypedChoiceField(
        label=_("Do you recognise this competence?"),
        choices=[("yes", _("Recognise")), ("no", _("Do not recognise"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    level = forms.TypedChoiceField(
        label=_("Level recognised"),
        choices=[("", _("— choose —")), *Level.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    note = forms.CharField(
        label=_("Explanation for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
