"""``make serve``: say where the site is served, then run ``mkdocs serve`` there.

Usage: ``python scripts/serve.py [HOST:PORT]`` (``make serve ADDR=127.0.0.1:8001``). A port
that is taken, or an address that is not this machine's, ends with one line saying so and
how to pick another, instead of MkDocs' traceback.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = "127.0.0.1:8000"


def parse(addr: str) -> tuple[str, int]:
    """Split ``HOST:PORT``; raise ValueError with a readable message if it is not one."""
    host, sep, port = addr.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"ADDR={addr!r} is not HOST:PORT, e.g. 127.0.0.1:8001")
    return host, int(port)


def unavailable(host: str, port: int) -> str | None:
    """Why ``mkdocs serve`` could not listen at host:port, or None if it can."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        return f"cannot resolve {host!r} ({e.strerror})"
    family, kind, proto, _, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as probe:
        # As MkDocs' server does: a port left in TIME_WAIT by the last serve is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(sockaddr)
        except OSError as e:
            return f"cannot listen on {host}:{port}: {e.strerror}"
    return None


def mount_path() -> str:
    """The path the site is served under: that of ``BP_SITE_URL`` (mkdocs.yml's site_url)."""
    path = urlsplit(os.environ.get("BP_SITE_URL", "")).path or "/"
    return path if path.endswith("/") else path + "/"


def main(argv: list[str]) -> int:
    addr = argv[1] if len(argv) > 1 else DEFAULT
    try:
        host, port = parse(addr)
    except ValueError as e:
        print(f"make serve: {e}", file=sys.stderr)
        return 2
    problem = unavailable(host, port)
    if problem is not None:
        other = f"{host}:{port + 1 if port < 65535 else 8001}"
        print(f"make serve: {problem}; pick another with: make serve ADDR={other}", file=sys.stderr)
        return 1
    print(f"Serving the site at http://{addr}{mount_path()} (live reload; Ctrl-C stops)")
    sys.stdout.flush()
    mkdocs = str(Path(sys.executable).parent / "mkdocs")
    os.chdir(ROOT)
    os.execv(mkdocs, [mkdocs, "serve", "--livereload", "--dev-addr", addr])
    return 0  # not reached: execv replaces this process


if __name__ == "__main__":
    sys.exit(main(sys.argv))
