"""`python -m tests.bench signin [--seconds S] [--clients N] [--root DIR]`: what sign-in attempts cost everyone else.

Starts a real `keyhold serve` (of this checkout, or of the checkout at --root, to compare with an earlier
version) on a scratch embedded PostgreSQL, then measures `/api/v1/health` latency for S seconds idle (the
baseline) and for S seconds while N clients try to sign in with made-up usernames as fast as they are answered,
each from its own loopback addresses (127.0.0.2 ...), rotated so that the per-address throttle does not turn the
attempts into cheap 429s. Prints health p50/p99 under load as a ratio to idle, and the sign-ins answered per
second by status.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from repositories.settings import PROJECT_ROOT
from tests.scratch import scratch_directory


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _health_latencies(base: str, seconds: float) -> list[float]:
    samples: list[float] = []
    async with httpx.AsyncClient(timeout=60) as http:
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await http.get(f"{base}/health")
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.text
            await asyncio.sleep(0.01)
    return samples


async def _sign_in_loop(base: str, number: int, stop: asyncio.Event, statuses: Counter[int]) -> None:
    attempt = 0
    while not stop.is_set():
        # A new source address every 40 attempts (under the per-address allowance of 50 failures).
        address = f"127.0.{number + 1}.{2 + (attempt // 40) % 250}"
        transport = httpx.AsyncHTTPTransport(local_address=address)
        async with httpx.AsyncClient(transport=transport, timeout=60) as http:
            for _ in range(40):
                if stop.is_set():
                    return
                response = await http.post(f"{base}/auth/token",
                                           data={"username": f"nobody-{number}-{attempt}", "password": "guess-1234"})
                statuses[response.status_code] += 1
                attempt += 1


def _percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100)[int(q) - 1] if len(samples) > 1 else samples[0]


async def run(seconds: float, clients: int, root: Path) -> None:
    with scratch_directory("keyhold-bench-signin-") as tmp:
        env = {**{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KEYHOLD_DATABASE_URL")},
               "KEYHOLD_DATA_DIR": str(tmp), "KEYHOLD_NIGHTLY_JOBS": "false", "KEYHOLD_SLA_SWEEP_SECONDS": "0",
               "PYTHONPATH": str(root)}
        keyhold = [sys.executable, "-m", "api.cli"]
        await asyncio.to_thread(subprocess.run, [*keyhold, "db", "upgrade"], cwd=root, env=env, check=True,
                                capture_output=True)
        port = _free_port()
        log = (tmp / "serve.log").open("w")
        server = await asyncio.to_thread(subprocess.Popen, [*keyhold, "serve", "--port", str(port), "--no-access-log"],
                                         cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/api/v1"
        try:
            async with httpx.AsyncClient(timeout=5) as http:
                for _ in range(240):
                    with contextlib.suppress(httpx.TransportError):
                        if (await http.get(f"{base}/health")).status_code == 200:
                            break
                    await asyncio.sleep(0.25)
            idle = await _health_latencies(base, seconds)
            statuses: Counter[int] = Counter()
            stop = asyncio.Event()
            loops = [asyncio.create_task(_sign_in_loop(base, n, stop, statuses)) for n in range(clients)]
            await asyncio.sleep(1)  # the loops under way
            before = sum(statuses.values())
            started = time.perf_counter()
            loaded = await _health_latencies(base, seconds)
            answered = sum(statuses.values()) - before
            rate = answered / (time.perf_counter() - started)
            stop.set()
            await asyncio.gather(*loops)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
    idle_p50, loaded_p50 = statistics.median(idle), statistics.median(loaded)
    print(f"checkout: {root}")
    print(f"/health idle:  p50 {idle_p50:.1f} ms, p99 {_percentile(idle, 99):.1f} ms ({len(idle)} calls)")
    print(f"/health while {clients} clients sign in with made-up usernames: p50 {loaded_p50:.1f} ms, "
          f"p99 {_percentile(loaded, 99):.1f} ms ({len(loaded)} calls) = {loaded_p50 / idle_p50:.1f}x idle p50")
    print(f"sign-ins answered: {rate:.1f}/s; statuses over the whole run: "
          + ", ".join(f"{status}: {count}" for status, count in sorted(statuses.items())))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench signin")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="checkout whose `keyhold serve` to measure")
    args = parser.parse_args(argv)
    asyncio.run(run(args.seconds, args.clients, args.root.resolve()))
