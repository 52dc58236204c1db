"""The Dutch catalogue is complete, keeps its placeholders, is compiled, and is what users see.

Dutch is the default language; the msgids are the English UI. The `.po` files are parsed here
with a small reader of our own (no polib) and the `.mo` files with the standard library.
"""

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from technohub.catalogue.tests.factories import EditionFactory

LOCALE = Path(settings.BASE_DIR) / "technohub" / "locale"
NL_PO = LOCALE / "nl" / "LC_MESSAGES" / "django.po"
NL_MO = LOCALE / "nl" / "LC_MESSAGES" / "django.mo"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
EN_MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"

# %(name)s, %(n)d, %s, %d and {name}; a literal %% is no placeholder.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z_][A-Za-z0-9_]*\}")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    def pairs(self) -> list[tuple[str, str]]:
        """(source, translation) pairs: msgstr[0] renders the msgid, the others the plural."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr.get(0, ""))]
        return [
            (self.msgid if n == 0 else self.msgid_plural, text)
            for n, text in sorted(self.msgstr.items())
        ]


def _unquote(text: str) -> str:
    assert text.startswith('"') and text.endswith('"'), text
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), text[1:-1])


def read_po(path: Path) -> tuple[Entry, list[Entry]]:
    """Return the header entry and the other (non-obsolete) entries of a `.po` file."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal current, target
        if current.line:
            entries.append(current)
        current, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue  # comments, references and obsolete (#~) entries
        elif line.startswith('"'):
            assert target is not None, f"{path}:{number}: continuation without a keyword"
            kind, index = target
            text = _unquote(line)
            if kind == "msgstr":
                current.msgstr[index or 0] += text
            else:
                setattr(current, kind, (getattr(current, kind) or "") + text)
        else:
            keyword, _, value = line.partition(" ")
            current.line = current.line or number
            if keyword.startswith("msgstr["):
                index = int(keyword[7:-1])
                current.msgstr[index] = _unquote(value)
                target = ("msgstr", index)
            elif keyword == "msgstr":
                current.msgstr[0] = _unquote(value)
                target = ("msgstr", 0)
            elif keyword in ("msgid", "msgid_plural", "msgctxt"):
                setattr(current, keyword, _unquote(value))
                target = (keyword, None)
            else:
                raise AssertionError(f"{path}:{number}: unexpected line {raw!r}")
    finish()
    header = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    return header, [e for e in entries if e is not header]


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def test_nl_header_is_set_and_not_fuzzy():
    header, _ = read_po(NL_PO)
    text = header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert "Language: nl\n" in text
    assert "Project-Id-Version: TechnoHUB\n" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in text
    assert "charset=UTF-8" in text


def test_every_nl_message_is_translated_and_not_fuzzy():
    _, entries = read_po(NL_PO)
    assert len(entries) > 500
    untranslated = [e.msgid for e in entries if not all(text for _, text in e.pairs())]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    wrong_plural_count = [e.msgid for e in entries if e.msgid_plural and len(e.msgstr) != 2]
    assert untranslated == []
    assert fuzzy == []
    assert wrong_plural_count == []


def test_nl_translations_keep_placeholders_tags_and_newlines():
    _, entries = read_po(NL_PO)
    problems = []
    for entry in entries:
        for source, text in entry.pairs():
            if placeholders(source) != placeholders(text):
                problems.append(("placeholders", source, text))
            if sorted(re.findall(r"</?\w+>", source)) != sorted(re.findall(r"</?\w+>", text)):
                problems.append(("html", source, text))
            if source.startswith("\n") != text.startswith("\n") or (
                source.endswith("\n") != text.endswith("\n")
            ):
                problems.append(("newlines", source, text))
    assert problems == []


def test_compiled_nl_catalogue_matches_the_po():
    # given the .po and the compiled .mo
    _, entries = read_po(NL_PO)
    with NL_MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    # then every message of the .po is in the .mo with the same translation
    assert compiled.info()["language"] == "nl"
    stale = []
    for entry in entries:
        if entry.msgid_plural is None:
            got = [
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else compiled.gettext(entry.msgid)
            ]
            want = [entry.msgstr[0]]
        else:
            got = [
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt
                else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
            want = [entry.msgstr[0], entry.msgstr[1]]
        if got != want:
            stale.append(entry.msgid)
    assert stale == [], "run `django-admin compilemessages` in technohub/ and commit the .mo"


def test_english_catalogue_is_empty_and_compiled():
    # English msgids are the English UI: the en catalogue translates nothing
    header, entries = read_po(EN_PO)
    assert "Language: en\n" in header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert [e.msgid for e in entries if any(e.msgstr.values())] == []
    with EN_MO.open("rb") as handle:
        assert gettext.GNUTranslations(handle).info()["language"] == "en"


@pytest.mark.parametrize(
    ("english", "dutch"),
    [
        ("Courses", "Cursussen"),
        ("Log in", "Inloggen"),
        ("Waitlist", "Wachtlijst"),
        ("Back office", "Beheer"),
        ("You are enrolled: %(course)s", "Je bent ingeschreven: %(course)s"),
    ],
)
def test_key_strings_come_out_dutch(english, dutch):
    with translation.override("nl"):
        assert translation.gettext(english) == dutch
    with translation.override("en"):
        assert translation.gettext(english) == english


def test_plurals_come_out_dutch():
    with translation.override("nl"):
        assert translation.ngettext("%(n)s course", "%(n)s courses", 1) % {"n": 1} == "1 cursus"
        assert translation.ngettext("%(n)s course", "%(n)s courses", 3) % {"n": 3} == (
            "3 cursussen"
        )


@pytest.mark.django_db
def test_catalogue_page_is_dutch_by_default_and_english_on_request(client):
    # given a published course
    EditionFactory()
    # when a visitor without a language preference opens the catalogue
    response = client.get("/cursussen/")
    # then the page is Dutch
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="nl"' in html
    assert "Cursussen" in html
    assert "Inloggen" in html
    # when the visitor has chosen English
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/cursussen/").content.decode()
    # then the same page is English
    assert 'lang="en"' in html
    assert "Courses" in html
    assert "Cursussen" not in html
