import numpy as np
import pandas as pd
import pytest

from briefkit.stance.targets import load_targets
from briefkit.topics.compare import group_contrast
from briefkit.topics.guided import OTHER, fit_guided, guided_terms, seed_terms
from briefkit.topics.labels import (LabelsError, apply_topic_labels, auto_labels, fold_terms,
                                    read_topic_labels, topic_key)
from briefkit.topics.analysis import TABLE_COLUMNS, save_report, topic_report
from briefkit.topics.units import choose_unit, document_units
from briefkit.topics.vocab import build_vocabulary
from topic_fixtures import PLANTED, planted_docs, planted_passages


@pytest.fixture(scope="module")
def rep():
    return topic_report(planted_passages(), planted_docs(), n_seeds=3, k_max=5, n_boot=200, n_jobs=1,
                        targets=pd.DataFrame({"target": ["trade", "ships"], "label": ["Trade", "Ships"],
                                              "kind": ["term", "term"], "value": ["tariff", "shipyard"]}))


def test_report_finds_planted_topics_and_exports_registered_tables(rep, tmp_path):
    assert rep.k == 3 and rep.unit == "passage" and rep.notes == []
    paths = save_report(rep, out_dir=tmp_path)  # save_table checks each against exports.toml
    assert sorted(p.stem for p in paths) == sorted(TABLE_COLUMNS)
    doc_topics = pd.read_csv(tmp_path / "doc_topics.csv")
    assert np.allclose(doc_topics.groupby("passage_id")["share"].sum(), 1.0)
    assert (doc_topics["start"] < doc_topics["end"]).all()


def test_guided_topic_gathers_its_planted_theme_and_reports_missing_targets(rep):
    gt = rep.tables["topic_guided_terms"].set_index("target")
    assert gt.loc["trade", "status"] == "ok" and gt.loc["ships", "status"] == "no seed term in this corpus"
    top = gt.loc["trade", "top_terms"].split("; ")[:5]
    assert set(top) <= set(PLANTED["trade"]) | {"tariff " + w for w in PLANTED["trade"]} | {
        f"{a} {b}" for a in PLANTED["trade"] for b in PLANTED["trade"]}
    g = rep.tables["topic_guided_doc_shares"]
    assert set(g["target"]) == {"trade", OTHER}
    assert np.allclose(g.groupby("doc_id")["estimate"].sum(), 1.0)


def test_seed_terms_are_exclusive_and_use_target_patterns():
    t = load_targets()
    seeds, labels = seed_terms(["tariffs", "trade deal", "usfk", "shipbuilding", "weather"], t)
    found = {k: v for k, v in seeds.items() if v}
    assert found == {"usfk": [2], "trade": [0, 1], "shipbuilding": [3]}
    assert labels["usfk"] == "US Forces Korea"


def test_tiny_and_empty_corpora_do_not_stop_the_report(tmp_path):
    docs = pd.DataFrame({"doc_id": ["a"], "authors": ["X"]})
    one = pd.DataFrame({"doc_id": ["a"], "passage_id": ["a:0"], "start": [0], "end": [5],
                        "text": ["Tariffs rose."]})
    r = topic_report(one, docs, n_jobs=1)
    assert r.k is None and "too little text" in r.notes[0]
    r = topic_report(one.iloc[:0], docs, n_jobs=1)
    assert "no body passages" in r.notes[0]
    paths = save_report(r, out_dir=tmp_path)
    assert all(pd.read_csv(p).empty for p in paths)


def test_unit_choice_follows_corpus_shape():
    p = pd.DataFrame({"doc_id": [f"d{i}" for i in range(25)], "passage_id": range(25), "start": 0,
                      "end": 1, "text": "x"})
    assert choose_unit(p)[0] == "document" and choose_unit(p.iloc[:5])[0] == "passage"
    with pytest.raises(ValueError, match="unit"):
        choose_unit(p, unit="sentence")
    assert len(document_units(p)) == 25


def test_contrast_is_group_minus_rest_and_resamples_documents(rep):
    c = rep.tables["topic_contrasts"]
    assert np.allclose(c["estimate"], c["share_group"] - c["share_rest"])
    ok = c["status"] == "ok"
    assert ((c.loc[ok, "ci_low"] <= c.loc[ok, "estimate"] + 1e-12)
            & (c.loc[ok, "estimate"] <= c.loc[ok, "ci_high"] + 1e-12)).all()
    one = group_contrast([[1, 0], [0, 1]], pd.DataFrame({"doc_id": ["a", "b"], "n_terms": [1, 1]}),
                         pd.DataFrame({"doc_id": ["a", "b"], "authors": ["X", "X"]}), n_boot=50)
    assert set(one["status"]) == {"no other group"}


def test_fold_and_labels_never_show_a_name_beside_its_fragment():
    kept, folded = fold_terms(["kim", "north korea", "kim jong un", "north", "korea", "tariffs"])
    assert kept == ["kim jong un", "north korea", "tariffs"]
    assert folded == {"kim": "kim jong un", "north": "north korea", "korea": "north korea"}
    labels = auto_labels([[0.4, 0.3, 0.2, 0.1]], ["various", "north", "north korea", "missile"],
                         filler={"various"})
    assert labels == ["north korea / missile"]


def test_topic_key_survives_a_rerun_with_small_changes(tmp_path):
    key = topic_key([0.3, 0.2, 0.2, 0.1, 0.1, 0.1], ["a", "b", "c", "d", "e", "f"])
    assert key == "a|b|c|d|e"
    moved = pd.DataFrame({"topic_id": [2, 1], "topic_key": ["x|y|z|v|w", "a|b|c|d|q"],
                          "label": ["auto x", "auto a"]})
    f = tmp_path / "topic_labels.csv"
    f.write_text(f"topic_key,label\n{key},Alliance costs\nnope|none|gone|lost|away,Old\n", "utf-8")
    out, unmatched = apply_topic_labels(moved, read_topic_labels(f))
    assert out.set_index("topic_key").loc["a|b|c|d|q", "label"] == "Alliance costs"
    assert unmatched == ["nope|none|gone|lost|away"]
    f.write_text("key,label\n", "utf-8")
    with pytest.raises(LabelsError, match="row 1"):
        read_topic_labels(f)
    f.write_text("topic_key,label\na|b,X\na|b,Y\n", "utf-8")
    with pytest.raises(LabelsError, match="row 3"):
        read_topic_labels(f)


def test_guided_fit_is_deterministic():
    v = build_vocabulary(planted_passages())
    t = pd.DataFrame({"target": ["trade"], "label": ["Trade"], "kind": ["term"], "value": ["tariff"]})
    a, b = fit_guided(v, t, seed=1), fit_guided(v, t, seed=1)
    assert np.array_equal(a.theta, b.theta)
    assert guided_terms(a)["n_seed_terms"].tolist() == [1]


def test_report_is_byte_identical_serial_and_parallel(tmp_path):
    kw = dict(n_seeds=2, k_max=4, n_boot=100,
              targets=pd.DataFrame({"target": ["trade"], "label": ["Trade"], "kind": ["term"],
                                    "value": ["tariff"]}))
    a = save_report(topic_report(planted_passages(), planted_docs(), n_jobs=1, **kw), out_dir=tmp_path / "a")
    b = save_report(topic_report(planted_passages(), planted_docs(), n_jobs=2, **kw), out_dir=tmp_path / "b")
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
