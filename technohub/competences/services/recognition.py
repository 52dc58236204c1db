"""Recognition of prior learning: a learner submits a request with evidence, an assessor
decides, the learner may withdraw an open request."""

from collections.abc import Iterable

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from technohub.competences import access
from technohub.competences.errors import (
    AlreadyDecided,
    EvidenceInvalid,
)
from technohub.competences.models import (
    Competence,
    CompetenceRecord,
    Evidence,
    Level,
    RecognitionRequest,
)
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Person, User

EVIDENCE_TYPES = {
    "application/pdf": b"%PDF",
    "image/jpeg": b"\xff\xd8\xff",
    "image/png": b"\x89PNG\r\n\x1a\n",
}
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 5


def _check_evidence(upload: UploadedFile) -> str:
    """The file's real type (by its first bytes, not its name), or EvidenceInvalid."""
    if upload.size > MAX_EVIDENCE_BYTES:
        raise EvidenceInvalid(
            _("%(name)s is larger than 10 MB.") % {"name": upload.name}, field="files"
        )
    head = upload.read(8)
    upload.seek(0)
    for content_type, magic in EVIDENCE_TYPES.items():
        if head.startswith(magic):
            return content_type
    raise EvidenceInvalid(
        _("%(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}, field="files"
    )


@transaction.atomic
def recognition_request_submit(
    *,
    person: Person,
    competence: Competence,
    level: int,
    statement: str,
    files: Iterable[UploadedFile] = (),
    actor: User,
) -> RecognitionRequest:
    """A learner asks the competence's hub to recognise what they already know."""
    if not access.is_self(actor, person):
        raise NotAllowed()
    if level not in Level.values:
        raise DomainError(_("Choose a level from 1 to 4."), field="level")
    if not statement.strip():
        raise DomainError(_("Describe where and how you learned this."), field="statement")
    files = list(files)
    if len(files) > MAX_EVIDENCE_FILES:
        raise EvidenceInvalid(_("Add at most 5 files."), field="files")
    checked = [(upload, _check_evidence(upload)) for upload in files]
    if RecognitionRequest.objects.filter(
        person=person, competence=competence, status=RecognitionRequest.Status.SUBMITTED
    ).exists():
        raise DomainError(
            _("You already have an open request for this competence."), field="competence"
        )
    request = RecognitionRequest.objects.create(
        person=person, competence=competence, level=level, statement=statement.strip()
    )
    for upload, content_type in checked:
        Evidence.objects.create(
            request=request,
            file=upload,
            original_name=upload.name[:200],
            content_type=content_type,
            size=upload.size,
        )
    log_action(
        "recognition.submitted",
        actor=actor,
        target=request,
        after={"competence": competence.pk, "level": level, "files": len(checked)},
    )
    return request


@transaction.atomic
def recognition_decide(
    *,
    request: RecognitionRequest,
    recognised: bool,
    level: int | None,
    note: str,
    actor: User,
) -> RecognitionRequest:
    """An assessor (a coordinator of the competence's hub) decides. A recognised competence
    lands in the passport as evidence at the recognised level."""
    if not access.may_assess(actor, request):
        raise NotAllowed()
    request = RecognitionRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RecognitionRequest.Status.SUBMITTED:
        raise AlreadyDecided()
    if recognised and level not in Level.values:
        raise DomainError(_("Choose the level you recognise."), field="level")
    if not recognised and not note.strip():
        raise DomainError(_("Explain why it is not recognised."), field="note")
    request.status = (
        RecognitionRequest.Status.RECOGNISED if recognised else RecognitionRequest.Status.REJECTED
    )
    request.level_recognised = level if recognised else None
    request.decision_note, request.decided_by, request.decided_at = (
        note.strip(),
        actor,
        timezone.now(),
    )
    request.save()
    if recognised:
        CompetenceRecord.objects.create(
            person=request.person,
            competence=request.competence,
            level=level,
            source=CompetenceRecord.Source.RECOGNITION,
            recognition=request,
        )
    log_action(
        "recognition.decided",
        actor=actor,
        target=request,
        before={"status": RecognitionRequest.Status.SUBMITTED},
        after={"status": request.status, "level": request.level_recognised},
    )
    return request


@transaction.atomic
def recognition_withdraw(*, request: RecognitionRequest, actor: User) -> RecognitionRequest:
    if not access.is_self(actor, request.person):
        raise NotAllowed()
    if request.status != RecognitionRequest.Status.SUBMITTED:
        raise AlreadyDecided()
    request.status = RecognitionRequest.Status.WITHDRAWN
    request.save(update_fields=["status"])
    log_action("recognition.withdrawn", actor=actor, target=request)
    return request
