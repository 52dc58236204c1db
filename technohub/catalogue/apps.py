from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "technohub.catalogue"
    label = "catalogue"
