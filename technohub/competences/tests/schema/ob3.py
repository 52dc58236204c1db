"""A JSON Schema (draft 2020-12) for the Open Badges 3.0 credentials we issue, written by us from
the data model of the 1EdTech Open Badges Specification 3.0 (section "Data Model" and the
"Derived Types"/"Enumerations" appendices) and the W3C Verifiable Credentials Data Model 2.0.

It states, per class, the properties the specification marks *required* ([1] or [1..*]), their
types and the enumerations they must take, plus the shape of the optional properties our
credentials use. Everything else is allowed (`additionalProperties` stays open, as in the
specification: classes are extensible). It is not the 1EdTech JSON file; where the two differ, the
specification text wins, and a change here cites the section it follows.

`validator()` gives a validator with format checking (RFC 3339 date-times via
`rfc3339-validator`).
"""

from typing import Any

import jsonschema

VC_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_V3_CONTEXT_PATTERN = r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.0\.[0-9]+)?\.json$"

# Primitive and derived types (appendix "Derived Types").
URI = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$"}
DATETIME_Z = {"type": "string", "format": "date-time"}  # ISO 8601 with a time zone


def _extensible_enum(*terms: str) -> dict[str, Any]:
    """An enumeration that the specification lets issuers extend with `ext:` terms."""
    return {
        "anyOf": [{"enum": list(terms)}, {"type": "string", "pattern": r"^ext:[A-Za-z0-9.\-_]+$"}]
    }


def _types_including(name: str) -> dict[str, Any]:
    """`type`: the IRI `name`, or a list of IRIs that includes it."""
    return {
        "oneOf": [
            {"const": name},
            {"type": "array", "items": {"type": "string"}, "contains": {"const": name}},
        ]
    }


def _types_including_one_of(*names: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string"},
        "contains": {"enum": list(names)},
    }


ACHIEVEMENT_TYPES = _extensible_enum(
    "Achievement",
    "ApprenticeshipCertificate",
    "Assessment",
    "Assignment",
    "AssociateDegree",
    "Award",
    "Badge",
    "BachelorDegree",
    "Certificate",
    "CertificateOfCompletion",
    "Certification",
    "CommunityService",
    "Competency",
    "Course",
    "CoCurricular",
    "Degree",
    "Diploma",
    "DoctoralDegree",
    "Fieldwork",
    "GeneralEducationDevelopment",
    "JourneymanCertificate",
    "LearningProgram",
    "License",
    "Membership",
    "ProfessionalDoctorate",
    "QualityAssuranceCredential",
    "MasterCertificate",
    "MasterDegree",
    "MicroCredential",
    "ResearchDoctorate",
    "SecondarySchoolDiploma",
)
ALIGNMENT_TARGET_TYPES = _extensible_enum(
    "ceasn:Competency",
    "ceterms:Credential",
    "CFItem",
    "CFRubric",
    "CFRubricCriterion",
    "CFRubricCriterionLevel",
    "CTDL",
)
IDENTIFIER_TYPES = _extensible_enum(
    "name",
    "sourcedId",
    "systemId",
    "productId",
    "userName",
    "accountId",
    "emailAddress",
    "nationalIdentityNumber",
    "isbn",
    "issn",
    "lisSourcedId",
    "oneRosterSourcedId",
    "sisSourcedId",
    "ltiContextId",
    "ltiDeploymentId",
    "ltiToolId",
    "ltiPlatformId",
    "ltiUserId",
    "identifier",
)

