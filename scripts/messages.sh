#!/usr/bin/env bash
# Refresh the translation catalogues: extract every string, take Dutch translations that are
# still missing from technohub/locale/parts/*.po (one file per piece of work in progress, so
# that parallel work never edits the same catalogue), then compile.  Serialised with flock.
set -euo pipefail
cd "$(dirname "$0")/../technohub"
exec 9>/tmp/technohub-messages.lock
flock 9
ADMIN=../.venv/bin/django-admin
$ADMIN makemessages -l nl -l en --no-obsolete --keep-pot --ignore "*/tests/*" --ignore "tests/*" >/dev/null
PO=locale/nl/LC_MESSAGES/django.po
# makemessages guesses "fuzzy" translations from similar strings; they are nearly always wrong.
msgattrib --clear-fuzzy --empty --clear-previous -o "$PO" "$PO"
if compgen -G "locale/parts/*.po" >/dev/null; then
  # Translated entries of the catalogue win; the parts fill in the rest (plural forms too).
  msgattrib --translated --no-obsolete -o /tmp/technohub-own.po "$PO"
  parts=()
  for part in locale/parts/*.po; do  # a part with a message twice is still usable
    msguniq --use-first -o "/tmp/technohub-part-$(basename "$part")" "$part"
    parts+=("/tmp/technohub-part-$(basename "$part")")
  done
  msgcat --use-first -o /tmp/technohub-union.po /tmp/technohub-own.po "${parts[@]}"
  msgmerge --quiet --previous --no-fuzzy-matching -o "$PO" /tmp/technohub-union.po locale/django.pot
fi
rm -f locale/django.pot
$ADMIN compilemessages >/dev/null
untranslated=$(msgattrib --untranslated --no-obsolete "$PO" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$PO" | grep -c '^msgid ' || true)
echo "nl: $untranslated untranslated, $fuzzy fuzzy (header counts as one untranslated when >0)"
