"""MkDocs hook: keep compiled Jinja templates between builds.

MkDocs makes a new Jinja environment for every build, and so does
mkdocstrings' Python handler; compiling Material's templates was about half of
a rebuild in ``mkdocs serve``. This hook gives both environments Jinja's own
bytecode cache, in ``.cache/jinja/`` next to ``mkdocs.yml`` (git-ignored),
one directory per environment. It needs no pruning: Jinja keeps one file per
template, overwritten when the template changes.

``BP_EXEC_CACHE=off`` turns it off, as it does the exec cache
(see ``cache_dir.py``); ``rm -rf .cache`` empties it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cache_dir import cache_root, enabled
from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocstrings import MkdocstringsPlugin


def keep_compiled_templates(env: Environment, directory: Path) -> None:
    """Give a Jinja environment a bytecode cache.

    Jinja's bytecode cache is keyed by each template's name, file and the
    checksum of its source, so an edited template is compiled again. Each
    environment gets its own directory, since their settings differ.

    Args:
        env: The environment.
        directory: Where its compiled templates go.
    """
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))


def on_pre_build(config: MkDocsConfig) -> None:
    """Keep mkdocstrings' compiled templates between builds (if the caches are on).

    Its Python handler renders the API pages with a Jinja environment of its
    own (the handler's public ``env``), made anew for every build like the
    theme's, before any page renders.

    Args:
        config: The build's configuration.
    """
    plugin = config.plugins.get("mkdocstrings")
    if enabled() and isinstance(plugin, MkdocstringsPlugin):
        handler = plugin.handlers.get_handler("python")
        keep_compiled_templates(handler.env, cache_root(config) / "jinja" / "mkdocstrings-python")


def on_env(env: Environment, config: MkDocsConfig, **kwargs: Any) -> Environment:
    """Keep the theme's compiled templates between builds (if the caches are on).

    Args:
        env: The theme's environment.
        config: The build's configuration.
        **kwargs: The event's other arguments.

    Returns:
        The environment.
    """
    if enabled():
        keep_compiled_templates(env, cache_root(config) / "jinja" / "theme")
    return env
