from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencesConfig(AppConfig):
    name = "technohub.competences"
    label = "competences"
    verbose_name = _("Competences and credentials")

    def ready(self) -> None:
        from technohub.competences import receivers  # noqa: F401 - connects the receivers
