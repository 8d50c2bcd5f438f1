"""Propose links from forecasts to later reported events, for the analyst to review.

A link is a *proposal*: an event that is dated inside the forecast's time
window and whose wording resembles the forecast. Whether the forecast came
true is decided by the analyst in ``outcomes.csv`` (:mod:`briefkit.forecasts.ledger.outcomes`);
links never set outcomes.

Similarity is the cosine of TF-IDF vectors (briefkit tokens, stop words
dropped, sublinear tf, smooth idf, fitted on the forecasts and events being
compared) between the forecast's ``subject`` + ``text`` and the event's
``category`` (if any) + ``text`` (for curated events, the description).

Time window: the event's date interval must overlap
``[horizon_start, horizon_end]``; an open-ended forecast (no ``horizon_end``)
runs to ``today``. Forecasts without ``horizon_start`` get no links. Events
reported in the forecast's own document are never proposed.

Similarity floor: the default ``min_similarity=0.10`` keeps pairs that share
at least one reasonably specific content word; below it pairs typically share
only one very common word. It is a recall-oriented floor for a review list,
not an accuracy claim; raise it for large ledgers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from briefkit.errors import require_columns

__all__ = ["LINK_COLUMNS", "propose_links", "in_window", "assign_lanes", "policy_areas", "target_lanes",
           "add_cited_links"]

#: Columns returned by :func:`propose_links`.
LINK_COLUMNS = ["pred_id", "event_id", "similarity", "rank", "event_date", "doc_id"]


def _tokenizer(text: str) -> list[str]:
    from briefkit.corpus.text.tokens import tokenize
    return tokenize(text, drop_stopwords=True, min_length=2)


def in_window(event_start, event_end, horizon_start, horizon_end, today) -> bool:
    """True when ``[event_start, event_end]`` overlaps ``[horizon_start, horizon_end or today]``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.links import in_window
    >>> T = pd.Timestamp
    >>> in_window(T("2025-07-30"), T("2025-07-30"), T("2025-02-05"), pd.NaT, T("2026-01-01"))
    True
    >>> in_window(T("2025-01-01"), T("2025-01-31"), T("2025-02-05"), T("2025-12-31"), T("2026-01-01"))
    False
    """
    if pd.isna(horizon_start) or pd.isna(event_start):
        return False
    end = today if pd.isna(horizon_end) else horizon_end
    event_end = event_start if pd.isna(event_end) else event_end
    return bool(event_start <= end and event_end >= horizon_start)


def propose_links(predictions: pd.DataFrame, events: pd.DataFrame, *, today,
                  top_k: int = 3, min_similarity: float = 0.10, targets: pd.DataFrame | None = None,
                  untargeted_min_similarity: float = 0.25) -> pd.DataFrame:
    """Top-``k`` candidate events per forecast, within its time window, above a similarity floor.

    Parameters
    ----------
    predictions : DataFrame
        ``pred_id, doc_id, text, subject, horizon_start, horizon_end``.
    events : DataFrame
        ``event_id, doc_id, text, date_start, date_end`` (:func:`briefkit.forecasts.ledger.events.events_table`).
    today : date-like
        End of the window of open-ended forecasts (pass it explicitly so results reproduce).
    top_k : int, default 3
        Most links kept per forecast (>= 1).
    min_similarity : float, default 0.10
        Links with cosine similarity below this are dropped (0 <= floor < 1).
    targets : DataFrame, optional
        Stance targets (:func:`briefkit.stance.targets.load_targets`).  When given, a forecast
        and an event must share a policy area (a target other than ``trump``, a person) for a
        link; a forecast naming no policy area needs ``untargeted_min_similarity``.  Shared
        words alone no longer link "a Trump deal with North Korea" to Ukraine talks.

    Returns
    -------
    DataFrame
        :data:`LINK_COLUMNS`: ``similarity`` rounded to 6 decimals, ``rank`` 1..k
        within the forecast, ``event_date`` the event's ``date_start``, ``doc_id`` the
        forecast's document. Sorted by ``pred_id, rank``; ties broken by ``event_id``,
        so the same input always gives the same table.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.links import propose_links
    >>> T = pd.Timestamp
    >>> preds = pd.DataFrame({"pred_id": ["p1"], "doc_id": ["a"], "subject": ["tariffs"],
    ...     "text": ["Tariffs on Korean cars will rise."], "horizon_start": [T("2025-02-01")],
    ...     "horizon_end": [pd.NaT]})
    >>> evs = pd.DataFrame({"event_id": ["E1", "E2"], "doc_id": ["", ""],
    ...     "text": ["US raises tariffs on Korean cars", "Election held"],
    ...     "date_start": [T("2025-03-26"), T("2025-06-03")], "date_end": [T("2025-03-26"), T("2025-06-03")]})
    >>> propose_links(preds, evs, today=T("2026-01-01"))[["pred_id", "event_id", "rank"]].values.tolist()
    [['p1', 'E1', 1]]
    """
    if not isinstance(top_k, (int, np.integer)) or isinstance(top_k, bool) or top_k < 1:
        raise ValueError(f"top_k must be an integer >= 1, got {top_k!r}")
    if not (0 <= float(min_similarity) < 1):
        raise ValueError(f"min_similarity must be in [0, 1), got {min_similarity!r}")
    today = pd.Timestamp(today)
    if pd.isna(today):
        raise ValueError("today must be a date, got NaT")
    for name, frame, cols in (("predictions", predictions,
                               ["pred_id", "doc_id", "text", "subject", "horizon_start", "horizon_end"]),
                              ("events", events, ["event_id", "doc_id", "text", "date_start", "date_end"])):
        require_columns(frame, cols, name=name)
    empty = pd.DataFrame({"pred_id": pd.Series(dtype="str"), "event_id": pd.Series(dtype="str"),
                          "similarity": pd.Series(dtype="float64"), "rank": pd.Series(dtype="int64"),
                          "event_date": pd.Series(dtype="datetime64[ns]"),
                          "doc_id": pd.Series(dtype="str")})
    if predictions.empty or events.empty:
        return empty
    preds = predictions.sort_values("pred_id", kind="stable").reset_index(drop=True)
    evs = events.sort_values("event_id", kind="stable").reset_index(drop=True)
    p_text = (preds["subject"].fillna("").astype(str) + " " + preds["text"].fillna("").astype(str)).tolist()
    e_text = evs["text"].fillna("").astype(str)
    if "category" in evs.columns:
        e_text = evs["category"].fillna("").astype(str) + " " + e_text
    e_text = e_text.tolist()
    vec = TfidfVectorizer(tokenizer=_tokenizer, lowercase=False, token_pattern=None,
                          sublinear_tf=True, smooth_idf=True, norm="l2")
    try:
        matrix = vec.fit_transform(p_text + e_text)
    except ValueError:  # no tokens at all
        return empty
    sim = (matrix[: len(preds)] @ matrix[len(preds):].T).toarray()
    sim = np.round(sim, 6)
    e_start = pd.to_datetime(evs["date_start"])
    e_end = pd.to_datetime(evs["date_end"]).fillna(e_start)
    e_doc = evs["doc_id"].fillna("").astype(str).to_numpy()
    e_ids = evs["event_id"].astype(str).to_numpy()
    p_tg = e_tg = None
    if targets is not None:
        p_tg = policy_areas(preds["text"], targets)
        e_tg = policy_areas(e_text, targets)
    rows = []
    for i, p in preds.iterrows():
        h0, h1 = pd.Timestamp(p["horizon_start"]), pd.Timestamp(p["horizon_end"])
        if pd.isna(h0):
            continue
        h1 = today if pd.isna(h1) else h1
        ok = ((e_start <= h1) & (e_end >= h0)).to_numpy() & (e_doc != str(p["doc_id"]))
        ok &= sim[i] >= float(min_similarity)
        ok &= sim[i] > 0
        if p_tg is not None:
            if p_tg[i]:
                ok &= np.array([bool(p_tg[i] & t) for t in e_tg])
            else:
                ok &= sim[i] >= float(untargeted_min_similarity)
        idx = np.flatnonzero(ok)
        if not len(idx):
            continue
        order = sorted(idx, key=lambda j: (-sim[i, j], e_ids[j]))[:top_k]
        for rank, j in enumerate(order, start=1):
            rows.append((str(p["pred_id"]), e_ids[j], float(sim[i, j]), rank, e_start.iloc[j],
                         str(p["doc_id"])))
    if not rows:
        return empty
    out = pd.DataFrame(rows, columns=LINK_COLUMNS)
    out["event_date"] = pd.to_datetime(out["event_date"])
    return out.sort_values(["pred_id", "rank"], kind="stable").reset_index(drop=True)


def assign_lanes(predictions: pd.DataFrame, events: pd.DataFrame, *, links: pd.DataFrame | None = None,
                 min_similarity: float = 0.05) -> pd.DataFrame:
    """Put each forecast in a subject lane named by the ledger's event ``category``.

    Forecast subjects are free text (one per forecast), too many to be lanes;
    the analyst's ledger already names subject areas (``category``: trade,
    USFK, ...). A forecast goes to the category of its best linked event (rank 1
    in ``links`` with a category); else to the category of the single most
    similar categorised event, at any date (TF-IDF cosine as in
    :func:`propose_links`), if that similarity is at least ``min_similarity``;
    else to "(no matching category)". Without any categorised event (no
    ledger) the lane is the forecast's document (``doc_id``): grammatical
    subjects ("it", "we") make poor lanes.

    Returns
    -------
    DataFrame
        ``pred_id, lane, lane_source`` ("link", "similar event", "none" or
        "document"), ``lane_similarity``; sorted by ``pred_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.links import assign_lanes
    >>> preds = pd.DataFrame({"pred_id": ["p", "q"], "doc_id": ["a", "b"],
    ...                       "subject": ["tariffs: rise", "Kim: visit"],
    ...                       "text": ["Tariffs on cars will rise.", "Kim will visit Seoul."]})
    >>> evs = pd.DataFrame({"event_id": ["E1", "E2"], "text": ["Car tariffs raised", "Election held"],
    ...                     "category": ["trade", "politics"]})
    >>> assign_lanes(preds, evs)[["pred_id", "lane"]].values.tolist()
    [['p', 'trade'], ['q', '(no matching category)']]
    >>> assign_lanes(preds, evs.drop(columns="category"))["lane"].tolist()
    ['a', 'b']
    """
    for name, frame, cols in (("predictions", predictions, ["pred_id", "subject", "text"]),
                              ("events", events, ["event_id", "text"])):
        require_columns(frame, cols, name=name)
    preds = predictions.sort_values("pred_id", kind="stable").reset_index(drop=True)
    fallback = preds["doc_id"].astype(str) if "doc_id" in preds.columns else \
        pd.Series("(no ledger categories)", index=preds.index)
    out = pd.DataFrame({"pred_id": preds["pred_id"].astype(str), "lane": fallback.to_numpy(),
                        "lane_source": "document", "lane_similarity": np.nan})
    if preds.empty or "category" not in events.columns:
        return out
    cats = events.assign(category=events["category"].fillna("").astype(str).str.strip())
    cats = cats[cats["category"] != ""].sort_values("event_id", kind="stable").reset_index(drop=True)
    if cats.empty:
        return out
    p_text = (preds["subject"].fillna("").astype(str) + " " + preds["text"].fillna("").astype(str)).tolist()
    e_text = (cats["category"] + " " + cats["text"].fillna("").astype(str)).tolist()
    vec = TfidfVectorizer(tokenizer=_tokenizer, lowercase=False, token_pattern=None,
                          sublinear_tf=True, smooth_idf=True, norm="l2")
    try:
        matrix = vec.fit_transform(p_text + e_text)
    except ValueError:
        return out
    sim = np.round((matrix[: len(preds)] @ matrix[len(preds):].T).toarray(), 6)
    best = sim.argmax(axis=1)  # first maximum = smallest event_id on ties
    top = sim[np.arange(len(preds)), best]
    use = top >= max(float(min_similarity), 1e-12)
    out["lane"] = np.where(use, cats["category"].to_numpy()[best], "(no matching category)")
    out["lane_source"] = np.where(use, "similar event", "none")
    out["lane_similarity"] = top
    if links is not None and len(links):
        cat_of = dict(zip(cats["event_id"].astype(str), cats["category"]))
        first = (links.assign(event_id=links["event_id"].astype(str))
                 .loc[lambda d: d["event_id"].isin(cat_of)]
                 .sort_values(["pred_id", "rank", "event_id"], kind="stable").drop_duplicates("pred_id"))
        lane_of = {p: cat_of[e] for p, e in zip(first["pred_id"], first["event_id"])}
        hit = out["pred_id"].isin(lane_of)
        out.loc[hit, "lane"] = out.loc[hit, "pred_id"].map(lane_of)
        out.loc[hit, "lane_source"] = "link"
    return out


#: Targets that name a person rather than a policy area: never enough for a link or a lane.
NON_SPECIFIC = ("trump",)


def policy_areas(texts, targets: pd.DataFrame) -> list[set[str]]:
    """The stance targets (policy areas) each text mentions, without :data:`NON_SPECIFIC` ones.

    Examples
    --------
    >>> from briefkit.stance.targets import load_targets
    >>> from briefkit.forecasts.ledger.links import policy_areas
    >>> policy_areas(["Trump will cut USFK.", "Trump will golf."], load_targets())
    [{'usfk'}, set()]
    """
    from briefkit.stance.targets import find_mentions

    texts = [str(t) for t in texts]
    sents = pd.DataFrame({"doc_id": "x", "sent_id": range(len(texts)), "start": 0, "end": 0, "text": texts})
    m = find_mentions(sents, targets, drop_headings=False)
    out: list[set[str]] = [set() for _ in texts]
    for sid, tg in zip(m["sent_id"], m["target"]):
        if tg not in NON_SPECIFIC:
            out[int(sid)].add(tg)
    return out


def target_lanes(predictions: pd.DataFrame, targets: pd.DataFrame, *, links: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Lane of each forecast: the label of the first policy area (targets-file order) it mentions.

    A forecast that names none takes the policy areas of its best linked event (``links`` and
    ``events`` given: cited links first, then rank 1); the rest go to "(no policy area)".

    Returns
    -------
    DataFrame
        ``pred_id, lane, lane_targets`` ("; "-joined target ids), sorted by ``pred_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.targets import load_targets
    >>> from briefkit.forecasts.ledger.links import target_lanes
    >>> p = pd.DataFrame({"pred_id": ["a", "b"], "text": ["A Trump deal with North Korea would fail.",
    ...                   "He will golf."]})
    >>> target_lanes(p, load_targets())["lane"].tolist()
    ['North Korea & denuclearization', '(no policy area)']
    """
    require_columns(predictions, ["pred_id", "text"], name="predictions")
    preds = predictions.sort_values("pred_id", kind="stable").reset_index(drop=True)
    order = list(dict.fromkeys(targets["target"]))
    label = dict(zip(targets["target"], targets["label"]))
    areas = policy_areas(preds["text"], targets)
    if links is not None and events is not None and len(links):
        ev_text = events.set_index(events["event_id"].astype(str))
        ev_text = (ev_text["category"].fillna("").astype(str) + ". " if "category" in ev_text else "") + \
            ev_text["text"].fillna("").astype(str)
        best = links.sort_values(["pred_id", "rank", "event_id"], kind="stable").drop_duplicates("pred_id")
        first = dict(zip(best["pred_id"].astype(str), best["event_id"].astype(str)))
        need = [i for i, a in enumerate(areas) if not a and first.get(preds.at[i, "pred_id"]) in ev_text.index]
        found = policy_areas([ev_text[first[preds.at[i, "pred_id"]]] for i in need], targets)
        for i, a in zip(need, found):
            areas[i] = a
    lanes = [label[min(a, key=order.index)] if a else "(no policy area)" for a in areas]
    return pd.DataFrame({"pred_id": preds["pred_id"].astype(str), "lane": lanes,
                         "lane_targets": ["; ".join(sorted(a, key=order.index)) for a in areas]})


