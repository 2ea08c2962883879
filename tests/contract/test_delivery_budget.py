"""The SPA's delivery budget, read from the build (frontend/dist, which `make test` builds first) and its manifest:
the login page's first load under 250 KB as transferred (gzip, what browsers take over plain HTTP), no route
chunk over 150 KB gzipped, no chart code on the login page or the customer list, and a brotli and gzip copy of
every asset worth compressing. Figures are in each failure message; page timings are `make bench BENCH=pages`."""

from __future__ import annotations

import gzip
import json
import re
from functools import cache
from typing import Any

import pytest

from repositories.settings import PROJECT_ROOT, Settings

DIST = Settings().spa_dir  # frontend/dist unless KEYHOLD_SPA_DIR names another build
MANIFEST = DIST / ".vite" / "manifest.json"
ROUTER = PROJECT_ROOT / "frontend" / "src" / "router" / "index.ts"

LOGIN_FIRST_LOAD_BYTES = 250_000
ROUTE_CHUNK_BYTES = 150_000
COMPRESS_FROM_BYTES = 1024  # frontend/vite.config.ts writes copies of text files from this size
LOGIN = "src/features/organisation/LoginView.vue"
CUSTOMER_LIST = "src/features/customers/CustomerListView.vue"
LAYOUT = "src/layouts/AppLayout.vue"
# A string of ECharts' runtime that survives minification: the attribute it marks a chart's element with.
ECHARTS_MARK = b"_echarts_instance_"

pytestmark = pytest.mark.skipif(not (DIST / "index.html").is_file(),
                                reason="frontend/dist is not built (make test builds it: `make spa`)")


@cache
def _manifest() -> dict[str, Any]:
    assert MANIFEST.is_file(), (f"{MANIFEST} is missing: frontend/dist predates "
                                "build.manifest; rebuild with `npm --prefix frontend run build`")
    manifest: dict[str, Any] = json.loads(MANIFEST.read_text())
    return manifest


def _gzipped_size(file: str) -> int:
    """Bytes on the wire with gzip: the build's .gz copy, or the file itself when it is too small to have one."""
    path = DIST / file
    copy = path.with_name(path.name + ".gz")
    if copy.is_file():
        return copy.stat().st_size
    raw = path.read_bytes()
    return len(raw) if len(raw) < COMPRESS_FROM_BYTES else len(gzip.compress(raw, 9))


def _loads(*keys: str) -> list[str]:
    """The files a browser fetches for these manifest entries: each chunk, its CSS, and the same for every chunk
    it imports statically (dynamic imports load later, on demand)."""
    manifest = _manifest()
    files: dict[str, None] = {}
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen:
            return
        seen.add(key)
        chunk = manifest[key]
        files[chunk["file"]] = None
        files.update(dict.fromkeys(chunk.get("css", [])))
        files.update(dict.fromkeys(chunk.get("assets", [])))
        for imported in chunk.get("imports", []):
            visit(imported)

    for key in keys:
        visit(key)
    return list(files)


def _first_load(*keys: str) -> list[str]:
    """What a browser fetches to show a page first: index.html, what it names (the entry script, its preloads, the
    one stylesheet) and the page's chunks with their static imports."""
    named = re.findall(r'(?:src|href)="/(assets/[^"]+)"', (DIST / "index.html").read_text())
    return list(dict.fromkeys(["index.html", *named, *_loads("index.html", *keys)]))


def _report(files: list[str]) -> str:
    sizes = sorted(((_gzipped_size(f), f) for f in files), reverse=True)
    return f"{sum(s for s, _ in sizes):,} bytes gzipped in {len(files)} files; largest: " + ", ".join(
        f"{f} {s:,}" for s, f in sizes[:8])


def _route_components() -> list[str]:
    components = [f"src/{path}" for path in re.findall(r"import\('@/([^']+\.vue)'\)", ROUTER.read_text())]
    assert LOGIN in components and CUSTOMER_LIST in components, "the router no longer names its views as expected"
    return components


def test_the_login_page_loads_under_its_budget() -> None:
    files = _first_load(LOGIN)
    total = sum(_gzipped_size(f) for f in files)
    assert total < LOGIN_FIRST_LOAD_BYTES, f"login first load over {LOGIN_FIRST_LOAD_BYTES:,}: {_report(files)}"


def test_no_route_chunk_is_over_its_budget() -> None:
    manifest = _manifest()
    sizes = {key: _gzipped_size(manifest[key]["file"]) for key in _route_components()}
    over = {key: size for key, size in sizes.items() if size > ROUTE_CHUNK_BYTES}
    assert not over, f"route chunks over {ROUTE_CHUNK_BYTES:,} bytes gzipped: {over}"


def test_the_login_page_and_the_customer_list_load_no_chart_code() -> None:
    charts = [f for f in {c["file"] for c in _manifest().values()} if ECHARTS_MARK in (DIST / f).read_bytes()]
    assert charts, "no chunk holds ECharts any more: update ECHARTS_MARK so this test still looks for it"
    for page in ([LOGIN], [LAYOUT, CUSTOMER_LIST]):
        loaded = _first_load(*page)
        assert not set(charts) & set(loaded), f"{page} loads chart code ({charts}): {_report(loaded)}"


def test_every_asset_worth_compressing_has_brotli_and_gzip_copies() -> None:
    missing = [str(path.relative_to(DIST)) for path in DIST.rglob("*")
               if path.suffix in (".js", ".css", ".html", ".svg", ".json") and ".vite" not in path.parts
               and path.stat().st_size >= COMPRESS_FROM_BYTES
               and not all(path.with_name(path.name + suffix).is_file() for suffix in (".br", ".gz"))]
    assert not missing, f"no .br/.gz copy (the build's precompress step): {missing[:10]}"


def test_the_budget_reads_real_sizes() -> None:
    """The figures above are the copies' sizes, and the loads follow static imports only."""
    manifest = _manifest()
    login = _first_load(LOGIN)
    assert manifest["index.html"]["file"] in login and manifest[LOGIN]["file"] in login
    assert any(f.endswith(".css") for f in login)  # the stylesheet, which index.html names
    assert manifest[LAYOUT]["file"] not in login  # the signed-in frame comes after signing in
    largest = DIST / max(login, key=lambda f: (DIST / f).stat().st_size)
    assert _gzipped_size(str(largest.relative_to(DIST))) == largest.with_name(largest.name + ".gz").stat().st_size
    assert largest.with_name(largest.name + ".gz").stat().st_size < largest.stat().st_size / 2
