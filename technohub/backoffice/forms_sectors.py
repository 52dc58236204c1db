"""Forms of the sectors page: a new sector, a member organisation into a sector."""

from django import forms
from django.utils.translation import gettext_lazy as _

from technohub.hubs.models import Hub, Membership, Sector


class SectorForm(forms.Form):
    name = forms.CharField(label=_("Name of the sector"), max_length=120)
    code = forms.SlugField(
        label=_("Code"),
        max_length=20,
        required=False,
        help_text=_("Short, without spaces; made from the name when left empty."),
    )

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.hub = hub


class SectorMemberForm(forms.Form):
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none())
    membership = forms.ModelChoiceField(label=_("Organisation"), queryset=Membership.objects.none())

    def __init__(self, *args, hub: Hub, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = Sector.objects.filter(hub=hub).order_by("name")
        self.fields["membership"].queryset = (
            Membership.objects.filter(hub=hub)
            .select_related("organisation")
            .order_by("organisation__name")
        )
        self.fields["membership"].label_from_instance = lambda m: m.organisation.name
