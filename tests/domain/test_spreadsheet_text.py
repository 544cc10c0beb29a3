"""What our export kept as text (spreadsheet_safe's apostrophe) reads back as it was typed,
and an import row's cell is read that way: the export reads back through our own import."""

from __future__ import annotations

import datetime as dt

import pytest

from lto_desk.domain.import_columns import ImportKind
from lto_desk.domain.import_rows import check_rows
from lto_desk.domain.text import spreadsheet_safe, spreadsheet_text


@pytest.mark.parametrize("typed", ['=HYPERLINK("http://x","y")', "+1 555 0142", "-Dollar General", "@ the back",
                                   "María García", "'quoted'", "", "a=b"])
def test_a_cell_kept_as_text_reads_back_as_typed(typed):
    assert spreadsheet_text(spreadsheet_safe(typed)) == typed


def test_an_apostrophe_before_other_text_is_kept():
    assert spreadsheet_text("'s Hertogenbosch") == "'s Hertogenbosch"


class _Table:
    headers = ("first_name", "last_name", "phone", "employer")
    rows = (("Rosa", "Díaz", "'+44 20 7946 0958", "'-Dollar General"),)


def test_an_import_row_reads_the_cell_without_the_apostrophe():
    mapping = {h: h for h in _Table.headers}
    checked = check_rows(ImportKind.CUSTOMERS, _Table, mapping, dt.date(2025, 3, 3))
    assert checked.problems == ()
    (record,) = checked.records
    assert (record.phone, record.employer) == ("+442079460958", "-Dollar General")
