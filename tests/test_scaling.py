import csv
import importlib
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefkit.corpus.text.dfm import count_table, to_matrix, to_wide  # noqa: E402
from briefkit.scaling.positions import group_positions, plot_positions, wordfish, wordscores  # noqa: E402

from datasets import IRISH, IRISH_PUBLISHED, LBG
LBG_REFS = {"R1": -1.5, "R2": -0.75, "R3": 0.0, "R4": 0.75, "R5": 1.5}

# The validation data live in the repository: a missing file fails these tests, never skips them.
needs_lbg = needs_irish = pytest.mark.validation


def _published_lbg():
    """Rows (model, doc, quantity, value, tolerance = half a unit of the last printed decimal)."""
    with open(LBG / "published.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for r in rows:
        decimals = len(r["value"].split(".")[1]) if "." in r["value"] else 0
        out.append((r["model"], r["doc"], r["quantity"], float(r["value"]), 0.5 * 10.0 ** -decimals + 1e-12))
    return out


def _lbg_counts():
    return pd.read_csv(LBG / "counts.csv", index_col="doc", encoding="utf-8")


# ---------------------------------------------------------------- Wordscores

@needs_lbg
def test_wordscores_matches_published_lbg_example():
    ws = wordscores(_lbg_counts(), LBG_REFS, rescaling=["lbg", "mv"]).set_index("doc_id")
    column = {"raw": "score", "lbg_rescaled": "score_lbg", "mv_rescaled": "score_mv"}
    checked = 0
    for model, doc, quantity, value, tol in _published_lbg():
        if model != "wordscores":
            continue
        got = ws.loc[doc, column[quantity]]
        assert abs(got - value) <= tol, (doc, quantity, got, value)
        checked += 1
    assert checked == 8


@needs_lbg
def test_wordscores_se_follows_lbg_formula_by_hand():
    counts = _lbg_counts()
    ws = wordscores(counts, LBG_REFS).set_index("doc_id")
    # word scores by hand: P(r|w) from relative frequencies of the reference texts
    ref = counts.loc[list(LBG_REFS)].astype(float)
    rel = ref.div(ref.sum(axis=1), axis=0)
    scored = rel.columns[rel.sum() > 0]
    sw = {w: sum(rel.loc[r, w] / rel[w].sum() * a for r, a in LBG_REFS.items()) for w in scored}
    v = counts.loc["V1", scored].astype(float)
    fv = v / v.sum()
    score = sum(fv[w] * sw[w] for w in scored)
    se = np.sqrt(sum(fv[w] * (score - sw[w]) ** 2 for w in scored)) / np.sqrt(v.sum())
    assert ws.loc["V1", "score"] == pytest.approx(score, abs=1e-12)
    assert ws.loc["V1", "se"] == pytest.approx(se, abs=1e-12)
    assert ws.loc["V1", "ci_high"] - ws.loc["V1", "ci_low"] == pytest.approx(2 * 1.959963984540054 * se)


def test_wordscores_tiny_exact():
    counts = pd.DataFrame([[3, 1, 0], [1, 3, 0], [1, 1, 2]], index=["l", "r", "v"], columns=["x", "y", "z"])
    ws = wordscores(counts, pd.Series({"l": -1.0, "r": 1.0, "v": np.nan}), rescaling="mv")
    # word scores: x = .75 * -1 + .25 * 1 = -0.5, y = 0.5, z unscored (absent from references)
    # l = .75 * -0.5 + .25 * 0.5 = -0.25; r = 0.25; v = (-0.5 + 0.5) / 2 = 0 over its 2 scored tokens
    assert ws["score"].tolist() == pytest.approx([-0.25, 0.25, 0.0])
    assert ws["n_scored"].tolist() == [4, 4, 2]
    assert ws["se"].iloc[2] == pytest.approx(np.sqrt(0.25) / np.sqrt(2))
    assert ws["score_mv"].tolist() == pytest.approx([-1.0, 1.0, 0.0])
    assert ws["is_reference"].tolist() == [True, True, False]


def test_wordscores_errors_name_parameters():
    counts = pd.DataFrame([[3, 1], [1, 3]], index=["l", "r"], columns=["x", "y"])
    with pytest.raises(ValueError, match="two reference texts"):
        wordscores(counts, {"l": 1.0})
    with pytest.raises(ValueError, match="not rows of counts"):
        wordscores(counts, {"l": 1.0, "q": 2.0})
    with pytest.raises(ValueError, match="rescaling"):
        wordscores(counts, {"l": 1.0, "r": 2.0}, rescaling="zscore")


# ---------------------------------------------------------------- Wordfish

@needs_lbg
def test_wordfish_matches_published_lbg_example():
    fit = wordfish(_lbg_counts(), dir=("R1", "R5"))
    assert fit.converged
    docs = fit.documents.set_index("doc_id")
    checked = 0
    for model, doc, quantity, value, tol in _published_lbg():
        if model != "wordfish":
            continue
        got = docs.loc[doc, quantity]
        assert abs(got - value) <= tol, (doc, quantity, got, value)
        checked += 1
    assert checked == 12


def _irish_counts(tokenizer):
    manifest = pd.read_csv(IRISH / "manifest.csv", encoding="utf-8")
    texts = [(IRISH / f).read_text(encoding="utf-8") for f in manifest["file"]]
    units = pd.DataFrame({"doc_id": manifest["doc_id"], "text": texts})
    return to_wide(count_table(units, tokenizer=tokenizer))


@needs_irish
def test_wordfish_matches_published_irish_budget():
    published = pd.read_csv(IRISH_PUBLISHED, encoding="utf-8").set_index("doc_id")
    fit = wordfish(_irish_counts("quanteda"), dir=("06-kenny", "05-cowen"))
    docs = fit.documents.set_index("doc_id").loc[published.index]
    assert (docs["theta"] - published["theta"]).abs().max() < 0.02
    assert (docs["se"] - published["se"]).abs().max() < 0.002


@needs_irish
def test_wordfish_irish_budget_with_briefkit_tokens_agrees_in_order():
    published = pd.read_csv(IRISH_PUBLISHED, encoding="utf-8").set_index("doc_id")
    fit = wordfish(_irish_counts("briefkit"), dir=("06-kenny", "05-cowen"))
    theta = fit.documents.set_index("doc_id").loc[published.index, "theta"]
    assert np.corrcoef(theta, published["theta"])[0, 1] > 0.995
    assert (theta - published["theta"]).abs().max() < 0.1


def _toy_counts():
    return pd.DataFrame([[9, 1, 5, 2], [5, 5, 5, 3], [1, 9, 5, 1], [6, 3, 4, 0]],
                        index=["a", "b", "c", "d"], columns=["w", "x", "y", "z"])


def test_wordfish_dir_sets_sign_and_tables():
    fit = wordfish(_toy_counts(), dir=("a", "c"))
    flipped = wordfish(_toy_counts(), dir=("c", "a"))
    d, f = fit.documents, flipped.documents
    assert list(d.columns) == ["doc_id", "theta", "se", "ci_low", "ci_high", "alpha", "n_tokens"]
    assert list(fit.features.columns) == ["term", "beta", "psi"]
    assert d.set_index("doc_id").loc["a", "theta"] < d.set_index("doc_id").loc["c", "theta"]
    np.testing.assert_allclose(d["theta"], -f["theta"], atol=1e-12)
    np.testing.assert_allclose(d["se"], f["se"], atol=1e-12)
    assert d["theta"].mean() == pytest.approx(0.0, abs=1e-12)
    assert d["theta"].std(ddof=1) == pytest.approx(1.0)


def test_wordfish_is_deterministic_to_the_bit():
    shuffled = _toy_counts().iloc[[2, 0, 3, 1]]
    a = wordfish(_toy_counts(), dir=("a", "c"))
    b = wordfish(shuffled, dir=("a", "c"))
    pd.testing.assert_frame_equal(a.documents, b.documents, check_exact=True)
    pd.testing.assert_frame_equal(a.features, b.features, check_exact=True)


def test_wordfish_sparse_triple_equals_dataframe():
    long = _toy_counts().stack().rename("count").rename_axis(["doc_id", "term"]).reset_index()
    a = wordfish(_toy_counts(), dir=("a", "c")).documents
    b = wordfish(to_matrix(long), dir=("a", "c")).documents
    pd.testing.assert_frame_equal(a, b)


@needs_lbg
def test_wordfish_sparse_svd_start_matches_dense(monkeypatch):
    wf = importlib.import_module("briefkit.scaling.wordfish")   # the module (the package binds the function)

    dense = wordfish(_lbg_counts(), dir=("R1", "R5")).documents
    monkeypatch.setattr(wf, "_DENSE_SVD_CELLS", 0)
    sparse = wordfish(_lbg_counts(), dir=("R1", "R5")).documents
    np.testing.assert_allclose(dense["theta"], sparse["theta"], atol=1e-6)


def test_wordfish_two_documents():
    fit = wordfish(_toy_counts().iloc[:2], dir=("b", "a"))
    np.testing.assert_allclose(fit.documents["theta"], [np.sqrt(0.5), -np.sqrt(0.5)], atol=1e-12)


def test_wordscores_virgin_text_without_scorable_words_is_nan():
    counts = pd.DataFrame([[3, 1, 0], [1, 3, 0], [0, 0, 2]], index=["l", "r", "v"], columns=["x", "y", "z"])
    ws = wordscores(counts, {"l": -1.0, "r": 1.0}, rescaling="lbg").set_index("doc_id")
    assert np.isnan(ws.loc["v", "score"]) and ws.loc["v", "n_scored"] == 0
    assert np.isfinite(ws.loc["l", "score_lbg"])


def test_wordfish_degenerate_inputs():
    with pytest.raises(ValueError, match="dir"):
        wordfish(_toy_counts(), dir=("a", "zzz"))
    with pytest.raises(ValueError, match="at least 2 documents"):
        wordfish(_toy_counts().iloc[:1])
    counts = _toy_counts()
    counts.loc["e"] = 0
    with pytest.warns(UserWarning, match="without tokens"):
        fit = wordfish(counts, dir=("a", "c"))
    assert np.isnan(fit.documents.set_index("doc_id").loc["e", "theta"])


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(3, 7), st.integers(5, 15))
def test_wordfish_invariant_to_document_and_term_order(seed, n_docs, n_terms):
    rng = np.random.default_rng(seed)
    counts = pd.DataFrame(rng.poisson(5.0, size=(n_docs, n_terms)) + 1,
                          index=[f"d{i}" for i in range(n_docs)], columns=[f"t{j}" for j in range(n_terms)])
    shuffled = counts.iloc[rng.permutation(n_docs), rng.permutation(n_terms)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = wordfish(counts, dir=("d0", "d1")).documents.set_index("doc_id")
        b = wordfish(shuffled, dir=("d0", "d1")).documents.set_index("doc_id")
    np.testing.assert_allclose(a.loc[counts.index, "theta"], b.loc[counts.index, "theta"], atol=1e-8)


# ---------------------------------------------------------------- groups and figure

def test_group_positions_equals_wordfish_on_summed_counts():
    long = _toy_counts().stack().rename("count").rename_axis(["doc_id", "term"]).reset_index()
    groups = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "group": ["G1", "G2", "G3", "G1"]})
    out = group_positions(long, groups, dir=("G1", "G3"))
    summed = _toy_counts().groupby(groups.set_index("doc_id")["group"]).sum()
    direct = wordfish(summed, dir=("G1", "G3")).documents
    np.testing.assert_allclose(out["theta"], direct["theta"], atol=1e-12)
    assert out["group"].tolist() == ["G1", "G2", "G3"]
    assert out["n_docs"].tolist() == [2, 1, 1]
    with pytest.raises(ValueError, match="at least 2 groups"):
        group_positions(long, groups.assign(group="G"))


