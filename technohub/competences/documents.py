"""PDF documents of the competences area: a certificate and a skills passport (WeasyPrint)."""

import segno
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from technohub.competences import credentials
from technohub.competences.models import Certificate
from technohub.competences.selectors import Passport


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as a standalone SVG data URI (crisp at any print size), with the
    four-module quiet zone scanners need and an explicit white background."""
    return segno.make(url, error="m").svg_data_uri(
        scale=4, border=4, dark="#1b1f24", light="#ffffff"
    )


def _pdf(template: str, context: dict) -> bytes:
    with translation.override("nl"):
        html = render_to_string(template, context)
    return HTML(string=html).write_pdf()


def certificate_pdf(certificate: Certificate, *, outcomes) -> bytes:
    url = credentials.verification_url(certificate)
    return _pdf(
        "competences/pdf/certificate.html",
        {
            "certificate": certificate,
            "outcomes": outcomes,
            "verify_url": url,
            "qr": qr_data_uri(url),
        },
    )


def passport_pdf(passport: Passport) -> bytes:
    return _pdf(
        "competences/pdf/passport.html",
        {
            "passport": passport,
            "qrs": {
                c.pk: qr_data_uri(credentials.verification_url(c))
                for c in passport.valid_certificates
            },
        },
    )
