"""Where the build caches live, and the switch that turns them off (not a hook).

The exec cache (``exec_cache.py``) and the compiled templates
(``template_cache.py``) share both: one directory to empty, one variable to
turn them off. MkDocs puts this folder on ``sys.path`` while it loads a hook,
so the hooks import this module by its name.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

SWITCH = "BP_EXEC_CACHE"
"""Environment variable; ``off`` (or ``0``, ``no``, ``false``) turns the caches off."""


def enabled() -> bool:
    """Whether the caches are on.

    Returns:
        False if ``BP_EXEC_CACHE`` is ``off``, ``0``, ``no`` or ``false``.
    """
    return os.environ.get(SWITCH, "on").strip().lower() not in ("off", "0", "no", "false")


def cache_root(config: MkDocsConfig) -> Path:
    """The caches' directory.

    Args:
        config: The build's configuration.

    Returns:
        ``.cache/`` next to ``mkdocs.yml``.
    """
    return Path(config.config_file_path).parent / ".cache"
