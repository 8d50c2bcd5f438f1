"""One status vocabulary (issue 17, item 5): ``status == "ok"`` always means an estimate with its
interval; the single-document case and too few clusters live in their own columns; every exported
table's status is in the vocabulary; and docs/inputs.md is generated from the inputs.toml files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from briefkit.errors import BriefkitError
from briefkit.forecasts.scoring.scorecard import scorecard
from briefkit.inputs.schemas import input_schemas, inputs_markdown
from briefkit.output.export import save_table
from briefkit.schema import table_schemas
from briefkit.stance.stance import stance_table
from briefkit.uncertainty import SCOPES, STATUSES, no_units, scope_of, status_kind, too_few, undefined
from datasets import ROOT


@pytest.mark.parametrize("status, kind", [("ok", "ok"), (too_few(2, 5, "independent clusters"), "too few"),
                                          (no_units("other group"), "no"), (undefined("one value"), "undefined")])
def test_every_form_is_named(status, kind):
    assert status_kind(status) == kind and kind in STATUSES


@pytest.mark.parametrize("status", ["ok (one document: the interval describes that document only)",
                                    "ok (3 independent cluster(s) < 5: no sampling interval)",
                                    "one document: no interval", "alpha undefined", "too few", "OK"])
def test_the_old_free_text_statuses_are_refused(status):
    with pytest.raises(ValueError, match="not in the vocabulary"):
        status_kind(status)


def test_save_table_refuses_a_status_outside_the_vocabulary(tmp_path):
    cols = [c[0] for c in table_schemas()["commitment"]["columns"]]
    row = {c: 0 for c in cols} | {"status": "ok (one document)", "group": "g", "category": "certainty",
                                   "scope": "one document"}
    with pytest.raises(BriefkitError, match=r"table 'commitment': status 'ok \(one document\)' is not in"):
        save_table(pd.DataFrame([row])[cols], "commitment", out_dir=tmp_path)


def test_one_document_is_a_scope_and_its_interval_is_filled():
    rows = pd.DataFrame({"doc_id": ["a"] * 4 + ["b", "c"] * 2, "target": "x", "stance": [1, 1, -1, 0, 1, 1, 0, 0]})
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "authors": ["Kim", "Lee", "Lee"]})
    t = stance_table(rows, docs, n_boot=200)
    assert set(t["scope"]) <= set(SCOPES)
    kim = t[t["group"] == "Kim"]
    assert kim["scope"].eq("one document").all() and kim["status"].eq("ok").all()
    assert kim[["ci_low", "ci_high"]].notna().all().all()
    assert t.loc[t["group"] == "Lee", "scope"].eq("several documents").all()


def test_scorecard_status_ok_means_an_interval_and_few_clusters_are_too_few():
    n = 12  # one document, twelve forecasts resolved by twelve different events: twelve clusters
    one = pd.DataFrame({"pred_id": [f"p{i}" for i in range(n)], "doc_id": "d", "p_stated": 0.8,
                        "p_low": 0.7, "p_point": 0.8, "p_high": 0.9, "outcome": ["happened", "did not happen"] * (n // 2),
                        "note": [f"E{100 + i}" for i in range(n)], "modality": "epistemic"})
    card = scorecard(one, pd.DataFrame({"doc_id": ["d"], "authors": ["Kim"]}), n_boot=200)
    kim = card[card["group"] == "Kim"].set_index("measure")
    assert kim.loc["brier", "status"] == "ok" and kim.loc["brier", "scope"] == "one document"
    assert kim.loc["brier", "n_clusters"] == n and np.isfinite(kim.loc["brier", ["ci_low", "ci_high"]]).all()
    few = one.assign(note="E100")  # every forecast resolved by the same event: one cluster
    row = scorecard(few, pd.DataFrame({"doc_id": ["d"], "authors": ["Kim"]}), n_boot=200)
    brier = row[(row["group"] == "Kim") & (row["measure"] == "brier")].iloc[0]
    assert brier["status"] == "too few independent clusters (1 < 5)" and np.isnan(brier["ci_low"])
    for status in card["status"]:
        assert status_kind(status) in STATUSES
    assert [scope_of(k) for k in (2, 1, 0)] == list(SCOPES)


def test_inputs_doc_is_in_step_with_the_inputs_toml_files():
    stored = (ROOT / "docs" / "inputs.md").read_text(encoding="utf-8")
    assert stored == inputs_markdown(), "run: python -m briefkit.inputs.schemas > docs/inputs.md"
    assert {"stance_codes", "uptake", "outcomes", "events", "topic_labels", "targets_toml", "targets_csv",
            "vocabulary", "cleaning", "manifest"} == set(input_schemas())


def test_manifest_schema_matches_the_manifest_reader():
    from briefkit.corpus.sources.manifest import COLUMNS, REQUIRED

    cols = input_schemas()["manifest"].columns
    assert [c.name for c in cols] == [*COLUMNS, "file_encoding"]
    assert [c.name for c in cols if c.need == "value"] == list(REQUIRED)
