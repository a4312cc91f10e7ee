"""The tree shows the pipeline: a numpy-only engine, a site layer whose kit imports no example,
prose in Markdown, and tests that do not import one another."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import bpcore

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bpcore"
STACK = ("matplotlib", "markdown", "mkdocs", "latex2mathml", "bs4", "material", "markdown_exec")


def imports(path: Path) -> set[str]:
    """Every module a Python file imports, as written (absolute names)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_import_bpcore_loads_numpy_and_nothing_else_of_the_stack() -> None:
    code = (
        "import sys; import bpcore; "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
        "; print(' '.join(m for m in sys.modules if m.startswith('bpcore.site')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    tops, site = done.stdout.splitlines()
    loaded = set(tops.split())
    assert "numpy" in loaded
    assert not loaded & set(STACK), sorted(loaded & set(STACK))
    assert not site, site


def test_the_check_on_loaded_modules_would_see_matplotlib() -> None:
    code = "import sys; import bpcore.site.render.charts; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


ENGINE = sorted(p for p in PACKAGE.glob("*.py"))


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: p.name)
def test_engine_modules_import_numpy_and_the_standard_library_only(path: Path) -> None:
    for name in imports(path):
        top = name.split(".")[0]
        assert top in sys.stdlib_module_names or top in ("numpy", "bpcore"), (path.name, name)
        assert not name.startswith("bpcore.site"), (path.name, name)


def test_the_public_api_holds_engine_things_only() -> None:
    for name in bpcore.__all__:
        module = getattr(getattr(bpcore, name), "__module__", None) or "bpcore"
        assert module.startswith("bpcore") and not module.startswith("bpcore.site"), name
    for gone in ("QUOTED", "reconcile", "chain_factors", "example", "printed_scale"):
        assert not hasattr(bpcore, gone), gone


def all_modules() -> list[str]:
    return ["bpcore", *(m.name for m in pkgutil.walk_packages(bpcore.__path__, "bpcore."))]


@pytest.mark.parametrize("name", all_modules())
def test_no_public_function_or_class_shares_its_modules_name(name: str) -> None:
    module = importlib.import_module(name)
    short = name.rsplit(".", 1)[-1]
    public = getattr(module, "__all__", [n for n in vars(module) if not n.startswith("_")])
    for attribute in public:
        value = getattr(module, attribute)
        if (inspect.isfunction(value) or inspect.isclass(value)) and value.__module__ == name:
            assert value.__name__ != short, f"{name}.{value.__name__}"


RENDER = sorted((PACKAGE / "site" / "render").glob("*.py"))


@pytest.mark.parametrize("path", [*RENDER, PACKAGE / "site" / "registry.py"], ids=lambda p: p.name)
def test_the_rendering_kit_and_the_registry_import_no_example_nor_page(path: Path) -> None:
    for name in imports(path):
        assert not name.startswith(("bpcore.site.examples", "bpcore.site.pages")), (path, name)


def test_the_import_scan_sees_an_import_of_an_example(tmp_path: Path) -> None:
    module = tmp_path / "kit.py"
    module.write_text("from bpcore.site.examples import worked\nimport numpy\n", encoding="utf-8")
    assert imports(module) == {"bpcore.site.examples", "numpy"}


def test_tests_do_not_import_other_test_modules() -> None:
    for path in sorted((ROOT / "tests").glob("*.py")):
        bad = [n for n in imports(path) if n.split(".")[0].startswith("test_")]
        assert not bad, (path.name, bad)


BLOCK = re.compile(r'^```python exec="1"[^\n]*\n(.*?)^```', re.M | re.S)
READER_PAGES = sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "guide.md")


@pytest.mark.parametrize("page", READER_PAGES, ids=lambda p: p.name)
def test_blocks_only_ask_for_a_table_chart_or_diagram(page: Path) -> None:
    for code in BLOCK.findall(page.read_text(encoding="utf-8")):
        lines = [line for line in code.splitlines() if line.strip()]
        assert len(lines) <= 2, code
        for line in lines:
            assert re.fullmatch(r"from [\w.]+ import [\w, ]+|print\([\w.]+\([^()]*\)\)", line), line


def test_a_test_that_hangs_stops_the_run_with_a_message(tmp_path: Path) -> None:
    # make test and CI can never hang: conftest bounds every test, its set-up included.
    (tmp_path / "conftest.py").write_text(
        (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "test_hang.py").write_text(
        "import time\n\ndef test_hang():\n    time.sleep(60)\n", encoding="utf-8"
    )
    env = {**os.environ, "BP_TEST_TIMEOUT": "1"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    done = subprocess.run(
        cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode != 0
    assert "test_hang.py::test_hang ran past 1 s (BP_TEST_TIMEOUT)" in done.stderr
