from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "technohub.public"
    label = "public"
