import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from briefkit.stance.keyness import log_odds, plot_keyness  # noqa: E402


def _table():
    # group a: x 3, y 1, z 0 (n = 4); group b: x 1, y 2, z 3 (n = 6); corpus N = 10
    return pd.DataFrame({"group": ["a", "a", "b", "b", "b"], "term": ["x", "y", "x", "y", "z"],
                         "count": [3, 1, 1, 2, 3]})


def test_log_odds_by_hand_corpus_prior():
    out = log_odds(_table()).set_index(["group", "term"])
    # corpus prior: alpha_w = corpus count (x 4, y 3, z 3), alpha_0 = 10
    # a vs rest, x: log(7 / (4 + 10 - 3 - 4)) - log(5 / (6 + 10 - 1 - 4)), var 1/7 + 1/5
    expected = {
        ("a", "x"): (math.log(7 / 7) - math.log(5 / 11), 1 / 7 + 1 / 5),
        ("a", "y"): (math.log(4 / 10) - math.log(5 / 11), 1 / 4 + 1 / 5),
        ("a", "z"): (math.log(3 / 11) - math.log(6 / 10), 1 / 3 + 1 / 6),
    }
    for key, (delta, var) in expected.items():
        assert out.loc[key, "log_odds"] == pytest.approx(delta, abs=1e-12)
        assert out.loc[key, "z"] == pytest.approx(delta / math.sqrt(var), abs=1e-12)
        # two groups: b against the rest is a against b mirrored
        assert out.loc[("b", key[1]), "log_odds"] == pytest.approx(-delta, abs=1e-12)
    assert out.loc[("a", "z"), "count"] == 0


def test_log_odds_uniform_prior_by_hand():
    out = log_odds(_table(), prior="uniform", prior_scale=3.0).set_index(["group", "term"])
    # alpha_w = 1, alpha_0 = 3; a vs rest for y: log(2 / (4 + 3 - 1 - 1)) - log(3 / (6 + 3 - 2 - 1))
    delta = math.log(2 / 5) - math.log(3 / 6)
    assert out.loc[("a", "y"), "log_odds"] == pytest.approx(delta, abs=1e-12)
    assert out.loc[("a", "y"), "z"] == pytest.approx(delta / math.sqrt(1 / 2 + 1 / 3), abs=1e-12)


def test_log_odds_sorted_and_columns():
    out = log_odds(_table())
    assert list(out.columns) == ["group", "term", "count", "log_odds", "z"]
    assert out["group"].tolist() == ["a", "a", "a", "b", "b", "b"]
    for _, sub in out.groupby("group"):
        assert sub["z"].is_monotonic_decreasing
    assert out.loc[out["group"] == "a", "term"].tolist() == ["x", "y", "z"]


def test_log_odds_three_groups_each_against_rest():
    long = pd.concat([_table(), pd.DataFrame({"group": ["c", "c"], "term": ["z", "w"], "count": [5, 1]})])
    out = log_odds(long).set_index(["group", "term"])
    n = {"a": 4, "b": 6, "c": 6}
    counts = {("a", "x"): 3, ("b", "x"): 1, ("c", "x"): 0}
    a_x, a0, N = 4, 16, 16  # corpus count of x; prior total a0 = corpus total N
    for g in "abc":
        y_i = counts[(g, "x")]
        y_j = 4 - y_i
        delta = (math.log((y_i + a_x) / (n[g] + a0 - y_i - a_x))
                 - math.log((y_j + a_x) / (N - n[g] + a0 - y_j - a_x)))
        assert out.loc[(g, "x"), "log_odds"] == pytest.approx(delta, abs=1e-12)


def test_log_odds_errors():
    with pytest.raises(ValueError, match="at least 2 groups"):
        log_odds(_table().assign(group="a"))
    with pytest.raises(KeyError, match="speaker"):
        log_odds(_table(), group_col="speaker")
    with pytest.raises(ValueError, match="row 1"):
        log_odds(_table().assign(count=[1, -2, 1, 1, 1]))
    with pytest.raises(ValueError, match="prior"):
        log_odds(_table(), prior="jeffreys")
    with pytest.raises(ValueError, match="prior_scale"):
        log_odds(_table(), prior_scale=0)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["g1", "g2", "g3"]), st.sampled_from("uvwxyz"), st.integers(1, 9)),
                min_size=4, max_size=30), st.integers(0, 10_000))
def test_log_odds_invariant_to_row_and_group_order(rows, seed):
    long = pd.DataFrame(rows, columns=["group", "term", "count"])
    if long["group"].nunique() < 2:
        return
    shuffled = long.sample(frac=1.0, random_state=seed)
    renamed = shuffled.assign(group=shuffled["group"].map({"g1": "g1", "g2": "g2", "g3": "g3"}))
    a = log_odds(long)
    b = log_odds(renamed)
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    # relabelling groups (reversing their order) permutes rows but not values
    flip = {"g1": "g3", "g2": "g2", "g3": "g1"}
    c = log_odds(long.assign(group=long["group"].map(flip)))
    c = c.assign(group=c["group"].map(flip)).sort_values(["group", "term"]).reset_index(drop=True)
    a2 = a.sort_values(["group", "term"]).reset_index(drop=True)
    np.testing.assert_allclose(c["z"], a2["z"], atol=1e-12)
    np.testing.assert_allclose(c["log_odds"], a2["log_odds"], atol=1e-12)


def test_plot_keyness_one_panel_per_group():
    long = pd.concat([_table(), pd.DataFrame({"group": ["c"], "term": ["w"], "count": [5]})])
    fig = plot_keyness(log_odds(long), top_n=2, ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["a", "b", "c"]
    assert len(visible[0].patches) <= 2
    plt.close(fig)
    with pytest.raises(ValueError, match="top_n"):
        plot_keyness(log_odds(long), top_n=0)


def test_plot_keyness_fits_a_report_page_and_says_what_is_left_out():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from briefkit.output.export import report_fit_problems
    from briefkit.stance.keyness import log_odds, plot_keyness
    long = pd.DataFrame([(f"group {g:02d}", f"term{t}", 1 + (g * 7 + t * 3) % 11)
                         for g in range(15) for t in range(30)], columns=["group", "term", "count"])
    fig = plot_keyness(log_odds(long), top_n=10)
    assert report_fit_problems(fig) == []
    assert "3 groups not shown" in fig._suptitle.get_text()
    plt.close(fig)
