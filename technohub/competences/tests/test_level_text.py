"""A level is named once: "niveau 2 – werkt onder begeleiding", never "niveau 2 2 – …"."""

import re

import pytest

from technohub.competences.models import LearningOutcome

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("role", ["trainer", "coordinator"])
def test_the_assessment_page_names_the_asked_level_once(client, world, role):
    LearningOutcome.objects.create(
        course_id=world.certificate.course_id, competence=world.recognition.competence, level=2
    )
    world.login(client, role)

    response = client.get(f"/mijn/erkenning/beoordelen/{world.recognition.pk}/")

    text = text_of(response.content.decode())
    assert "niveau 2 – werkt onder begeleiding" in text
    assert "niveau 2 2" not in text


def test_the_back_office_recognition_page_names_the_level_once(client, world):
    world.login(client, "coordinator")

    response = client.get(f"/beheer/{world.hub.slug}/erkenning/{world.recognition.pk}/")

    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "niveau 2 – werkt onder begeleiding" in text and "niveau 2 2" not in text
