"""Competence frameworks: create a framework, save competences, import an ESCO-style CSV."""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from technohub.competences.errors import (
    ImportFailed,
)
from technohub.competences.models import (
    Competence,
    Framework,
)
from technohub.competences.services._base import _ensure_coordinator
from technohub.hubs.audit import log_action
from technohub.hubs.errors import DomainError, NotAllowed
from technohub.hubs.models import Hub, User


@transaction.atomic
def framework_create(*, hub: Hub, name: str, source: str, url: str = "", actor: User) -> Framework:
    _ensure_coordinator(actor, hub.pk)
    if Framework.objects.filter(hub=hub, name=name).exists():
        raise DomainError(_("This hub already has a framework with that name."), field="name")
    return Framework.objects.create(hub=hub, name=name, source=source, url=url)


@transaction.atomic
def competence_save(
    *,
    framework: Framework,
    actor: User,
    code: str,
    label_nl: str,
    label_en: str = "",
    description: str = "",
    parent: Competence | None = None,
    uri: str = "",
    aligned_with: Iterable[Competence] = (),
    competence: Competence | None = None,
) -> Competence:
    """Create a competence, or update `competence`, in a framework of the actor's hub."""
    _ensure_coordinator(actor, framework.hub_id)
    clash = Competence.objects.filter(framework=framework, code=code)
    if competence is not None:
        clash = clash.exclude(pk=competence.pk)
    if clash.exists():
        raise DomainError(_("This code is already used in this framework."), field="code")
    if parent is not None and parent.framework_id != framework.pk:
        raise DomainError(
            _("The broader competence must be in the same framework."), field="parent"
        )
    if competence is not None and parent is not None and _is_below(parent, competence):
        raise DomainError(_("A competence cannot be broader than itself."), field="parent")
    aligned = list(aligned_with)
    if any(c.framework.hub_id != framework.hub_id for c in aligned):
        raise NotAllowed()
    competence = competence or Competence(framework=framework)
    competence.code, competence.label_nl, competence.label_en = code, label_nl, label_en
    competence.description, competence.parent, competence.uri = description, parent, uri
    competence.save()
    competence.aligned_with.set(aligned)
    return competence


def _is_below(candidate: Competence, competence: Competence) -> bool:
    """True when `candidate` is `competence` or one of its narrower competences."""
    seen = set()
    node: Competence | None = candidate
    while node is not None and node.pk not in seen:
        if node.pk == competence.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


CSV_COLUMNS = ("conceptUri", "preferredLabel_nl", "preferredLabel_en", "description", "broaderUri")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass
class ImportResult:
    framework: Framework
    created: int
    updated: int


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed([(0, _("The file is not UTF-8 text."))]) from exc
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    missing = [c for c in CSV_COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportFailed(
            [(1, _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)})]
        )
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _code_from_uri(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1][:40]


@transaction.atomic
def framework_import_csv(
    *, hub: Hub, name: str, source: str, data: bytes, actor: User
) -> ImportResult:
    """Import an ESCO-style CSV (concept URI, labels nl/en, description, broader concept URI)
    into the framework `name` of the hub (created if new). All rows or none: every bad row is
    reported with its line number, and nothing is saved while any row is bad."""
    _ensure_coordinator(actor, hub.pk)
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed([(0, _("The file is larger than 2 MB."))])
    rows = _csv_rows(data)
    if not rows:
        raise ImportFailed([(0, _("The file has no rows."))])
    errors: list[tuple[int, str]] = []
    valid_url = URLValidator(schemes=["http", "https"])
    by_uri: dict[str, tuple[int, dict[str, str]]] = {}
    for line, row in enumerate(rows, start=2):
        uri = row.get("conceptUri", "")
        try:
            valid_url(uri)
        except ValidationError:
            errors.append((line, _("The concept URI is missing or not a web address.")))
            continue
        if not row.get("preferredLabel_nl"):
            errors.append((line, _("The Dutch label (preferredLabel_nl) is empty.")))
        if (
            len(row.get("preferredLabel_nl", "")) > 200
            or len(row.get("preferredLabel_en", "")) > 200
        ):
            errors.append((line, _("A label is longer than 200 characters.")))
        if uri in by_uri:
            errors.append(
                (line, _("This concept URI is also on line %(line)s.") % {"line": by_uri[uri][0]})
            )
        by_uri[uri] = (line, row)
    framework = Framework.objects.filter(hub=hub, name=name).first()
    existing = {c.uri: c for c in framework.competences.all()} if framework else {}
    for line, row in by_uri.values():
        broader = row.get("broaderUri", "")
        if broader and broader not in by_uri and broader not in existing:
            errors.append((line, _("The broader concept is not in the file or the framework.")))
    if errors:
        raise ImportFailed(sorted(errors))
    framework = framework or Framework.objects.create(hub=hub, name=name, source=source)
    created = updated = 0
    saved: dict[str, Competence] = dict(existing)
    for uri, (_line, row) in by_uri.items():
        competence = saved.get(uri) or Competence(framework=framework, uri=uri)
        created += competence.pk is None
        updated += competence.pk is not None
        competence.code = competence.code or _unique_code(framework, _code_from_uri(uri), saved)
        competence.label_nl = row["preferredLabel_nl"]
        competence.label_en = row.get("preferredLabel_en", "")
        competence.description = row.get("description", "")
        competence.save()
        saved[uri] = competence
    for uri, (_line, row) in by_uri.items():
        broader = row.get("broaderUri", "")
        competence = saved[uri]
        competence.parent = saved[broader] if broader else None
        competence.save(update_fields=["parent"])
    log_action(
        "framework.imported",
        actor=actor,
        target=framework,
        after={"created": created, "updated": updated},
    )
    return ImportResult(framework=framework, created=created, updated=updated)


def _unique_code(framework: Framework, code: str, saved: dict[str, Competence]) -> str:
    taken = {c.code for c in saved.values()} | set(
        framework.competences.values_list("code", flat=True)
    )
    candidate, n = code or "c", 1
    while candidate in taken:
        n += 1
        candidate = f"{code[:36]}-{n}"
    return candidate
