"""The command line of a real install: `keyhold serve` refuses the published development secret off loopback,
supervises the embedded PostgreSQL (restarts it when it dies, stops it when serve stops), and `keyhold init`
/ `org-unit create` / `user create` set up a company on an empty database."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import psutil
import pytest

from api.cli import db_upgrade, dev_secret_refusal
from api.security import Argon2PasswordHasher
from repositories.settings import DEV_SECRET_KEY, Settings
from tests.scratch import connect, recreate_database, run_keyhold, stop_server

KEYHOLD = str(Path(sys.executable).parent / "keyhold")
STRONG = "first-admin-2026"
ALL_INTERFACES = "0.0.0.0"  # noqa: S104 - what serve must refuse with the development secret


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "KEYHOLD_DATABASE_URL", "KEYHOLD_SECRET_KEY")}
    # The scheduler would sweep an unmigrated database; these tests need only the server.
    return {**env, "KEYHOLD_DATA_DIR": str(data_dir), "KEYHOLD_NIGHTLY_JOBS": "false",
            "KEYHOLD_SLA_SWEEP_SECONDS": "0", **extra}


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "pgdata" / "postmaster.pid").read_text().splitlines()[0])


def test_the_development_secret_is_refused_unless_only_loopback_listens_or_dev_is_asked() -> None:
    dev = Settings(secret_key=DEV_SECRET_KEY)
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        assert dev_secret_refusal(dev, host, dev=False) is None, host
    for host in (ALL_INTERFACES, "::", "", "192.168.1.20", "keyhold.example.com"):
        refusal = dev_secret_refusal(dev, host, dev=False)
        assert refusal is not None and "KEYHOLD_SECRET_KEY" in refusal, host
        assert dev_secret_refusal(dev, host, dev=True) is None
    assert dev_secret_refusal(Settings(secret_key="a-real-secret-of-enough-length-0123456789"), ALL_INTERFACES,
                              dev=False) is None


def test_serve_on_all_interfaces_with_the_development_secret_does_not_start(tmp_path: Path) -> None:
    port = _free_port()
    result = subprocess.run([KEYHOLD, "serve", "--host", ALL_INTERFACES, "--port", str(port)], env=_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "KEYHOLD_SECRET_KEY" in result.stderr and "--dev" in result.stderr
    assert not (tmp_path / "pgdata").exists()  # refused before anything started


async def test_serve_restarts_its_killed_embedded_postgres_and_stops_it_when_stopped(tmp_path: Path) -> None:
    data, port = tmp_path / "data", _free_port()
    log = (tmp_path / "serve.log").open("w")
    server = await asyncio.to_thread(subprocess.Popen, [KEYHOLD, "serve", "--port", str(port), "--no-access-log"],
                                     env=_env(data), stdout=log, stderr=subprocess.STDOUT)
    health = f"http://127.0.0.1:{port}/api/v1/health"

    async def healthy() -> None:
        # Polled until it answers 200 (a bound on the wait, not a timing assertion).
        async with httpx.AsyncClient(timeout=5) as http:
            for _ in range(240):
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                try:
                    if (await http.get(health)).status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.25)
        raise AssertionError("no 200 from /health:\n" + (tmp_path / "serve.log").read_text())

    try:
        await healthy()
        first = _postmaster_pid(data)
        os.kill(first, signal.SIGKILL)
        second = first
        for _ in range(240):  # until serve has started a new postmaster (bounded wait)
            with contextlib.suppress(OSError, ValueError, IndexError):
                second = _postmaster_pid(data)
            if second != first and _alive(second):
                break
            await asyncio.sleep(0.25)
        assert second != first and _alive(second), (tmp_path / "serve.log").read_text()
        await healthy()
        for _ in range(40):  # the supervisor logs once the new server is up: wait for the line (bounded)
            if "restarted it" in (tmp_path / "serve.log").read_text():
                break
            await asyncio.sleep(0.25)
        assert (tmp_path / "serve.log").read_text().count("restarted it") == 1

        server.send_signal(signal.SIGTERM)
        assert await asyncio.to_thread(server.wait, 120) == 0
        assert not _alive(second)
        assert not (data / "pgdata" / "postmaster.pid").exists()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        log.close()
        await asyncio.to_thread(stop_server, data)


async def test_a_new_install_gets_its_headquarters_and_first_administrator_from_init(
        database_url: str, test_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    url = await recreate_database(database_url, "cli_init")
    settings = test_settings.model_copy(update={"database_name": "cli_init"})
    await asyncio.to_thread(db_upgrade, settings)
    env = {"KEYHOLD_DATA_DIR": str(test_settings.data_dir), "KEYHOLD_DATABASE_NAME": "cli_init"}

    async def keyhold(*args: str, stdin: str = "") -> str | None:
        return await run_keyhold(monkeypatch, list(args), stdin=stdin, **env)

    async def counts() -> tuple[int, int]:
        conn = await connect(url)
        try:
            return (await conn.fetchval("SELECT count(*) FROM org_units"),
                    await conn.fetchval("SELECT count(*) FROM users"))
        finally:
            await conn.close()

    # Before: creating a user points to init instead of failing on the missing org unit.
    refusal = await keyhold("user", "create", "--username", "boss", "--role", "admin", "--password-stdin",
                            stdin=STRONG + "\n")
    assert refusal is not None and "keyhold init" in refusal
    # The password never comes from the command line: without a terminal it must be piped in.
    refusal = await keyhold("init")
    assert refusal is not None and "--password-stdin" in refusal
    # A weak password is refused and nothing is created.
    refusal = await keyhold("init", "--password-stdin", stdin="password\n")
    assert refusal is not None and "password" in refusal and "at least 10 characters" in refusal
    assert await counts() == (0, 0)

    assert await keyhold("init", "--password-stdin", "--org-unit-name", "总部", stdin=STRONG + "\n") is None
    assert "headquarters HQ (总部); administrator admin" in capsys.readouterr().out
    conn = await connect(url)
    try:
        unit = await conn.fetchrow("SELECT code, name, kind, parent_id FROM org_units")
        admin = await conn.fetchrow("SELECT u.username, u.role, u.password_hash, o.code FROM users u "
                                    "JOIN org_units o ON o.id = u.org_unit_id")
    finally:
        await conn.close()
    assert dict(unit) == {"code": "HQ", "name": "总部", "kind": "headquarters", "parent_id": None}
    assert (admin["username"], admin["role"], admin["code"]) == ("admin", "admin", "HQ")
    assert await Argon2PasswordHasher().verify(admin["password_hash"], STRONG)

    # Once there are users, init refuses: administrators add the rest.
    refusal = await keyhold("init", "--password-stdin", "--username", "second", stdin=STRONG + "\n")
    assert refusal is not None and "set up already" in refusal
    assert await counts() == (1, 1)

    assert await keyhold("org-unit", "create", "--code", "SH", "--name", "上海区域中心店", "--kind", "regional_store",
                         "--parent", "HQ") is None
    refusal = await keyhold("org-unit", "create", "--code", "HZ", "--name", "杭州", "--kind", "store")
    assert refusal is not None and "only the headquarters has no parent" in refusal
    assert await keyhold("user", "create", "--username", "am.one", "--role", "account_manager", "--org-unit", "SH",
                         "--password-stdin", stdin=STRONG + "\n") is None
    assert "created user am.one" in capsys.readouterr().out
    assert await counts() == (2, 2)
