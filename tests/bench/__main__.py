"""`python -m tests.bench [customers|ingestion|tiering|clv|loyalty|complaints|signin|pages] [options]`: the benchmarks;
no name runs all.

Each benchmark starts its own scratch embedded PostgreSQL and prints its figures with the baseline measured
in the same run; docs/benchmarks.md records them with the command that produced them.
"""

from __future__ import annotations

import sys

from tests.bench import clv, complaints, customer_list, ingestion, loyalty, pages, signin, tiering

BENCHMARKS = {"customers": customer_list.main, "ingestion": ingestion.main, "tiering": tiering.main,
              "clv": clv.main, "loyalty": loyalty.main, "complaints": complaints.main, "signin": signin.main,
              "pages": pages.main}

if __name__ == "__main__":
    name, *rest = sys.argv[1:] or [""]
    if name in BENCHMARKS:
        BENCHMARKS[name](rest)
    elif name in ("", "all"):
        for title, run in BENCHMARKS.items():
            print(f"== {title}", flush=True)
            run([])
    else:
        sys.exit(f"unknown benchmark {name!r}; choose from {', '.join(BENCHMARKS)} (or nothing for all)")
