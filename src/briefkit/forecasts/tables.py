"""Tables notebook 04 shows and exports, built in one place (no glue in the notebook).

Each function takes the tables of the other modules and returns one tidy table whose columns
are registered in ``forecasts/exports.toml``.
"""

from __future__ import annotations

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["cue_table", "prediction_export", "links_export", "scores_export", "timeline_input",
           "uptake_timeline_input", "PREDICTION_EXPORT", "LINK_EXPORT", "SCORE_EXPORT"]

PREDICTION_EXPORT = ["pred_id", "doc_id", "sent_id", "start", "end", "text", "cue", "modality", "conditional",
                     "condition", "subject", "negated", "p_low", "p_point", "p_high", "horizon_start",
                     "horizon_end", "horizon_text"]
LINK_EXPORT = ["pred_id", "event_id", "link_source", "similarity", "rank", "event_date", "doc_id", "outcome"]
SCORE_EXPORT = ["pred_id", "doc_id", "modality", "outcome", "resolved_on", "p_stated", "p_stated_low",
                "p_stated_high", "y", "sq_error", "sq_error_low", "sq_error_high", "note"]


def cue_table(predictions: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors") -> pd.DataFrame:
    """Forecasts per group with the cues that made them forecasts ("will ×13, may ×4").

    Returns
    -------
    DataFrame
        ``group, n_forecasts, n_implied, n_conditional, mean_p_point, cues, n_docs``; a
        multi-author document counts for each author.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.tables import cue_table
    >>> p = pd.DataFrame({"pred_id": list("abc"), "doc_id": ["d"] * 3, "cue": ["will", "Will", "may"],
    ...     "modality": ["epistemic"] * 3, "conditional": [False, True, False], "p_point": [0.875, 0.875, 0.5]})
    >>> cue_table(p, pd.DataFrame({"doc_id": ["d"], "authors": ["Kim"]}))["cues"].tolist()
    ['will ×2, may ×1']
    """
    from briefkit.groups import document_groups

    require_columns(predictions, ["pred_id", "doc_id", "cue", "p_point"], name="predictions")
    cols = ["group", "n_forecasts", "n_implied", "n_conditional", "mean_p_point", "cues", "n_docs"]
    g = predictions.merge(document_groups(docs, by=by), on="doc_id", how="inner")
    if g.empty:
        return pd.DataFrame({c: pd.Series(dtype="str" if c in ("group", "cues") else "float64") for c in cols})
    g = g.assign(cue=g["cue"].astype(str).str.lower(),
                 implied=g["modality"].astype(str).eq("implied") if "modality" in g else False,
                 conditional=g["conditional"].astype(bool) if "conditional" in g else False)
    rows = []
    for group, df in g.groupby("group", sort=True):
        stated = df[~df["implied"]]
        counts = stated.groupby("cue").size().reset_index(name="n")
        counts = counts.sort_values(["n", "cue"], ascending=[False, True])
        rows.append({"group": group, "n_forecasts": len(stated), "n_implied": int(df["implied"].sum()),
                     "n_conditional": int(stated["conditional"].sum()),
                     "mean_p_point": float(stated["p_point"].mean()) if len(stated) else float("nan"),
                     "cues": ", ".join(f"{c} ×{n}" for c, n in zip(counts["cue"], counts["n"])),
                     "n_docs": int(df["doc_id"].nunique())})
    out = pd.DataFrame(rows, columns=cols)
    return out.astype({"n_forecasts": "int64", "n_implied": "int64", "n_conditional": "int64", "n_docs": "int64"})


def prediction_export(predictions: pd.DataFrame) -> pd.DataFrame:
    """The ``predictions`` export: :data:`PREDICTION_EXPORT` columns."""
    require_columns(predictions, PREDICTION_EXPORT, name="predictions")
    return predictions[PREDICTION_EXPORT].reset_index(drop=True)


def links_export(links: pd.DataFrame, reviewed: pd.DataFrame) -> pd.DataFrame:
    """The ``links`` export: each link with the forecast's outcome."""
    require_columns(reviewed, ["pred_id", "outcome"], name="reviewed predictions")
    out = links.merge(reviewed[["pred_id", "outcome"]].drop_duplicates("pred_id"), on="pred_id", how="left")
    if "link_source" not in out.columns:
        out["link_source"] = "proposed"
    require_columns(out, LINK_EXPORT, name="links")
    return out[LINK_EXPORT].reset_index(drop=True)


def scores_export(scored: pd.DataFrame) -> pd.DataFrame:
    """The ``forecast_scores`` export: one row per forecast with its outcome and squared error."""
    scored = scored.copy()
    for col, default in (("modality", "epistemic"), ("resolved_on", ""), ("note", "")):
        if col not in scored.columns:
            scored[col] = default
    require_columns(scored, SCORE_EXPORT, name="scored forecasts")
    return scored[SCORE_EXPORT].reset_index(drop=True)


def timeline_input(reviewed: pd.DataFrame, lanes: pd.DataFrame) -> pd.DataFrame:
    """Forecasts with their lane and a row label ``doc_id · cue: text`` for the timeline figures."""
    require_columns(reviewed, ["pred_id", "doc_id", "cue", "text"], name="reviewed predictions")
    require_columns(lanes, ["pred_id", "lane"], name="lanes")
    out = reviewed.merge(lanes[["pred_id", "lane"]], on="pred_id", how="left")
    implied = out["modality"].astype(str).eq("implied") if "modality" in out else False
    prefix = pd.Series("", index=out.index).where(~implied, "[implied] ")
    out["label"] = prefix + out["doc_id"].astype(str) + " · " + out["cue"].astype(str) + ": " + out["text"].astype(str)
    return out


def uptake_timeline_input(uptake: pd.DataFrame, recs: pd.DataFrame, events: pd.DataFrame,
                          docs: pd.DataFrame) -> pd.DataFrame:
    """Linked (recommendation, event) pairs with the document's publication and the event date.

    Reviewed links first (taken, partly, not taken), then proposals; rows without an event
    are left out.  Returns ``rec_id, event_id, label, published, event_date, verdict, source``.
    """
    require_columns(uptake, ["rec_id", "event_id", "verdict", "source"], name="uptake")
    require_columns(recs, ["rec_id", "doc_id", "addressee"], name="recommendations")
    t = uptake[uptake["event_id"].astype(str) != ""].merge(recs[["rec_id", "addressee"]], on="rec_id")
    t = t.merge(events[["event_id", "date_start"]].rename(columns={"date_start": "event_date"}),
                on="event_id", how="inner")
    t = t.merge(docs[["doc_id", "published"]], on="doc_id", how="left")
    order = {"taken": 0, "partly": 1, "not taken": 2, "not checkable": 3}
    t = t.assign(_s=(t["source"] != "reviewed").astype(int), _v=t["verdict"].map(order).fillna(4))
    t = t.sort_values(["_s", "_v", "doc_id", "rec_id", "event_date"], kind="stable")
    t["label"] = (t["doc_id"].astype(str) + " → " + t["event_id"].astype(str) + " · "
                  + t["text"].astype(str))
    return t[["rec_id", "event_id", "label", "published", "event_date", "verdict", "source"]].reset_index(drop=True)
