"""Small widget builders shared by the panels."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QLayout,
    QRadioButton,
    QScrollArea,
    QTableView,
    QWidget,
)

#: What a window's frame takes above its contents (the title bar).
TITLE_BAR = 32

#: What a PDF page preview asks of the screen: a Letter page read at its width (about
#: 105 dots to the inch), as tall as the screen allows.
PAGE_PREVIEW = QSize(900, 1400)

#: The words on a button box's standard buttons, each with its Alt+letter. Cancel and
#: Close keep theirs: Esc is their key.
_KEYED_TEXT = {
    QDialogButtonBox.Save: "&Save",
    QDialogButtonBox.Ok: "&OK",
    QDialogButtonBox.Yes: "&Yes",
    QDialogButtonBox.No: "&No",
}


def row_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table that selects whole rows, one at a time, no row numbers."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the next field; arrows move in it
    return table


def keyed_buttons(box: QDialogButtonBox) -> QDialogButtonBox:
    """Give a button box's Save, OK, Yes and No their Alt+letter (Qt's own words have none)."""
    for which, text in _KEYED_TEXT.items():
        button = box.button(which)
        if button is not None:
            button.setText(text)
    return box


def fields_in_order(layout: QLayout, top: QWidget) -> list[QWidget]:
    """The widgets Tab can reach under ``layout``, in the order they are laid out (a form's
    rows top to bottom, a row left to right), looking into boxes and scroll areas. Hidden
    and disabled ones too: they take their place for when they are shown (Qt's Tab skips
    them meanwhile)."""
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget()
        # A nested layout is itself the item (a QObject the binding keeps track of).
        sub = item if isinstance(item, QLayout) else item.layout()
        if not isinstance(item, QObject):
            # Qt deletes a widget's or a spacer's item itself without telling the binding,
            # whose wrapper would outlive it and be handed out, stale and of the wrong
            # type, for the next object made at that address (a selection model once).
            shiboken6.invalidate(item)
        if isinstance(sub, QLayout):
            found += fields_in_order(sub, top)
        elif widget is None:
            continue
        elif isinstance(widget, QScrollArea) and widget.widget() is not None and widget.widget().layout() is not None:
            found += fields_in_order(widget.widget().layout(), top)
        elif widget.focusPolicy() & Qt.TabFocus:
            found.append(widget)
        elif widget.layout() is not None:
            found += fields_in_order(widget.layout(), top)
    return found


def is_field(widget: QWidget | None) -> bool:
    """Something to type in or choose from (a check box counts); not a push button."""
    return widget is not None and (not isinstance(widget, QAbstractButton) or isinstance(widget, (QCheckBox, QRadioButton)))


def start_in_first_field(top: QWidget) -> None:
    """Tab in the order the fields are laid out (Qt's own order is the order they were made
    in: a form's buttons, made first, came first); the focus in the first field unless the
    dialog has already put it in one. A dialog that opened on Save let a person type into
    nothing, then Tab round onto the wrong field."""
    if top.layout() is None:
        return
    chain = fields_in_order(top.layout(), top)
    for a, b in zip(chain, chain[1:]):
        QWidget.setTabOrder(a, b)
    first = next((w for w in chain if is_field(w) and w.isVisibleTo(top) and w.isEnabled()), None)
    if not is_field(top.focusWidget()) and first is not None:
        first.setFocus(Qt.TabFocusReason)


def restyle(widget: QWidget, name: str, value: str) -> None:
    """Set a property the stylesheet selects on (``[level="error"]``) and draw the widget again by it."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def screen_room(widget: QWidget) -> QSize:
    """The room the widget's screen gives a window: the screen less its task bar."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size()


def fit_to_screen(window: QWidget, wanted: QSize) -> None:
    """Open at ``wanted``, or smaller on a smaller screen (a 1366×768 counter), title bar
    included; what is inside scrolls or shrinks, the buttons stay in sight."""
    room = screen_room(window)
    window.resize(wanted.boundedTo(QSize(room.width(), room.height() - TITLE_BAR)))
