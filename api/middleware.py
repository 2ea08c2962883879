"""The outermost guard of every request (pure ASGI, inside Starlette's own error middleware):

- a request id (`X-Request-ID`, taken from the client when it is a sane token, else made) on every response
  and in the one log line a failed request writes;
- the security headers on every response, errors included;
- request bodies capped before they are read whole (413), with a larger cap for the ERP batch endpoints;
- a client that goes away cancels its request, and so its query (asyncpg cancels a statement whose task is
  cancelled), instead of letting it run on for nobody;
- an exception that no handler answered becomes problem+json: 503 with `Retry-After` when the database is
  unreachable or a statement ran out of time, 500 otherwise; one log line, no traceback per request;
- one access-log line per request (`keyhold.requests`, key=value: request id, method, path, status, time, client).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import socket
import time
import uuid
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

log = logging.getLogger("keyhold.requests")

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[Message], Any]
ASGIApp = Callable[[Scope, Receive, Send], Any]

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
# Seconds a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5
# SQLSTATEs meaning "the server cannot serve now": connection exceptions (08), insufficient resources (53),
# operator intervention (57: admin or crash shutdown, cannot connect now) and a statement cancelled by the
# statement_timeout (57014).
_UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "53", "57")


def database_unavailable(exc: BaseException) -> bool:
    """Whether `exc` says the database could not be reached or answered in time (a 503, not a bug)."""
    if isinstance(exc, PoolTimeoutError | ConnectionError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        for candidate in (exc.orig, getattr(exc.orig, "__cause__", None)):
            if isinstance(candidate, ConnectionError | OSError | TimeoutError):
                return True
            code = getattr(candidate, "sqlstate", None)
            if isinstance(code, str) and code.startswith(_UNAVAILABLE_SQLSTATE_PREFIXES):
                return True
            # asyncpg's "connection was closed in the middle of operation" and friends carry no SQLSTATE.
            if type(candidate).__name__ in ("ConnectionDoesNotExistError", "InterfaceError",
                                            "InternalClientError") and "connection" in str(candidate).lower():
                return True
    return isinstance(exc, socket.gaierror)  # the database's host name does not resolve


def _problem_body(status: int, detail: str, request_id: str) -> bytes:
    phrase = HTTPStatus(status).phrase
    return json.dumps({"type": "/problems/" + phrase.lower().replace(" ", "-"), "title": phrase, "status": status,
                       "detail": detail, "request_id": request_id}).encode()


class _BodyTooLarge(Exception):
    pass


class RequestGuard:
    def __init__(self, app: ASGIApp, *, headers: Callable[[Scope], Mapping[str, str]],
                 body_limit: Callable[[Scope], int]) -> None:
        self.app = app
        self.headers = headers
        self.body_limit = body_limit
        self._seen_failures: set[tuple[str, str, int]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        scope.setdefault("state", {})["request_id"] = request_id
        extra_headers = [(k.lower().encode(), v.encode()) for k, v in self.headers(scope).items()]
        extra_headers.append((REQUEST_ID_HEADER.lower().encode(), request_id.encode()))
        started = finished = False
        status = 0
        began = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            nonlocal started, finished, status
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                finished = True
            if message["type"] == "http.response.start":
                started = True
                status = message["status"]
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in extra_headers if h[0] not in present)]}
            await send(message)

        async def answer(status: int, detail: str, headers: dict[str, str] | None = None) -> None:
            if started:
                return  # a response is under way: nothing sensible can be sent any more
            body = _problem_body(status, detail, request_id)
            await send_with_headers({"type": "http.response.start", "status": status, "headers": [
                (b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode()),
                *((k.lower().encode(), v.encode()) for k, v in (headers or {}).items())]})
            await send_with_headers({"type": "http.response.body", "body": body})

        limit = self.body_limit(scope)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await answer(413, f"The request body is larger than {limit:,} bytes.")
            return

        # One reader of the client's messages: request bodies go to the app through a queue, a disconnect
        # cancels the app (and with it any query it waits for).
        inbox: asyncio.Queue[Message] = asyncio.Queue()
        app_task = asyncio.current_task()
        disconnected = False
        too_large = False

        async def pump() -> None:
            nonlocal disconnected, too_large
            received = 0
            while True:
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > limit:
                        too_large = True
                        if app_task is not None:
                            app_task.cancel()
                        return
                    await inbox.put(message)
                elif message["type"] == "http.disconnect":
                    await inbox.put(message)
                    # Gone before the answer was complete: nobody waits for the rest of the work.
                    if not finished and app_task is not None:
                        disconnected = True
                        app_task.cancel()
                    return

        async def receive_from_inbox() -> Message:
            return await inbox.get()

        reader = asyncio.create_task(pump())
        try:
            await self.app(scope, receive_from_inbox, send_with_headers)
        except asyncio.CancelledError:
            if too_large:
                await answer(413, f"The request body is larger than {limit:,} bytes.")
            elif not disconnected:
                raise
            else:
                log.info("request %s %s %s: the client went away; its work was cancelled", request_id,
                         scope["method"], scope["path"])
        except Exception as exc:
            if database_unavailable(exc):
                log.warning("request %s %s %s: database unavailable (%s: %s)", request_id, scope["method"],
                            scope["path"], type(exc).__name__, _first_line(exc))
                await answer(503, "The database is not available at the moment; try again shortly.",
                             {"Retry-After": str(RETRY_AFTER_SECONDS)})
            else:
                # A bug's traceback once per process and place; after that one line per request.
                where = _innermost_frame(exc)
                first = where not in self._seen_failures
                self._seen_failures.add(where)
                log.error("request %s %s %s failed: %s: %s", request_id, scope["method"], scope["path"],
                          type(exc).__name__, _first_line(exc), exc_info=exc if first else None)
                await answer(500, f"Something went wrong on the server (request {request_id}); it was logged.")
        finally:
            # One line per request, key=value, with the id the client saw (KEYHOLD's access log).
            log.info("request_id=%s method=%s path=%s status=%s ms=%.1f client=%s", request_id, scope["method"],
                     scope["path"], status or "-", (time.perf_counter() - began) * 1000,
                     (scope.get("client") or ("-",))[0])
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader
            # A cancel that arrived after the app finished must not leak into the server's task.
            if app_task is not None and app_task.cancelling():
                app_task.uncancel()


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            candidate: str = value.decode("latin-1")
            if _SANE_REQUEST_ID.fullmatch(candidate):
                return candidate
    return uuid.uuid4().hex


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _innermost_frame(exc: BaseException) -> tuple[str, str, int]:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None:
        return type(exc).__name__, "", 0
    return type(exc).__name__, tb.tb_frame.f_code.co_filename, tb.tb_lineno


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else ""
