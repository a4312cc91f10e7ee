"""The newcomer's commands fail in one clear line: an old Python, a busy port, a bad address."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(cmd: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cmd, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=60
    )


def test_python_older_than_3_11_stops_with_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "python3.10"
    fake.write_text("#!/bin/sh\necho 3.10\n")
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = run(["bash", "scripts/venv.sh", "serve"], {"PYTHON": str(fake), "VENV": str(venv)})
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "needs Python 3.11 or newer" in lines[0], lines
    assert "is Python 3.10" in lines[0] and "PYTHON=python3.11" in lines[0]
    assert not venv.exists()


def test_a_python_that_does_not_run_stops_with_one_line(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-python")
    result = run(["bash", "scripts/venv.sh", "serve"], {"PYTHON": missing})
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: cannot run PYTHON={missing}; install Python 3.11 or newer and pass it, "
        "e.g. make serve PYTHON=python3.11"
    ]


def test_a_busy_port_is_one_line_not_a_traceback() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run([sys.executable, "scripts/serve.py", f"127.0.0.1:{port}"])
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"make serve: cannot listen on 127.0.0.1:{port}: ")
    assert lines[0].endswith(f"pick another with: make serve ADDR=127.0.0.1:{port + 1}")


def test_an_address_that_is_not_host_port_is_one_line() -> None:
    result = run([sys.executable, "scripts/serve.py", "8001"])
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "make serve: ADDR='8001' is not HOST:PORT, e.g. 127.0.0.1:8001"
    ]


def test_the_linter_reads_every_python_file_of_the_project() -> None:
    """``make lint`` covers all of bpcore, scripts and tests: an exclude pattern such as ``site``
    once matched ``bpcore/site/`` too and silently left the whole site layer unlinted."""
    listed = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    if not listed:
        pytest.skip("not a git checkout")
    ruff = Path(sys.executable).parent / "ruff"
    shown = subprocess.run(
        [str(ruff), "check", "--show-files", "bpcore", "scripts", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    read = {str(Path(p).resolve().relative_to(ROOT)) for p in shown}
    assert sorted(set(listed) - read) == []
