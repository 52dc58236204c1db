"""Rules of the competences area: frameworks, outcomes and role profiles, certificates,
development plans, recognition of prior learning and passport links, one module per section.
Writes are atomic and audited where they touch credentials or what is shared. Every public name
is importable from here (`from technohub.competences import services`). See docs/competences.md.
"""

from technohub.competences.services.certificates import (
    add_months,
    assessment_record,
    assessments_record,
    certificate_revoke,
    certificate_set_disclosure,
    certificates_issue_for_edition,
)
from technohub.competences.services.frameworks import (
    CSV_COLUMNS,
    MAX_IMPORT_BYTES,
    ImportResult,
    competence_save,
    framework_create,
    framework_import_csv,
)
from technohub.competences.services.passport import (
    passport_share_create,
    passport_share_revoke,
    passport_share_viewed,
    token_hash,
)
from technohub.competences.services.plans import (
    REMINDER_DAYS,
    goal_remove,
    goal_save,
    plan_agree,
    plan_close,
    plan_get_or_create,
    plan_managers,
    plan_reminders_send,
    plan_reopen,
    plan_update,
)
from technohub.competences.services.profiles import (
    achievement_update,
    outcome_remove,
    outcome_set,
    requirement_remove,
    requirement_set,
    role_profile_save,
)
from technohub.competences.services.recognition import (
    EVIDENCE_TYPES,
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_FILES,
    recognition_decide,
    recognition_request_submit,
    recognition_withdraw,
)

__all__ = [
    "CSV_COLUMNS",
    "ImportResult",
    "MAX_IMPORT_BYTES",
    "competence_save",
    "framework_create",
    "framework_import_csv",
    "achievement_update",
    "outcome_remove",
    "outcome_set",
    "requirement_remove",
    "requirement_set",
    "role_profile_save",
    "add_months",
    "assessment_record",
    "assessments_record",
    "certificate_revoke",
    "certificate_set_disclosure",
    "certificates_issue_for_edition",
    "REMINDER_DAYS",
    "goal_remove",
    "goal_save",
    "plan_agree",
    "plan_close",
    "plan_get_or_create",
    "plan_managers",
    "plan_reminders_send",
    "plan_reopen",
    "plan_update",
    "EVIDENCE_TYPES",
    "MAX_EVIDENCE_BYTES",
    "MAX_EVIDENCE_FILES",
    "recognition_decide",
    "recognition_request_submit",
    "recognition_withdraw",
    "passport_share_create",
    "passport_share_revoke",
    "passport_share_viewed",
    "token_hash",
]
