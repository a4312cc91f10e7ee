"""The site builds with --strict and shows what bpcore computes."""

from pathlib import Path

import numpy as np
from bs4 import BeautifulSoup

import bpcore
from bpcore.site.examples import worked


def test_home_page_shows_the_forward_table(site: Path) -> None:
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.select_one('div.bp-table[aria-label="The forward pass of the example"] table')
    assert table is not None
    rows = [[c.get_text() for c in tr.find_all(["td", "th"])] for tr in table.select("tbody tr")]
    ex = worked.example()
    tr = bpcore.forward(ex.net, ex.X)
    assert len(rows) == ex.X.shape[0], rows
    for k, row in enumerate(rows):
        assert len(row) == 6, row
        want = [tr.post[0][k, 0], tr.post[0][k, 1], tr.pre[1][k, 0], tr.output[k, 0]]
        assert [float(v) for v in row[1:5]] == np.round(want, 3).tolist()
