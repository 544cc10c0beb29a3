"""The customer's profile: how to greet them, how to reach them, and consent."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.dates import parse_date
from ..services.customers import LANGUAGES
from ..services.files import now as clock
from ..services.relationship import Profile, ProfileChanges
from .dialogs import FormDialog

PHONE_LABELS = ("mobile", "home", "work", "other")


@dataclass(frozen=True)
class ProfileInput:
    """What the dialog collected.

    Attributes: changes for update_profile; consent: the mailing-list choice;
    new_phone / new_phone_label: an extra phone to add ("" for none);
    remove_phones: ids of extra phones to take off.
    """

    changes: ProfileChanges
    consent: bool
    new_phone: str
    new_phone_label: str
    remove_phones: tuple[int, ...] = ()


class ProfileDialog(FormDialog):
    """``referrers``: everyone on file as (id, "Last, First"), to say who referred them."""

    def __init__(
        self, profile: Profile, referrers: list[tuple[int, str]], parent: QWidget | None = None,
    ) -> None:
        super().__init__("profileDialog", f"Profile — {profile.name}", parent)
        self.profile = profile
        self.preferred = QLineEdit(profile.preferred_name)
        self.preferred.setObjectName("preferredNameEdit")
        self.preferred.setPlaceholderText("what they like to be called")
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(profile.language)))
        self.phone = QLineEdit(profile.phone)
        self.extra_phones = QVBoxLayout()
        self.remove_boxes: dict[int, QCheckBox] = {}
        for phone in profile.phones:
            box = QCheckBox(f"{phone.label}: {phone.display}  — remove")
            box.setObjectName(f"removePhone{phone.phone_id}")
            self.remove_boxes[phone.phone_id] = box
            self.extra_phones.addWidget(box)
        if not profile.phones:
            self.extra_phones.addWidget(QLabel("none"))
        self.new_phone = QLineEdit()
        self.new_phone.setPlaceholderText("add another number")
        self.new_phone_label = QComboBox()
        self.new_phone_label.addItems(PHONE_LABELS)
        new_phone_row = QHBoxLayout()
        new_phone_row.addWidget(self.new_phone_label)
        new_phone_row.addWidget(self.new_phone, 1)
        self.email = QLineEdit(profile.email)
        self.address1 = QLineEdit(profile.address1)
        self.address2 = QLineEdit(profile.address2)
        self.city = QLineEdit(profile.city)
        self.state = QLineEdit(profile.state)
        self.state.setMaxLength(2)
        self.postal = QLineEdit(profile.postal_code)
        city_row = QHBoxLayout()
        city_row.addWidget(self.city, 3)
        city_row.addWidget(self.state, 1)
        city_row.addWidget(self.postal, 2)
        self.birthday = QLineEdit(f"{profile.birthday:%m/%d/%Y}" if profile.birthday else "")
        self.birthday.setObjectName("birthdayEdit")
        self.birthday.setPlaceholderText("MM/DD/YYYY")
        self.employer = QLineEdit(profile.employer)
        self.call = QCheckBox("Call")
        self.text = QCheckBox("Text")
        self.mail = QCheckBox("Mail")
        self.by_email = QCheckBox("Email")
        for box, on in ((self.call, profile.contact_call), (self.text, profile.contact_text),
                        (self.mail, profile.contact_mail), (self.by_email, profile.contact_email)):
            box.setChecked(on)
        reach = QHBoxLayout()
        for box in (self.call, self.text, self.mail, self.by_email):
            reach.addWidget(box)
        self.best_time = QLineEdit(profile.best_time)
        self.best_time.setPlaceholderText("e.g. after 5 pm")
        self.consent = QCheckBox("On the mailing list (they said yes)")
        self.consent.setObjectName("mailingConsentCheck")
        self.consent.setChecked(profile.mailing_consent)
        consent_note = []
        if profile.consent_on:
            consent_note.append(f"joined {profile.consent_on:%b %d, %Y}")
        if profile.opted_out_on:
            consent_note.append(f"asked to stop on {profile.opted_out_on:%b %d, %Y}")
        self.referrer = QComboBox()
        self.referrer.setObjectName("referredByCombo")
        self.referrer.addItem("(nobody)", None)
        for cid, name in referrers:
            if cid != profile.customer_id:
                self.referrer.addItem(name, cid)
        self.referrer.setCurrentIndex(max(0, self.referrer.findData(profile.referred_by_id)))
        referrals = ", ".join(r.name for r in profile.referrals) or "nobody yet"
        form = self.form
        form.addRow("Preferred name", self.preferred)
        form.addRow("Letters and receipts in", self.language)
        form.addRow("Main phone", self.phone)
        form.addRow("Other phones", self.extra_phones)
        form.addRow("", new_phone_row)
        form.addRow("Email", self.email)
        form.addRow("Address", self.address1)
        form.addRow("", self.address2)
        form.addRow("City, state, ZIP", city_row)
        form.addRow("Birthday", self.birthday)
        form.addRow("Employer", self.employer)
        form.addRow("Reach them by", reach)
        form.addRow("Best time", self.best_time)
        form.addRow("Mailing list", self.consent)
        if consent_note:
            form.addRow("", QLabel("; ".join(consent_note)))
        form.addRow("Referred by", self.referrer)
        form.addRow("Has referred", QLabel(referrals))

    def read(self) -> ProfileInput:
        """What was typed; InvalidInput for a date that cannot be read."""
        birthday = parse_date(self.birthday.text(), what="birthday", today=clock().date())
        changes = ProfileChanges(
            preferred_name=self.preferred.text(), language=self.language.currentData(), phone=self.phone.text(),
            email=self.email.text(), address1=self.address1.text(), address2=self.address2.text(),
            city=self.city.text(), state=self.state.text(), postal_code=self.postal.text(), birthday=birthday,
            employer=self.employer.text(), contact_call=self.call.isChecked(), contact_text=self.text.isChecked(),
            contact_mail=self.mail.isChecked(), contact_email=self.by_email.isChecked(),
            best_time=self.best_time.text(), referred_by=self.referrer.currentData(),
        )
        removed = tuple(pid for pid, box in self.remove_boxes.items() if box.isChecked())
        return ProfileInput(changes, self.consent.isChecked(), self.new_phone.text().strip(),
                            self.new_phone_label.currentText(), removed)

    @classmethod
    def ask(cls, parent: QWidget | None, profile: Profile, referrers: list[tuple[int, str]]) -> ProfileInput | None:
        return cls(profile, referrers, parent).run()
