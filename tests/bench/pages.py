"""`python -m tests.bench pages [--runs N] [--profiles localhost,4g,slow] [--root DIR] [--dist DIR]`: how fast
the login page, the customer list and a customer 360 page arrive in a browser.

Starts a real `keyhold serve` (of this checkout, or of the checkout at --root, to compare with an earlier version)
with the demo company on a scratch embedded PostgreSQL, serving that checkout's built SPA (frontend/dist: build it
first; or the build at --dist), then drives Debian's Chromium through playwright-core (tests/bench/pages.mjs) over
three network profiles applied with CDP's Network.emulateNetworkConditions: localhost (none), 4g (40 ms latency,
9 Mbit/s each way) and slow (150 ms, 1.6 Mbit/s). Each page is loaded cold (a new browser context: empty cache,
signed in through the API) and then warm (a reload). Prints the median of N runs: time until the last request
finished (network idle), the load event, bytes over the wire, requests (of which from the cache) and API calls.
The goal (issue 21): the customer 360 page under 1 s cold on 4g.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from repositories.settings import PROJECT_ROOT
from tests.scratch import scratch_directory

GOAL_MS = 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _measure(root: Path, dist: Path, runs: int, profiles: str) -> list[dict[str, Any]]:
    if not (dist / "index.html").is_file():
        sys.exit(f"{dist} is not built: run `npm --prefix {root}/frontend run build` first")
    with scratch_directory("keyhold-bench-pages-") as tmp:
        env = {**{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "KEYHOLD_DATABASE_URL")},
               "KEYHOLD_DATA_DIR": str(tmp), "KEYHOLD_NIGHTLY_JOBS": "false", "KEYHOLD_SLA_SWEEP_SECONDS": "0",
               "KEYHOLD_SPA_DIR": str(dist), "PYTHONPATH": str(root)}
        keyhold = [sys.executable, "-m", "api.cli"]
        for step in (["db", "upgrade"], ["demo-data"]):
            subprocess.run([*keyhold, *step], cwd=root, env=env, check=True, capture_output=True)
        port = _free_port()
        with (tmp / "serve.log").open("w") as log:
            server = subprocess.Popen([*keyhold, "serve", "--port", str(port), "--no-access-log"], cwd=root, env=env,
                                      stdout=log, stderr=subprocess.STDOUT)
            base = f"http://127.0.0.1:{port}"
            try:
                for _ in range(240):
                    with contextlib.suppress(httpx.TransportError):
                        if httpx.get(f"{base}/api/v1/health", timeout=5).status_code == 200:
                            break
                    time.sleep(0.25)
                driver = subprocess.run(
                    ["node", str(PROJECT_ROOT / "tests" / "bench" / "pages.mjs")],  # noqa: S607 - node on PATH, as npm
                    cwd=PROJECT_ROOT, check=True,
                    capture_output=True, text=True,
                    env={**os.environ, "KEYHOLD_BENCH_URL": base, "KEYHOLD_BENCH_RUNS": str(runs),
                         "KEYHOLD_BENCH_PROFILES": profiles})
            except subprocess.CalledProcessError as failed:
                sys.exit(f"the browser driver failed:\n{failed.stderr}")
            finally:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(60)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    results: list[dict[str, Any]] = json.loads(driver.stdout)["pages"]
    return results


def _report(results: list[dict[str, Any]], root: Path, dist: Path, runs: int) -> None:
    print(f"checkout: {root}, SPA: {dist}; median of {runs} runs")
    print(f"{'profile':<10} {'page':<14} {'visit':<5} {'idle ms':>8} {'load ms':>8} {'KB':>8} {'requests':>9} "
          f"{'cached':>7} {'API':>4}")
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in results:
        groups.setdefault((r["profile"], r["page"], r["visit"]), []).append(r)
    for (profile, page, visit), rows in groups.items():
        def median(key: str, rows: list[dict[str, Any]] = rows) -> float:
            return float(statistics.median(r[key] for r in rows))

        print(f"{profile:<10} {page:<14} {visit:<5} {median('idleMs'):>8.0f} {median('loadMs'):>8.0f} "
              f"{median('bytes') / 1024:>8.1f} {median('requests'):>9.0f} {median('cached'):>7.0f} "
              f"{median('api'):>4.0f}")
    goal = groups.get(("4g", "customer 360", "cold"))
    if goal:
        idle = statistics.median(r["idleMs"] for r in goal)
        print(f"goal: customer 360 cold on 4g under {GOAL_MS} ms: {idle:.0f} ms, "
              + ("met" if idle < GOAL_MS else "missed"))


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench pages")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profiles", default="localhost,4g,slow")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="checkout whose server and build to measure")
    parser.add_argument("--dist", type=Path, help="the built SPA to serve (default: the checkout's frontend/dist)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    dist = (args.dist or root / "frontend" / "dist").resolve()
    _report(_measure(root, dist, args.runs, args.profiles), root, dist, args.runs)
