"""Finds secrets in a string (mirrors domain/shared/redaction/text-scanner.ts).

At each position the first pattern (in rule order) that matches and passes its validator wins;
scanning resumes after its match, so findings never overlap. Existing placeholders split the text
into pieces scanned on their own, and the stretches between findings are scanned again until
nothing new turns up, which makes redaction idempotent.
"""

from __future__ import annotations

import re
from typing import Any, FrozenSet, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from .validators import TextCheck, validator_for

_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL}


class Finding(NamedTuple):
    """One secret: ``[start, end)`` of the text is replaced, ``secret`` is what gets hashed."""

    type: str
    start: int
    end: int
    secret: str


class _Pattern(NamedTuple):
    priority: int
    type: str
    regex: "re.Pattern[str]"
    secret_group: int
    check: Optional[TextCheck]
    #: None: always possible; else the text must contain one of these characters.
    requires: Optional[FrozenSet[str]]


class _Candidate(NamedTuple):
    pattern: _Pattern
    start: int
    end: int
    secret_start: int
    secret_end: int


def compile_pattern(pattern: str, flags: str = "") -> "re.Pattern[str]":
    """Compile a rules-file pattern the way the rules say: ``re.ASCII`` plus the i/m/s flags."""
    compiled = re.ASCII
    for flag in flags:
        if flag not in _FLAGS:
            raise ValueError(f"redaction pattern flag {flag!r} is not one of 'ims'")
        compiled |= _FLAGS[flag]
    return re.compile(pattern, compiled)


class TextScanner:
    """Scans strings with the value patterns of a rules document."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        placeholder = rules["placeholder"]
        self._placeholders = compile_pattern(placeholder["pattern"])
        self._placeholder_requires = frozenset(placeholder["requires"])
        self._patterns = [
            _Pattern(
                priority=priority,
                type=rule["type"],
                regex=compile_pattern(rule["pattern"], rule.get("flags", "")),
                secret_group=rule.get("secret_group", 0),
                check=validator_for(rule["validator"], rules) if rule.get("validator") else None,
                requires=frozenset(rule["requires"]) if rule.get("requires") is not None else None,
            )
            for priority, rule in enumerate(rules["patterns"])
        ]

    def scan(self, text: str) -> List[Finding]:
        """Every finding in ``text``, sorted by position; offsets are code points."""
        first = self._scan_once(text, 0)
        if not first:
            return first
        # Once a secret is gone, a neighbour a look-around used to see it through may now match: the
        # text between findings is scanned again, until nothing new turns up.
        findings = list(first)
        pending = _gaps(first, 0, len(text))
        while pending:
            start, end = pending.pop()
            found = self._scan_once(text[start:end], start)
            if found:
                findings.extend(found)
                pending.extend(_gaps(found, start, end))
        if len(findings) > len(first):
            findings.sort(key=lambda finding: finding.start)
        return findings

    def _scan_once(self, text: str, offset: int) -> List[Finding]:
        """One pass: existing placeholders split the text into pieces, each scanned on its own."""
        if self._placeholder_requires.isdisjoint(text):
            return self._scan_piece(text, offset)
        findings: List[Finding] = []
        at = 0
        for match in self._placeholders.finditer(text):
            if match.start() > at:
                findings.extend(self._scan_piece(text[at : match.start()], offset + at))
            at = match.end()
        if at < len(text):
            findings.extend(self._scan_piece(text[at:], offset + at))
        return findings

    def _scan_piece(self, text: str, offset: int) -> List[Finding]:
        """Findings in a piece of text without placeholders; ``offset`` is where the piece starts."""
        characters = frozenset(text)
        patterns = [p for p in self._patterns if p.requires is None or not p.requires.isdisjoint(characters)]
        candidates = [_next_candidate(pattern, text, 0) for pattern in patterns]
        findings: List[Finding] = []
        while True:
            best: Optional[_Candidate] = None
            for candidate in candidates:
                if candidate and (
                    best is None
                    or candidate.start < best.start
                    or (candidate.start == best.start and candidate.pattern.priority < best.pattern.priority)
                ):
                    best = candidate
            if best is None:
                return findings
            findings.append(
                Finding(
                    type=best.pattern.type,
                    start=offset + best.secret_start,
                    end=offset + best.secret_end,
                    secret=text[best.secret_start : best.secret_end],
                )
            )
            resume = max(best.end, best.start + 1)
            for i, candidate in enumerate(candidates):
                if candidate and candidate.start < resume:
                    candidates[i] = _next_candidate(patterns[i], text, resume)


def _next_candidate(pattern: _Pattern, text: str, position: int) -> Optional[_Candidate]:
    """The first match of ``pattern`` at or after ``position`` whose secret its validator accepts.

    A rejected candidate (16 digits failing Luhn) does not make the pattern try another match at
    the same position: the search moves on by one character, as the server's does.
    """
    while position <= len(text):
        match = pattern.regex.search(text, position)
        if match is None:
            return None
        secret_start, secret_end = match.span(pattern.secret_group)
        if secret_end > secret_start >= 0 and (
            pattern.check is None or pattern.check(text[secret_start:secret_end])
        ):
            return _Candidate(pattern, match.start(), match.end(), secret_start, secret_end)
        position = match.start() + 1
    return None


def _gaps(findings: Sequence[Finding], start: int, end: int) -> List[Tuple[int, int]]:
    """The stretches of ``[start, end)`` between findings, which are sorted and lie inside it."""
    out: List[Tuple[int, int]] = []
    at = start
    for finding in findings:
        if finding.start > at:
            out.append((at, finding.start))
        at = finding.end
    if end > at:
        out.append((at, end))
    return out
