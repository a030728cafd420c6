"""Files of the Cockpit repository the SDK tests compare against (they sit outside the package)."""

from __future__ import annotations

import json
import unittest
from pathlib import Path
from typing import Any

#: sdk/python/tests -> the repository root.
REPO = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


def repo_file(relative: str) -> Path:
    """A repository file, or skip the test when the SDK is tested outside the repository."""
    path = REPO / relative
    if not path.is_file():
        raise unittest.SkipTest(f"{relative} not found (not running inside the Cockpit repository)")
    return path


def load_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return json.load(file)
