"""The build hooks of scripts/hooks/: the exec cache (what its key covers; never stale), the
block runner it uses, the reload of an edited bpcore, the compiled-template cache."""

from __future__ import annotations

import ast
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown import Markdown
from markdown_exec import ExecutionError

ROOT = Path(__file__).resolve().parent.parent
HOOKS_DIR = ROOT / "scripts" / "hooks"
HOOK = HOOKS_DIR / "exec_cache.py"
VERSIONS = {
    "python": "3.11.7",
    "numpy": "2.4.6",
    "matplotlib": "3.11.2",
    "markdown-exec": "1.12.6",
    "latex2mathml": "3.81.1",
    "Markdown": "3.11.3",
    "pymdown-extensions": "13.1.2",
}
"""Every version in the key: bpcore's dependencies and what renders the blocks' output."""


def load(path: Path, name: str | None = None) -> ModuleType:
    """A file of scripts/hooks/ as MkDocs 1.6 loads a hook: a module made from the file.

    MkDocs puts the hook's folder on ``sys.path`` while the module runs, so the hooks import
    their helpers (``block_runner``, ``cache_dir``) by name; so does this, with the hooks'
    folder even for a copy elsewhere.
    """
    spec = importlib.util.spec_from_file_location(name or f"{path.stem}_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(HOOKS_DIR))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(HOOKS_DIR))
    return module


hook = load(HOOK)
block_runner = load(HOOKS_DIR / "block_runner.py")
reload_package = load(HOOKS_DIR / "reload_package.py")
template_cache = load(HOOKS_DIR / "template_cache.py")


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of bpcore's source, free to edit."""
    return Path(
        shutil.copytree(
            ROOT / "bpcore", tmp_path / "bpcore", ignore=shutil.ignore_patterns("__pycache__")
        )
    )


def test_editing_any_bpcore_file_changes_the_digest(package: Path) -> None:
    before = reload_package.source_digest(package)
    assert reload_package.source_digest(package) == before
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.pyc").write_bytes(b"bytecode is not source")
    assert reload_package.source_digest(package) == before
    for path in sorted(package.glob("*.py")):
        original = path.read_text(encoding="utf-8")
        path.write_text(original + "\n# edited\n", encoding="utf-8")
        assert reload_package.source_digest(package) != before, path.name
        path.write_text(original, encoding="utf-8")
    assert reload_package.source_digest(package) == before


def test_the_package_found_is_the_one_imported() -> None:
    import bpcore

    assert reload_package.package_dir() == Path(bpcore.__file__).parent


@pytest.mark.parametrize("name", sorted(VERSIONS))
def test_each_version_is_part_of_the_key(name: str) -> None:
    changed = {**VERSIONS, name: VERSIONS[name] + ".post1"}
    assert hook.fingerprint("digest", changed) != hook.fingerprint("digest", VERSIONS)
    assert set(hook.versions()) == set(VERSIONS)


def test_the_key_reads_every_version_from_metadata(monkeypatch: pytest.MonkeyPatch) -> None:
    # bpcore.mathml renders with latex2mathml: its version must be in the key.
    assert "latex2mathml" in hook.VERSIONED
    read: list[str] = []

    def version(dist: str) -> str:
        read.append(dist)
        return "1.0"

    monkeypatch.setattr(hook.importlib.metadata, "version", version)
    assert hook.versions() == {"python": hook.platform.python_version()} | dict.fromkeys(
        read, "1.0"
    )
    assert {"python", *read} == set(VERSIONS)


def test_the_hook_s_own_source_is_part_of_the_key(tmp_path: Path) -> None:
    copy = tmp_path / "exec_cache.py"
    copy.write_text(HOOK.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = load(copy, "exec_cache_edited")
    assert edited.fingerprint("digest", VERSIONS) != hook.fingerprint("digest", VERSIONS)


def test_the_runner_s_source_is_part_of_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The runner shapes every block's output: an edit to it must change every key.
    before = hook.fingerprint("digest", VERSIONS)
    copy = tmp_path / "block_runner.py"
    source = Path(hook.block_runner.__file__).read_text(encoding="utf-8")
    copy.write_text(source + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(hook.block_runner, "__file__", str(copy))
    assert hook.fingerprint("digest", VERSIONS) != before


def test_a_file_in_a_subpackage_is_part_of_the_digest(package: Path) -> None:
    before = reload_package.source_digest(package)
    (package / "site" / "new").mkdir()
    (package / "site" / "new" / "__init__.py").write_text("", encoding="utf-8")
    after = reload_package.source_digest(package)
    assert after != before
    (package / "site" / "new" / "__init__.py").write_text("# edited\n", encoding="utf-8")
    assert reload_package.source_digest(package) != after


def test_the_key_covers_code_session_history_name_options_and_fingerprint() -> None:
    name = "<code block: session s; n2>"
    key = hook.block_key("f", ["a = 1"], "print(a)", name, {"width": 0})
    assert hook.block_key("f", ["a = 1"], "print(a)", name, {"width": 0}) == key
    assert hook.block_key("g", ["a = 1"], "print(a)", name, {"width": 0}) != key
    assert hook.block_key("f", ["a = 2"], "print(a)", name, {"width": 0}) != key
    assert hook.block_key("f", [], "print(a)", name, {"width": 0}) != key
    assert hook.block_key("f", ["a = 1"], "print(a) ", name, {"width": 0}) != key
    assert hook.block_key("f", ["a = 1"], "print(a)", name + " ", {"width": 0}) != key
    assert hook.block_key("f", ["a = 1"], "print(a)", name, {"width": 80}) != key
    # Parts are length-prefixed: moving text between history and code changes the key.
    assert hook.block_key("f", ["a = 1print(a)"], "", name, {"width": 0}) != key


class Recorder(block_runner.PythonRunner):  # type: ignore[misc,name-defined]
    """The runner, recording what it ran (and failing on ``raise``, without running)."""

    def __init__(self) -> None:
        super().__init__()
        self.ran: list[tuple[str, str]] = []

    def execute(self, code: str, filename: str, session: str, extra: dict[str, str]) -> str:
        self.ran.append((code, session))
        if "raise" in code:
            raise ExecutionError("boom")
        return f"out:{code}"


def run_blocks(cache: Any, blocks: list[tuple[str, str]]) -> list[str]:
    """Run ``(session, code)`` blocks through the cache as markdown-exec would, then store them
    as the end of a build does (the package unchanged)."""
    try:
        return [
            cache.runner({})(code, returncode=0, session=session, id="") for session, code in blocks
        ]
    finally:
        cache.commit("digest", "digest")


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


def test_replayed_blocks_keep_their_names_and_really_rebuild_the_state(tmp_path: Path) -> None:
    blocks = [("s", "a = 1"), ("", "print(__name__)"), ("s", "print(a, __name__)")]
    expected = ["", "_code_block_n1_\n", "1 _code_block_session_s_n2_\n"]
    assert run_blocks(hook.ExecCache(tmp_path, "f"), blocks) == expected
    edited = [*blocks[:2], ("s", "print(a + 1, __name__)")]
    replay = hook.ExecCache(tmp_path, "f")
    assert run_blocks(replay, edited) == ["", expected[1], "2 _code_block_session_s_n2_\n"]
    assert (replay.hits, replay.misses) == (2, 1)


def test_without_cache_every_block_runs_and_nothing_is_stored(tmp_path: Path) -> None:
    blocks = [("s", "a = 1"), ("s", "print(a)")]
    for _ in range(2):
        recorder = Recorder()
        run_blocks(hook.ExecCache(tmp_path, "f", recorder, use_cache=False), blocks)
        assert recorder.ran == [("a = 1", "s"), ("print(a)", "s")]
    assert list(tmp_path.iterdir()) == []


def test_a_failing_block_is_never_stored(tmp_path: Path) -> None:
    for _ in range(2):
        recorder = Recorder()
        cache = hook.ExecCache(tmp_path, "f", recorder)
        with pytest.raises(ExecutionError):
            cache.runner({})("raise ValueError", session="", id="")
        assert recorder.ran == [("raise ValueError", "")]
    assert list(tmp_path.iterdir()) == []


# --- the runner (block_runner.py): markdown-exec's behaviour, on its public API ------------------


def test_the_runner_prints_to_a_buffer_as_markdown_exec_does() -> None:
    runner = block_runner.PythonRunner()
    name = runner.filename("", "", "", None)
    code = 'print("a", 1, sep="-", end="!")\nprint()\nprint([2])'
    # markdown-exec's print joins with spaces and ignores sep (and file, flush).
    assert runner.execute(code, name, "", {}) == "a 1!\n[2]\n"


def test_sessions_share_state_and_a_new_runner_starts_them_afresh() -> None:
    runner = block_runner.PythonRunner()
    runner.execute("x = 1", runner.filename("x = 1", "s", "", None), "s", {})
    assert runner.execute("print(x)", runner.filename("print(x)", "s", "", None), "s", {}) == "1\n"
    lone = runner.filename("print(x)", "", "", None)
    with pytest.raises(ExecutionError, match="NameError"):
        runner.execute("print(x)", lone, "", {})
    fresh = block_runner.PythonRunner()
    with pytest.raises(ExecutionError, match="NameError"):
        fresh.execute("print(x)", fresh.filename("print(x)", "s", "", None), "s", {})


def test_blocks_are_named_and_numbered_as_markdown_exec_names_them() -> None:
    runner = block_runner.PythonRunner()
    names = [
        runner.filename("", "", "", None),
        runner.filename("", "s", "", None),
        runner.filename("", "", "", "A title"),
        runner.filename("", "s", "", "T"),
        runner.filename("", "s", "my-id", None),
        runner.filename("", "s", "", None),
    ]
    assert names == [
        "<code block: n1>",
        "<code block: session s; n1>",
        "<code block: n2; title A title>",
        "<code block: session s; n2; title T>",
        "<code block: id my-id>",
        "<code block: session s; n4>",
    ]


def test_dataclasses_work_in_a_block() -> None:
    runner = block_runner.PythonRunner()
    code = (
        "from dataclasses import dataclass\n\n@dataclass\nclass P:\n    x: int\n\n"
        "print(P(1), P.__module__, P.__annotations__)"
    )
    out = runner.execute(code, runner.filename(code, "", "", None), "", {})
    # No `from __future__ import annotations` leaks from the runner: annotations are types.
    assert out == "P(x=1) _code_block_n1_ {'x': <class 'int'>}\n"


def test_a_failing_block_shows_a_traceback_with_its_source_lines() -> None:
    runner = block_runner.PythonRunner()
    earlier = "def f():\n    return 1 / 0"
    runner.execute(earlier, runner.filename(earlier, "s", "", None), "s", {})
    code = "x = 1\nf()"
    with pytest.raises(ExecutionError) as raised:
        runner.execute(code, runner.filename(code, "s", "", "T"), "s", {"title": "T"})
    message = str(raised.value)
    assert message.startswith('````````python title="T"\nTraceback (most recent call last):\n')
    assert re.search(r'Traceback \(most recent call last\):\s*File "', message)  # tests/drift.py
    assert (
        '  File "<code block: session s; n2; title T>", line 2, in <module>\n    f()\n' in message
    )
    assert '  File "<code block: session s; n1>", line 2, in f\n    return 1 / 0\n' in message
    assert message.endswith("ZeroDivisionError: division by zero\n\n````````")


BLOCKS = [
    ("s", "", "import dataclasses\n@dataclasses.dataclass\nclass P:\n    x: int\nprint(P(1))"),
    ("s", "T", "print(P, __name__, [P(2)], P.__annotations__, end='.')"),
    ("", "", "print('a', 'b', sep='-')\nprint()"),
    ("s", "", "def f():\n    return 1 / 0"),
    ("s", "", "x = 1\nf()"),
    ("", "", "x = ("),
    ("", "", "  y = 2"),
    ("", "Z", "raise ValueError('boom')  # a comment"),
]
"""(session, title, code) of blocks that print, and of blocks that fail in various ways."""


def block_frames(text: str) -> str:
    """What a runner printed, or its traceback from the first frame in a block on."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if "<code block: " in line), None)
    return text if first is None else "\n".join([lines[0], *lines[first:]])


def test_the_runner_matches_markdown_exec_s_own_runner() -> None:
    # The reference is markdown-exec's private runner: imported here, in a test, to compare; the
    # hooks never import it. A difference means the hook no longer renders as markdown-exec does.
    from markdown_exec._internal.formatters import python as reference

    sessions = dict(reference._sessions_globals)
    counts = dict(reference._sessions_counter)
    reference._sessions_globals.clear()
    reference._sessions_counter.clear()
    runner = block_runner.PythonRunner()
    try:
        for session, title, code in BLOCKS:
            extra = {"title": title} if title else {}
            try:
                run: Any = reference._run_python
                theirs = run(code, session=session, id="", **extra)
            except ExecutionError as error:
                theirs = str(error)
            try:
                ours = runner.execute(
                    code, runner.filename(code, session, "", title), session, extra
                )
            except ExecutionError as error:
                ours = str(error)
            assert block_frames(ours) == block_frames(theirs), code
    finally:
        reference._sessions_globals.clear()
        reference._sessions_globals.update(sessions)
        reference._sessions_counter.clear()
        reference._sessions_counter.update(counts)


def test_a_syntax_error_names_the_block() -> None:
    runner = block_runner.PythonRunner()
    with pytest.raises(ExecutionError) as raised:
        runner.execute("x = (", runner.filename("x = (", "", "", None), "", {})
    assert '"<code block: n1>", line 1' in str(raised.value) and "SyntaxError" in str(raised.value)


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
        reload_package.forget_package("bp_probe_pkg")
        assert "bp_probe_pkg" not in sys.modules and "bp_probe_pkg.sub" not in sys.modules
        assert importlib.import_module("bp_probe_pkg").VALUE == 2
    finally:
        sys.path.remove(str(tmp_path))
        reload_package.forget_package("bp_probe_pkg")


def test_reload_forgets_bpcore_only_when_its_files_changed(
    package: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy stands for bpcore, and forgetting is recorded: the real bpcore stays imported.
    forgotten: list[str] = []
    monkeypatch.setattr(reload_package, "_last_digest", None)
    monkeypatch.setattr(reload_package, "package_dir", lambda: package)
    monkeypatch.setattr(reload_package, "forget_package", lambda: forgotten.append("bpcore"))
    config: Any = object()
    for _ in range(2):  # the first build of the process, then a rebuild without edit
        assert reload_package.on_config(config) is config
    assert forgotten == []
    (package / "__init__.py").write_text("# edited\n", encoding="utf-8")
    reload_package.on_config(config)
    assert forgotten == ["bpcore"]
    reload_package.on_config(config)
    assert forgotten == ["bpcore"]


def test_reload_runs_before_the_exec_cache_fingerprints_bpcore() -> None:
    # MkDocs orders on_config handlers by priority first: the order of hooks cannot undo this.
    assert reload_package.on_config.mkdocs_priority > hook.on_config.mkdocs_priority


# --- the compiled templates (template_cache.py) -----------------------------------------------


@pytest.mark.parametrize("switch", ["on", "off"])
def test_template_cache_follows_the_switch(
    switch: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2 import Environment, FileSystemBytecodeCache
    from mkdocs.config.defaults import MkDocsConfig

    monkeypatch.setenv("BP_EXEC_CACHE", switch)
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    env = Environment()
    assert template_cache.on_env(env, config=config) is env
    if switch == "on":
        assert isinstance(env.bytecode_cache, FileSystemBytecodeCache)
        assert (tmp_path / ".cache" / "jinja" / "theme").is_dir()
    else:
        assert env.bytecode_cache is None and not (tmp_path / ".cache").exists()


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
from bpcore.site.examples.worked import LEARNING_RATE
```

```python exec="1" session="s"
print(f"rate={LEARNING_RATE}")
```
"""


def build_site(
    project: Path, cache: bool = True, **variables: str
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the small site, its bpcore copy first on the path."""
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": str(project),
        "BP_EXEC_CACHE": "on" if cache else "off",
        "SOURCE_DATE_EPOCH": "0",  # the theme writes the build date into each page
        **variables,
    }
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    return subprocess.run(
        cmd, cwd=project, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def page_html(project: Path) -> str:
    return (project / "site" / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def project(package: Path) -> Path:
    root = package.parent
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(PAGE, encoding="utf-8")
    return root


@pytest.mark.site
def test_the_cache_is_read_and_a_bpcore_edit_invalidates_it(project: Path) -> None:
    assert build_site(project).returncode == 0
    assert "rate=0.5" in page_html(project)
    entries = sorted((project / ".cache" / "exec").iterdir())
    assert len(entries) == 2  # one per block; the first prints nothing

    # Forge the stored output: a build that shows it has read the cache.
    printed = [e for e in entries if "rate=0.5" in e.read_text(encoding="utf-8")]
    assert len(printed) == 1
    printed[0].write_text(hook.sealed("rate=from-the-cache\n"), encoding="utf-8")
    assert build_site(project).returncode == 0
    assert "rate=from-the-cache" in page_html(project)

    # An edit to bpcore's source changes every key: the blocks run again.
    example = project / "bpcore" / "site" / "examples" / "worked.py"
    source = example.read_text(encoding="utf-8")
    assert "LEARNING_RATE = 0.5\n" in source
    example.write_text(source.replace("LEARNING_RATE = 0.5\n", "LEARNING_RATE = 0.25\n"))
    assert build_site(project).returncode == 0
    assert "rate=0.25" in page_html(project)


@pytest.mark.site
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


@pytest.mark.site
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


# --- pruning: the cache holds the current site's blocks, no more --------------------------------


def test_prune_deletes_unused_entries_and_temporary_files_only(tmp_path: Path) -> None:
    cache = hook.ExecCache(tmp_path, "f", Recorder())
    run_blocks(cache, [("s", "a = 1"), ("", "lone")])
    used = sorted(p.name for p in tmp_path.iterdir())
    assert len(used) == 2 and set(used) == cache.used
    stale, temporary = "0" * 64, f".{'1' * 64}.4242"
    for name in (stale, temporary, "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert sorted(p.name for p in cache.prune()) == sorted([stale, temporary])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*used, "notes.txt"])


def entries(project: Path) -> set[str]:
    return {p.name for p in (project / ".cache" / "exec").iterdir()}


@pytest.mark.site
def test_a_build_prunes_the_entries_of_edited_blocks(project: Path) -> None:
    assert build_site(project).returncode == 0
    first = entries(project)
    assert len(first) == 2
    leftover = project / ".cache" / "exec" / f".{'a' * 64}.99999"
    leftover.write_text("half an entry", encoding="utf-8")
    page = project / "docs" / "index.md"
    page.write_text(PAGE.replace('print(f"rate=', 'print(f"new rate='), encoding="utf-8")
    assert build_site(project).returncode == 0
    assert "new rate=0.5" in page_html(project)
    second = entries(project)
    assert len(second) == 2 and len(first & second) == 1  # the import block's entry is kept
    (new,) = second - first
    assert "new rate=0.5" in (project / ".cache" / "exec" / new).read_text(encoding="utf-8")
    assert not leftover.exists()


@pytest.mark.site
def test_a_failed_build_or_one_without_cache_prunes_nothing(project: Path) -> None:
    assert build_site(project).returncode == 0
    first = entries(project)
    page = project / "docs" / "index.md"
    edited = PAGE.replace('print(f"rate=', 'print(f"new rate=')
    page.write_text(edited + '\n```python exec="1"\nraise ValueError("boom")\n```\n')
    failed = build_site(project)
    assert failed.returncode != 0 and "boom" in failed.stderr
    # The edited block ran and was stored; nothing was pruned, the failing block not stored.
    assert first < entries(project) and len(entries(project)) == 3
    page.write_text(edited, encoding="utf-8")
    before = entries(project)
    assert build_site(project, cache=False).returncode == 0
    assert entries(project) == before
    assert build_site(project).returncode == 0
    assert len(entries(project)) == 2 and len(entries(project) & first) == 1


# --- all hooks: public APIs only; fast_reload degrades with a warning ---------------------------

HOOK_FILES = sorted(HOOKS_DIR.glob("*.py"))
"""Every Python file of scripts/hooks/: the hooks and the helper modules they import."""
HELPERS = ["block_runner.py", "cache_dir.py"]
"""The helper modules: in the folder, imported by hooks, not hooks themselves."""


def private_imports(source: str) -> list[str]:
    """Every import of another package's private symbol in ``source``.

    That is a module path containing ``._internal`` or a part starting with ``_``, or an
    imported name starting with ``_`` (dunders such as ``__future__`` are public).
    """

    def private(name: str) -> bool:
        return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            names: list[str] = []
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            names = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if "._internal" in module or any(private(part) for part in module.split(".")):
                found.append(module)
        found += [f"{modules[0]}.{name}" for name in names if private(name)]
    return found


def test_the_private_import_check_bites() -> None:
    assert private_imports("from markdown_exec._internal.formatters.python import run\n") == [
        "markdown_exec._internal.formatters.python"
    ]
    assert private_imports("from markdown_exec import _run_python\n") == [
        "markdown_exec._run_python"
    ]
    assert private_imports("import mkdocstrings_handlers.python._internal.rendering\n") == [
        "mkdocstrings_handlers.python._internal.rendering"
    ]
    assert private_imports("def f():\n    from a._b import c\n") == ["a._b"]
    assert private_imports("from __future__ import annotations\nimport os.path\n") == []


@pytest.mark.parametrize("path", HOOK_FILES, ids=lambda p: p.name)
def test_no_hook_or_helper_imports_a_private_symbol(path: Path) -> None:
    assert private_imports(path.read_text(encoding="utf-8")) == []


def test_the_hooks_are_the_six_in_mkdocs_yml_and_the_rest_helpers() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r"^  - (scripts/\S+\.py)$", config, re.MULTILINE)
    assert listed == [
        "scripts/hooks/reload_package.py",
        "scripts/hooks/exec_cache.py",
        "scripts/hooks/template_cache.py",
        "scripts/hooks/fast_reload.py",
        "scripts/hooks/page_in_warnings.py",
        "scripts/hooks/page_assets.py",
    ]
    helpers = [HOOKS_DIR / name for name in HELPERS]
    assert sorted([*(ROOT / p for p in listed), *helpers]) == HOOK_FILES


@pytest.mark.parametrize("name", HELPERS)
def test_a_helper_handles_no_event(name: str) -> None:
    # MkDocs would never call it: a helper is not listed in mkdocs.yml.
    module = load(HOOKS_DIR / name)
    assert [n for n in vars(module) if n.startswith("on_")] == []


class FakeServer:
    """What fast_reload uses of MkDocs' LiveReloadServer."""

    def __init__(self, watched: dict[str, int] | None) -> None:
        if watched is not None:
            self._watched_paths = dict(watched)
        self.calls: list[tuple[str, str]] = []
        self.observer: Any = None

    def watch(self, path: str) -> None:
        self.calls.append(("watch", path))

    def unwatch(self, path: str) -> None:
        self.calls.append(("unwatch", path))


def test_fast_reload_rewatches_with_a_faster_observer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    fast_reload = load(ROOT / "scripts" / "hooks" / "fast_reload.py")
    server = FakeServer({"docs": 1, "bpcore": 2})
    assert fast_reload.on_serve(server, config=None) is server
    assert server.calls == [
        ("unwatch", "docs"),
        *[("unwatch", "bpcore")] * 2,
        ("watch", "docs"),
        *[("watch", "bpcore")] * 2,
    ]
    assert server.observer.timeout == fast_reload.INTERVAL
    assert sys.dont_write_bytecode


def test_fast_reload_warns_once_when_the_server_changed(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    fast_reload = load(ROOT / "scripts" / "hooks" / "fast_reload.py")
    server = FakeServer(None)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.fast_reload"):
        assert fast_reload.on_serve(server, config=None) is server
    assert server.calls == [] and server.observer is None
    warnings = [r for r in caplog.records if r.name == "mkdocs.hooks.fast_reload"]
    assert len(warnings) == 1 and "_watched_paths" in warnings[0].getMessage()


# --- issue 11: a build that exits 0 is a right build -------------------------------------------


def test_the_key_covers_matplotlibs_environment_and_rc_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = hook.fingerprint("digest", VERSIONS)
    monkeypatch.setenv("MATPLOTLIBRC", str(tmp_path / "rc"))
    with_variable = hook.fingerprint("digest", VERSIONS)
    assert with_variable != before
    (tmp_path / "rc").write_text("font.size: 30\n", encoding="utf-8")
    assert hook.fingerprint("digest", VERSIONS) != with_variable
    monkeypatch.setenv("MPLBACKEND", "svg")
    monkeypatch.setenv("BP_EXEC_CACHE", "off")  # how blocks are cached is not in the key
    assert "BP_EXEC_CACHE" not in hook.environment()
    assert hook.environment()["MPLBACKEND"] == "svg"


def test_a_block_that_reads_what_its_key_does_not_cover_is_not_cached(tmp_path: Path) -> None:
    data = tmp_path / "data.txt"
    data.write_text("42\n", encoding="utf-8")
    cache = hook.ExecCache(tmp_path / "exec", "f", block_runner.PythonRunner())
    blocks = [
        ("", f"print(open({str(data)!r}).read())"),
        ("", "import os\nprint(os.environ.get('SOME_SETTING', 'unset'))"),
        ("", "print('pure')"),
    ]
    assert run_blocks(cache, blocks) == ["42\n\n", "unset\n", "pure\n"]
    assert [sorted(v) for v in cache.uncached.values()] == [[str(data)], ["$SOME_SETTING"]]
    assert len(list((tmp_path / "exec").iterdir())) == 1  # only the pure block is stored


def test_a_corrupt_or_truncated_entry_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    blocks = [("", "print('x')")]
    run_blocks(hook.ExecCache(tmp_path, "f", Recorder()), blocks)
    (entry,) = tmp_path.iterdir()
    entry.write_text(entry.read_text(encoding="utf-8")[:-3], encoding="utf-8")  # truncated
    again = hook.ExecCache(tmp_path, "f", Recorder())
    assert run_blocks(again, blocks) == ["out:print('x')"]
    assert (again.corrupt, again.misses) == (1, 1)
    assert hook.unsealed(entry.read_text(encoding="utf-8")) == "out:print('x')"
    assert hook.unsealed("not an entry") is None


def test_a_cache_that_cannot_be_written_warns_once_and_the_blocks_still_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    cache = hook.ExecCache(tmp_path / "file" / "exec", "f", Recorder())
    with caplog.at_level(logging.WARNING, logger="bpcore.exec_cache"):
        assert run_blocks(cache, [("", "print(1)"), ("", "print(2)")]) == [
            "out:print(1)",
            "out:print(2)",
        ]
    warnings = [r for r in caplog.records if r.name == "bpcore.exec_cache"]
    assert len(warnings) == 1 and "cannot write" in warnings[0].getMessage()


def test_outputs_of_a_build_during_which_bpcore_changed_are_not_stored(tmp_path: Path) -> None:
    cache = hook.ExecCache(tmp_path, "f", Recorder())
    cache.runner({})("print(1)", returncode=0, session="", id="")
    assert cache.commit("after the edit", "before the edit") == 0
    assert not list(tmp_path.iterdir())


def test_a_rebuild_starts_every_session_afresh(tmp_path: Path) -> None:
    first = hook.ExecCache(tmp_path, "f", block_runner.PythonRunner())
    assert run_blocks(first, [("s", "import math"), ("s", "print(math.pi > 3)")])[1] == "True\n"
    # The next build's page no longer imports math: its block must fail, not reuse the name.
    second = hook.ExecCache(tmp_path, "f", block_runner.PythonRunner())
    with pytest.raises(ExecutionError, match="NameError"):
        run_blocks(second, [("s", "print(math.pi > 3)")])


@pytest.mark.parametrize(
    "code",
    ["import sys\nsys.exit(0)", "import os\nos._exit(0)", "raise SystemExit", 'print("")'],
)
def test_a_block_cannot_end_the_build_or_print_nothing(code: str) -> None:
    cache = hook.ExecCache(Path("/nonexistent"), "f", block_runner.PythonRunner(), use_cache=False)
    with pytest.raises(ExecutionError, match=r"tried to end the build|printed nothing"):
        cache.runner({})(code, returncode=0, session="", id="")
    assert cache.failures == 1


def test_a_block_past_its_time_limit_is_interrupted() -> None:
    runner = block_runner.PythonRunner(limit=0.5)
    code = "while True:\n    try:\n        pass\n    except Exception:\n        pass"
    with pytest.raises(ExecutionError, match=r"ran past its time limit of 0\.5 s"):
        runner.execute(code, runner.filename(code, "", "", None), "", {})


def test_an_error_the_markdown_pipeline_would_swallow_fails_instead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pymdownx.superfences import SuperFencesException

    cache = hook.ExecCache(tmp_path, "f", Recorder())

    def broken(**kwargs: Any) -> str:
        raise RuntimeError("rendering broke")

    monkeypatch.setattr(hook, "base_format", broken)
    with pytest.raises(SuperFencesException, match="rendering broke"):
        cache.formatter("print(1)", "python", "", {}, Markdown())

    def bad_options(*args: Any, **kwargs: Any) -> bool:
        raise ValueError("bad option")

    monkeypatch.setattr(hook, "markdown_exec_validator", bad_options)
    with pytest.raises(SuperFencesException, match="bad option"):
        hook.checked_validator("python", {}, {}, {}, Markdown())


GUARDED_CONFIG = CONFIG + f"  - {HOOKS_DIR / 'page_in_warnings.py'}\n"


@pytest.mark.site
@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("import sys\nsys.exit(0)", "tried to end the build"),
        ("import os\nos._exit(0)", "tried to end the build"),
        ('print("")', "printed nothing"),
        ("while True:\n    pass", "ran past its time limit of 2 s"),
    ],
    ids=["sys.exit", "os._exit", "nothing", "forever"],
)
def test_a_bad_block_fails_the_build_naming_the_page(package: Path, code: str, says: str) -> None:
    root = package.parent
    (root / "mkdocs.yml").write_text(GUARDED_CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    page = f'# Bad\n\n```python exec="1"\n{code}\n```\n'
    (root / "docs" / "bad-page.md").write_text(page, encoding="utf-8")
    result = build_site(root, cache=False, BP_BLOCK_TIMEOUT="2")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(r"bad-page\.md: markdown_exec: .* exited with errors", output), output
    assert says in output, output


@pytest.mark.site
def test_a_block_stuck_where_it_cannot_be_interrupted_stops_the_build(package: Path) -> None:
    root = package.parent
    (root / "mkdocs.yml").write_text(GUARDED_CONFIG, encoding="utf-8")
    (root / "docs").mkdir()
    page = '# Stuck\n\n```python exec="1"\nimport time\ntime.sleep(600)\n```\n'
    (root / "docs" / "index.md").write_text(page, encoding="utf-8")
    result = build_site(root, cache=False, BP_BLOCK_TIMEOUT="1")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "index.md: <code block: n1> ran past its limit of 1 s; stopping" in result.stderr
