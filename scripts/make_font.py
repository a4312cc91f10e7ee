"""``make font``: make docs/assets/fonts/noto-sans-math.woff2 again from its package.

Fetches Noto Sans Math from the npm registry (``npm pack @fontsource/noto-sans-math``, the
tarball checked against its pinned sha512), and subsets it with fonttools as
docs/assets/fonts/README.txt says: Latin, Greek, operators, letterlike symbols, the
mathematical italic letters and the stretchy bracket parts, MATH table kept, hinting dropped.
With fonttools and brotli as pinned in requirements/test.lock the result is byte-identical
to the committed file; ``--check`` only says whether it is (exit 1 if not).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "assets" / "fonts" / "noto-sans-math.woff2"
PACKAGE = "@fontsource/noto-sans-math@5.3.0"
INTEGRITY = (
    "sha512-CzodkZ4R2VC73rqbNbVpiI94fXZJLFEMNBTAM3DFadjAKrjLQ2Fr+"
    "s2yM2c5uS+frBZ2IM+LyMo6COhAzV7hCA=="
)
MEMBER = "package/files/noto-sans-math-latin-400-normal.woff2"
UNICODES = ",".join(
    [
        "U+0020-007E",  # ASCII
        "U+00A0-00FF",  # Latin-1
        "U+0391-03D5",  # Greek
        "U+2000-206F",  # spaces and punctuation
        "U+2070-209F",  # super- and subscripts
        "U+2100-214F",  # letterlike symbols
        "U+2190-2193",  # arrows
        "U+21D0-21D4",  # double arrows
        "U+2200-22FF",  # mathematical operators
        "U+2308-230B",  # ceiling and floor
        "U+239B-23B3",  # stretchy bracket parts
        "U+23DC-23E1",  # over and under braces
        "U+27E8-27E9",  # angle brackets
        "U+1D434-1D467",  # mathematical italic Latin
        "U+1D6E2-1D71B",  # mathematical italic Greek
        "U+1D7CE-1D7D7",  # mathematical bold digits (the bold 1 of a column of ones)
    ]
)


def fetch(dest: Path) -> Path:
    """Download the package's tarball into ``dest`` with npm; check it; return the font file."""
    if shutil.which("npm") is None:
        sys.exit("make font: npm is needed to fetch the font (Debian: apt-get install -y npm)")
    packed = subprocess.run(
        ["npm", "pack", PACKAGE, "--pack-destination", str(dest), "--json", "--silent"],
        capture_output=True,
        text=True,
        check=True,
    )
    tarball = dest / json.loads(packed.stdout)[0]["filename"]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != INTEGRITY:
        sys.exit(f"make font: {tarball.name} is not the pinned {PACKAGE} (sha512 differs)")
    with tarfile.open(tarball) as tar:
        tar.extract(MEMBER, dest, filter="data")
    return dest / MEMBER


def make(source: Path, output: Path) -> None:
    """Subset ``source`` into ``output`` (woff2), as the committed file was made."""
    subset.main(
        [
            str(source),
            "--layout-features=*",
            "--no-hinting",
            "--flavor=woff2",
            f"--output-file={output}",
            f"--unicodes={UNICODES}",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; do not write")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        made = Path(tmp) / "noto-sans-math.woff2"
        make(fetch(Path(tmp)), made)
        same = OUT.exists() and made.read_bytes() == OUT.read_bytes()
        where = OUT.relative_to(ROOT)
        if args.check:
            print(f"{where}: {'reproduced byte for byte' if same else 'DIFFERS from the remake'}")
            return 0 if same else 1
        shutil.copyfile(made, OUT)
        print(f"{where}: {'unchanged' if same else 'rewritten'} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
