"""How the SPA and the API travel: each built file as the brotli or gzip copy the build wrote beside it when the
client accepts that coding (else as it is), hashed assets cached for a year and index.html revalidated, API JSON
gzipped on the way out with its ETag, cache and security headers kept (api/spa.py, api/app.py)."""

from __future__ import annotations

import gzip
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api.app import create_app
from api.compression import accepted_encodings
from repositories.settings import Settings

SCRIPT = b"export const greeting = 'keyhold';\n" * 120  # 4 KB, over the build's 1 KB threshold
INDEX = b'<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head></html>'


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    """A build as frontend/vite.config.ts writes it: a hashed asset with its .br and .gz copies, a stylesheet with
    only a .gz copy, index.html (too small to compress), and a file outside the build that must never be served."""
    root = tmp_path / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_bytes(INDEX)
    script = root / "assets" / "index-Ab12Cd34.js"
    script.write_bytes(SCRIPT)
    # The server sends a copy as it is, so its bytes only need to be recognisable (Python has no brotli encoder).
    (root / "assets" / "index-Ab12Cd34.js.br").write_bytes(b"brotli copy of index-Ab12Cd34.js")
    (root / "assets" / "index-Ab12Cd34.js.gz").write_bytes(gzip.compress(SCRIPT))
    (root / "assets" / "index-Ef56Gh78.css").write_bytes(b"body{margin:0}\n" * 100)
    (root / "assets" / "index-Ef56Gh78.css.gz").write_bytes(gzip.compress(b"body{margin:0}\n" * 100))
    (tmp_path / "secret.txt").write_text("not part of the build")
    return root


