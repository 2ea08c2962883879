"""`python -m tests.bench clv`: the lifetime-value fit alone on CDNOW_master (23,570 customers).

Reads ../shared/data/cdnow/CDNOW_master.txt (not copied into the repository: 1.9 MB), builds the summary of
the 39-week calibration period with `domain/loyalty/clv.py::summary_from_transactions`, and times each fit (best and
median of `--repeat` runs) and the 12-month CLV for every customer. No database.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

from domain.loyalty.clv import customer_lifetime_value, fit_bg_nbd, fit_gamma_gamma, summary_from_transactions

MASTER = Path(__file__).resolve().parents[3] / "shared" / "data" / "cdnow" / "CDNOW_master.txt"
CALIBRATION_END = date(1997, 9, 30)
T = TypeVar("T")


def _timed(what: str, run: Callable[[], T], repeat: int) -> T:
    times = []
    result = run()  # warm-up, and the result
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    print(f"{what}: best {min(times) * 1000:.1f} ms, median {statistics.median(times) * 1000:.1f} ms "
          f"({repeat} runs)", flush=True)
    return result


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.bench clv")
    parser.add_argument("--master", type=Path, default=MASTER)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    transactions = []
    for line in args.master.read_text().splitlines()[1:]:
        customer, day, _, dollars = line.split()
        transactions.append((int(customer), date(int(day[:4]), int(day[4:6]), int(day[6:])), Decimal(dollars)))
    started = time.perf_counter()
    summary = summary_from_transactions(transactions, CALIBRATION_END)
    print(f"{len(transactions):,} purchases -> summary of {len(summary.frequency):,} customers in "
          f"{time.perf_counter() - started:.2f} s", flush=True)
    bg_nbd = _timed("BG/NBD fit", lambda: fit_bg_nbd(summary), args.repeat)
    gamma_gamma = _timed("Gamma-Gamma fit", lambda: fit_gamma_gamma(summary), args.repeat)
    print(f"  BG/NBD {bg_nbd}\n  Gamma-Gamma {gamma_gamma}", flush=True)
    _timed("12-month CLV for every customer", lambda: customer_lifetime_value(
        bg_nbd, gamma_gamma, summary, months=12, margin=0.3, annual_discount_rate=0.1), args.repeat)
