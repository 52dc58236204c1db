from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "technohub.api"
    label = "api"
