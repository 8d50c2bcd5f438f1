import math

import numpy as np
import pytest
import scipy.sparse as sp

from briefkit.topics.diagnostics import (exclusivity, frex, match_topics, matched_similarity,
                                        npmi_coherence, stability_fits, top_term_indices)
from briefkit.topics.model import fit_topics
from topic_fixtures import planted_passages


def test_npmi_exact_values():
    # 4 passages; terms a, b, c. a in 1,2,3; b in 1,2; c in 3,4.
    B = sp.csr_matrix(np.array([[1, 1, 0], [1, 1, 0], [1, 0, 1], [0, 0, 1]]))
    # topic 0 top terms (a, b): P(a)=3/4, P(b)=1/2, P(ab)=1/2
    # topic 1 top terms (b, c): never together -> -1
    phi = np.array([[0.6, 0.4, 0.0], [0.0, 0.3, 0.7]])
    got = npmi_coherence(phi, B, top_n=2)
    expected = math.log(0.5 / (0.75 * 0.5)) / -math.log(0.5)
    assert got[0] == pytest.approx(expected, abs=1e-12)
    assert got[1] == -1.0
    # three terms: mean of the three pair scores
    p_ac = 0.25
    ac = math.log(p_ac / (0.75 * 0.5)) / -math.log(p_ac)
    got3 = npmi_coherence([[0.5, 0.3, 0.2]], B, top_n=3)
    assert got3[0] == pytest.approx((expected + ac - 1.0) / 3, abs=1e-12)


def test_npmi_pairs_in_every_passage_score_one_and_single_term_is_nan():
    B = np.ones((3, 2))
    assert npmi_coherence([[0.5, 0.5]], B, 2).tolist() == [1.0]
    assert np.isnan(npmi_coherence([[1.0, 0.0]], B, 1)[0])


def test_exclusivity_and_frex_exact():
    phi = np.array([[0.6, 0.3, 0.1], [0.2, 0.3, 0.5]])
    # exclusivity of top-2: topic 0 terms 0 (0.6/0.8) and 1 (0.5); topic 1 terms 2 (0.5/0.6), 1 (0.5)
    assert exclusivity(phi, 2) == pytest.approx([(0.75 + 0.5) / 2, (0.5 / 0.6 + 0.5) / 2])
    f = frex(phi)
    assert f[0].tolist() == pytest.approx([1.0, 2 / 3, 1 / 3])
    # weight=1: FREX is the exclusivity ECDF alone
    assert frex(phi, weight=1.0)[1].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_top_term_ties_break_by_column_order():
    assert top_term_indices([[0.2, 0.4, 0.4]], 2).tolist() == [[1, 2]]


def test_identical_refits_have_stability_exactly_one():
    phi = np.random.default_rng(0).dirichlet(np.ones(40), size=5)
    sims = matched_similarity(phi, [phi, phi[::-1], phi[[2, 0, 1, 4, 3]]])
    assert sims.mean() == 1.0
    assign, sim = match_topics(phi, phi[[2, 0, 1, 4, 3]])
    assert assign.tolist() == [1, 2, 0, 4, 3] and sim.tolist() == [1.0] * 5


def test_matching_is_one_to_one_and_truncation_matters():
    ref = np.array([[0.5, 0.5, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5]])
    other = np.array([[0.0, 0.1, 0.45, 0.45], [0.45, 0.45, 0.1, 0.0]])
    assign, sim = match_topics(ref, other, top_n=None)
    assert assign.tolist() == [1, 0]
    assert match_topics(ref, other, top_n=2)[1] == pytest.approx([1.0, 1.0])
    with pytest.raises(ValueError, match="same shape"):
        match_topics(ref, other[:, :3])
    with pytest.raises(ValueError, match="runs is empty"):
        matched_similarity(ref, [])


def _stability(p, k):
    fit = fit_topics(p, k)
    runs = stability_fits(fit.matrix, k, seeds=range(1, 11))
    return matched_similarity(fit.phi, runs).mean()


def test_stability_high_for_planted_topics_and_lower_when_shuffled():
    planted = _stability(planted_passages(), 3)
    shuffled = _stability(planted_passages(shuffle=True), 3)
    assert planted > 0.95
    assert shuffled < planted - 0.05


def test_stability_fits_deterministic_and_validated():
    X = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 3))))
    a = stability_fits(X, 2, seeds=[1, 2])
    b = stability_fits(X, 2, seeds=[1, 2])
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    with pytest.raises(ValueError, match="sample_frac"):
        stability_fits(X, 2, sample_frac=0)
