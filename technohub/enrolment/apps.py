from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "technohub.enrolment"
    label = "enrolment"
