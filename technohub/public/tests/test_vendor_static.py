"""Third-party browser code comes from npm (package-lock.json), not from copies in the repo."""

import json

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

VENDORED = {
    "vendor/htmx.min.js": "htmx.org",
    "vendor/chartjs/chart.umd.min.js": "chart.js",
}


@pytest.mark.parametrize("path", sorted(VENDORED))
def test_the_templates_vendor_paths_resolve_to_the_npm_packages(path):
    found = finders.find(path)

    assert found is not None, f"{path} not found: run `npm ci` (the Makefile does)"
    assert str(settings.NODE_MODULES / VENDORED[path]) in str(found)


def test_the_installed_versions_are_the_locked_ones():
    lock = json.loads((settings.BASE_DIR / "package-lock.json").read_text())
    for package in set(VENDORED.values()):
        installed = json.loads((settings.NODE_MODULES / package / "package.json").read_text())
        assert installed["version"] == lock["packages"][f"node_modules/{package}"]["version"]


def test_no_copies_of_third_party_code_in_the_repository():
    assert not (settings.BASE_DIR / "technohub" / "static" / "vendor").exists()
