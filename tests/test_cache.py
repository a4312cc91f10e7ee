"""The exec cache hook (scripts/hooks/exec_cache.py): what its key covers; never stale."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown_exec import ExecutionError

ROOT = Path(__file__).resolve().parent.parent
HOOK = ROOT / "scripts" / "hooks" / "exec_cache.py"
VERSIONS = {"python": "3.11.7", "numpy": "2.4.6", "matplotlib": "3.11.2", "markdown-exec": "1.12.6"}


def load_hook() -> ModuleType:
    """The hook as MkDocs loads it: a module made from the file."""
    spec = importlib.util.spec_from_file_location("build_cache_under_test", HOOK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load_hook()


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of bpcore's source, free to edit."""
    return Path(
        shutil.copytree(
            ROOT / "bpcore", tmp_path / "bpcore", ignore=shutil.ignore_patterns("__pycache__")
        )
    )


def test_editing_any_bpcore_file_changes_the_digest(package: Path) -> None:
    before = hook.source_digest(package)
    assert hook.source_digest(package) == before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"bytecode is not source")
    assert hook.source_digest(package) == before
    for path in sorted(package.glob("*.py")):
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# edited\n", encoding="utf-8")
        assert hook.source_digest(package) != before, path.name
        path.write_text(original, encoding="utf-8")
    assert hook.source_digest(package) == before


def test_the_package_found_is_the_one_imported() -> None:
    import bpcore

    assert hook.package_dir() == Path(bpcore.__file__).parent


@pytest.mark.parametrize("name", sorted(VERSIONS))
def test_each_version_is_part_of_the_key(name: str) -> None:
    changed = {**VERSIONS, name: VERSIONS[name] + ".post1"}
    assert hook.fingerprint("digest", changed) != hook.fingerprint("digest", VERSIONS)
    assert set(hook.versions()) == set(VERSIONS)


def test_the_key_covers_code_session_history_options_and_fingerprint() -> None:
    key = hook.block_key("f", ["a = 1"], "print(a)", {"width": 0})
    assert hook.block_key("f", ["a = 1"], "print(a)", {"width": 0}) == key
    assert hook.block_key("g", ["a = 1"], "print(a)", {"width": 0}) != key
    assert hook.block_key("f", ["a = 2"], "print(a)", {"width": 0}) != key
    assert hook.block_key("f", [], "print(a)", {"width": 0}) != key
    assert hook.block_key("f", ["a = 1"], "print(a) ", {"width": 0}) != key
    assert hook.block_key("f", ["a = 1"], "print(a)", {"width": 80}) != key
    # Parts are length-prefixed: moving text between history and code changes the key.
    assert hook.block_key("f", ["a = 1print(a)"], "", {"width": 0}) != key


class Recorder:
    """A stand-in for markdown-exec's runner that records what it ran."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, str | None]] = []

    def __call__(self, code: str, session: str | None = None, **kwargs: Any) -> str:
        self.ran.append((code, session))
        if "raise" in code:
            raise ExecutionError("boom")
        return f"out:{code}"


def run_blocks(cache: Any, blocks: list[tuple[str, str]]) -> list[str]:
    """Run ``(session, code)`` blocks through the cache as markdown-exec would."""
    return [cache.runner({})(code, session=session, id="") for session, code in blocks]


def test_a_hit_does_not_run_and_a_session_miss_replays_what_was_skipped(tmp_path: Path) -> None:
    blocks = [("s", "a = 1"), ("s", "b = a"), ("", "lone"), ("s", "print(b)")]
    first = Recorder()
    assert run_blocks(hook.ExecCache(tmp_path, "f", first), blocks) == [
        f"out:{code}" for _, code in blocks
    ]
    assert first.ran == [("a = 1", "s"), ("b = a", "s"), ("lone", ""), ("print(b)", "s")]

    second = Recorder()
    again = hook.ExecCache(tmp_path, "f", second)
    assert run_blocks(again, blocks) == [f"out:{code}" for _, code in blocks]
    assert second.ran == [] and (again.hits, again.misses) == (4, 0)

    third = Recorder()
    edited = [*blocks[:3], ("s", "print(b, a)")]
    run_blocks(hook.ExecCache(tmp_path, "f", third), edited)
    # The edited block runs in its session's state: the skipped blocks run first.
    assert third.ran == [("a = 1", "s"), ("b = a", "s"), ("print(b, a)", "s")]


def test_a_failing_block_is_never_stored(tmp_path: Path) -> None:
    for _ in range(2):
        recorder = Recorder()
        cache = hook.ExecCache(tmp_path, "f", recorder)
        with pytest.raises(ExecutionError):
            cache.runner({})("raise ValueError", session="", id="")
        assert recorder.ran == [("raise ValueError", "")]
    assert list(tmp_path.iterdir()) == []


def test_forget_package_makes_the_next_import_read_the_files(tmp_path: Path) -> None:
    pkg = tmp_path / "bp_probe_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("VALUE = 1\n", encoding="utf-8")
    (pkg / "sub.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import bp_probe_pkg.sub  # type: ignore[import-not-found]

        assert bp_probe_pkg.VALUE == 1
        (pkg / "__init__.py").write_text("VALUE = 2\n", encoding="utf-8")
        hook.forget_package("bp_probe_pkg")
        assert "bp_probe_pkg" not in sys.modules and "bp_probe_pkg.sub" not in sys.modules
        assert importlib.import_module("bp_probe_pkg").VALUE == 2
    finally:
        sys.path.remove(str(tmp_path))
        hook.forget_package("bp_probe_pkg")


# --- end to end: a small site built with the hook, bpcore imported from a copy ---------------

CONFIG = f"""\
site_name: cache test
plugins:
  - markdown-exec
