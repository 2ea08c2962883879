"""Reliability: the embedded PostgreSQL killed while ERP batches and readers keep calling a real `keyhold serve`.
Every call answers (no dropped connection), every failure is a 503 problem+json with Retry-After, the database
comes back on its own, and the batches retried with their Idempotency-Key land exactly once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections import Counter
from pathlib import Path

import httpx

from tests.integration.test_cli import KEYHOLD, _alive, _env, _free_port, _postmaster_pid
from tests.scratch import stop_server

WRITERS, BATCHES, BATCH_SIZE, READERS = 3, 12, 20, 2


async def _keyhold(env: dict[str, str], *args: str, stdin: str = "") -> str:
    result = await asyncio.to_thread(subprocess.run, [KEYHOLD, *args], env=env, capture_output=True, text=True,
                                     timeout=180, input=stdin)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


async def test_a_database_killed_under_load_is_503_then_heals_with_nothing_lost(tmp_path: Path) -> None:
    data, port = tmp_path / "data", _free_port()
    env = _env(data)
    await _keyhold(env, "db", "upgrade")
    key = (await _keyhold(env, "apikey", "create", "--name", "erp-outage",
                          "--scopes", "customers:read,customers:write")).strip().splitlines()[-1]
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    server = await asyncio.to_thread(subprocess.Popen, [KEYHOLD, "serve", "--port", str(port), "--no-access-log"],
                                     env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/api/v1"
    statuses: Counter[int] = Counter()
    problems: list[str] = []
    killed = asyncio.Event()
    healed_calls = 0

    def record(response: httpx.Response) -> None:
        nonlocal healed_calls
        statuses[response.status_code] += 1
        if response.status_code >= 400:
            if response.status_code != 503 or not response.headers.get("content-type", "").startswith(
                    "application/problem+json") or "retry-after" not in response.headers:
                problems.append(f"{response.status_code} {response.headers.get('content-type')} {response.text[:200]}")
        elif killed.is_set():
            healed_calls += 1

    async def writer(http: httpx.AsyncClient, number: int) -> None:
        for batch in range(BATCHES):
            body = {"customers": [{"external_id": f"W{number}-{batch}-{i}", "customer_type": "hotel",
                                   "name": f"停电测试客户 {number}-{batch}-{i}"} for i in range(BATCH_SIZE)]}
            headers = {"X-API-Key": key, "Idempotency-Key": f"outage-{number}-{batch}"}
            for _ in range(400):  # retried until it lands, as an ERP does (bounded)
                try:
                    response = await http.post(f"{base}/customers/batch", json=body, headers=headers)
                except httpx.TransportError as exc:  # a dropped connection: a defect, but retried like an ERP
                    problems.append(f"writer: {exc!r}")
                    continue
                record(response)
                if response.status_code == 200:
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"batch {number}-{batch} never landed: {statuses} {problems[-3:]}\n"
                                     + log_path.read_text()[:6000])
            if batch == 2 and number == 0:  # a few batches in: kill the database under the load
                os.kill(_postmaster_pid(data), signal.SIGKILL)
                killed.set()

    async def reader(http: httpx.AsyncClient, done: asyncio.Event) -> None:
        while not done.is_set():
            try:
                record(await http.get(f"{base}/customers", params={"limit": 20}, headers={"X-API-Key": key}))
            except httpx.TransportError as exc:
                problems.append(f"reader: {exc!r}")
            await asyncio.sleep(0.02)

    try:
        async with httpx.AsyncClient(timeout=30) as http:
            for _ in range(240):  # until serve answers (a bound on the wait, not a timing assertion)
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get(f"{base}/health")).status_code == 200:
                        break
                assert server.poll() is None, log_path.read_text()
                await asyncio.sleep(0.25)
            # Before `keyhold init` there is no unit to put a customer in: a 409 that says so, not a 500.
            early = await http.post(f"{base}/customers/batch", headers={"X-API-Key": key}, json={"customers": [
                {"external_id": "E-1", "name": "太早的客户", "customer_type": "hotel"}]})
            assert early.status_code == 409 and "keyhold init" in early.json()["detail"], early.text
            await _keyhold(env, "init", "--password-stdin", stdin="outage-admin-2026\n")
            first = _postmaster_pid(data)
            done = asyncio.Event()
            readers = [asyncio.create_task(reader(http, done)) for _ in range(READERS)]
            try:
                await asyncio.gather(*(writer(http, n) for n in range(WRITERS)))
            finally:
                done.set()
                await asyncio.gather(*readers)

            # Every customer of every batch once: paged through as the ERP's key sees them.
            seen: list[str] = []
            cursor = None
            while True:
                params = {"limit": 200, **({"cursor": cursor} if cursor else {})}
                page = (await http.get(f"{base}/customers", params=params, headers={"X-API-Key": key})).json()
                seen += [c["external_id"] for c in page["items"]]
                cursor = page.get("next_cursor")
                if not cursor:
                    break
        assert problems == [], problems[:5]
        assert statuses[503] > 0, statuses  # the outage was seen, and answered as such
        assert healed_calls > 0 and _alive(_postmaster_pid(data)) and _postmaster_pid(data) != first
        assert sorted(seen) == sorted(f"W{w}-{b}-{i}" for w in range(WRITERS) for b in range(BATCHES)
                                      for i in range(BATCH_SIZE))
        assert "Traceback" not in log_path.read_text()
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                await asyncio.to_thread(server.wait, 60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        await asyncio.to_thread(stop_server, data)
