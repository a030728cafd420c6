"""Canonical JSON and the payload hash of a tool call, byte for byte as the server computes them.

The server (TypeScript) sorts object keys by UTF-16 code units and formats strings and numbers the
way ``JSON.stringify`` does; Python's ``json`` module differs on several points (``1.0``, ``1e+21``,
``-0.0``, lone surrogates, key order outside the BMP), so the text is built here by hand.
"""

from __future__ import annotations

import hashlib
import math
import re
from typing import Any, Mapping

__all__ = ["canonical_json", "payload_hash", "js_number", "js_string", "js_stringify"]

#: The largest integer that a double holds exactly; larger ones are rounded as JSON.parse rounds them.
_MAX_SAFE_INTEGER = 2**53
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\ud800-\udfff]')


def js_number(value: float) -> str:
    """Format a number as ECMAScript ``Number.prototype.toString`` does (``1``, ``1e+21``, ``1e-7``).

    Non-finite numbers give ``"null"``, as in ``JSON.stringify``.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if -_MAX_SAFE_INTEGER <= value <= _MAX_SAFE_INTEGER:
            return str(value)
        try:
            value = float(value)
        except OverflowError:  # JSON.parse reads it as Infinity
            return "null"
    if not math.isfinite(value):
        return "null"
    if value == 0:
        return "0"  # also -0
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that round-trip, which is also what ECMAScript picks.
    mantissa, _, exponent = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    leading_zeros = len(whole + fraction) - len(digits)
    digits = digits.rstrip("0")
    k = len(digits)
    # ECMAScript's n: the value is digits x 10^(n - k).
    n = len(whole) + int(exponent or 0) - leading_zeros
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        e = n - 1
        head = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{head}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + text


def _escape(match: re.Match) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def js_string(text: str) -> str:
    """Quote a string as ``JSON.stringify`` does: only ``"``, ``\\``, control characters and lone
    surrogates are escaped; everything else is kept literally."""
    if _SURROGATE.search(text):
        # A surrogate pair held as two code points is one character to JavaScript.
        text = text.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


def _utf16_key(key: str) -> bytes:
    return key.encode("utf-16-be", "surrogatepass")


def key_text(key: Any) -> str:
    """The text of a mapping key as it appears in JSON (``json.dumps`` turns ``True`` into ``"true"``)."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        return _scalar(key)
    return str(key)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return js_number(value)


def _dump(value: Any, sort_keys: bool) -> str:
    if isinstance(value, str):
        return js_string(value)
    if value is None or isinstance(value, (bool, int, float)):
        return _scalar(value)
    if isinstance(value, Mapping):
        items = [(key_text(key), item) for key, item in value.items()]
        if sort_keys:
            items.sort(key=lambda pair: _utf16_key(pair[0]))
        return "{" + ",".join(f"{js_string(key)}:{_dump(item, sort_keys)}" for key, item in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_dump(item, sort_keys) for item in value) + "]"
    raise TypeError(f"{type(value).__name__} is not a JSON value (convert it with to_jsonable first)")


def canonical_json(value: Any) -> str:
    """Canonical JSON of a JSON-like value: keys sorted by UTF-16 code units, no whitespace,
    strings and numbers written as JavaScript writes them."""
    return _dump(value, sort_keys=True)


def js_stringify(value: Any) -> str:
    """``JSON.stringify(value)``: like :func:`canonical_json` but keys keep their order."""
    return _dump(value, sort_keys=False)


def payload_hash(tool: str, arguments: Any) -> str:
    """Lowercase hex SHA-256 of the canonical JSON of ``{"arguments": arguments, "tool": tool}``.

    This is the hash a decision token is bound to: the server recomputes it from the ``input`` of
    the reported tool step.
    """
    text = canonical_json({"arguments": arguments, "tool": tool})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
