"""What the dashboard's browser test runs: its own embedded broker, the services, the dashboard
and pmoctl from PMO_BIN_DIR (scripts/test.sh sets it), and Debian's chromium driven by
Playwright. Screenshots go to .run/browser/ (test artefacts)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("PMO_BIN_DIR", ROOT / ".build" / "debug"))
ARTEFACTS = ROOT / ".run" / "browser"
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class System:
    """A broker, the four services and the dashboard, stopped in order at the end."""

    def __init__(self) -> None:
        self.name = f"browser-{os.getpid()}"
        env = dict(os.environ, PMO_BROKER_NAME=self.name)
        self.broker = subprocess.run([str(ROOT / "scripts" / "broker.sh"), "start"], env=env, check=True,
                                     capture_output=True, text=True).stdout.strip().splitlines()[-1]
        self.env = dict(os.environ, KAFKA_BOOTSTRAP_SERVERS=self.broker, KAFKA_SESSION_TIMEOUT_MS="6000",
                        KAFKA_HEARTBEAT_INTERVAL_MS="500", PMO_LOG_LEVEL="warning")
        self.logs = Path(tempfile.mkdtemp(prefix="pmo-browser-"))
        self.processes: list[subprocess.Popen] = []
        self.dashboard_port = free_port()

    def start(self, executable: str, *arguments: str) -> None:
        log = open(self.logs / f"{executable}.log", "w")
        self.processes.append(subprocess.Popen([str(BIN / executable), *arguments], env=self.env, cwd=ROOT,
                                               stdout=log, stderr=subprocess.STDOUT))

    def pmoctl(self, *arguments: str) -> None:
        subprocess.run([str(BIN / "pmoctl"), *arguments], env=self.env, cwd=ROOT, check=True, capture_output=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.dashboard_port}{path}"

    def api(self, path: str):
        try:
            with urllib.request.urlopen(self.url(path), timeout=5) as response:
                return json.load(response)
        except Exception:
            return None

    def wait(self, what: str, condition, seconds: float = 120) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if condition():
                return
            time.sleep(0.5)
        raise AssertionError(f"waited {seconds:.0f} s for {what}; logs in {self.logs}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        subprocess.run([str(ROOT / "scripts" / "broker.sh"), "stop"], env=dict(os.environ, PMO_BROKER_NAME=self.name),
                       capture_output=True)
