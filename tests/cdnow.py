"""The CDNOW reference data for the lifetime-value tests: the 1/10 sample's transactions and the published
2,357-customer summary, copied into tests/data/cdnow from ../shared/data/cdnow (MIT-licensed, from the
`lifetimes` package; see the README there) so the tests run from any clone."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

CDNOW_DIR = Path(__file__).resolve().parent / "data" / "cdnow"
CALIBRATION_END = date(1997, 9, 30)  # the 39-week calibration period 1997-01-01 .. 1997-09-30, inclusive


@dataclass(frozen=True)
class SummaryRow:
    id: int
    frequency: int
    recency: float
    T: float
    monetary: Decimal  # zbar: the mean value of the repeat purchases (0.00 without)


@dataclass(frozen=True)
class Purchase:
    id: int  # the customer's id in the sample (1..2357), the summary's ID
    day: date
    cds: int
    dollars: Decimal


@cache
def published_summary() -> tuple[SummaryRow, ...]:
    """cdnow_customers_summary.csv joined with the zbar of cdnow_customers_summary_with_transactions.csv."""
    with (CDNOW_DIR / "cdnow_customers_summary.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    with (CDNOW_DIR / "cdnow_customers_summary_with_transactions.csv").open(newline="") as f:
        spend = {int(r["ID"]): r for r in csv.DictReader(f)}
    out = []
    for r in rows:
        s = spend[int(r["ID"])]
        assert (int(s["x"]), float(s["t_x"]), float(s["T"])) == (int(r["frequency"]), float(r["recency"]),
                                                                  float(r["T"]))
        out.append(SummaryRow(int(r["ID"]), int(r["frequency"]), float(r["recency"]), float(r["T"]),
                              Decimal(s["zbar"])))
    return tuple(out)


@cache
def sample_purchases() -> tuple[Purchase, ...]:
    """CDNOW_sample.txt: master id, sample id, date YYYYMMDD, number of CDs, dollars (whitespace separated)."""
    out = []
    for line in (CDNOW_DIR / "CDNOW_sample.txt").read_text().splitlines():
        if line.strip():
            _, sample_id, day, cds, dollars = line.split()
            out.append(Purchase(int(sample_id), date(int(day[:4]), int(day[4:6]), int(day[6:])), int(cds),
                                Decimal(dollars)))
    return tuple(out)
