"""Accept an intended change: recompute every golden value, print what changed, rewrite the file.

Run it as ``make golden`` after a deliberate change to bpcore or to the
example's inputs, read the printed diff, and commit ``tests/golden_values.toml``
with the change that caused it.
"""

from __future__ import annotations

import sys

from bpcore.site.golden import FILE, accepted, collect, diff, dumps, load, summary


def main() -> int:
    """Rewrite the golden file from bpcore's values and print the diff against the old one."""
    old, new = load(FILE), collect()
    lines = diff(old, new)
    print("\n".join([*lines, summary(old, new, lines)]))
    FILE.write_text(dumps(accepted(old, new)), encoding="utf-8")
    print(f"wrote {FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
