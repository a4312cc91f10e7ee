"""The worked example against the article's printed figures (issue 2), and its one record."""

import numpy as np
import pytest

import bpcore
from bpcore.site.examples import worked
from bpcore.site.examples.article import QUOTED, printed_scale, reconcile

EX = worked.example()
REC = worked.record()


def test_forward_table_matches_the_article_to_3_decimals() -> None:
    tr = bpcore.forward(EX.net, EX.X)
    for k in range(3):
        got = [tr.post[0][k, 0], tr.post[0][k, 1], tr.pre[1][k, 0], tr.output[k, 0]]
        printed = [float(QUOTED[f"{n}({k + 1})"]) for n in ("h1", "h2", "s", "y")]
        assert np.round(got, 3).tolist() == printed


def test_loss_by_the_stated_formula_is_not_the_printed_one() -> None:
    e = bpcore.loss(EX.net, EX.X, EX.T)
    assert e == pytest.approx(0.048856, abs=1e-6)
    assert round(e, 3) != float(QUOTED["E, first pass"])
    terms = bpcore.loss_terms(bpcore.forward(EX.net, EX.X).output, EX.T)
    assert terms.shape == (3,)
    assert terms.mean() == pytest.approx(e, rel=1e-15)


def test_chain_factor_means_match_the_article() -> None:
    cf = worked.chain_factors(EX.net, bpcore.forward(EX.net, EX.X), EX.T)
    assert round(cf.dE_dy.mean(), 3) == 0.294
    assert round(cf.dy_ds.mean(), 3) == 0.152
    assert round(cf.ds_dw[:, 0].mean(), 3) == 1.5


def test_article_rule_reproduces_the_printed_update() -> None:
    g = bpcore.article_gradients(EX.net, EX.X, EX.T)
    assert round(g.weights[1][0, 0], 3) == 0.067
    new = bpcore.step(EX.net, EX.X, EX.T, EX.lr, rule="article")
    assert np.round(new.weights[1].ravel(), 3).tolist() == [0.766, 0.167]
    v = np.round(new.weights[0], 3)
    assert v[:2].tolist() == [[0.114, 0.191], [0.576, 0.294]]
    # The printed v31 0.282 and v32 0.496 are not what the rule gives.
    assert v[2].tolist() == [0.276, 0.494]


def test_article_rule_is_not_the_gradient() -> None:
    rule = bpcore.article_gradients(EX.net, EX.X, EX.T).weights[1][0, 0]
    exact = bpcore.gradients(EX.net, EX.X, EX.T).weights[1][0, 0]
    cf = worked.chain_factors(EX.net, bpcore.forward(EX.net, EX.X), EX.T)
    # The gradient is the mean of per-sample products; the rule is the product of means.
    assert exact == pytest.approx(np.mean(cf.dE_dy * cf.dy_ds * cf.ds_dw[:, 0]), rel=1e-14)
    assert rule == pytest.approx(
        cf.dE_dy.mean() * cf.dy_ds.mean() * cf.ds_dw[:, 0].mean(), rel=1e-14
    )
    assert exact == pytest.approx(0.059262, abs=1e-6)
    assert abs(rule - exact) > 0.007


def test_reconcile_verdicts() -> None:
    rows = {r.name: r for r in reconcile(REC)}
    assert rows["v31 new"].verdict == rows["v32 new"].verdict == "slip"
    assert rows["E, first pass"].verdict == "not reproducible"
    assert rows["E, second pass"].verdict == "not reproducible"
    assert rows["E compared with"].verdict == "typo"
    assert rows["dE/dv11"].verdict == "reproduces"
    assert set(rows) == set(QUOTED)


def test_printed_loss_is_about_4_79_times_the_formula_at_both_passes() -> None:
    first, second = printed_scale(REC)
    assert first == pytest.approx(4.790, abs=1e-3)
    assert second == pytest.approx(4.788, abs=1e-3)


def test_training_fits_the_three_targets() -> None:
    h = bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=1000)
    assert h.losses[100] == pytest.approx(2.4e-4, rel=0.05)
    assert h.losses[-1] < 1e-15
    y = bpcore.forward(h.final, EX.X).output
    np.testing.assert_allclose(y, EX.T, atol=1e-7)


def test_training_stops_at_a_threshold() -> None:
    h = bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=10_000, tol=1e-3)
    assert h.stopped == "threshold"
    assert h.losses[-1] <= 1e-3 < h.losses[-2]
    assert len(h.networks) == len(h.losses) == h.epochs + 1


def test_per_sample_updates_also_descend() -> None:
    h = bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=50, mode="sample")
    assert h.losses[-1] < h.losses[0] / 10
    assert h.stopped == "epochs"


def test_the_record_is_computed_once_and_read_only() -> None:
    assert worked.record() is worked.record()
    with pytest.raises(TypeError):
        REC.runs[(0.5, "batch")] = REC.long_run  # type: ignore[index]


def test_the_threshold_run_is_the_long_run_cut_where_it_first_reaches_the_threshold() -> None:
    # Computed independently: a run told to stop at the threshold.
    direct = bpcore.train(EX.net, EX.X, EX.T, EX.lr, epochs=10_000, tol=worked.THRESHOLD)
    cut = REC.to_threshold(EX.lr)
    assert cut.epochs == direct.epochs
    np.testing.assert_array_equal(cut.losses, direct.losses)
    np.testing.assert_array_equal(cut.final.weights[0], direct.final.weights[0])


def test_a_run_that_never_reaches_the_threshold_says_so() -> None:
    slow = bpcore.train(EX.net, EX.X, EX.T, 1e-6, epochs=3)
    record = worked.WorkedRecord(**{**REC.__dict__, "runs": {(1e-6, "batch"): slow}})
    with pytest.raises(ValueError, match="does not reach"):
        record.to_threshold(1e-6)
