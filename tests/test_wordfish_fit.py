"""Wordfish's numerical kernel (Taylor-expanded moments) and its stopping rule."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.text.dfm import count_table, to_matrix
from briefkit.errors import BriefkitError
from briefkit.scaling._wordfish_fit import ExpMoments, exp_moments
from briefkit.scaling.wordfish import WordfishDivergedError, wordfish

from datasets import IRISH


def _direct(p0, p1, log_w, x):
    """S_p by brute force: sum_v exp(p0 + log_w + p1 x) x^p, p = 0, 1, 2."""
    lam = np.exp(p0[:, None] + log_w[None, :] + p1[:, None] * x[None, :])
    return np.column_stack([lam.sum(1), (lam * x).sum(1), (lam * x * x).sum(1)])


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**31 - 1), st.floats(0.0, 3.0))
def test_taylor_moments_equal_direct_sums(seed, move):
    rng = np.random.default_rng(seed)
    x, log_w = rng.normal(size=30) * 2, rng.normal(size=30) - 3
    centers = rng.normal(size=12)
    m = ExpMoments(log_w, x, direct=False)   # a table this small would be summed directly
    m.expand(centers)
    p0, p1 = rng.normal(size=12), centers + rng.uniform(-move, move, size=12)
    idx = np.arange(12)
    np.testing.assert_allclose(m.at(idx, p0, p1), _direct(p0, p1, log_w, x), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(m.at(None, p0, p1), _direct(p0, p1, log_w, x), rtol=1e-12, atol=1e-300)


def test_far_moves_are_re_expanded_exactly():
    x, log_w = np.array([-3.0, 0.5, 4.0]), np.zeros(3)
    m = ExpMoments(log_w, x, direct=False)
    m.expand(np.zeros(4))
    p1 = np.array([0.01, 0.2, 2.0, -5.0])    # the last two move more than 1 / max|x| = 0.25
    got = m.at(None, np.zeros(4), p1)
    np.testing.assert_allclose(got, _direct(np.zeros(4), p1, log_w, x), rtol=1e-13)
    assert m.passes == pytest.approx(1.5)        # one full pass + 2 of 4 units again
    assert m.center.tolist() == [0.0, 0.0, 2.0, -5.0]


def test_direct_sums_for_a_small_other_side():
    x, log_w = np.array([-1.0, 2.0]), np.array([0.5, -0.5])
    m = ExpMoments(log_w, x)
    m.expand(np.zeros(3))
    assert m.direct
    p0, p1 = np.array([0.1, 0.2, 0.3]), np.array([3.0, -4.0, 0.0])
    np.testing.assert_allclose(m.at(None, p0, p1), _direct(p0, p1, log_w, x), rtol=1e-14)


def test_exp_moments_do_not_overflow_where_the_product_is_finite():
    # exp(300 * 4 - 5) overflows; the shift keeps the block finite and the log of the sum exact
    G, shift = exp_moments(np.array([300.0]), np.array([0.0, -5.0]), np.array([1.0, 4.0]), 2)
    assert np.isfinite(G).all() and np.isfinite(shift).all()
    assert np.log(G[0, 0]) + shift[0] == pytest.approx(np.logaddexp(300.0, 1195.0), rel=1e-15)
    assert G[0, 1] / G[0, 0] == pytest.approx(4.0)


def _resampled(n_docs, seed=0, min_count=20):
    """Documents of 2-8 paragraphs resampled from one Irish budget speech each (fixed seed)."""
    rng = np.random.default_rng(seed)
    manifest = pd.read_csv(IRISH / "manifest.csv", encoding="utf-8")
    speeches = [[p for p in (IRISH / f).read_text(encoding="utf-8").split("\n\n") if p.strip()]
                for f in manifest["file"]]
    rows = []
    for i in range(n_docs):
        ps = speeches[rng.integers(len(speeches))]
        pick = rng.choice(len(ps), size=min(len(ps), int(rng.integers(2, 9))), replace=False)
        rows.append((f"d{i:03d}", "\n\n".join(ps[j] for j in sorted(pick))))
    units = pd.DataFrame(rows, columns=["doc_id", "text"])
    return to_matrix(count_table(units, tokenizer="quanteda"), min_count=min_count)


def test_max_iter_returns_the_last_sweep_with_a_warning():
    mat, docs, terms = _resampled(100)
    with pytest.warns(UserWarning, match="max_iter=5 sweeps were reached"):
        short = wordfish((mat, docs, terms), dir=(docs[0], docs[-1]), max_iter=5)
    assert short.stop == "max_iter" and not short.converged
    assert short.n_iter == 5 and len(short.trace) == 6 and short.log_posterior == short.trace[-1]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        longer = wordfish((mat, docs, terms), dir=(docs[0], docs[-1]), max_iter=8)
    assert longer.trace[:6] == short.trace     # the same path, bit for bit
    assert np.all(np.diff(longer.trace) > 0)   # still rising: no peak yet


def test_rerun_is_bit_identical():
    mat, docs, terms = _resampled(60, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = wordfish((mat, docs, terms), dir=(docs[0], docs[1]))
        b = wordfish((mat, docs, terms), dir=(docs[0], docs[1]))
    pd.testing.assert_frame_equal(a.documents, b.documents, check_exact=True)
    pd.testing.assert_frame_equal(a.features, b.features, check_exact=True)
    assert a.trace == b.trace


def test_peak_stop_reports_converged_and_trace():
    counts = pd.DataFrame([[9, 1, 5], [5, 5, 5], [1, 9, 5]], index=["a", "b", "c"], columns=list("xyz"))
    fit = wordfish(counts, dir=("a", "c"))
    assert fit.stop == "peak" and fit.converged
    assert len(fit.trace) == fit.n_iter + 1 and fit.log_posterior == fit.trace[-1]


@pytest.mark.parametrize("options, message", [
    ({"priors": (1.0, 1.0, 3.0)}, "priors must be 4"),
    ({"tol": (0.0, 1e-8)}, "tol must be 2 positive"),
    ({"max_iter": 0}, "max_iter must be a positive integer"),
    ({"max_iter": True}, "max_iter must be a positive integer"),
    ({"level": 1.5}, "level must be in"),
    ({"dir": ("a", "a")}, "two different documents"),
    ({"dir": "ab"}, "pair of doc ids"),
    ({"priors": "wide"}, "sequences of numbers"),
])
def test_bad_options_raise_briefkit_errors(options, message):
    counts = pd.DataFrame([[9, 1, 5], [5, 5, 5], [1, 9, 5]], index=["a", "b", "c"], columns=list("xyz"))
    with pytest.raises(BriefkitError, match=message):
        wordfish(counts, **{"dir": ("a", "c"), **options})


def test_one_term_is_a_briefkit_error():
    with pytest.raises(BriefkitError, match="at least 2 terms"):
        wordfish(pd.DataFrame({"x": [1, 2]}, index=["a", "b"]))


def test_diverged_error_is_both_briefkit_and_floating_point():
    assert issubclass(WordfishDivergedError, BriefkitError)
    assert issubclass(WordfishDivergedError, FloatingPointError)


def test_wordscores_errors_are_briefkit_errors():
    from briefkit.scaling.wordscores import wordscores

    counts = pd.DataFrame([[3, 1], [1, 3]], index=["l", "r"], columns=["x", "y"])
    with pytest.raises(BriefkitError, match="Series or a mapping"):
        wordscores(counts, [1.0, 2.0])
    with pytest.raises(BriefkitError, match="numeric"):
        wordscores(counts, {"l": "left", "r": "right"})
    with pytest.raises(BriefkitError, match="smooth"):
        wordscores(counts, {"l": 1.0, "r": 2.0}, smooth=-1)


def test_scaling_namespace_loads_models_without_matplotlib():
    import subprocess
    import sys

    code = ("import sys, briefkit.scaling as s; import briefkit.scaling.wordfish; "
            "print('matplotlib' in sys.modules, callable(s.wordfish), callable(s.wordscores)); "
            "s.plot_positions; print(callable(s.wordfish), 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True", "True", "True"]


def test_exp_moments_do_not_depend_on_the_thread_count(monkeypatch):
    import briefkit.scaling._wordfish_fit as core

    rng = np.random.default_rng(5)
    center, log_w, x = rng.normal(size=501), rng.normal(size=300) - 4, rng.normal(size=300)
    monkeypatch.setattr(core, "_BLOCK", 3_000)          # 10 rows per block
    monkeypatch.setattr(core, "_THREAD_CELLS", 0)
    results = []
    for threads in (1, 2, 3):
        monkeypatch.setattr(core, "_MAX_THREADS", threads)
        monkeypatch.setattr(core, "_threads", lambda: threads)
        results.append(exp_moments(center, log_w, x, 12))
    for G, shift in results[1:]:
        assert np.array_equal(G, results[0][0]) and np.array_equal(shift, results[0][1])
    np.testing.assert_allclose(results[0][0][:, :3] * np.exp(results[0][1])[:, None],
                               _direct(np.zeros(501), center, log_w, x), rtol=1e-12)
