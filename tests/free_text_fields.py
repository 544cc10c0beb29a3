"""Every field a person types free text into, for the tests that walk them all
(tests/store/test_no_sensitive_data.py: card and Social Security numbers refused;
tests/services/test_free_text_sanitiser.py: hiding characters taken out, lengths bounded).

``FIELDS`` maps a field's name to a set-up: given the ``World`` (a dealership with an
agreement), it makes what the field needs (a note to edit, a complaint to move, a
returned vehicle to inspect ...) and returns a writer, ``write(text)``, that types
``text`` into that one field through its service, as the window does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Callable

from helpers import make_vin

#: When every field is typed: a week after installment 1 (Jan 13) fell due, so its late fee is open.
AT = dt.datetime(2025, 1, 20, 10, 0)

Writer = Callable[[str], object]


@dataclass(frozen=True)
class World:
    owner: object
    manager: object
    clerk: object
    agreement: int
    customer: int


@dataclass(frozen=True)
class Field:
    """``sanitised``: goes through the one sanitiser (names and e-mail addresses refuse a
    hiding character instead; a check number takes only letters, digits and dashes).
    ``wrap``: how a typed number is put in the field so that only the number can be
    what is wrong with it (a name needs letters). ``own_words``: the field's own refusal
    of some spellings (an e-mail address has no spaces), which keeps them out as well."""

    set_up: Callable[[World], Writer]
    sanitised: bool = True
    wrap: str = "{}"
    own_words: str = ""


FIELDS: dict[str, Field] = {}


def field(name: str, *, sanitised: bool = True, wrap: str = "{}", own_words: str = ""):
    def register(set_up: Callable[[World], Writer]) -> Callable[[World], Writer]:
        FIELDS[name] = Field(set_up, sanitised, wrap, own_words)
        return set_up

    return register


def _new_customer(w: World, **typed: str) -> int:
    from lto_desk.services import customers

    return customers.add_customer(w.clerk, customers.NewCustomer(**{"first_name": "Ann", "last_name": "Lee", **typed}), at=AT)


def _new_vehicle(w: World, serial: int, **typed) -> int:
    from lto_desk.services import vehicles

    new = vehicles.NewVehicle(make_vin(serial), 2015, "Toyota", "Corolla", f"S{serial}", price=800_000)
    return vehicles.add_vehicle(w.owner, replace(new, **typed), at=AT)


def _returned(w: World) -> None:
    from lto_desk.services import agreements, payments

    payments.take_payment(w.clerk, w.agreement, 20_000, at=AT)
    agreements.return_vehicle(w.manager, w.agreement, "cannot_afford", at=AT)


# -- the customer -----------------------------------------------------------------------------

for _name in ("first_name", "last_name", "preferred_name"):
    field(f"customer.{_name}", sanitised=False, wrap="Ann {}")(
        lambda w, _name=_name: lambda text: _new_customer(w, **{_name: text})
    )
field("customer.email", sanitised=False, wrap="{}@example.com", own_words="is not an email address")(lambda w: lambda text: _new_customer(w, email=text))
for _name in ("address1", "address2", "city", "state", "postal_code", "employer"):
    field(f"customer.{_name}")(lambda w, _name=_name: lambda text: _new_customer(w, **{_name: text}))

for _name in ("address1", "address2", "city", "state", "postal_code", "employer", "best_time"):
    @field(f"profile.{_name}")
    def _profile(w: World, _name=_name) -> Writer:
        from lto_desk.services import relationship

        return lambda text: relationship.update_profile(
            w.clerk, w.customer, relationship.ProfileChanges(**{_name: text}), at=AT
        )


@field("note.text")
def _note(w: World) -> Writer:
    from lto_desk.services import customers

    return lambda text: customers.add_note(w.clerk, w.customer, text, at=AT)


@field("note.edited")
def _edited_note(w: World) -> Writer:
    from lto_desk.services import customers, relationship

    note = customers.add_note(w.clerk, w.customer, "Likes the Braves", at=AT)
    return lambda text: relationship.edit_note(w.clerk, note, text, (), False, at=AT)


@field("note.cue_answer")
def _cue_answer(w: World) -> Writer:
    from lto_desk.services import customers, relationship

    cue = customers.add_note(w.clerk, w.customer, "Ask how the new job is going", cue=True, at=AT)
    return lambda text: relationship.mark_cue_asked(w.clerk, cue, text, at=AT)


# -- the household ------------------------------------------------------------------------------

@field("household_member.name", sanitised=False, wrap="Luis {}")
def _member_name(w: World) -> Writer:
    from lto_desk.services import customers

    return lambda text: customers.add_household_member(w.clerk, w.customer, text, "son", at=AT)


@field("household_member.relation")
def _member_relation(w: World) -> Writer:
    from lto_desk.services import customers

    return lambda text: customers.add_household_member(w.clerk, w.customer, "Luis García", text, at=AT)


@field("household_member.notes")
def _member_notes(w: World) -> Writer:
    from lto_desk.services import customers

    return lambda text: customers.add_household_member(w.clerk, w.customer, "Luis García", "son", notes=text, at=AT)


for _name in ("make", "model", "driver", "replace_note", "notes"):
    @field(f"household_car.{_name}")
    def _household_car(w: World, _name=_name) -> Writer:
        from lto_desk.services import relationship

        def write(text: str) -> object:
            typed = {"make": "Nissan", _name: text}
            return relationship.add_household_car(w.clerk, w.customer, typed.pop("make"), **typed, at=AT)

        return write


# -- the agreement and its money --------------------------------------------------------------

@field("promise.note")
def _promise(w: World) -> Writer:
    from lto_desk.services import agreements

    return lambda text: agreements.record_promise(w.clerk, w.agreement, AT.date() + dt.timedelta(days=4), 7693, text, at=AT)


@field("payment.memo")
def _memo(w: World) -> Writer:
    from lto_desk.services import payments

    return lambda text: payments.take_payment(w.clerk, w.agreement, 7693, memo=text, at=AT)


@field("payment.check_number", sanitised=False)
def _check_number(w: World) -> Writer:
    from lto_desk.services import payments

    return lambda text: payments.take_payment(w.clerk, w.agreement, 7693, "check", reference=text, at=AT)


@field("void.reason")
def _void(w: World) -> Writer:
    from lto_desk.services import payments

    receipt = payments.take_payment(w.clerk, w.agreement, 7693, at=AT).receipt_number
    return lambda text: payments.void_payment(w.manager, receipt, text, at=AT)


@field("waiver.reason")
def _waiver(w: World) -> Writer:
    from lto_desk.services import agreements

    return lambda text: agreements.waive_fee(w.manager, w.agreement, 1, text, at=AT)


for _name in ("reason_text", "notes"):
    @field(f"return.{_name}")
    def _return(w: World, _name=_name) -> Writer:
        from lto_desk.services import agreements

        return lambda text: agreements.return_vehicle(w.manager, w.agreement, "other", **{
            "reason_text": "Moving to Texas", _name: text}, at=AT)


for _name in ("exterior", "mechanical"):
    @field(f"return.condition.{_name}")
    def _condition(w: World, _name=_name) -> Writer:
        from lto_desk.domain.returns import CONDITION_PARTS
        from lto_desk.services import agreements

        def write(text: str) -> object:
            condition: dict = {part: {"rating": "good"} for part in CONDITION_PARTS}
            if _name == "mechanical":
                condition["mechanical"] = text
            else:
                condition[_name] = {"rating": "fair", "note": text}
            return agreements.return_vehicle(w.manager, w.agreement, "mechanical", condition=condition, at=AT)

        return write


@field("refund.reason")
def _refund(w: World) -> Writer:
    from lto_desk.services import agreements

    _returned(w)
    return lambda text: agreements.goodwill_refund(w.manager, w.agreement, 5_000, text, at=AT)


# -- the vehicles ---------------------------------------------------------------------------------

for _name in ("stock_number", "make", "model", "trim", "color"):
    field(f"vehicle.{_name}")(lambda w, _name=_name: lambda text: _new_vehicle(w, 7001, **{_name: text}))


@field("vehicle.edited_trim")
def _edited_vehicle(w: World) -> Writer:
    from lto_desk.services import vehicles

    vehicle = _new_vehicle(w, 7002)
    new = vehicles.NewVehicle(make_vin(7002), 2015, "Toyota", "Corolla", "S7002", price=800_000)
    return lambda text: vehicles.edit_vehicle(w.owner, vehicle, replace(new, trim=text), at=AT)


@field("vehicle.inspection_note")
def _inspection(w: World) -> Writer:
    from lto_desk.services import vehicles
    from lto_desk.store.models import Agreement

    _returned(w)
    vehicle = Agreement.get_by_id(w.agreement).vehicle_id
    return lambda text: vehicles.mark_inspected(w.manager, vehicle, text, at=AT)


@field("vehicle.removal_reason")
def _removal(w: World) -> Writer:
    from lto_desk.services import vehicles

    vehicle = _new_vehicle(w, 7003)
    return lambda text: vehicles.remove_vehicle(w.manager, vehicle, "other", reason_text=text, at=AT)


# -- complaints, contacts, follow-ups, appointments, departures -------------------------------

def _complaint(w: World) -> int:
    from lto_desk.services import complaints

    return complaints.open_complaint(w.clerk, w.customer, "The AC blows warm air", "minor", at=AT)


@field("complaint.what")
def _complaint_what(w: World) -> Writer:
    from lto_desk.services import complaints

    return lambda text: complaints.open_complaint(w.clerk, w.customer, text, "minor", at=AT)


@field("complaint.note")
def _complaint_note(w: World) -> Writer:
    from lto_desk.services import complaints

    complaint = _complaint(w)
    return lambda text: complaints.move_complaint(w.clerk, complaint, "in_repair", text, at=AT)


@field("complaint.resolution")
def _complaint_resolution(w: World) -> Writer:
    from lto_desk.services import complaints

    complaint = _complaint(w)
    return lambda text: complaints.move_complaint(w.manager, complaint, "resolved", text, at=AT)


for _name in ("log_contact", "stop_contacting", "resume_contacting"):
    @field(f"contact.{_name}")
    def _contact(w: World, _name=_name) -> Writer:
        from lto_desk.services import contacts

        if _name == "log_contact":
            return lambda text: contacts.log_contact(w.clerk, w.customer, "call", "reached", text, at=AT)
        if _name == "resume_contacting":
            contacts.stop_contacting(w.clerk, w.customer, at=AT)
        return lambda text: getattr(contacts, _name)(w.clerk, w.customer, text, at=AT)


def _follow_up(w: World) -> int:
    from lto_desk.store.models import FollowUp

    _complaint(w)
    return FollowUp.select().where(FollowUp.customer == w.customer).order_by(FollowUp.id.desc()).first().id


@field("follow_up.work_note")
def _work_follow_up(w: World) -> Writer:
    from lto_desk.services import followups

    task = _follow_up(w)
    return lambda text: followups.work_follow_up(w.manager, task, "reached", text, at=AT)


for _name in ("outcome", "note"):
    @field(f"follow_up.complete_{_name}")
    def _complete_follow_up(w: World, _name=_name) -> Writer:
        from lto_desk.services import followups

        task = _follow_up(w)
        return lambda text: followups.complete_follow_up(
            w.manager, task, **{"outcome": "Called, all good", "note": "", _name: text}, at=AT
        )


def _appointment(w: World) -> int:
    from lto_desk.services import appointments

    return appointments.book_appointment(w.clerk, w.customer, "service", AT + dt.timedelta(days=2), at=AT)


@field("appointment.note")
def _appointment_note(w: World) -> Writer:
    from lto_desk.services import appointments

    return lambda text: appointments.book_appointment(
        w.clerk, w.customer, "other", AT + dt.timedelta(days=2), text, at=AT
    )


@field("appointment.kept_note")
def _kept_note(w: World) -> Writer:
    from lto_desk.services import appointments

    appointment = _appointment(w)
    return lambda text: appointments.mark_appointment(w.clerk, appointment, True, text, at=AT + dt.timedelta(days=2))


@field("appointment.cancel_note")
def _cancel_note(w: World) -> Writer:
    from lto_desk.services import appointments

    appointment = _appointment(w)
    return lambda text: appointments.cancel_appointment(w.clerk, appointment, text, at=AT)


for _name in ("factor_text", "where_bought", "referral_names", "note"):
    @field(f"departure.{_name}")
    def _departure(w: World, _name=_name) -> Writer:
        from lto_desk.services import departures

        return lambda text: departures.record_departure(w.clerk, w.customer, departures.DepartureInput(
            taken_delivery=True, deciding_factor="other", referrals_asked=True,
            **{"factor_text": "A lower payment", _name: text},
        ), at=AT)


# -- the drawer, the staff and the settings -----------------------------------------------------

for _name in ("paid_in", "paid_out", "no_sale"):
    @field(f"drawer.{_name}_reason")
    def _movement(w: World, _name=_name) -> Writer:
        from lto_desk.services import drawer

        if _name == "no_sale":
            return lambda text: drawer.no_sale(w.clerk, text, at=AT)
        return lambda text: getattr(drawer, _name)(w.clerk, 500, text, at=AT)


@field("drawer.close_note")
def _close_note(w: World) -> Writer:
    from lto_desk.services import drawer

    session = drawer.current_session(w.clerk, "Counter 1").session_id
    return lambda text: drawer.close_drawer(w.clerk, session, counted_cents=0, note=text, at=AT)


@field("clerk.name", wrap="Ann {}")
def _clerk_name(w: World) -> Writer:
    from lto_desk.services import clerks

    return lambda text: clerks.create_clerk(w.owner, text, "clerk", "4444", at=AT)


for _name in ("dealer_name", "address", "thank_you_en", "letter_signer", "phone", "counter_name"):
    @field(f"settings.{_name}")
    def _setting(w: World, _name=_name) -> Writer:
        from lto_desk.services import settings

        return lambda text: settings.update_settings(w.owner, **{_name: text})
