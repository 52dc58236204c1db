from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "technohub.portal"
    label = "portal"
