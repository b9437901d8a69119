#!/usr/bin/env bash
# SPDX-License-Identifier: EUPL-1.2
#
# Refresh the translation catalogues and list what still needs a Dutch translation.
#
#   src/locale/update.sh            re-run makemessages, list untranslated/fuzzy nl entries
#   src/locale/update.sh --strict   same, but exit 1 when anything is left to translate
#
# Then fill in src/locale/nl/LC_MESSAGES/django.po (remove the "#, fuzzy" line of each
# entry you have checked), and compile:
#   cd src && DJANGO_SETTINGS_MODULE=config.settings.dev ../.venv/bin/python manage.py compile_translations
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
src="$(dirname "$here")"
python="$(dirname "$src")/.venv/bin/python"
strict=0
[[ "${1:-}" == "--strict" ]] && strict=1

cd "$src"
DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}" "$python" manage.py makemessages \
    -l nl -l en --no-obsolete --no-location --ignore=static --ignore=tests

STRICT="$strict" "$python" - "$here/nl/LC_MESSAGES/django.po" <<'PY'
import os
import sys

import polib

path = sys.argv[1]
po = polib.pofile(path)
untranslated = po.untranslated_entries()
fuzzy = [e for e in po.fuzzy_entries() if not e.obsolete]

if po.metadata_is_fuzzy:
    print("! The header of nl/django.po is marked fuzzy: remove that '#, fuzzy' line.")

print(f"\n{path}: {len(po.translated_entries())} translated, "
      f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy.")

if untranslated:
    print("\nUntranslated (msgstr is empty):")
    for e in untranslated:
        print(f"  - {e.msgid!r}" + (f" / plural {e.msgid_plural!r}" if e.msgid_plural else ""))

if fuzzy:
    print("\nFuzzy (makemessages guessed from a similar old string; check, fix, remove the flag):")
    for e in fuzzy:
        print(f"  - {e.msgid!r}" + (f" / plural {e.msgid_plural!r}" if e.msgid_plural else ""))
        if e.previous_msgid:
            print(f"      was: {e.previous_msgid!r}")
        guess = e.msgstr or " | ".join(e.msgstr_plural[k] for k in sorted(e.msgstr_plural))
        print(f"      current Dutch guess: {guess!r}")

if not untranslated and not fuzzy:
    print("Nothing left to translate.")
elif os.environ.get("STRICT") == "1":
    sys.exit(1)
PY
