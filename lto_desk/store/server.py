"""The books on a PostgreSQL server: its address, connecting, and refusing what cannot be used.

The address is a URL, ``postgresql://user@host:port/dbname``. The password is the one
written in the URL, else the one kept for ``database:<user>@<host>/<db>`` (the keyring,
or this run's memory: ``store.secrets``), else what libpq finds itself (``PGPASSWORD``,
``~/.pgpass``); a server that wants one nobody has is asked through ``ask`` when given
(the command line's prompt), else refused with a sentence saying so. TLS is used
whenever the server offers it (``sslmode=prefer`` unless the URL says otherwise).

The store's hand-written SQL is written once, in SQLite's dialect (``?`` and ``:name``
parameters, ``INDEXED BY``); :class:`ServerDatabase` gives each text its server form as
it runs. The query builder's own texts (``%s`` parameters) pass unchanged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import peewee

from . import migrations
from .file_check import NOTHING_CHANGED, NOTHING_CREATED, CannotOpen

#: Seconds to wait for a server to answer before saying it does not (read when used).
CONNECT_TIMEOUT = 10
#: The key of the advisory lock every write transaction takes first, as SQLite's BEGIN
#: IMMEDIATE: one writer at a time, so the journal's chain never forks and a payment's
#: reads stay true until it commits ("LTOW" in ASCII).
WRITE_LOCK = 0x4C544F57

_SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}
_EXAMPLE = "postgresql://lto@server:5432/books"


@dataclass(frozen=True)
class Address:
    """A server's URL taken apart.

    Attributes:
      url: the URL as given (it may hold a password: never show it).
      host, port: where the server is (port 5432 when the URL names none).
      database: the database's name on the server.
      user: who LTO Desk logs in as.
      password: the one written in the URL ("" when none).
    """

    url: str
    host: str
    port: int
    database: str
    user: str
    password: str

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"


def is_server_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def address(url: str) -> Address:
    """``url`` taken apart; CannotOpen("bad-address") when it is not a whole server address."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        conninfo_to_dict(url)  # what libpq would refuse (an unknown ?option, a stray character)
        parts = urlsplit(url)
        port = parts.port or 5432
    except Exception as exc:
        raise _bad_address(url, _reason(exc)) from exc
    database = unquote(parts.path.lstrip("/"))
    if not parts.hostname:
        raise _bad_address(url, "it names no server")
    if not parts.username:
        raise _bad_address(url, "it names no user")
    if not database:
        raise _bad_address(url, "it names no database")
    query = dict(pair.partition("=")[::2] for pair in parts.query.split("&") if pair)
    if "sslmode" in query and query["sslmode"] not in _SSL_MODES:
        raise _bad_address(url, f"“{query['sslmode']}” is not a TLS mode ({', '.join(sorted(_SSL_MODES))})")
    return Address(url, parts.hostname, port, database, unquote(parts.username), unquote(parts.password or ""))


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().rstrip(".")
    return text.splitlines()[0] if text else "it cannot be read"


def _bad_address(url: str, why: str) -> CannotOpen:
    shown = url.split("@")[-1] if "@" in url else url  # never show a password
    return CannotOpen(
        "bad-address", f"“{shown}” is not a database server address: {why}.",
        f"Write it as {_EXAMPLE} (postgresql://user@server:port/database).", unchanged=NOTHING_CHANGED,
    )


# -- the dialect ------------------------------------------------------------------------

_NAMED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDEXED_BY = re.compile(r"\s+INDEXED BY\s+[A-Za-z_][A-Za-z0-9_]*", re.IGNORECASE)


@functools.lru_cache(maxsize=1024)
def server_sql(sql: str) -> str:
    """The server form of a hand-written text in SQLite's dialect: ``?`` and ``:name``
    become psycopg's ``%s`` and ``%(name)s``, a literal ``%`` is doubled (psycopg reads
    every ``%``), SQLite's index hints are left out. A text already holding ``%s``
    outside its quotes is the query builder's, and is left as it is."""
    out: list[str] = []
    quote = ""
    i = 0
    while i < len(sql):
        ch = sql[i]
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "%":
            if sql.startswith("%s", i) or sql.startswith("%(", i):
                return sql  # the query builder's text
            out.append("%%")
        elif ch == "?":
            out.append("%s")
        elif ch == ":" and not sql.startswith("::", i) and (i == 0 or sql[i - 1] != ":"):
            name = _NAMED.match(sql, i + 1)
            if name is None:
                out.append(ch)
            else:
                out.append(f"%({name.group()})s")
                i = name.end()
                continue
        else:
            out.append(ch)
        i += 1
    return _INDEXED_BY.sub("", "".join(out))


class ServerDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database through psycopg 3 (never psycopg2, which peewee would
    otherwise prefer), reading the store's texts in their SQLite form (:func:`server_sql`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefer_psycopg3=True, **kwargs)

    def execute_sql(self, sql, params=None):
        return super().execute_sql(server_sql(sql), params)

    def conflict_update(self, oc, query):
        """SQLite's ``INSERT OR REPLACE`` (``on_conflict_replace()``) as the server's
        upsert on the table's key: the row is replaced by the new one's values."""
        if (oc._action or "").lower() == "replace":
            meta = query.model._meta
            key = meta.primary_key
            targets = [meta.fields[n] for n in key.field_names] if hasattr(key, "field_names") else [key]
            rest = [f for f in meta.sorted_fields if f.name not in {t.name for t in targets}]  # Field == builds SQL
            oc = peewee.OnConflict("update", preserve=rest, conflict_target=targets)
        return super().conflict_update(oc, query)

    def begin(self, isolation_level=None, lock_type=None):
        """``lock_type`` is SQLite's: "DEFERRED" asks for one consistent read of
        everything (a verify, an export, a customer's file), which on the server is a
        transaction at REPEATABLE READ taking no lock; any other transaction may write:
        at READ COMMITTED, it takes the write lock first (:data:`WRITE_LOCK`)."""
        if isolation_level is None and lock_type == "DEFERRED":
            super().begin(isolation_level="REPEATABLE READ")
            return
        super().begin(isolation_level=isolation_level)
        self.execute_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


# -- connecting -------------------------------------------------------------------------

Ask = Callable[..., "str | None"]


def connect(url: str, *, ask: Ask | None = None) -> ServerDatabase:
    """A connected database for the server ``url``, or CannotOpen saying in one sentence
    why not (nothing is written to the server either way)."""
    from ..domain.errors import NotFound
    from . import secrets

    where = address(url)
    name = secrets.database_secret_name(url)
    password = where.password or _kept(name)
    try:
        return _connected(where, password)
    except CannotOpen as exc:
        if exc.kind != "password-needed" or ask is None:
            raise
    try:
        typed = secrets.get_secret(name, ask=ask)
    except NotFound as exc:
        raise CannotOpen("password-needed", exc.message, "", unchanged="") from exc
    try:
        return _connected(where, typed)
    except CannotOpen as exc:
        if exc.kind == "wrong-password":
            secrets.forget_secret(name)  # asked again next time, not kept wrong
        raise


def _kept(name: str) -> str:
    from ..domain.errors import NotFound
    from . import secrets

    try:
        return secrets.get_secret(name)
    except NotFound:
        return ""


def _connected(where: Address, password: str) -> ServerDatabase:
    options = {"connect_timeout": CONNECT_TIMEOUT, "application_name": "LTO Desk"}
    if "sslmode=" not in urlsplit(where.url).query:
        options["sslmode"] = "prefer"
    if password:
        options["password"] = password
    url = "postgresql://" + where.url.split("://", 1)[1]  # peewee reads only this spelling as a URL
    database = ServerDatabase(url, autoconnect=False, **options)
    try:
        database.connect()
    except peewee.DatabaseError as exc:
        raise refusal(exc, where, tried_password=bool(password)) from exc
    except Exception as exc:
        if type(exc).__module__.startswith("psycopg"):
            raise refusal(exc, where, tried_password=bool(password)) from exc
        raise
    return database


