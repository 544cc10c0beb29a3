"""Shared test set-up: offscreen Qt, an in-memory keyring, a fresh database per test."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from helpers import make_vin  # noqa: E402

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that lives only in the test process (headless machines have none)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


keyring.set_keyring(MemoryKeyring())

#: The books' key every test database gets (store/seal.py), so the counters a test starts
#: as other processes, which have no in-memory keyring, hold it too. Tests of a missing or
#: typed key take it away.
TEST_KEY = "7E57-" * 15 + "7E57"
os.environ["LTO_DESK_KEY"] = TEST_KEY


def pytest_addoption(parser):
    parser.addoption("--run-slow", action="store_true", help="run the long variants (crash loops, big counts)")


def pytest_configure(config):
    """Hypothesis profiles: "default", and "full" under --run-slow (the fuzz tests
    run 16 times as many examples: tests/fuzz/typed_text.py). No deadline: a slow
    moment on a shared machine is not a bug."""
    from hypothesis import settings

    settings.register_profile("default", deadline=None, print_blob=True)
    settings.register_profile("full", deadline=None, print_blob=True)
    settings.load_profile("full" if config.getoption("--run-slow") else "default")


def pytest_collection_modifyitems(config, items):
    """The long variants (50 kills, 500 payments per counter) run with --run-slow; the
    quick run leaves them out (deselected, not skipped: their short twins always run)."""
    if config.getoption("--run-slow"):
        return
    long_ones = [item for item in items if "slow" in item.keywords]
    if long_ones:
        config.hook.pytest_deselected(items=long_ones)
        items[:] = [item for item in items if "slow" not in item.keywords]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the real one."""
    home = tmp_path / "home"
    monkeypatch.setenv("LTO_DESK_HOME", str(home))
    monkeypatch.delenv("LTO_DESK_DB", raising=False)
    yield home


@pytest.fixture
def location(tmp_path):
    from lto_desk.store.paths import Location

    return Location(str(tmp_path / "counter.sqlite3"), tmp_path / "files")


@pytest.fixture
def database(location):
    """A fresh, migrated SQLite file in a temp folder, models bound to it."""
    from lto_desk.store.database import close_database, open_database

    db = open_database(location)
    yield db
    close_database()


@pytest.fixture
def owner(database):
    """The owner, who also opens the drawer of "Counter 1" with a $0 float right away,
    so payments can be taken (tests of the drawer itself make their own state)."""
    from lto_desk.services.clerks import create_clerk
    from lto_desk.services.drawer import open_drawer

    actor = create_clerk(None, "Olivia Owner", "owner", "1111", at=dt.datetime(2025, 1, 2, 9, 0))
    open_drawer(actor, 0, counter_name="Counter 1", at=dt.datetime(2025, 1, 2, 9, 0))
    return actor


@pytest.fixture
def manager(owner):
    from lto_desk.services.clerks import create_clerk

    return create_clerk(owner, "Marcus Manager", "manager", "2222", at=dt.datetime(2025, 1, 2, 9, 1))


@pytest.fixture
def clerk(owner):
    from lto_desk.services.clerks import create_clerk

    return create_clerk(owner, "Carla Clerk", "clerk", "3333", at=dt.datetime(2025, 1, 2, 9, 2))


@pytest.fixture
def agreement(owner):
    """A weekly agreement opened on Mon 2025-01-06: $9,000 price, $1,000 down,
    104 payments of $76.93 (last $76.21), first due 2025-01-13, $10 fee after 3 days."""
    from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
    from lto_desk.services import agreements, customers, vehicles

    at = dt.datetime(2025, 1, 6, 10, 0)
    cid = customers.add_customer(owner, customers.NewCustomer("María", "García", phone="(205) 555-0142"), at=at)
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(4352), 2014, "Honda", "Accord", "S1001", price=900_000), at=at
    )
    terms = Terms.by_number_of_payments(
        cash_price=900_000, down_payment=100_000, number_of_payments=104,
        frequency=Frequency.WEEKLY, first_due=dt.date(2025, 1, 13), late_fee=LateFeePolicy(3, 1000),
    )
    return agreements.open_agreement(owner, cid, vid, terms, at=at).agreement_id



def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


def require_postgres_installed() -> None:
    """Skip the calling test when PostgreSQL's programs are not installed, saying how to
    install them; in CI (CI=true) fail it instead, so a missing server is never silent."""
    import pg_server

    if pg_server.binaries() is None:
        if _in_ci():
            pytest.fail(f"{pg_server.INSTALL_HINT} (CI must run these tests; .ci/run installs it)", pytrace=False)
        pytest.skip(pg_server.INSTALL_HINT)


@pytest.fixture
def postgres_installed() -> None:
    """For a test that runs PostgreSQL's programs itself (a fixture, not an import of this
    file: ``from conftest import`` finds whichever conftest.py comes first on the path)."""
    require_postgres_installed()


@pytest.fixture(scope="session")
def pg_server_url():
    """The tests' PostgreSQL server, as its superuser's URL to the ``postgres`` database:
    ``LTO_DESK_TEST_POSTGRES`` when set (``.ci/run`` exports it), else a throwaway server
    started here (tests/pg_server.py) and stopped at the end. Without PostgreSQL installed
    the tests that need it are skipped with the reason, except in CI, where they fail."""
    url = os.environ.get("LTO_DESK_TEST_POSTGRES")
    if url:
        yield url
        return
    import pg_server

    require_postgres_installed()
    server = pg_server.ThrowawayServer()
    yield server.start()
    server.stop()


@pytest.fixture
def pg_database_url(pg_server_url):
    """A fresh, empty database of its own on the tests' server; dropped afterwards, even
    with connections still open to it."""
    import pg_server

    url = pg_server.create_database(pg_server_url)
    yield url
    pg_server.drop_database(pg_server_url, url)
