"""The scheduler reports through `logging` (keyhold.scheduler), so `keyhold serve`'s log config formats its
lines like the server's own, instead of printing them."""

from __future__ import annotations

import asyncio
import logging

import pytest

from api import scheduler
from repositories.settings import Settings


async def test_a_failed_sweep_is_logged_with_its_traceback_not_printed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
) -> None:
    async def failing_sweep(*_: object, **__: object) -> None:
        raise RuntimeError("database on fire")

    async def stop(_: float) -> None:  # the loop's sleep between sweeps: end the loop after the first sweep
        raise asyncio.CancelledError

    monkeypatch.setattr(scheduler, "sweep", failing_sweep)
    monkeypatch.setattr(scheduler.asyncio, "sleep", stop)
    caplog.set_level(logging.INFO, logger="keyhold.scheduler")
    with pytest.raises(asyncio.CancelledError):
        # The engine connects lazily: the address is never dialled.
        await scheduler.run_sla_sweeps(Settings(sla_sweep_seconds=60), "postgresql+asyncpg://nobody@127.0.0.1:1/x")

    [record] = [r for r in caplog.records if r.name == "keyhold.scheduler"]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "SLA sweep failed; retrying at the next interval"
    assert record.exc_info is not None and "database on fire" in str(record.exc_info[1])
    assert capsys.readouterr().out == ""
