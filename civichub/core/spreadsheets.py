"""CSV files that spreadsheets open safely: `;` separated (what Italian Excel expects),
UTF-8 with a byte order mark, and no cell that a spreadsheet would run as a formula."""

import csv
from collections.abc import Iterable, Iterator
from typing import Any

# Spreadsheets run a cell starting with these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """The value as text, quoted with ``'`` when it would start a formula."""
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    """A file-like object whose ``write`` hands the line back to the csv writer's caller."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The lines of the file, for a ``StreamingHttpResponse``; every cell goes through
    ``safe_cell``."""
    writer = csv.writer(_Echo(), delimiter=";")
    # The byte order mark makes Excel read the file as UTF-8.
    yield "\ufeff" + writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
