"""Redaction as the server does it, rebuilt from the shared rules file (redaction-rules.json)."""

from .redactor import (
    Redacted,
    RedactionHash,
    RedactionMark,
    Redactor,
    hmac_hash,
    load_rules,
    redact,
    sanitize,
)

__all__ = [
    "Redacted",
    "RedactionHash",
    "RedactionMark",
    "Redactor",
    "hmac_hash",
    "load_rules",
    "redact",
    "sanitize",
]