markdown_extensions:
  - pymdownx.superfences
hooks:
  - {HOOK}
"""
PAGE = """\
# Rate

```python exec="1" session="s"
from bpcore.example import LEARNING_RATE
```

```python exec="1" session="s"
print(f"rate={LEARNING_RATE}")
```
"""


def build_site(project: Path, cache: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the small site, its bpcore copy first on the path."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),
        "BP_EXEC_CACHE": "on" if cache else "off",
        "SOURCE_DATE_EPOCH": "0",  # the theme writes the build date into each page
    }
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)


def page_html(project: Path) -> str:
    return (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(package: Path) -> Path:
    root = package.parent
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    return root


def test_the_cache_is_read_and_a_bpcore_edit_invalidates_it(project: Path) -> None:
    assert build_site(project).returncode == 0
    assert "rate=0.5" in page_html(project)
    entries = sorted((project / ".cache" / "exec").iterdir())
    assert len(entries) == 2  # one per block; the first prints nothing

    # Forge the stored output: a build that shows it has read the cache.
    printed = [e for e in entries if "rate=0.5" in e.read_text(encoding="utf-8")]
    assert len(printed) == 1
    printed[0].write_text("rate=from-the-cache\n", encoding="utf-8")
    assert build_site(project).returncode == 0
    assert "rate=from-the-cache" in page_html(project)

    # An edit to bpcore's source changes every key: the blocks run again.
    example = project / "bpcore" / "example.py"
    source = example.read_text(encoding="utf-8")
    assert "LEARNING_RATE = 0.5\n" in source
    example.write_text(source.replace("LEARNING_RATE = 0.5\n", "LEARNING_RATE = 0.25\n"))
    assert build_site(project).returncode == 0
    assert "rate=0.25" in page_html(project)


def test_cached_html_is_byte_identical_and_failures_still_fail(project: Path) -> None:
    assert build_site(project, cache=False).returncode == 0
    uncached = page_html(project)
    assert not (project / ".cache").exists()
    for _ in range(2):  # cold cache, then warm
        assert build_site(project).returncode == 0
        assert page_html(project) == uncached

    page = project / "docs" / "index.md"
    page.write_text(
        PAGE + '\n```python exec="1"\nraise ValueError("boom")\n```\n', encoding="utf-8"
    )
    stored = set((project / ".cache" / "exec").iterdir())
    for _ in range(2):
        failed = build_site(project)
        assert failed.returncode != 0 and "boom" in failed.stderr
    assert set((project / ".cache" / "exec").iterdir()) == stored


def test_serve_rebuilds_of_the_real_site_match_a_fresh_build(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # mkdocs serve rebuilds in one process: the second build there (markdown-exec's and the
    # hooks' modules already loaded) must be byte for byte the fresh build.
    from conftest import source_date_epoch
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SOURCE_DATE_EPOCH", source_date_epoch())
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    for n in (1, 2):
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / str(n))))
    fresh = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(tmp_path / "2"): p.read_bytes()
        for p in (tmp_path / "2").rglob("*")
        if p.is_file()
    }
    assert sorted(fresh) == sorted(second)
    assert [str(k) for k in fresh if fresh[k] != second[k]] == []
