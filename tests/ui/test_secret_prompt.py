"""The password prompt: hidden typing, says why it asks and whether the answer is remembered."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from lto_desk.store import secrets
from lto_desk.store.secrets import SecretRequest
from lto_desk.ui.secret_prompt import SecretPrompt

REQUEST = SecretRequest(
    "mail:counter@sunrise-autos.com", "the mail password for counter@sunrise-autos.com", False,
    secrets.no_keyring_message("the mail password for counter@sunrise-autos.com"),
)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secrets.forget_all()
    yield
    secrets.forget_all()
    keyring.set_keyring(before)


def test_the_prompt_hides_the_typing_and_says_why_and_where_it_is_kept(qtbot):
    dialog = SecretPrompt(REQUEST)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.edit.echoMode() == QLineEdit.Password
    assert dialog.findChild(type(dialog.note), "secretWhy").text() == (
        "LTO Desk needs the mail password for counter@sunrise-autos.com to go on."
    )
    assert "never written to disk" in dialog.note.text()
    assert not dialog.ok.isEnabled()  # nothing typed yet
    qtbot.keyClicks(dialog.edit, "s3cret")
    assert dialog.ok.isEnabled() and dialog.value() == "s3cret"
    dialog.grab().save("/tmp/security-secret-prompt.png")


def _answer_when_shown(typed: str | None) -> None:
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SecretPrompt)
        if typed is None:
            dialog.reject()
            return
        dialog.edit.setText(typed)
        dialog.ok.click()
    QTimer.singleShot(0, answer)


def test_the_window_asks_once_through_the_prompt_when_there_is_no_keyring(qtbot, no_keyring):
    _answer_when_shown("s3cret")
    prompt = SecretPrompt.asker(None)
    shown = []

    def ask(request):
        shown.append(request)
        return prompt(request) if len(shown) == 1 else None  # a second prompt is never shown for real

    assert secrets.mail_password("counter@sunrise-autos.com", ask) == "s3cret"
    assert secrets.mail_password("counter@sunrise-autos.com", ask) == "s3cret"
    assert len(shown) == 1 and not shown[0].remembered


def test_cancel_gives_nothing(qtbot, no_keyring):
    _answer_when_shown(None)
    assert SecretPrompt.ask(None, REQUEST) is None
