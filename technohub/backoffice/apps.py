from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "technohub.backoffice"
    label = "backoffice"
