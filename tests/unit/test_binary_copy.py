"""PostgreSQL's binary COPY format as numpy columns (repositories/binary_copy.py), without a database; the
integration tests of the loyalty recompute send and read it through a real server."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from repositories.binary_copy import decode, encode, encode_chunks

COLUMNS = [("id", "bigint"), ("score", "float8"), ("code", "smallint"), ("flag", "bool"), ("count", "integer")]


def _values() -> dict[str, np.ndarray]:
    return {"id": np.array([1, 2**40, -3], dtype=np.int64), "score": np.array([0.5, np.nan, -1e300]),
            "code": np.array([0, 7, -2], dtype=np.int16), "flag": np.array([True, False, True]),
            "count": np.array([0, 2**31 - 1, -5], dtype=np.int32)}


def test_a_stream_reads_back_as_the_columns_it_was_built_from() -> None:
    values = _values()
    decoded = decode(COLUMNS, bytes(encode(COLUMNS, values)))
    assert list(decoded) == [name for name, _ in COLUMNS]
    for name, _ in COLUMNS:
        np.testing.assert_array_equal(decoded[name], values[name])
        assert decoded[name].dtype.isnative


def test_the_stream_is_postgresqls_binary_copy_format() -> None:
    stream = bytes(encode([("id", "bigint"), ("score", "float8")],
                          {"id": np.array([5], dtype=np.int64), "score": np.array([2.5])}))
    header = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
    row = struct.pack(">h", 2) + struct.pack(">iq", 8, 5) + struct.pack(">id", 8, 2.5)
    assert stream == header + row + struct.pack(">h", -1)


def test_no_rows_is_a_header_and_a_trailer() -> None:
    empty = {name: values[:0] for name, values in _values().items()}
    assert all(len(v) == 0 for v in decode(COLUMNS, bytes(encode(COLUMNS, empty))).values())


def test_a_null_field_is_refused_rather_than_read_as_a_number() -> None:
    header = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
    # One row of (id bigint, score float8) with a NULL score: length -1 and no value, padded to the row's size.
    row = struct.pack(">h", 2) + struct.pack(">iq", 8, 5) + struct.pack(">i", -1) + b"\x00" * 8
    with pytest.raises(ValueError, match="score"):
        decode([("id", "bigint"), ("score", "float8")], header + row + struct.pack(">h", -1))


def test_something_else_than_a_binary_copy_stream_is_refused() -> None:
    with pytest.raises(ValueError, match="binary COPY"):
        decode(COLUMNS, b"id,score\n1,0.5\n")


def test_a_stream_built_in_pieces_is_the_stream_built_whole() -> None:
    """The pieces share one buffer: each must be the bytes of its own rows when it is handed over."""
    values = _values()
    pieces = [bytes(p) for p in encode_chunks(COLUMNS, values, rows_per_chunk=2)]
    assert len(pieces) == 4  # header, two rows, one row, trailer
    assert b"".join(pieces) == encode(COLUMNS, values)
    np.testing.assert_array_equal(decode(COLUMNS, b"".join(pieces))["id"], values["id"])