DEFS: dict[str, Any] = {
    # Image: id [1] URI, type [1] "Image", caption [0..1].
    "Image": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"id": URI, "type": {"const": "Image"}, "caption": {"type": "string"}},
    },
    # Profile (the issuer): id [1] URI, type [1..*] including "Profile"; the rest optional.
    "Profile": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": URI,
            "type": _types_including("Profile"),
            "name": {"type": "string"},
            "url": URI,
            "email": {"type": "string"},
            "description": {"type": "string"},
            "image": {"$ref": "#/$defs/Image"},
        },
    },
    # Criteria: id [0..1] URI, narrative [0..1] Markdown; at least one of the two.
    "Criteria": {
        "type": "object",
        "anyOf": [{"required": ["id"]}, {"required": ["narrative"]}],
        "properties": {"id": URI, "narrative": {"type": "string"}},
    },
    # Alignment: type [1..*] including "Alignment", targetName [1], targetUrl [1] URL.
    "Alignment": {
        "type": "object",
        "required": ["type", "targetName", "targetUrl"],
        "properties": {
            "type": _types_including("Alignment"),
            "targetName": {"type": "string"},
            "targetUrl": URI,
            "targetCode": {"type": "string"},
            "targetDescription": {"type": "string"},
            "targetFramework": {"type": "string"},
            "targetType": ALIGNMENT_TARGET_TYPES,
        },
    },
    # Achievement: id [1] URI, type [1..*] including "Achievement", criteria [1],
    # description [1], name [1].
    "Achievement": {
        "type": "object",
        "required": ["id", "type", "criteria", "description", "name"],
        "properties": {
            "id": URI,
            "type": _types_including("Achievement"),
            "name": {"type": "string"},
            "description": {"type": "string"},
            "criteria": {"$ref": "#/$defs/Criteria"},
            "achievementType": ACHIEVEMENT_TYPES,
            "alignment": {"type": "array", "items": {"$ref": "#/$defs/Alignment"}},
            "creator": {"$ref": "#/$defs/Profile"},
            "creditsAvailable": {"type": "number"},
            "humanCode": {"type": "string"},
            "image": {"$ref": "#/$defs/Image"},
            "inLanguage": {"type": "string", "pattern": r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"},
            "tag": {"type": "array", "items": {"type": "string"}},
            "version": {"type": "string"},
        },
    },
    # IdentityObject: type [1] "IdentityObject", hashed [1] Boolean, identityHash [1],
    # identityType [1] (IdentifierTypeEnum), salt [0..1].
    "IdentityObject": {
        "type": "object",
        "required": ["type", "hashed", "identityHash", "identityType"],
        "properties": {
            "type": {"const": "IdentityObject"},
            "hashed": {"type": "boolean"},
            "identityHash": {"type": "string"},
            "identityType": IDENTIFIER_TYPES,
            "salt": {"type": "string"},
        },
    },
    # AchievementSubject: type [1..*] including "AchievementSubject", achievement [1];
    # id [0..1]; identifier [0..*]. (A subject needs id or identifier to name the recipient.)
    "AchievementSubject": {
        "type": "object",
        "required": ["type", "achievement"],
        "anyOf": [{"required": ["id"]}, {"required": ["identifier"]}],
        "properties": {
            "id": URI,
            "type": _types_including("AchievementSubject"),
            "achievement": {"$ref": "#/$defs/Achievement"},
            "identifier": {
                "type": "array",
                "items": {"$ref": "#/$defs/IdentityObject"},
                "minItems": 1,
            },
            "activityStartDate": DATETIME_Z,
            "activityEndDate": DATETIME_Z,
            "creditsEarned": {"type": "number"},
        },
    },
    # CredentialStatus and CredentialSchema: id [1] URI, type [1]; more is allowed.
    "CredentialStatus": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"id": URI, "type": {"type": "string"}},
    },
    "CredentialSchema": {
        "type": "object",
        "required": ["id", "type"],
        "properties": {"id": URI, "type": {"type": "string"}},
    },
}

# AchievementCredential (alias OpenBadgeCredential): @context [1..*] whose first item is the VC
# 2.0 context and which includes the OB 3.0 context; id [1] URI; type [1..*] including
# "VerifiableCredential" and "AchievementCredential" or "OpenBadgeCredential"; name [1];
# credentialSubject [1]; issuer [1] Profile; validFrom [1] DateTimeZ; validUntil [0..1].
OPEN_BADGE_CREDENTIAL: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "OpenBadgeCredential (Open Badges 3.0), written from the specification",
    "type": "object",
    "required": ["@context", "id", "type", "name", "credentialSubject", "issuer", "validFrom"],
    "properties": {
        "@context": {
            "type": "array",
            "minItems": 2,
            "prefixItems": [{"const": VC_V2_CONTEXT}],
            "contains": {"type": "string", "pattern": OB_V3_CONTEXT_PATTERN},
        },
        "id": URI,
        "type": {
            "allOf": [
                _types_including_one_of("AchievementCredential", "OpenBadgeCredential"),
                {"contains": {"const": "VerifiableCredential"}},
            ]
        },
        "name": {"type": "string", "minLength": 1},
        "description": {"type": "string"},
        "image": {"$ref": "#/$defs/Image"},
        "issuer": {"$ref": "#/$defs/Profile"},
        "credentialSubject": {"$ref": "#/$defs/AchievementSubject"},
        "validFrom": DATETIME_Z,
        "validUntil": DATETIME_Z,
        "awardedDate": DATETIME_Z,
        "credentialStatus": {"$ref": "#/$defs/CredentialStatus"},
        "credentialSchema": {
            "type": "array",
            "items": {"$ref": "#/$defs/CredentialSchema"},
        },
    },
    "$defs": DEFS,
}


def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(OPEN_BADGE_CREDENTIAL)
    return jsonschema.Draft202012Validator(
        OPEN_BADGE_CREDENTIAL, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
