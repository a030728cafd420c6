"""What a key name says about its value (mirrors domain/shared/redaction/key-names.ts).

Names are normalised to snake_case segments (``X-Api-Key``, ``apiKey`` and ``API_KEY`` become
``x_api_key`` / ``api_key``), then a listed name must appear as whole segments: ``token`` matches
``auth_token`` but not ``input_tokens`` or ``tokenizer``.
"""

from __future__ import annotations

from typing import Any, Dict, Mapping, NamedTuple

from .text_scanner import compile_pattern

_CACHE_LIMIT = 4096


class KeyClass(NamedTuple):
    """``sensitive``: the whole value is a credential; ``secret_hint``: a random-looking value is a secret."""

    sensitive: bool
    secret_hint: bool


PLAIN = KeyClass(False, False)


class KeyNames:
    """Classifies key names with the ``keys`` section of a rules document."""

    def __init__(self, keys: Mapping[str, Any]) -> None:
        normalization = keys["normalization"]
        self._splits = [compile_pattern(source) for source in normalization["split_patterns"]]
        self._separators = compile_pattern(normalization["separator_pattern"])
        self._sensitive = [f"_{name}_" for name in keys["sensitive"]]
        self._hints = [f"_{name}_" for name in keys["secret_hints"]]
        self._exempt = frozenset(keys["not_sensitive"])
        self._max_length = keys["max_name_length"]
        self._cache: Dict[str, KeyClass] = {}

    def normalize(self, key: str) -> str:
        """``getHTTPResponse`` -> ``get_http_response``, ``X-Api-Key`` -> ``x_api_key``."""
        name = key
        for split in self._splits:
            name = split.sub(r"\1_\2", name)
        return self._separators.sub("_", name.lower()).strip("_")

    def classify(self, key: str) -> KeyClass:
        """Sensitive, key-like or plain; keys longer than ``max_name_length`` code points are plain."""
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        result = PLAIN if len(key) > self._max_length else self._compute(key)
        if len(self._cache) >= _CACHE_LIMIT:  # keys are attacker-chosen: bound the cache
            self._cache.clear()
        self._cache[key] = result
        return result

    def _compute(self, key: str) -> KeyClass:
        name = self.normalize(key)
        if name == "" or name in self._exempt:
            return PLAIN
        wrapped = f"_{name}_"
        sensitive = any(segment in wrapped for segment in self._sensitive)
        secret_hint = sensitive or any(segment in wrapped for segment in self._hints)
        return KeyClass(sensitive, secret_hint) if secret_hint else PLAIN
