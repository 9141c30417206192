"""English is complete: every Italian string has a translation that Django serves."""

import ast
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"
_FIELD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def _entries() -> list[dict[str, str]]:
    entries = []
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        entry: dict[str, str] = {}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] = line
            elif match := _FIELD.match(line):
                field = match.group(1)
                entry[field] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
        if entry.get("msgid"):
            entries.append(entry)
    return entries


def test_catalogue_has_no_untranslated_or_fuzzy_entries():
    problems = [
        entry["msgid"][:60]
        for entry in _entries()
        if "fuzzy" in entry.get("flags", "")
        or not (entry.get("msgstr") or entry.get("msgstr[0]"))
        or ("msgid_plural" in entry and not entry.get("msgstr[1]"))
    ]

    assert problems == [], f"{len(problems)} strings lack an English translation"


def test_compiled_catalogue_serves_every_translation():
    stale = []
    with translation.override("en"):
        for entry in _entries():
            if "msgid_plural" in entry:
                served = translation.ngettext(entry["msgid"], entry["msgid_plural"], 1)
                expected = entry["msgstr[0]"]
            elif "msgctxt" in entry:
                served = translation.pgettext(entry["msgctxt"], entry["msgid"])
                expected = entry["msgstr"]
            else:
                served = translation.gettext(entry["msgid"])
                expected = entry["msgstr"]
            if served != expected:
                stale.append(entry["msgid"][:60])

    assert stale == [], "django.mo is out of date: run `make messages`"


def test_italian_dates_write_months_and_weekdays_in_lower_case():
    from datetime import date

    from django.template import Context, Template

    template = Template(
        '{{ day|date:"DATE_FORMAT" }} · {{ day|date:"l" }} · {{ day|date:"YEAR_MONTH_FORMAT" }}'
    )
    with translation.override("it"):
        italian = template.render(Context({"day": date(2024, 3, 1)}))
    with translation.override("en"):
        english = template.render(Context({"day": date(2024, 3, 1)}))

    assert italian == "1 marzo 2024 · venerdì · marzo 2024"
    assert english == "1 March 2024 · Friday · March 2024"
