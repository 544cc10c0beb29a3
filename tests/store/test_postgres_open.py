"""Opening a database on a PostgreSQL server by its URL (issue 21, first slice): the same
numbered migrations make the same tables and columns as on SQLite; a dealership's first
steps (owner, customer, vehicle, agreement, payment) work and verify; each way it cannot
open is one clear sentence, with nothing written."""

from __future__ import annotations

import datetime as dt
import socket
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest
from helpers import make_vin

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install -e '.[test]'")

from lto_desk.store import migrations
from lto_desk.store.database import (
    close_database,
    open_database,
    schema_columns,
    schema_version,
)
from lto_desk.store.file_check import CannotOpen
from lto_desk.store.paths import Location


@pytest.fixture
def server(pg_database_url, tmp_path):
    """A Location naming a fresh, empty database on the tests' server."""
    yield Location(pg_database_url, tmp_path / "files", chosen=True)
    close_database()


def _tables(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _as_user(url: str, user: str, password: str = "") -> str:
    parts = urlsplit(url)
    login = f"{user}:{password}" if password else user
    return urlunsplit(parts._replace(netloc=f"{login}@{parts.hostname}:{parts.port}"))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens there once it is closed


# -- the schema ------------------------------------------------------------------------

def test_an_empty_database_gets_the_same_tables_and_columns_as_a_file(server, tmp_path):
    database = open_database(server)
    assert schema_version(database) == migrations.LATEST
    on_server = schema_columns(database)
    close_database()
    in_file = schema_columns(open_database(Location(str(tmp_path / "same.sqlite3"), tmp_path / "files")))
    assert on_server == in_file
    assert {"customer", "ledger_entry", "journal", "counter", "schema_info"} <= set(on_server)


def test_opening_it_again_changes_nothing(server):
    open_database(server)
    close_database()
    database = open_database(server)
    assert schema_version(database) == migrations.LATEST
    assert database.execute_sql("SELECT count(*) FROM schema_info").fetchone()[0] == 1


def test_names_phones_and_notes_have_trigram_indexes(server):
    database = open_database(server)
    rows = database.execute_sql(
        "SELECT tablename, indexdef FROM pg_indexes WHERE indexdef LIKE '%%gin_trgm_ops%%'").fetchall()
    indexed = {(table, definition.split("(")[-1].split(" ")[0]) for table, definition in rows}
    assert {("customer", "search_name"), ("customer", "phone_digits"), ("customer_phone", "digits"),
            ("note", "search_text")} <= indexed


@pytest.mark.parametrize(("sqlite", "server"), [
    ("SELECT id FROM customer WHERE id = ? AND name = ?", "SELECT id FROM customer WHERE id = %s AND name = %s"),
    ("SELECT x FROM t WHERE day > :day AND n = :n", "SELECT x FROM t WHERE day > %(day)s AND n = %(n)s"),
    ("SELECT '?', ':day', 'a%b' FROM t WHERE c LIKE ? ESCAPE '\\'",
     "SELECT '?', ':day', 'a%%b' FROM t WHERE c LIKE %s ESCAPE '\\'"),
    ("SELECT id FROM ledger_entry INDEXED BY ledger_entry_entry_date WHERE entry_date > ?",
     "SELECT id FROM ledger_entry WHERE entry_date > %s"),
    ('SELECT "t1"."id" FROM "customer" AS "t1" WHERE ("t1"."id" = %s) LIMIT %s',
     'SELECT "t1"."id" FROM "customer" AS "t1" WHERE ("t1"."id" = %s) LIMIT %s'),  # the query builder's
    ("SELECT value::text FROM counter", "SELECT value::text FROM counter"),
])
def test_the_stores_sqlite_texts_are_read_in_the_servers_dialect(sqlite, server):
    from lto_desk.store.server import server_sql

    assert server_sql(sqlite) == server


# -- a dealership's first steps -----------------------------------------------------------

def test_owner_customer_vehicle_agreement_and_payment_on_the_server(server):
    from lto_desk.domain.terms import Frequency, LateFeePolicy, Terms
    from lto_desk.services import agreements, customers, payments, vehicles
    from lto_desk.services.clerks import create_clerk
    from lto_desk.services.drawer import open_drawer
    from lto_desk.services.integrity import verify

    open_database(server)
    at = dt.datetime(2025, 1, 6, 10, 0)
    owner = create_clerk(None, "Olivia Owner", "owner", "1111", at=at)
    open_drawer(owner, 0, counter_name="Counter 1", at=at)
    cid = customers.add_customer(owner, customers.NewCustomer("María", "García", phone="(205) 555-0142"), at=at)
    vid = vehicles.add_vehicle(
        owner, vehicles.NewVehicle(make_vin(4352), 2014, "Honda", "Accord", "S1001", price=900_000), at=at)
    terms = Terms.by_number_of_payments(
        cash_price=900_000, down_payment=100_000, number_of_payments=104,
        frequency=Frequency.WEEKLY, first_due=dt.date(2025, 1, 13), late_fee=LateFeePolicy(3, 1000),
    )
    aid = agreements.open_agreement(owner, cid, vid, terms, at=at).agreement_id
    first = payments.take_payment(owner, aid, 7_693, tendered=8_000, request_id="r-1",
                                  at=dt.datetime(2025, 1, 13, 9, 30))
    second = payments.take_payment(owner, aid, 7_693, tendered=7_693, request_id="r-2",
                                   at=dt.datetime(2025, 1, 20, 9, 30))
    again = payments.take_payment(owner, aid, 7_693, tendered=8_000, request_id="r-1",
                                  at=dt.datetime(2025, 1, 20, 9, 31))
    assert second.receipt_number == first.receipt_number + 1
    assert again.receipt_number == first.receipt_number  # the same form posted twice: once
    report = verify()
    assert report.ok, report.summary()


def test_a_row_replaced_by_its_key_is_replaced_on_the_server_too(server):
    """``insert(...).on_conflict_replace()`` (settings, the receipt counter put right by the
    owner): SQLite's REPLACE, the server's ON CONFLICT on the key."""
    from lto_desk.store.models import Counter, Setting

    open_database(server)
    Setting.insert(key="dealer_name", value='"Sunrise Autos"').on_conflict_replace().execute()
    Setting.insert(key="dealer_name", value='"Sunset Autos"').on_conflict_replace().execute()
    Counter.insert(name="receipt", value=41).on_conflict_replace().execute()
    assert Setting.get_by_id("dealer_name").value == '"Sunset Autos"'
    assert [(c.name, c.value) for c in Counter.select()] == [("receipt", 41)]


def test_a_write_transaction_holds_the_one_write_lock_as_begin_immediate_does(server):
    """Every write transaction takes the same lock first, as SQLite's BEGIN IMMEDIATE: what
    it reads (the journal's last row, the agreement's entries) no other counter changes
    before it commits. A consistent read takes none."""
    from lto_desk.store.database import write_transaction
    from lto_desk.store.models import db
    from lto_desk.store.server import WRITE_LOCK

    open_database(server)
    held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = ? AND granted"
    with write_transaction():
        assert db.execute_sql(held, (WRITE_LOCK,)).fetchone()[0] == 1
    with db.atomic(lock_type="DEFERRED"):
        assert db.execute_sql(held, (WRITE_LOCK,)).fetchone()[0] == 0
    assert db.execute_sql(held, (WRITE_LOCK,)).fetchone()[0] == 0


# -- what cannot be opened: one clear sentence, nothing written ---------------------------

def _refused(location: Location) -> CannotOpen:
    with pytest.raises(CannotOpen) as caught:
        open_database(location)
    message = caught.value.message
    assert "\n" not in message and "Traceback" not in message
    return caught.value


def test_a_database_of_another_program_is_refused_untouched(server):
    with psycopg.connect(server.url) as conn:
        conn.execute("CREATE TABLE invoices (id serial PRIMARY KEY, total numeric)")
    refused = _refused(server)
    assert refused.kind == "foreign"
    assert "another program" in refused.problem
    assert _tables(server.url) == ["invoices"]


def test_a_database_made_by_a_newer_lto_desk_is_refused_untouched(server):
    open_database(server)
    close_database()
    with psycopg.connect(server.url) as conn:
        conn.execute("UPDATE schema_info SET version = %s", (migrations.LATEST + 1,))
        before = _tables(server.url)
    refused = _refused(server)
    assert refused.kind == "newer"
    assert "newer LTO Desk" in refused.problem
    assert _tables(server.url) == before


def test_an_unknown_database_is_said_plainly(server):
    url = _with_database(server.url, "no_such_books")
    refused = _refused(Location(url, server.files_dir, chosen=True))
    assert refused.kind == "missing"
    assert "no_such_books" in refused.problem and "does not exist" in refused.problem


def test_a_server_that_does_not_answer_is_said_plainly(server):
    parts = urlsplit(server.url)
    url = urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{_closed_port()}"))
    refused = _refused(Location(url, server.files_dir, chosen=True))
    assert refused.kind == "no-answer"
    assert "does not answer" in refused.problem


@pytest.mark.parametrize("url", [
    "postgresql://",
    "postgresql://lto@/books",
    "postgresql://lto@server:port/books",
    "postgresql://lto@server:5432/",
    "postgresql://lto@server/books?sslmode=sometimes",
])
def test_a_bad_address_is_said_plainly(url, tmp_path):
    refused = _refused(Location(url, tmp_path / "files", chosen=True))
    assert refused.kind == "bad-address"
    assert "postgresql://" in refused.next_step


@pytest.fixture
def password_user(pg_server_url, pg_database_url):
    """A user of its own who owns the test's database and must give the password "right"
    (a line for that user alone at the top of the server's pg_hba.conf: the tests' server
    lets everyone else in without one)."""
    user = f"lto_pw_{uuid.uuid4().hex[:10]}"
    line = f"host all {user} 127.0.0.1/32 scram-sha-256\n"
    name = urlsplit(pg_database_url).path.lstrip("/")
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        hba = conn.execute("SHOW hba_file").fetchone()[0]
        try:
            rules = open(hba).read()
            with open(hba, "w") as f:
                f.write(line + rules)
        except OSError as exc:
            pytest.skip(f"the tests' server's pg_hba.conf cannot be changed from here ({exc.strerror})")
        conn.execute(f"CREATE ROLE {user} LOGIN PASSWORD 'right'")
        conn.execute(f'ALTER DATABASE "{name}" OWNER TO {user}')
        conn.execute("SELECT pg_reload_conf()")
    url = _as_user(pg_database_url, user)
    for _ in range(100):  # the server reads its pg_hba.conf again a moment after being told
        try:
            psycopg.connect(_as_user(pg_database_url, user, "wrong"), connect_timeout=5).close()
        except psycopg.OperationalError:
            break
        time.sleep(0.05)
    yield url
    close_database()
    with open(hba) as f:
        rules = f.read()
    with open(hba, "w") as f:
        f.write(rules.replace(line, ""))
    with psycopg.connect(pg_database_url, autocommit=True) as conn:  # what it owns in there goes first
        conn.execute(f"DROP OWNED BY {user}")
    with psycopg.connect(pg_server_url, autocommit=True) as conn:
        conn.execute("SELECT pg_reload_conf()")
        conn.execute(f'ALTER DATABASE "{name}" OWNER TO CURRENT_USER')
        conn.execute(f"DROP ROLE {user}")


def test_a_wrong_password_is_said_plainly(password_user, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = _as_user(password_user, urlsplit(password_user).username, "wrong")
    refused = _refused(Location(url, tmp_path / "files", chosen=True))
    assert refused.kind == "wrong-password"
    assert "refused the password" in refused.problem and "wrong" not in refused.message


def test_a_server_wanting_a_password_nobody_has_is_said_plainly(password_user, tmp_path, monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    refused = _refused(Location(password_user, tmp_path / "files", chosen=True))
    assert refused.kind == "password-needed"
    assert "wants a password" in refused.problem


def test_the_password_comes_from_the_keyring_and_is_asked_only_when_wanted(
    password_user, pg_server_url, tmp_path, monkeypatch
):
    import pg_server

    from lto_desk.store import secrets

    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    asked = []

    def ask(request):
        asked.append(request.name)
        return "right"

    trusted = pg_server.create_database(pg_server_url)  # a server letting the user in without one
    try:
        open_database(Location(trusted, tmp_path / "files", chosen=True), ask=ask)
        close_database()
    finally:
        pg_server.drop_database(pg_server_url, trusted)
    assert asked == []
    database = open_database(Location(password_user, tmp_path / "files", chosen=True), ask=ask)
    assert schema_version(database) == migrations.LATEST
    close_database()
    name = secrets.database_secret_name(password_user)
    assert asked == [name] and secrets.in_keyring(name)
    open_database(Location(password_user, tmp_path / "files", chosen=True), ask=ask)  # from the keyring now
    assert asked == [name]


def test_the_password_may_come_from_pgpassword(password_user, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "right")
    database = open_database(Location(password_user, tmp_path / "files", chosen=True))
    assert schema_version(database) == migrations.LATEST


# -- lto-desk where ----------------------------------------------------------------------

def test_where_names_the_server_database_and_user_and_says_it_answers(server, capsys):
    from lto_desk.cli import main

    parts = urlsplit(server.url)
    assert main(["where", "--db", server.url]) == 0
    out = capsys.readouterr().out
    assert f"Database server: {parts.hostname}:{parts.port}, database {parts.path[1:]}, user {parts.username}" in out
    assert "The server answers" in out and "empty" in out
    assert _tables(server.url) == []  # only a look
    open_database(server)
    close_database()
    assert main(["where", "--db", server.url]) == 0
    assert f"schema version {migrations.LATEST}" in capsys.readouterr().out


def test_where_says_in_one_line_when_it_cannot(server, capsys):
    from lto_desk.cli import main

    parts = urlsplit(server.url)
    for url in (_with_database(server.url, "no_such_books"),
                urlunsplit(parts._replace(netloc=f"{parts.username}@127.0.0.1:{_closed_port()}")),
                "postgresql://lto@server:port/books"):
        assert main(["where", "--db", url]) == 2
        err = capsys.readouterr().err
        assert err.startswith("lto-desk: ") and err.count("\n") == 1, err
