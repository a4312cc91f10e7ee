"""Shared fixtures and helpers: the site is built once per test run, with --strict.

Every test carries one marker: ``browser`` (it drives Chromium), ``site`` (it
builds a site, or uses the built one), or ``unit`` (everything else, fast).
``make test-fast`` runs ``-m unit``.
"""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from bpcore.site.browser import CHROMIUM_ARGS, CHROMIUM_DEFAULT, served
from bpcore.site.browser import chromium_executable as browser_executable

ROOT = Path(__file__).resolve().parent.parent
SITE_FIXTURES = {"site", "zensical_site", "site_url"}
"""Fixtures that build a site: a test using one is a ``site`` test."""


TEST_TIME_LIMIT = float(os.environ.get("BP_TEST_TIMEOUT", "900"))
"""Seconds one test may take, its fixtures' set-up included (the site's builds), before the run
stops with every thread's traceback: ``make test`` and CI can never hang."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """Bound each test, set-up and teardown included: past the limit, say which and stop."""

    def expire() -> None:
        # Stop capturing, so that the message and the tracebacks reach the terminal or CI log.
        capture = item.config.pluginmanager.getplugin("capturemanager")
        if capture is not None:
            capture.suspend_global_capture(in_=True)
        sys.stderr.write(f"\n{item.nodeid} ran past {TEST_TIME_LIMIT:g} s (BP_TEST_TIMEOUT)\n")
        faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
        sys.stderr.flush()
        os._exit(1)

    timer = threading.Timer(TEST_TIME_LIMIT, expire)
    timer.daemon = True
    timer.start()
    try:
        return (yield)
    finally:
        timer.cancel()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test ``browser``, ``site`` or ``unit``: by its module's mark or its fixtures."""
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("site"):
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        item.add_marker(pytest.mark.site if fixtures & SITE_FIXTURES else pytest.mark.unit)


def source_date_epoch() -> str:
    """The build time for reproducible builds: ``$SOURCE_DATE_EPOCH``, else the last commit's."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    git = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    # Outside a git checkout there is no commit time; any fixed time keeps builds identical.
    return git.stdout.strip() or "0"


def mkdocs_build(
    dest: Path, config: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` (never with -q: it hides warnings from --strict).

    ``env`` adds variables, e.g. ``BP_SITE_URL`` or ``BP_OFFLINE`` (see mkdocs.yml).
    """
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": source_date_epoch(),
        **(env or {}),
    }
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    return subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real docs, once per session."""
    dest = tmp_path_factory.mktemp("site")
    result = mkdocs_build(dest)
    assert result.returncode == 0, result.stderr
    return dest


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same docs built with Zensical (``make build-zensical``), once per session.

    Zensical's ``--strict`` passes a page whose block raised, so tests must
    check this site's HTML (``drift.check_site``), not only the exit status.
    """
    dest = tmp_path_factory.mktemp("zensical") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch()}
    cmd = [sys.executable, str(ROOT / "scripts" / "build_zensical.py"), str(dest)]
    result = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL ending in '/'."""
    with served(site) as url:
        yield url


def chromium_executable() -> Path | None:
    """Chromium for the browser tests: ``$BP_CHROMIUM`` if set, else Debian's; None if neither."""
    try:
        return browser_executable()
    except ValueError as err:
        pytest.fail(str(err))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run; skipped (failed under CI) when it is missing."""
    chromium = chromium_executable()
    if chromium is None:
        message = (
            f"Chromium not found (BP_CHROMIUM is unset and {CHROMIUM_DEFAULT} does not exist): "
            "the browser tests need it. Install it with `apt-get install -y chromium` (Debian, "
            "as root), or set BP_CHROMIUM to a Chromium or Chrome executable (README: "
            "Troubleshooting), then rerun."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + " CI installs it in .ci/run, so under CI this is an error.")
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield launched
        launched.close()
