"""The running system for the dashboard's browser test (browser_support.System)."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import ARTEFACTS, BIN, CHROMIUM, System


@pytest.fixture(scope="session")
def system():
    missing = [p for p in ["pmo-intake", "pmo-planning", "pmo-monitoring", "pmo-change", "pmo-dashboard", "pmoctl"]
               if not (BIN / p).exists()]
    if missing:
        pytest.fail(f"missing executables in {BIN}: {missing}; build with swift build")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/test.sh installs Debian's chromium")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    running = System()
    try:
        yield running
    finally:
        running.stop()
