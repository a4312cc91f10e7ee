#!/usr/bin/env bash
# Set up .venv for one group of the lock: `serve` (requirements/serve.lock: what `make serve`
# and `make build` need) or `test` (requirements/test.lock: everything, checks included).
#
# - Python older than 3.11 stops here with one line saying so.
# - .venv is made again from nothing when the interpreter or a lock file changes (the key of
#   both is kept in .venv/.bp-key), so a .venv from another Python is never reused.
# - Packages are installed by uv (pinned in requirements/test.lock, fetched with pip into .venv
#   first). uv reads UV_DEFAULT_INDEX / UV_INDEX_URL (default: PyPI), never pip's
#   configuration; BP_INSTALLER=pip installs with pip alone, following pip's configuration
#   (mirrors, proxies) instead.
# - bpcore itself is imported from this checkout through a .pth file: nothing is built.
set -euo pipefail
cd "$(dirname "$0")/.."

group=${1:?usage: scripts/venv.sh serve|test}
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
INSTALLER=${BP_INSTALLER:-uv}
LOCK=requirements/$group.lock
[ -f "$LOCK" ] || { echo "scripts/venv.sh: no lock file $LOCK" >&2; exit 2; }

if ! version=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null); then
    echo "error: cannot run PYTHON=$PYTHON; install Python 3.11 or newer and pass it, e.g. make serve PYTHON=python3.11" >&2
    exit 1
fi
major=${version%%.*}
minor=${version#*.}
if ! [[ $major =~ ^[0-9]+$ && $minor =~ ^[0-9]+$ ]] || ((major < 3 || (major == 3 && minor < 11))); then
    echo "error: this project needs Python 3.11 or newer, but PYTHON=$PYTHON is Python $version; install a newer one and pass it, e.g. make serve PYTHON=python3.11" >&2
    exit 1
fi

identity=$("$PYTHON" -c 'import os, sys; print(sys.version); print(os.path.realpath(sys.executable))')
key=$({ echo "$identity"; echo "$INSTALLER"; cat requirements/serve.lock requirements/test.lock; } | cksum | cut -d' ' -f1)

if [ "$(cat "$VENV/.bp-key" 2>/dev/null)" != "$key" ]; then
    if [ -d "$VENV" ]; then
        echo "$VENV was made with another Python or lock file: making it again with $PYTHON ($version)"
    else
        echo "Making $VENV with $PYTHON ($version)"
    fi
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
    purelib=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    pwd >"$purelib/bpcore-checkout.pth"
    echo "$key" >"$VENV/.bp-key"
fi

if [ ! -e "$VENV/.bp-$group" ]; then
    echo "Installing the $group group from $LOCK into $VENV ($INSTALLER)"
    if [ "$INSTALLER" = pip ]; then
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$LOCK"
    else
        uv_pin=$(grep -E '^uv==' requirements/test.lock)
        if [ ! -x "$VENV/bin/uv" ]; then
            # uv itself comes from the index uv will use (UV_DEFAULT_INDEX or UV_INDEX_URL, else
            # PyPI), with pip isolated from this machine's pip configuration, as uv is.
            index=${UV_DEFAULT_INDEX:-${UV_INDEX_URL:-https://pypi.org/simple}}
            "$VENV/bin/python" -m pip install --isolated --quiet --disable-pip-version-check \
                --index-url "$index" "$uv_pin"
        fi
        "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" -r "$LOCK" "$uv_pin"
    fi
    touch "$VENV/.bp-$group"
fi