def test_group_positions_bootstrap_is_seeded():
    long = _toy_counts().stack().rename("count").rename_axis(["doc_id", "term"]).reset_index()
    groups = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "group": ["G1", "G2", "G2", "G1"]})
    a = group_positions(long, groups, dir=("G1", "G2"), n_boot=20, seed=3)
    b = group_positions(long, groups, dir=("G1", "G2"), n_boot=20, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert {"se_boot", "ci_low_boot", "ci_high_boot", "n_boot_ok"} <= set(a.columns)
    assert (a["n_boot_ok"] == 20).all()
    assert (a["ci_low_boot"] <= a["ci_high_boot"]).all()
    groups3 = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "group": ["G1", "G2", "G2", "G3"]})
    c = group_positions(long, groups3, dir=("G1", "G2"), n_boot=10).set_index("group")
    assert np.isnan(c.loc["G1", "se_boot"]) and np.isnan(c.loc["G3", "ci_low_boot"])
    assert np.isfinite(c.loc["G2", "se_boot"])


def test_plot_positions_sorted_with_groups():
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "theta": [0.5, -1.0, 1.0], "se": [0.1, 0.2, 0.1],
                       "party": ["X", "Y", "X"]})
    fig = plot_positions(df, group_col="party")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "a", "c"]
    assert ax.get_legend() is not None
    plt.close(fig)
    with pytest.raises(KeyError, match="se"):
        plot_positions(df.drop(columns="se"))
    fig = plot_positions(df.assign(se=[0.1, np.nan, 0.1]))
    assert "no SE" in fig.axes[0].get_xlabel()
    plt.close(fig)
