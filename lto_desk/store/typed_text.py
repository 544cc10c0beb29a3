"""Typed text in a change, read before it is kept: a full card number or a Social
Security number anywhere a person typed (nested lists, mappings, and text that is
itself JSON, such as a return's record, read as the values it holds) refuses the
whole change. The numbers are looked for in any digits and spelling
(``domain.sensitive`` makes the text plain first)."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from ..domain.errors import InvalidInput
from ..domain.sensitive import sensitive_problem


#: Columns the program fills, not a person, so they are not read for card or Social
#: Security numbers: hashes and request ids (hex that may hold long digit runs), VINs,
#: phone numbers in E.164 and their digits (a Mexican mobile has 13), search keys, and
#: the drawer's bill counts (JSON). Every other text a change writes is read.
MACHINE_FIELDS = frozenset({
    "request_id", "hash", "prev_hash", "pin_hash", "vin", "vin_tail", "search_name", "search_text",
    "denominations",
})
MACHINE_FIELDS_OF = {
    "customer": frozenset({"phone", "phone_digits"}),
    "customer_phone": frozenset({"number", "digits"}),
}


def machine_field(table: str, column: str) -> bool:
    """True for a column the program fills (see MACHINE_FIELDS), never read for typed numbers."""
    return column in MACHINE_FIELDS or column in MACHINE_FIELDS_OF.get(table, ())


def _json_value(text: str) -> Any:
    """What ``text`` holds when it is JSON text (an object, a list or a string, as a return's
    record or a setting is kept, non-ASCII letters and digits written as \\uXXXX); else None."""
    start = text.lstrip()[:1]
    if start not in ("{", "[", '"'):
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def typed_texts(table: str, values: Any) -> Iterator[str]:
    """Every text in a row's image (nested lists and mappings, and the values inside JSON
    text, too), but machine fields'."""
    if isinstance(values, str):
        yield values
        inside = _json_value(values)
        if inside is not None:
            yield from typed_texts(table, inside)
    elif isinstance(values, dict):
        for key, value in values.items():
            if not machine_field(table, str(key)):
                yield from typed_texts(table, value)
    elif isinstance(values, (list, tuple)):
        for value in values:
            yield from typed_texts(table, value)


def refuse_sensitive(changes: Iterable[Any]) -> None:
    """Refuse (InvalidInput) a change that would store a full card or Social Security number,
    so the whole transaction rolls back and nothing of it is kept."""
    for change in changes:
        for text in typed_texts(change.table, change.after):
            problem = sensitive_problem(text)
            if problem is not None:
                raise InvalidInput(problem)
