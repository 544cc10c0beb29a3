"""The business reports: daily collections, late accounts by age, payments due this
week, a customer statement, the portfolio and the receipt-number check, one module
each.

Each report is a frozen dataclass of plain values (the services in
:mod:`lto_desk.services.business_reports` fill it from the database). From it
come the tables the window shows and exports (``*_tables``), a few key figures
(``*_figures``) and the printed report (``*_document`` → :func:`render_report`);
the PDF is built from the very tables the screen shows, so the two agree.

Layer: plain data in, ReportLab out (through :mod:`..report_table`).
"""

from __future__ import annotations

from .daily_collections import (
    Collections,
    MoneyGroup,
    MoneyLine,
    collections_document,
    collections_figures,
    collections_tables,
)
from .late_accounts import (
    AGE_BUCKETS,
    AgeBucket,
    Aging,
    LateAccount,
    aging_document,
    aging_figures,
    aging_tables,
)
from .due_this_week import (
    DueLine,
    DueThisWeek,
    due_document,
    due_figures,
    due_tables,
)
from .customer_statement import (
    Statement,
    StatementLine,
    statement_document,
    statement_figures,
    statement_heading,
    statement_tables,
)
from .portfolio import (
    Portfolio,
    WeekCollected,
    days_text,
    portfolio_chart,
    portfolio_document,
    portfolio_figures,
    portfolio_tables,
)
from .receipt_check import (
    ReceiptCheck,
    VoidedReceipt,
    receipt_check_document,
    receipt_check_figures,
    receipt_check_tables,
    receipt_check_words,
)

__all__ = [
    "MoneyLine",
    "MoneyGroup",
    "Collections",
    "collections_tables",
    "collections_figures",
    "collections_document",
    "AGE_BUCKETS",
    "LateAccount",
    "AgeBucket",
    "Aging",
    "aging_tables",
    "aging_figures",
    "aging_document",
    "DueLine",
    "DueThisWeek",
    "due_tables",
    "due_figures",
    "due_document",
    "StatementLine",
    "Statement",
    "statement_tables",
    "statement_figures",
    "statement_heading",
    "statement_document",
    "days_text",
    "WeekCollected",
    "Portfolio",
    "portfolio_chart",
    "portfolio_tables",
    "portfolio_figures",
    "portfolio_document",
    "VoidedReceipt",
    "ReceiptCheck",
    "receipt_check_tables",
    "receipt_check_figures",
    "receipt_check_words",
    "receipt_check_document",
]
