"""What every table family shares: the shape of a column list, and the one way a reader narrows to some rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

Columns = Mapping[str, pa.DataType]  # a table's columns in order, with their Arrow types: one list per table


def among(column: str, values: Sequence[Any] | None) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause keeping the rows whose ``column`` is one of ``values`` (every row with None)."""
    if values is None:
        return "", []
    return f"WHERE {column} IN (SELECT unnest(?))", [list(values)]
