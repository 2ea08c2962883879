"""The built SPA: its content-hashed /assets/* cached for a year, everything else (index.html, the history fallback,
the API docs' files) revalidated on every use; each file sent as the brotli or gzip copy that the build wrote beside
it (frontend/vite.config.ts) when the client accepts that coding."""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.staticfiles import NotModifiedResponse
from starlette.types import Scope

from api.compression import PRECOMPRESSED, accepted_encodings
from api.errors import problem_response

# A hashed asset never changes under its name: a new build gives it a new one.
IMMUTABLE = "public, max-age=31536000, immutable"
# index.html names the current build's assets, so the browser asks every time (a 304 when unchanged).
REVALIDATE = "no-cache"


class PrecompressedFiles(StaticFiles):
    """Static files sent with one `Cache-Control`, each as its `.br` or `.gz` copy when there is one and the
    client accepts it (with `Content-Encoding`, the original's `Content-Type` and `Vary: Accept-Encoding`);
    conditional requests (ETag, Last-Modified) answered per copy."""

    def __init__(self, *, directory: Path, cache_control: str, check_dir: bool = True) -> None:
        super().__init__(directory=directory, check_dir=check_dir)
        self.cache_control = cache_control

    def file_response(self, full_path: str | os.PathLike[str], stat_result: os.stat_result, scope: Scope,
                      status_code: int = 200) -> Response:
        request_headers = Headers(scope=scope)
        path = os.fspath(full_path)
        accepted = accepted_encodings(request_headers.get("accept-encoding", ""))
        headers = {"Cache-Control": self.cache_control}
        served, served_stat, media_type = path, stat_result, mimetypes.guess_type(path)[0] or "text/plain"
        for coding, suffix in PRECOMPRESSED:
            try:
                copy_stat = os.stat(path + suffix)
            except OSError:
                continue
            headers["Vary"] = "Accept-Encoding"
            if coding in accepted and served == path:
                served, served_stat = path + suffix, copy_stat
                headers["Content-Encoding"] = coding
        response = FileResponse(served, status_code=status_code, stat_result=served_stat, media_type=media_type,
                                headers=headers)
        if self.is_not_modified(response.headers, request_headers):
            return NotModifiedResponse(response.headers)
        return response


def serve_spa(app: FastAPI, spa_dir: Path) -> None:
    """/assets/* from the build's assets folder; any other path not under /api is a file of the build or, failing
    that, index.html (the SPA's history fallback)."""
    assets = spa_dir / "assets"
    if assets.is_dir():
        app.mount("/assets", PrecompressedFiles(directory=assets, cache_control=IMMUTABLE), name="assets")
    # Looked up per request (a path outside the folder is never served), so a build made after start is served.
    files = PrecompressedFiles(directory=spa_dir, cache_control=REVALIDATE, check_dir=False)

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if path == "api" or path.startswith("api/"):
            return problem_response(404, f"No API route /{path}.")
        for candidate in (path, "index.html") if path else ("index.html",):
            try:
                return await files.get_response(candidate, request.scope)
            except HTTPException:
                continue
        return problem_response(404, "The SPA is not built: run `make run` (or `npm --prefix frontend run build`).")
