"""A throwaway PostgreSQL server for the tests: its own data folder and socket in a
temporary folder, listening on 127.0.0.1 at a free port, never the machine's own server.

Stdlib only (``.ci/run`` uses it before the package is installed), except the database
helpers at the end, which need psycopg 3. From a shell::

    python3 tests/pg_server.py start FOLDER   # prints the server's URL
    python3 tests/pg_server.py stop FOLDER    # stops it and removes FOLDER
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

#: Where Debian's packages put the server programs (not on PATH there).
DEBIAN_BINARIES = "/usr/lib/postgresql/*/bin"
#: PostgreSQL refuses to run as root; when we are root the server runs as this user
#: (Debian's package makes it), or as "nobody" on a machine without it.
SERVER_USERS = ("postgres", "nobody")
#: fsync off: a test server need not survive the machine losing power, and the tests
#: run much faster. A server stopped with ``-m immediate`` still loses nothing committed
#: (synchronous_commit stays on), so crash tests remain honest.
SETTINGS = ("fsync=off", "max_connections=200")
INSTALL_HINT = "PostgreSQL is not installed: apt-get install postgresql"


def binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres`` (PATH first, then the
    newest under /usr/lib/postgresql), or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted((Path(p) for p in glob.glob(DEBIAN_BINARIES)), key=version, reverse=True)
    for folder in candidates:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def version(folder: Path) -> int:
    name = folder.parent.name
    return int(name) if name.isdigit() else 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_user() -> pwd.struct_passwd | None:
    """Whom the server runs as: ourselves, or when we are root a user of its own."""
    if os.geteuid() != 0:
        return None
    for name in SERVER_USERS:
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError(f"running as root and none of the users {', '.join(SERVER_USERS)} exists to run PostgreSQL")


class ThrowawayServer:
    """``start()`` makes a new cluster in ``folder`` (a new temporary folder by default)
    and starts it; ``url`` is its superuser's URL to the ``postgres`` database; ``stop()``
    stops it and removes the folder (also done at exit if the caller forgets)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="lto-pg-", dir="/tmp"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.port = 0
        self.user = server_user()
        self.bin = binaries()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def start(self, attempts: int = 3) -> str:
        if self.bin is None:
            raise RuntimeError(INSTALL_HINT)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.folder.chmod(0o700)
        if self.user is not None:
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        atexit.register(self.stop)
        self.run("initdb", "-D", self.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        # The free port may be taken by someone else before the server binds it: try another.
        for attempt in range(attempts):
            self.port = free_port()
            options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} " + " ".join(f"-c {s}" for s in SETTINGS)
            started = self.run("pg_ctl", "-D", self.data, "-l", self.log, "-w", "-t", "60", "-o", options, "start", check=False)
            if started.returncode == 0:
                return self.url
        raise RuntimeError(f"PostgreSQL did not start: {started.stdout}{started.stderr}\n{self.server_log()}")

    def stop(self) -> None:
        atexit.unregister(self.stop)
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def run(self, program: str, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess:
        as_user = {}
        if self.user is not None:
            as_user = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env.update(HOME=str(self.folder), LC_ALL="C.UTF-8")
        done = subprocess.run(
            [str(self.bin / program), *map(str, args)], cwd=self.folder, env=env, capture_output=True, text=True,
            stdin=subprocess.DEVNULL, timeout=120, **as_user,
        )
        if check and done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stdout}{done.stderr}")
        return done

    def server_log(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else "(no server log)"


def with_database(url: str, name: str) -> str:
    """``url`` pointing at the database ``name`` instead."""
    return urlsplit(url)._replace(path="/" + name).geturl()


def create_database(server_url: str) -> str:
    """A new empty database with a name of its own on the server; its URL."""
    import psycopg
    from psycopg import sql

    name = f"lto_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return with_database(server_url, name)


def drop_database(server_url: str, url: str) -> None:
    """Drop the database of ``url``, ending whatever connections are still open to it
    (``WITH (FORCE)``, PostgreSQL 13 and later)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    server = ThrowawayServer(Path(argv[1]))
    if argv[0] == "stop":
        server.stop()
        return 0
    try:
        print(server.start())
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    # Started for the shell, which stops it itself: not at this process's exit.
    atexit.unregister(server.stop)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
