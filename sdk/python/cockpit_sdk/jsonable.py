"""Turning arbitrary Python values into the JSON values the API stores."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import enum
import math
import uuid
from typing import Any, Mapping

from .canonical_json import key_text

__all__ = ["to_jsonable"]

#: Deeper structures are cut (the server's redaction stops at 256 levels anyway).
_MAX_DEPTH = 300


def to_jsonable(value: Any, _depth: int = 0) -> Any:
    """A JSON-compatible copy of ``value`` (dict with string keys, list, str, int, float, bool, None).

    Tuples and sets become lists, non-finite floats ``None`` (as ``JSON.stringify`` does), dates ISO
    8601 text, dataclasses and pydantic models dicts, bytes base64 text, and anything else its
    ``str()``. The same conversion is applied before hashing and before sending, so a gated tool
    call's arguments hash the same on both sides.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)  # also IntEnum and other int subclasses
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if _depth >= _MAX_DEPTH:
        return "[too deep]"
    depth = _depth + 1
    if isinstance(value, Mapping):
        return {key_text(key): to_jsonable(item, depth) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [to_jsonable(item, depth) for item in items]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value, depth)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_jsonable(dataclasses.asdict(value), depth)
    model_dump = getattr(value, "model_dump", None)  # pydantic v2, without importing it
    if callable(model_dump):
        try:
            return to_jsonable(model_dump(mode="json"), depth)
        except Exception:  # noqa: BLE001 - fall back to the text form
            pass
    if isinstance(value, BaseException):
        return {"type": type(value).__name__, "message": str(value)}
    return str(value)
