"""Binary COPY through a real server (repositories/binary_copy.py): a stream of several pieces arrives whole and
in order, and reads back as the columns it was built from."""

from __future__ import annotations

import numpy as np
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from repositories.binary_copy import copy_in, copy_out

COLUMNS = [("id", "bigint"), ("score", "float8"), ("code", "smallint")]


async def test_rows_of_several_pieces_go_in_and_come_back_unchanged(
        session_factory: async_sessionmaker[AsyncSession]) -> None:
    rows = 40_000  # three pieces of encode_chunks' 16,384 rows
    rng = np.random.default_rng(5)
    values = {"id": np.arange(1, rows + 1, dtype=np.int64), "score": rng.normal(size=rows),
              "code": rng.integers(-100, 100, size=rows).astype(np.int16)}
    async with session_factory() as session:
        await session.execute(text("CREATE TEMP TABLE copied (id bigint, score float8, code smallint)"))
        await copy_in(session, "copied", COLUMNS, values)
        totals = (await session.execute(text(
            "SELECT count(*) AS n, sum(id) AS ids, sum(code) AS codes FROM copied"))).one()
        assert (totals.n, totals.ids, totals.codes) == (rows, rows * (rows + 1) // 2, int(values["code"].sum()))
        back = await copy_out(session, text("SELECT id, score, code FROM copied WHERE id > :after ORDER BY id"),
                              {"after": 0}, COLUMNS)
        for name, _ in COLUMNS:
            np.testing.assert_array_equal(back[name], values[name])
        await session.rollback()
