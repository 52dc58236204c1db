from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo data builder (`manage.py seed_demo`): imports every app, and nothing imports it."""

    name = "technohub.demo"
    label = "demo"
