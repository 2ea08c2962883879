"""Compressed responses: what a client's `Accept-Encoding` admits, and gzip for the API's own answers. The SPA's
files are compressed once at build time and sent as they are (api/spa.py)."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.gzip import GZipMiddleware, GZipResponder, IdentityResponder
from starlette.types import Receive, Scope, Send

# The codings the build writes copies in (frontend/vite.config.ts), in the order preferred: brotli is the smaller.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))


def accepted_encodings(accept_encoding: str) -> set[str]:
    """The content codings an `Accept-Encoding` value admits (RFC 9110 section 12.5.3): those listed without
    `q=0`, and for `*` every coding not refused by name."""
    accepted: set[str] = set()
    refused: set[str] = set()
    for item in accept_encoding.split(","):
        name, _, parameters = item.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        weight = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        (accepted if weight > 0 else refused).add(name)
    if "*" in accepted:
        accepted |= {coding for coding, _ in PRECOMPRESSED} - refused
    return accepted


class ApiGZip(GZipMiddleware):
    """Starlette's gzip (responses over `minimum_size`, streams flushed per chunk, images and event streams left
    alone), for answers under /api/ only and only when the client admits gzip (Starlette's own check ignores
    `gzip;q=0`)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
        elif "gzip" in accepted_encodings(Headers(scope=scope).get("accept-encoding", "")):
            await GZipResponder(self.app, self.minimum_size, compresslevel=self.compresslevel,
                                thread_minimum_size=self.thread_minimum_size,
                                exclude_content_types=self.exclude_content_types)(scope, receive, send)
        else:  # the same Vary either way
            await IdentityResponder(self.app, self.minimum_size,
                                    exclude_content_types=self.exclude_content_types)(scope, receive, send)
