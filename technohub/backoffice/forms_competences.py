"""Forms of the back office's competences pages. They parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.competences.models import Framework, Level
from technohub.portal.forms import NoColonMixin


class CompetenceForm(NoColonMixin, forms.Form):
    framework = forms.ModelChoiceField(label=_("Framework"), queryset=None, empty_label=None)
    code = forms.CharField(label=_("Code"), max_length=40)
    label_nl = forms.CharField(label=_("Dutch label"), max_length=200)
    label_en = forms.CharField(label=_("English label"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.ModelChoiceField(
        label=_("Broader competence"), queryset=None, required=False, empty_label=_("— none —")
    )
    uri = forms.URLField(
        label=_("Concept URI"), required=False, max_length=300, assume_scheme="https"
    )
    aligned_with = forms.ModelMultipleChoiceField(
        label=_("Aligned with (ESCO, CompetentNL)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Concepts of an imported framework that mean the same."),
    )

    def __init__(self, *args, frameworks, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks.filter(source=Framework.Source.OWN)
        self.fields["parent"].queryset = competences.filter(framework__source=Framework.Source.OWN)
        self.fields["aligned_with"].queryset = competences.exclude(
            framework__source=Framework.Source.OWN
        )


class FrameworkForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    source = forms.ChoiceField(label=_("Source"), choices=Framework.Source.choices)


class ImportForm(NoColonMixin, forms.Form):
    name = forms.CharField(
        label=_("Framework"),
        max_length=120,
        help_text=_("An existing framework of this name is updated; otherwise it is created."),
    )
    source = forms.ChoiceField(
        label=_("Source"),
        choices=[c for c in Framework.Source.choices if c[0] != Framework.Source.OWN],
    )
    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_(
            "Columns: conceptUri, preferredLabel_nl, preferredLabel_en, description, broaderUri. "
            "UTF-8, comma or semicolon separated, at most 2 MB."
        ),
    )


class OutcomeForm(NoColonMixin, forms.Form):
    competence = forms.ModelChoiceField(label=_("Competence"), queryset=None)
    level = forms.TypedChoiceField(label=_("Level"), choices=Level.choices, coerce=int)
    description = forms.CharField(label=_("Learning outcome"), max_length=300, required=False)

    def __init__(self, *args, competences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = competences


class AchievementForm(NoColonMixin, forms.Form):
    awards_certificate = forms.BooleanField(label=_("Awards a certificate"), required=False)
    requires_assessment = forms.BooleanField(
        label=_("Assessment required"),
        required=False,
        help_text=_("The certificate is issued only when the trainer records a pass."),
    )
    assessment_description = forms.CharField(label=_("Assessment"), max_length=200, required=False)
    validity_months = forms.IntegerField(
        label=_("Valid for (months)"),
        min_value=1,
        max_value=240,
        required=False,
        help_text=_("Empty: valid indefinitely. F-gas certificates, for example: 60."),
    )
    criteria = forms.CharField(
        label=_("Criteria"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a learner has shown (on the credential). Empty: a standard text."),
    )


class RoleProfileForm(NoColonMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequirementForm(OutcomeForm):
    description = None


class RevokeForm(NoColonMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
