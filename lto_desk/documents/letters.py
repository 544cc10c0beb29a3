"""Letters to the customer: thank-you (new agreement), congratulations (payoff), return.

Each ``render_*(letter) -> bytes`` makes a one-page US Letter PDF in the
customer's language (``"en"`` / ``"es"``), on the dealer's letterhead, dated,
addressed to the customer's preferred name and signed by a person and the
dealership. Money is in integer cents (:func:`i18n.money`); dates print in the
language's long form (:func:`i18n.date_long`).

Tone: warm and plain, never a threat. The return letter says, in one plain
sentence, that no further payments are owed and there are no penalties.

Layer: ReportLab (platypus) only; plain frozen dataclasses in, bytes out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

from . import i18n
from .fonts import FontPair, register_fonts
from .i18n import text
from .letter_page import MUTED, boxed, para_text, style_maker
from .letterhead import CONTENT_W, letterhead, one_page_pdf
from .receipt import DealerHeader

__all__ = [
    "TitleDelivery",
    "ThankYouLetter",
    "PaidOffLetter",
    "ReturnLetter",
    "render_thank_you_letter",
    "render_paid_off_letter",
    "render_return_letter",
]

TitleDelivery = Literal["mail", "pickup"]
TITLE_DELIVERIES: tuple[str, ...] = ("mail", "pickup")


# -- data ------------------------------------------------------------------------


@dataclass(frozen=True)
class ThankYouLetter:
    """The same-day thank-you letter for a new agreement (amounts in integer cents).

    Attributes:
        dealer: dealer name, address and phone (letterhead; the phone is also
            the number the letter asks them to call).
        language: ``"en"`` or ``"es"``, the customer's language.
        letter_date: the date printed on the letter (the agreement's date).
        preferred_name: what the customer likes to be called (the greeting).
        vehicle: year make model, e.g. ``"2016 Toyota Camry"``.
        first_payment_on: the first due date.
        first_payment_amount: the first payment's amount.
        signer_name: the person who signs, e.g. the manager's full name.
        signer_title: their role as it should print (e.g. ``"Manager"`` /
            ``"Gerente"``); empty prints nothing.
        recipient_name: full name for the address block (empty: no address block).
        recipient_address: postal address for the address block; may span lines.
    """

    dealer: DealerHeader
    language: str
    letter_date: dt.date
    preferred_name: str
    vehicle: str
    first_payment_on: dt.date
    first_payment_amount: int
    signer_name: str
    signer_title: str = ""
    recipient_name: str = ""
    recipient_address: str = ""


@dataclass(frozen=True)
class PaidOffLetter:
    """The congratulations / title-release letter at payoff.

    Attributes:
        dealer, language, letter_date, preferred_name, vehicle, signer_name,
        signer_title, recipient_name, recipient_address: as in :class:`ThankYouLetter`.
        paid_off_on: the date of the last payment.
        title_delivery: ``"mail"`` (we mail it) or ``"pickup"`` (ready at the office).
        title_ready_on: by when it is mailed / from when it can be picked up;
            None prints "in the next few days" / "any time".
        title_note: anything else about the title, printed as given in the
            customer's language (e.g. ``"Please bring a photo ID."``); empty prints nothing.
    """

    dealer: DealerHeader
    language: str
    letter_date: dt.date
    preferred_name: str
    vehicle: str
    paid_off_on: dt.date
    signer_name: str
    signer_title: str = ""
    title_delivery: TitleDelivery = "mail"
    title_ready_on: dt.date | None = None
    title_note: str = ""
    recipient_name: str = ""
    recipient_address: str = ""

    def __post_init__(self) -> None:
        if self.title_delivery not in TITLE_DELIVERIES:
            raise ValueError(
                f"Unknown title delivery {self.title_delivery!r}; expected one of {', '.join(TITLE_DELIVERIES)}."
            )


@dataclass(frozen=True)
class ReturnLetter:
    """The letter given when the customer returns the vehicle: closed, nothing owed, welcome back.

    Attributes:
        dealer, language, letter_date, preferred_name, vehicle, signer_name,
        signer_title, recipient_name, recipient_address: as in :class:`ThankYouLetter`.
        returned_on: the date the vehicle came back.
        good_condition: thank them for bringing it back in good shape (set False
            when that would not be true; the letter then simply thanks them).
    """

    dealer: DealerHeader
    language: str
    letter_date: dt.date
    preferred_name: str
    vehicle: str
    returned_on: dt.date
    signer_name: str
    signer_title: str = ""
    good_condition: bool = True
    recipient_name: str = ""
    recipient_address: str = ""


# -- look ------------------------------------------------------------------------

BODY = 11.0
FILL = colors.Color(0.95, 0.95, 0.95)


@dataclass(frozen=True)
class _Styles:
    body: ParagraphStyle
    date: ParagraphStyle
    address: ParagraphStyle
    heading: ParagraphStyle
    strong: ParagraphStyle
    sign: ParagraphStyle
    sign_muted: ParagraphStyle


def _styles(f: FontPair) -> _Styles:
    st = style_maker(f, size=BODY, spacing=1.45, spaceAfter=9)
    return _Styles(
        body=st("lt_body"),
        date=st("lt_date", spaceAfter=0),
        address=st("lt_address", spaceAfter=0),
        heading=st("lt_heading", fontName=f.bold, fontSize=16, leading=20, spaceAfter=12),
        strong=st("lt_strong", fontName=f.bold, fontSize=BODY + 1, leading=(BODY + 1) * 1.4, spaceAfter=0),
        sign=st("lt_sign", spaceAfter=0),
        sign_muted=st("lt_sign_muted", textColor=MUTED, spaceAfter=0),
    )


def _p(s: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(para_text(s), style)


def _opening(dealer: DealerHeader, letter_date: dt.date, name: str, address: str, preferred: str,
             heading: str, s: _Styles, fonts: FontPair, lang: str) -> list[Flowable]:  # fmt: skip
    out = [*letterhead(dealer, fonts), Spacer(0, 22), _p(i18n.date_long(letter_date, lang), s.date), Spacer(0, 18)]
    if name.strip():
        lines = [name.strip(), *(ln.strip() for ln in address.strip().splitlines() if ln.strip())]
        out += [_p("\n".join(lines), s.address), Spacer(0, 18)]
    out += [_p(heading, s.heading), _p(text("lt_dear", lang, name=preferred.strip()), s.body)]
    return out


def _closing(signer_name: str, signer_title: str, dealer: DealerHeader, s: _Styles, lang: str) -> list[Flowable]:
    parts: list[Flowable] = [Spacer(0, 6), _p(text("lt_closing", lang), s.body), Spacer(0, 30)]
    parts.append(_p(signer_name, s.sign))
    if signer_title.strip():
        parts.append(_p(signer_title, s.sign_muted))
    parts.append(_p(dealer.name, s.sign_muted))
    return parts


def _callout(words: str, s: _Styles) -> Flowable:
    """A sentence that must not be missed, in a light box."""
    return boxed(_p(words, s.strong), CONTENT_W, fill=FILL, padding=(12, 12, 8, 10))


def _pdf(story: list[Flowable], title_key: str, name: str, dealer: DealerHeader, lang: str) -> bytes:
    title = text(title_key, lang, name=name.strip())
    return one_page_pdf(story, title=title, author=dealer.name, subject=title)


# -- letters ---------------------------------------------------------------------


def render_thank_you_letter(letter: ThankYouLetter) -> bytes:
    """The same-day thank-you letter as one-page US Letter PDF bytes."""
    lang = i18n.language_of(letter.language)
    fonts = register_fonts()
    s = _styles(fonts)
    d = letter.dealer
    story = [
        *_opening(d, letter.letter_date, letter.recipient_name, letter.recipient_address, letter.preferred_name,
                  text("lt_ty_heading", lang), s, fonts, lang),  # fmt: skip
        _p(text("lt_ty_body", lang, dealer=d.name.strip(), vehicle=letter.vehicle.strip()), s.body),
        _p(
            text(
                "lt_ty_first_payment",
                lang,
                amount=i18n.money(letter.first_payment_amount, lang),
                date=i18n.date_long(letter.first_payment_on, lang),
            ),
            s.body,
        ),
        _p(text("lt_ty_open_door", lang, phone=d.phone.strip()), s.body),
        _p(text("lt_ty_thanks", lang), s.body),
        *_closing(letter.signer_name, letter.signer_title, d, s, lang),
    ]
    return _pdf(story, "lt_ty_doc_title", letter.preferred_name, d, lang)


def _title_sentence(letter: PaidOffLetter, lang: str) -> str:
    key = f"lt_po_title_{letter.title_delivery}"
    if letter.title_ready_on is not None:
        return text(key + "_on", lang, date=i18n.date_long(letter.title_ready_on, lang))
    return text(key, lang)


def render_paid_off_letter(letter: PaidOffLetter) -> bytes:
    """The congratulations / title-release letter as one-page US Letter PDF bytes."""
    lang = i18n.language_of(letter.language)
    fonts = register_fonts()
    s = _styles(fonts)
    d = letter.dealer
    title = _title_sentence(letter, lang)
    if letter.title_note.strip():
        title += " " + " ".join(letter.title_note.split())
    story = [
        *_opening(d, letter.letter_date, letter.recipient_name, letter.recipient_address, letter.preferred_name,
                  text("lt_po_heading", lang), s, fonts, lang),  # fmt: skip
        _p(
            text("lt_po_body", lang, vehicle=letter.vehicle.strip(), date=i18n.date_long(letter.paid_off_on, lang)),
            s.body,
        ),
        _p(title, s.body),
        _p(text("lt_po_thanks", lang), s.body),
        _p(text("lt_po_referral", lang) + " " + text("lt_po_call", lang, phone=d.phone.strip()), s.body),
        *_closing(letter.signer_name, letter.signer_title, d, s, lang),
    ]
    return _pdf(story, "lt_po_doc_title", letter.preferred_name, d, lang)


def render_return_letter(letter: ReturnLetter) -> bytes:
    """The return letter (agreement closed, nothing owed, welcome back) as one-page US Letter PDF bytes."""
    lang = i18n.language_of(letter.language)
    fonts = register_fonts()
    s = _styles(fonts)
    d = letter.dealer
    vehicle = letter.vehicle.strip()
    thanks = "lt_rt_thanks" if letter.good_condition else "lt_rt_thanks_plain"
    story = [
        *_opening(d, letter.letter_date, letter.recipient_name, letter.recipient_address, letter.preferred_name,
                  text("lt_rt_heading", lang), s, fonts, lang),  # fmt: skip
        _p(text(thanks, lang, vehicle=vehicle, date=i18n.date_long(letter.returned_on, lang)), s.body),
        _p(text("lt_rt_closed", lang, vehicle=vehicle), s.body),
        _callout(text("lt_rt_nothing_owed", lang), s),
        Spacer(0, 12),
        _p(text("lt_rt_welcome", lang, phone=d.phone.strip()), s.body),
        *_closing(letter.signer_name, letter.signer_title, d, s, lang),
    ]
    return _pdf(story, "lt_rt_doc_title", letter.preferred_name, d, lang)
