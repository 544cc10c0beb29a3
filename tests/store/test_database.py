"""Opening the database: pragmas, migrations, and files we must refuse untouched."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from lto_desk.domain.errors import StorageError
from lto_desk.store import migrations
from lto_desk.store.database import close_database, open_database, schema_version
from lto_desk.store.models import ALL_MODELS, db
from lto_desk.store.paths import Location


def test_pragmas_protect_money(database):
    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert database.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert database.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_new_database_is_at_latest_schema(database):
    assert schema_version(database) == migrations.LATEST


def test_every_model_column_exists_in_the_migrated_schema(database):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {c.name for c in database.get_columns(table)}
        wanted = {f.column_name for f in model._meta.sorted_fields if not (model is ALL_MODELS[0] and f.primary_key)}
        assert wanted <= columns, f"{table} lacks {wanted - columns}"


def test_reopening_keeps_data_and_does_not_migrate_again(location, owner):
    close_database()
    database = open_database(location)
    from lto_desk.services.clerks import list_clerks

    assert [c.name for c in list_clerks()] == ["Olivia Owner"]
    assert schema_version(database) == migrations.LATEST


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_database_is_refused_and_left_untouched(location, database):
    database.execute_sql("UPDATE schema_info SET version = ?", (migrations.LATEST + 1,))
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    close_database()
    path = location.path
    before = (_digest(path), path.stat().st_mtime_ns)
    with pytest.raises(StorageError) as err:
        open_database(location)
    assert "newer LTO Desk" in err.value.message and "not been changed" in err.value.message
    assert (_digest(path), path.stat().st_mtime_ns) == before


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "letter.sqlite3"
    path.write_bytes(b"Dear customer, this is a letter, not a database." * 50)
    before = _digest(path)
    with pytest.raises(StorageError) as err:
        open_database(Location(str(path), tmp_path))
    assert "damaged or is not an LTO Desk database" in err.value.message
    assert _digest(path) == before


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(StorageError) as err:
        open_database(Location(str(path), tmp_path))
    assert "another program" in err.value.message
    assert _digest(path) == before


def test_missing_database_without_create_is_a_clear_message(tmp_path):
    with pytest.raises(StorageError, match="There is no database"):
        open_database(Location(str(tmp_path / "nope.sqlite3"), tmp_path), create=False)


def test_missing_folder_is_created_for_a_new_database(tmp_path):
    path = tmp_path / "deep" / "folder" / "new.sqlite3"
    open_database(Location(str(path), tmp_path))
    try:
        assert path.exists()
    finally:
        close_database()
    assert db.obj is not None
