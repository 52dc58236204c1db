from django.apps import AppConfig


class HubsConfig(AppConfig):
    name = "technohub.hubs"
    label = "hubs"