@pytest.fixture
async def http(test_settings: Settings, session_factory: Any, clock: Any,
               dist: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(test_settings.model_copy(update={"spa_dir": dist}), session_factory=session_factory, clock=clock)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as client:
        yield client


async def _get_raw(http: httpx.AsyncClient, path: str, **headers: str) -> tuple[httpx.Response, bytes]:
    """The response and its body as it travelled (httpx would otherwise decode gzip)."""
    async with http.stream("GET", path, headers=headers) as response:
        return response, b"".join([chunk async for chunk in response.aiter_raw()])


@pytest.mark.parametrize(("accept_encoding", "coding", "suffix"), [
    ("gzip, deflate, br, zstd", "br", ".br"),  # Chromium over HTTPS
    ("gzip, deflate", "gzip", ".gz"),  # Chromium over plain HTTP
    ("br;q=0, gzip;q=0.8", "gzip", ".gz"),
    ("*", "br", ".br"),
    ("br;q=0, *", "gzip", ".gz"),
    ("identity", None, ""),
    ("gzip;q=0, br;q=0", None, ""),
])
async def test_an_asset_is_sent_as_the_copy_the_client_accepts(
    http: httpx.AsyncClient, dist: Path, accept_encoding: str, coding: str | None, suffix: str
) -> None:
    response, body = await _get_raw(http, "/assets/index-Ab12Cd34.js", **{"Accept-Encoding": accept_encoding})
    assert response.status_code == 200
    assert body == (dist / "assets" / f"index-Ab12Cd34.js{suffix}").read_bytes()
    assert response.headers.get("content-encoding") == coding
    assert response.headers["content-length"] == str(len(body))
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["x-content-type-options"] == "nosniff"  # the guard's headers on files too


async def test_a_file_with_only_a_gzip_copy_is_sent_gzipped_to_a_browser_that_also_takes_brotli(
    http: httpx.AsyncClient,
) -> None:
    response, body = await _get_raw(http, "/assets/index-Ef56Gh78.css", **{"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["content-type"].startswith("text/css")
    assert gzip.decompress(body) == b"body{margin:0}\n" * 100


async def test_index_and_the_history_fallback_are_revalidated_and_a_missing_asset_is_404(
    http: httpx.AsyncClient,
) -> None:
    for path in ("/", "/index.html", "/customers/12", "/score-sheets?status=draft"):
        response = await http.get(path)
        assert response.status_code == 200, path
        assert response.content == INDEX, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert response.headers["cache-control"] == "no-cache", path
    # A build that no longer has a file must not answer with index.html under a script's name (cached a year).
    assert (await http.get("/assets/index-Old00000.js")).status_code == 404
    assert (await http.get("/api/v1/no-such-route")).headers["content-type"].startswith("application/problem+json")


async def test_nothing_outside_the_build_is_served(http: httpx.AsyncClient) -> None:
    for path in ("/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt", "/%2e%2e/secret.txt"):
        response = await http.get(path)
        assert b"not part of the build" not in response.content, path


async def test_a_cached_copy_is_revalidated_per_coding(http: httpx.AsyncClient) -> None:
    first = await http.get("/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "br"})
    etag = first.headers["etag"]
    again = await http.get("/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert again.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert again.headers["vary"] == "Accept-Encoding"
    # The brotli copy's tag does not stand for the gzip copy.
    other = await http.get("/assets/index-Ab12Cd34.js", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert other.status_code == 200
    assert other.headers["etag"] != etag
    index = await http.get("/customers")
    revalidated = await http.get("/customers", headers={"If-None-Match": index.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.headers["cache-control"] == "no-cache"


async def test_api_json_is_gzipped_with_its_headers_and_etag_kept(
    http: httpx.AsyncClient, auth: Any
) -> None:
    created = await http.post("/api/v1/customers", headers=auth("am_zhang"), json={
        "name": "杭州西湖国宾馆", "customer_type": "hotel", "address": "杭州市西湖区杨公堤18号" * 40})
    assert created.status_code == 201, created.text
    path = f"/api/v1/customers/{created.json()['id']}"
    plain, plain_body = await _get_raw(http, path, **{**auth("am_zhang"), "Accept-Encoding": "identity"})
    zipped, zipped_body = await _get_raw(http, path, **{**auth("am_zhang"), "Accept-Encoding": "gzip, deflate, br"})
    assert "content-encoding" not in plain.headers
    refused, _ = await _get_raw(http, path, **{**auth("am_zhang"), "Accept-Encoding": "gzip;q=0, deflate"})
    assert "content-encoding" not in refused.headers
    assert zipped.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in zipped.headers["vary"].lower()
    assert zipped.headers["content-length"] == str(len(zipped_body)) and len(zipped_body) < len(plain_body) / 2
    assert json.loads(gzip.decompress(zipped_body)) == json.loads(plain_body)
    assert zipped.headers["content-type"] == "application/json"
    assert zipped.headers["cache-control"] == "no-store"
    assert zipped.headers["x-request-id"] and zipped.headers["x-frame-options"] == "DENY"
    # The ETag is the version, whatever the coding, and If-Match takes it back.
    assert zipped.headers["etag"] == plain.headers["etag"] == '"1"'
    saved = await http.patch(path, json={"region": "杭州"},
                             headers={**auth("am_zhang"), "If-Match": zipped.headers["etag"]})
    assert saved.status_code == 200, saved.text
    stale = await http.patch(path, json={"region": "宁波"}, headers={**auth("am_zhang"), "If-Match": '"1"'})
    assert stale.status_code == 412
    # Small answers are not worth compressing.
    health, _ = await _get_raw(http, "/api/v1/health", **{"Accept-Encoding": "gzip"})
    assert "content-encoding" not in health.headers


async def test_the_body_cap_holds_for_a_client_that_takes_gzip(
    test_settings: Settings, session_factory: Any, clock: Any, auth: Any, dist: Path
) -> None:
    settings = test_settings.model_copy(update={"spa_dir": dist, "max_body_bytes": 2048})
    app = create_app(settings, session_factory=session_factory, clock=clock)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://keyhold.test") as http:
        response = await http.post("/api/v1/customers", content=b'{"name": "' + b"x" * 4000 + b'"}', headers={
            **auth("am_zhang"), "Content-Type": "application/json", "Accept-Encoding": "gzip"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")


def test_accept_encoding_is_read_with_its_weights() -> None:
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, GZIP ; q=0.5") == {"gzip"}
    assert accepted_encodings("*;q=0.1, gzip;q=0") == {"*", "br"}
    assert accepted_encodings("br;q=nonsense") == set()
    assert accepted_encodings("") == set()
