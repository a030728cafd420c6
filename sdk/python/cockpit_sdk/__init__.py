"""Cockpit SDK for Python: trace agent runs, redact like the server, and gate risky tools.

>>> from cockpit_sdk import Cockpit, hitl_gate, sanitize
>>> cockpit = Cockpit("http://localhost:3000", "ck_...")
>>> with cockpit.start_run("refund-bot", tags=["demo"]) as run:
...     with run.tool_step("lookup_order", input={"order": "A-1"}) as step:
...         step.output = {"total": 42}

Standard library only; Python 3.9+.
"""

import logging as _logging

from ._version import __version__
from .canonical_json import canonical_json, payload_hash
from .client import Cockpit
from .errors import (
    ApiError,
    ApprovalTimeoutError,
    BlockedError,
    CockpitError,
    DeniedError,
    GateError,
    GateUnavailableError,
    StepsRejectedError,
    TransportError,
)
from .gate import hitl_gate
from .jsonable import to_jsonable
from .redaction import Redacted, RedactionMark, Redactor, redact, sanitize
from .tracer import Run, Step, current_run, current_step

# Delivery problems are logged on "cockpit_sdk" (and passed to on_error); the application decides
# whether to show them.
_logging.getLogger("cockpit_sdk").addHandler(_logging.NullHandler())

__all__ = [
    "__version__",
    "Cockpit",
    "Run",
    "Step",
    "current_run",
    "current_step",
    "hitl_gate",
    "sanitize",
    "redact",
    "Redactor",
    "Redacted",
    "RedactionMark",
    "payload_hash",
    "canonical_json",
    "to_jsonable",
    "CockpitError",
    "ApiError",
    "TransportError",
    "StepsRejectedError",
    "GateError",
    "BlockedError",
    "DeniedError",
    "ApprovalTimeoutError",
    "GateUnavailableError",
]