def add_cited_links(links: pd.DataFrame, outcomes: pd.DataFrame, events: pd.DataFrame,
                    predictions: pd.DataFrame) -> pd.DataFrame:
    """Add the ledger events each outcome cites (ids in its ``note``) to the links.

    The event an analyst's outcome rests on is always among that forecast's links
    (``link_source = "cited"``, ``similarity`` empty); proposals keep ``link_source =
    "proposed"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.forecasts.ledger.links import add_cited_links
    >>> links = pd.DataFrame({"pred_id": [], "event_id": [], "similarity": [], "rank": [],
    ...                       "event_date": [], "doc_id": []})
    >>> out = add_cited_links(links, pd.DataFrame({"pred_id": ["p"], "note": ["NATO 5% (E027)"]}),
    ...     pd.DataFrame({"event_id": ["E027"], "date_start": [pd.Timestamp("2025-06-25")]}),
    ...     pd.DataFrame({"pred_id": ["p"], "doc_id": ["d"]}))
    >>> out[["pred_id", "event_id", "link_source"]].values.tolist()
    [['p', 'E027', 'cited']]
    """
    from briefkit.forecasts.ledger.citations import cited_event_ids

    known = dict(zip(events["event_id"].astype(str), pd.to_datetime(events["date_start"])))
    doc = dict(zip(predictions["pred_id"].astype(str), predictions["doc_id"].astype(str)))
    out = links.copy()
    out["link_source"] = "proposed"
    have = set(zip(out["pred_id"].astype(str), out["event_id"].astype(str)))
    rows = []
    for pid, note in zip(outcomes["pred_id"].astype(str), outcomes["note"].fillna("").astype(str)):
        if pid not in doc:
            continue
        for eid in cited_event_ids(note):
            if eid in known and (pid, eid) not in have:
                have.add((pid, eid))
                rows.append({"pred_id": pid, "event_id": eid, "similarity": np.nan, "rank": 0,
                             "event_date": known[eid], "doc_id": doc[pid], "link_source": "cited"})
    if rows:
        out = pd.concat([out, pd.DataFrame(rows)], ignore_index=True)
    out["rank"] = out["rank"].astype("int64")
    out["event_date"] = pd.to_datetime(out["event_date"])
    return out.sort_values(["pred_id", "rank", "event_id"], kind="stable").reset_index(drop=True)
