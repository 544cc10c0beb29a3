"""The PostgreSQL fixtures (tests/conftest.py, tests/pg_server.py): every test that asks
gets a fresh empty database of its own on the tests' server, gone after the test."""

from __future__ import annotations

from urllib.parse import urlsplit

import psycopg
import pytest

seen: list[str] = []


def database_exists(server_url: str, name: str) -> bool:
    with psycopg.connect(server_url, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def test_a_test_gets_an_empty_database_it_can_write_to(pg_database_url, pg_server_url):
    name = urlsplit(pg_database_url).path.lstrip("/")
    assert database_exists(pg_server_url, name)
    with psycopg.connect(pg_database_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        assert tables == (0,)
        conn.execute("CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL)")
        conn.execute("INSERT INTO customer (name) VALUES (%s), (%s)", ("María García", "Luis Pérez"))
        conn.commit()
    # Read back over a second connection: the rows were committed, not just kept in a session.
    with psycopg.connect(pg_database_url) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM customer ORDER BY id")]
    assert names == ["María García", "Luis Pérez"]
    seen.append(name)


def test_the_database_is_dropped_after_the_test_and_the_next_one_gets_another(pg_database_url, pg_server_url):
    assert len(seen) == 1, "runs after the test above"
    name = urlsplit(pg_database_url).path.lstrip("/")
    assert name != seen[0]
    assert not database_exists(pg_server_url, seen[0])
    with psycopg.connect(pg_database_url) as conn:
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables == (0,)


def test_a_database_still_in_use_is_dropped_all_the_same(pg_server_url):
    """A test that leaves a connection open (a counter it started, a failed test) must not
    leave its database behind: the fixture's clean-up ends the connections first."""
    import pg_server

    url = pg_server.create_database(pg_server_url)
    name = urlsplit(url).path.lstrip("/")
    left_open = psycopg.connect(url)
    try:
        pg_server.drop_database(pg_server_url, url)
        assert not database_exists(pg_server_url, name)
    finally:
        left_open.close()


def test_a_throwaway_server_starts_answers_and_stops(postgres_installed):
    import pg_server

    server = pg_server.ThrowawayServer()
    server.start()
    try:
        assert urlsplit(server.url).hostname == "127.0.0.1"
        with psycopg.connect(server.url) as conn:
            assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)
    finally:
        server.stop()
    assert not server.folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.url, connect_timeout=2)
