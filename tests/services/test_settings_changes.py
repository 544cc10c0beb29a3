"""Two counters change the dealer's settings: each save writes only what its person
changed, and a setting both changed is never overwritten silently."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from dataclasses import replace

import pytest

from lto_desk.services.settings import (
    SettingsChanged,
    load_settings,
    on_top_of,
    save_settings,
)

OTHER_COUNTER = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from lto_desk.store.paths import Location
    from lto_desk.store.database import open_database
    from lto_desk.services import clerks, settings

    path, files, changes = sys.argv[1:4]
    open_database(Location(path, Path(files)))
    settings.update_settings(clerks.log_in("Olivia Owner", "1111"), **json.loads(changes))
    """
)


def other_counter_saves(location, **changes) -> None:
    """The owner, at another counter (its own process and connection), changes settings."""
    done = subprocess.run(
        [sys.executable, "-c", OTHER_COUNTER, location.url, str(location.files_dir), json.dumps(changes)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_save_writes_only_what_its_person_changed(location, owner, manager):
    shown = load_settings()  # the Settings dialog opens on these
    other_counter_saves(location, phone="(205) 555-0100", late_fee_flat=1500)
    mine = replace(shown, dealer_name="Sunrise Auto Sales", idle_lock_minutes=15)
    saved = save_settings(manager, mine, base=shown)
    stored = load_settings()
    assert stored == saved
    assert (stored.dealer_name, stored.idle_lock_minutes) == ("Sunrise Auto Sales", 15)
    assert (stored.phone, stored.late_fee_flat) == ("(205) 555-0100", 1500)  # the other counter's change stays


def test_a_setting_both_changed_is_not_overwritten_silently(location, owner, manager):
    shown = load_settings()
    other_counter_saves(location, dealer_name="Sunrise Autos", phone="(205) 555-0100")
    mine = replace(shown, dealer_name="Sunrise Auto Sales", address="1420 W. Main St")
    with pytest.raises(SettingsChanged) as clash:
        save_settings(manager, mine, base=shown)
    assert [(c.name, c.mine, c.theirs) for c in clash.value.clashes] == [
        ("dealer_name", "Sunrise Auto Sales", "Sunrise Autos")]
    message = clash.value.message
    assert "Dealership name" in message and "“Sunrise Autos”" in message and "“Sunrise Auto Sales”" in message
    assert "not saved" in message
    stored = load_settings()  # nothing of this save was written
    assert (stored.dealer_name, stored.address, stored.phone) == ("Sunrise Autos", "", "(205) 555-0100")

    # Told, the person keeps what they typed: their changes, on top of what is stored now.
    saved = save_settings(manager, on_top_of(stored, shown, mine), base=stored)
    assert (saved.dealer_name, saved.address, saved.phone) == ("Sunrise Auto Sales", "1420 W. Main St", "(205) 555-0100")
    assert load_settings() == saved


def test_the_same_change_made_at_both_counters_is_no_clash(location, owner, manager):
    shown = load_settings()
    other_counter_saves(location, late_call_days=7)
    saved = save_settings(manager, replace(shown, late_call_days=7, counter_name="Counter 2"), base=shown)
    assert (saved.late_call_days, saved.counter_name) == (7, "Counter 2")



def test_keeping_the_other_counters_value_saves_the_rest(location, owner, manager):
    shown = load_settings()
    other_counter_saves(location, late_fee_grace_days=5)
    mine = replace(shown, late_fee_grace_days=7, letter_signer="Ray Whitaker")
    with pytest.raises(SettingsChanged, match="Late fee after is now “5 days”, and you set “7 days”"):
        save_settings(manager, mine, base=shown)
    stored = load_settings()
    kept = on_top_of(stored, shown, mine, keep_theirs={"late_fee_grace_days"})
    saved = save_settings(manager, kept, base=stored)
    assert (saved.late_fee_grace_days, saved.letter_signer) == (5, "Ray Whitaker")
    assert load_settings() == saved
