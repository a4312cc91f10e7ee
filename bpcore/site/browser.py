"""What the browser tests and the benchmark share: which Chromium, its flags, the site served.

Both drive Debian's Chromium through Playwright (never a downloaded browser) against a built site
served on this machine's loopback address; this module imports neither Playwright nor pytest.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_DEFAULT = Path("/usr/bin/chromium")
"""Debian's Chromium (``apt-get install -y chromium``); ``$BP_CHROMIUM`` names another."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
"""Flags that run Chromium headless here: no sandbox (containers), no GPU, no network of its own."""


def chromium_executable() -> Path | None:
    """``$BP_CHROMIUM`` if set, else Debian's Chromium; None if neither is there.

    Raises:
        ValueError: If ``$BP_CHROMIUM`` does not name an executable file.
    """
    named = os.environ.get("BP_CHROMIUM")
    if named:
        path = Path(named).expanduser()
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise ValueError(f"BP_CHROMIUM={named} is not an executable file")
        return path
    return CHROMIUM_DEFAULT if CHROMIUM_DEFAULT.exists() else None


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built ``site`` served on the loopback address at a free port; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