def refusal(exc: BaseException, where: Address, *, tried_password: bool = True) -> CannotOpen:
    """Why the server would not let LTO Desk in (or refused what it did), in one sentence."""
    text = " ".join(str(exc).split())
    lower = text.lower()
    server = f"the database server at {where.server}"
    if "password authentication failed" in lower or ("password" in lower and "fe_sendauth" in lower):
        if "no password supplied" in lower or not tried_password:
            return CannotOpen(
                "password-needed",
                f"{server[0].upper()}{server[1:]} wants a password for the user {where.user}, "
                "and LTO Desk does not have it.",
                "Start LTO Desk where it can ask for it (a terminal), or put it in PGPASSWORD, "
                "or ask whoever set up the server.", unchanged=NOTHING_CHANGED,
            )
        return CannotOpen(
            "wrong-password", f"{server[0].upper()}{server[1:]} refused the password for the user {where.user}.",
            "Check the password (ask whoever set up the server), then try again.", unchanged=NOTHING_CHANGED,
        )
    if "does not exist" in lower and "database" in lower:
        return CannotOpen(
            "missing", f"There is no database “{where.database}” on {server} (it does not exist).",
            "Check its name in the address, or ask whoever set up the server to create it.",
            unchanged=NOTHING_CREATED,
        )
    if "role" in lower and "does not exist" in lower:
        return CannotOpen(
            "unknown-user", f"{server[0].upper()}{server[1:]} has no user {where.user}.",
            "Check the user in the address, or ask whoever set up the server.", unchanged=NOTHING_CHANGED,
        )
    if "pg_hba.conf" in lower:
        return CannotOpen(
            "refused", f"{server[0].upper()}{server[1:]} does not let this computer in as {where.user}.",
            "Ask whoever set up the server to allow this computer (pg_hba.conf).", unchanged=NOTHING_CHANGED,
        )
    if "permission denied" in lower:
        return CannotOpen(
            "read-only", f"The user {where.user} may not change the database {where.database} on {server}.",
            "Ask whoever set up the server to make that user the database's owner.", unchanged=NOTHING_CHANGED,
        )
    no_answer = ("connection refused", "timeout", "could not connect", "failed to resolve", "translate host",
                 "no route", "network is unreachable", "starting up", "shutting down", "server closed",
                 "connection is lost", "connection is closed", "terminating connection")
    if any(words in lower for words in no_answer):
        return CannotOpen(
            "no-answer", f"{server[0].upper()}{server[1:]} does not answer.",
            "Check that this computer is on the network and the server is running, then try again.",
            unchanged=NOTHING_CHANGED,
        )
    return CannotOpen(
        "unreadable", f"{server[0].upper()}{server[1:]} would not open the database {where.database} ({text}).",
        "Try again; if it goes on, ask whoever set up the server.", unchanged=NOTHING_CHANGED,
    )


# -- is it our books? -------------------------------------------------------------------

def books_version(database: ServerDatabase, where: Address) -> int:
    """The schema version of the books in the database (0: empty, to be made); CannotOpen
    when it holds another program's tables or was made by a newer LTO Desk."""
    tables = set(database.get_tables())
    if tables and "schema_info" not in tables:
        raise CannotOpen(
            "foreign", f"The database {where.database} on {where.server} is a database of another program, "
            "not LTO Desk.", "Check the database name in the address; LTO Desk needs a database of its own.",
        )
    if not tables:
        return 0
    row = database.execute_sql("SELECT version FROM schema_info").fetchone()
    version = row[0] if row else 0
    if version > migrations.LATEST:
        raise newer_books(where, version)
    return version


def newer_books(where: Address, version: int) -> CannotOpen:
    return CannotOpen(
        "newer", f"The database {where.database} on {where.server} was made by a newer LTO Desk "
        f"(schema version {version}; this program knows up to {migrations.LATEST}).",
        "Please install the newer LTO Desk to open it.",
    )


def look(url: str) -> str:
    """Whether the server answers and what the database holds, in one sentence, writing
    nothing (``lto-desk where``); CannotOpen when it cannot be used."""
    where = address(url)
    database = connect(url)
    try:
        version = books_version(database, where)
        server_version = database.server_version
    finally:
        database.close()
    major, minor = divmod(server_version, 10000)
    running = f"PostgreSQL {major}.{minor}"
    if version == 0:
        return f"The server answers ({running}); the database is empty: LTO Desk makes its tables when it opens it."
    return f"The server answers ({running}); LTO Desk books, schema version {version}."
