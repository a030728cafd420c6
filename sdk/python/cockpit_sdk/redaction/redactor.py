"""Redaction of JSON-like values (mirrors domain/shared/redaction/redactor.ts).

Deep-copies a value with secrets and personal data replaced by typed placeholders such as
``[REDACTED:email]``, and says where each one was. Redacting an already redacted value changes
nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import threading
from importlib import resources
from typing import Any, Callable, Dict, List, Mapping, NamedTuple, Optional, Sequence, Union

from ..canonical_json import js_number, js_string, js_stringify, key_text
from ..jsonable import to_jsonable
from .key_names import KeyClass, KeyNames
from .text_scanner import Finding, TextScanner, compile_pattern
from .validators import looks_random

RedactionHash = Callable[[str], str]
PathSegment = Union[str, int]

# What a value's position says about it, weakest first, so the strongest of two is their maximum.
_NORMAL = 0  # scan strings
_HINTED = 1  # under a key-like name: a random-looking string is a secret
_SENSITIVE = 2  # under a sensitive key: every string and number leaf is a credential

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*", re.ASCII)
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]{0,9}", re.ASCII)


class RedactionMark(NamedTuple):
    """Where a placeholder was put, what it replaced (``type``) and a keyed hash of the original.

    ``target`` is ``"key"`` when the placeholder replaced part of the object key at ``path``.
    """

    path: str
    type: str
    hash: str
    target: Optional[str] = None

    def to_dict(self) -> Dict[str, str]:
        """The mark as the API shows it (``target`` only when set)."""
        out = {"path": self.path, "type": self.type, "hash": self.hash}
        if self.target:
            out["target"] = self.target
        return out


class Redacted(NamedTuple):
    """The redacted copy and where its placeholders are."""

    value: Any
    marks: List[RedactionMark]


def load_rules() -> Dict[str, Any]:
    """The rules document shipped with the SDK (a copy of the server's sdk/redaction-rules.json)."""
    text = resources.files("cockpit_sdk").joinpath("redaction-rules.json").read_text(encoding="utf-8")
    return json.loads(text)


def format_path(base: str, segments: Sequence[PathSegment]) -> str:
    """Dot/bracket notation: ``input.messages[0].content``, ``headers["x-api-key"]``."""
    path = base
    for segment in segments:
        if isinstance(segment, int):
            path = f"{path}[{segment}]"
        elif _IDENTIFIER.fullmatch(segment):
            path = f"{path}.{segment}" if path else segment
        else:
            path = f"{path}[{js_string(segment)}]"
    return path


def hmac_hash(key: bytes) -> RedactionHash:
    """HMAC-SHA256 (hex) keyed with ``key``, the kind of hash the server puts in marks."""
    return lambda value: hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


class _KeyEntry(NamedTuple):
    findings: List[Finding]
    redacted: str  # the key with its secrets replaced (the key itself when it has none)
    mode: int  # what the key says about its value
    pair_value: bool  # named like the value of a name/value pair


def _mode_of(key_class: KeyClass) -> int:
    return _SENSITIVE if key_class.sensitive else _HINTED if key_class.secret_hint else _NORMAL


class _Engine:
    """The compiled, hash-independent part of a rules document."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        self.rules = rules
        self.scanner = TextScanner(rules)
        self.keys = KeyNames(rules["keys"])
        self.placeholder_format: str = rules["placeholder"]["format"]
        self.placeholders = compile_pattern(rules["placeholder"]["pattern"])
        self.entropy_skip = compile_pattern(rules["entropy"]["skip_pattern"])
        self.pair_names: List[str] = list(rules["keys"]["pair_name_fields"])
        self.pair_name = compile_pattern(rules["keys"]["pair_name_pattern"])
        self.pair_values = frozenset(rules["keys"]["pair_value_fields"])
        self.max_depth: int = rules["max_depth"]
        self.sensitive_type: str = rules["keys"]["sensitive_type"]
        self.entropy: Mapping[str, Any] = rules["entropy"]

    def placeholder(self, type_: str) -> str:
        return self.placeholder_format.replace("{type}", type_)

    def is_placeholder(self, text: str) -> bool:
        return self.placeholders.fullmatch(text) is not None

    def pair_mode(self, name: Any) -> int:
        """What the name of a name/value pair says about its value; nothing unless it looks like a name."""
        if isinstance(name, str) and self.pair_name.fullmatch(name):
            return _mode_of(self.keys.classify(name))
        return _NORMAL

    def key(self, key: str) -> _KeyEntry:
        findings = self.scanner.scan(key)
        redacted = replace(key, findings, self) if findings else key
        # Placeholders in a key are ignored, so a redacted key is judged like its first pass.
        mode = _mode_of(self.keys.classify(self.placeholders.sub(" ", redacted)))
        return _KeyEntry(findings, redacted, mode, key in self.pair_values)


def replace(text: str, findings: Sequence[Finding], engine: _Engine) -> str:
    """``text`` with each finding replaced by its placeholder."""
    out: List[str] = []
    at = 0
    for finding in findings:
        out.append(text[at : finding.start])
        out.append(engine.placeholder(finding.type))
        at = finding.end
    out.append(text[at:])
    return "".join(out)


def _in_javascript_order(keys: Mapping[str, Any]) -> List[str]:
    """Keys in the order JavaScript enumerates them: array indexes ascending first, then the rest in
    insertion order. The server walks the parsed JSON in that order, which decides the order of the
    marks and the numbering of colliding redacted keys."""
    indexes = {key for key in keys if _ARRAY_INDEX.fullmatch(key) and int(key) < 2**32 - 1}
    if not indexes:
        return list(keys)
    return sorted(indexes, key=int) + [key for key in keys if key not in indexes]


class Redactor:
    """Redacts JSON-like values as the server does, from a rules document.

    ``hash`` makes the marks' hashes; by default an HMAC with a random key of this process, so equal
    secrets have equal hashes within the process and the hashes cannot be reversed elsewhere.
    """

    def __init__(
        self, hash: Optional[RedactionHash] = None, rules: Optional[Mapping[str, Any]] = None
    ) -> None:
        self._engine = _default_engine() if rules is None else _Engine(rules)
        self._hash = hash or _process_hash()

    def redact(self, value: Any, base_path: str = "") -> Redacted:
        """The redacted copy of ``value`` and its marks; paths start at ``base_path``."""
        walk = _Walk(self._engine, self._hash, base_path)
        return Redacted(walk.visit(value, _NORMAL, 0), walk.marks)


class _Walk:
    """The state of one ``redact`` call: the path below the base and the marks so far."""

    def __init__(self, engine: _Engine, hash: RedactionHash, base: str) -> None:
        self.engine = engine
        self.hash = hash
        self.base = base
        self.marks: List[RedactionMark] = []
        self.segments: List[PathSegment] = []

    def visit(self, value: Any, mode: int, depth: int) -> Any:
        if isinstance(value, str):
            if mode == _SENSITIVE:
                return self.whole(value, self.engine.sensitive_type)
            return self.text(value, mode == _HINTED)
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return self.whole(js_number(value), self.engine.sensitive_type) if mode == _SENSITIVE else value
        if isinstance(value, (Mapping, list, tuple)):
            if depth >= self.engine.max_depth:
                return self.too_deep(value)
            if isinstance(value, Mapping):
                return self.object(value, mode, depth)
            return self.array(value, mode, depth)
        # Other objects are redacted as the JSON they will be sent as (JavaScript's toJSON).
        return self.visit(to_jsonable(value), mode, depth)

    def array(self, items: Sequence[Any], mode: int, depth: int) -> List[Any]:
        # ["authorization", "Bearer ..."]: a header as a name/value tuple.
        second = mode
        if mode != _SENSITIVE and len(items) == 2:
            second = max(mode, self.engine.pair_mode(items[0]))
        out = []
        for i, item in enumerate(items):
            self.segments.append(i)
            out.append(self.visit(item, second if i == 1 else mode, depth + 1))
            self.segments.pop()
        return out

    def object(self, source: Mapping[Any, Any], mode: int, depth: int) -> Dict[str, Any]:
        keys = {key_text(key): key for key in source}
        out: Dict[str, Any] = {}
        for key in _in_javascript_order(keys):
            original = keys[key]
            entry = self.engine.key(key)
            out_key = self.free_key(entry.redacted, keys, out) if entry.findings else key
            self.segments.append(out_key)
            for finding in entry.findings:
                self.mark(finding.type, finding.secret, "key")
            child_mode = _SENSITIVE if mode == _SENSITIVE else entry.mode
            if entry.pair_value and child_mode != _SENSITIVE:
                child_mode = max(child_mode, self.pair_value_mode(source))
            out[out_key] = self.visit(source[original], child_mode, depth + 1)
            self.segments.pop()
        return out

    def pair_value_mode(self, source: Mapping[Any, Any]) -> int:
        """{"name": "x-api-key", "value": "..."}: the sibling name decides what the value is."""
        mode = _NORMAL
        for field in self.engine.pair_names:
            mode = max(mode, self.engine.pair_mode(source.get(field)))
        return mode

    @staticmethod
    def free_key(base: str, source: Mapping[str, Any], out: Mapping[str, Any]) -> str:
        """A redacted key may collide with another key of the object: number it rather than lose a value."""
        key = base
        n = 2
        while key in out or key in source:
            key = f"{base}#{n}"
            n += 1
        return key

    def text(self, value: str, hinted: bool) -> str:
        findings = self.engine.scanner.scan(value)
        if findings:
            for finding in findings:
                self.mark(finding.type, finding.secret)
            return replace(value, findings, self.engine)
        if (
            hinted
            and not self.engine.entropy_skip.search(value)
            and not self.engine.placeholders.search(value)
            and looks_random(value, self.engine.entropy)
        ):
            return self.whole(value, self.engine.entropy["type"])
        return value

    def whole(self, value: str, type_: str) -> str:
        if value == "" or self.engine.is_placeholder(value):
            return value
        self.mark(type_, value)
        return self.engine.placeholder(type_)

    def too_deep(self, value: Any) -> str:
        try:
            text = js_stringify(to_jsonable(value))
        except (RecursionError, TypeError):
            text = ""  # too deep or cyclic: the hash then only says "something deep was here"
        self.mark("depth_limit", text)
        return self.engine.placeholder("depth_limit")

    def mark(self, type_: str, secret: str, target: Optional[str] = None) -> None:
        path = format_path(self.base, self.segments)
        self.marks.append(RedactionMark(path, type_, self.hash(secret), target))


_defaults: Dict[str, Any] = {}
_defaults_lock = threading.Lock()


def _default_engine() -> _Engine:
    with _defaults_lock:
        if "engine" not in _defaults:
            _defaults["engine"] = _Engine(load_rules())
        return _defaults["engine"]


def _process_hash() -> RedactionHash:
    with _defaults_lock:
        if "hash" not in _defaults:
            _defaults["hash"] = hmac_hash(secrets.token_bytes(32))
        return _defaults["hash"]


def sanitize(value: Any) -> Any:
    """A copy of ``value`` with secrets and personal data replaced by placeholders, exactly as the
    server redacts what it stores (``"mail ann@example.com"`` -> ``"mail [REDACTED:email]"``).

    Dicts, lists, tuples, strings and numbers are walked; other objects are converted as they would
    be sent (see :func:`cockpit_sdk.to_jsonable`). The input is never modified.
    """
    return Redactor().redact(value).value


def redact(value: Any, base_path: str = "", hash: Optional[RedactionHash] = None) -> Redacted:
    """Like :func:`sanitize`, also returning the marks (``path``, ``type``, ``hash`` of each secret)."""
    return Redactor(hash).redact(value, base_path)
