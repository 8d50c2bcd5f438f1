"""Policy uptake: was a recommendation later acted on?

briefkit **proposes** links from each recommendation to later events of the analyst's ledger;
the analyst **reviews** them in ``uptake.csv`` in the corpus folder (``rec_id, event_id,
verdict, note``; ``verdict`` one of :data:`VERDICTS`; ``event_id`` may list several ids
separated by ``;`` or be empty), which briefkit never writes.  A proposal needs all three of:

* **after publication**: the event starts on or after the first day of the document's
  publication period, or after the latest date the document itself mentions (within that
  period), whichever is later: a brief dated only "2025" that mentions 9 April was written after it;
* **same policy area**: the event (its category and description) mentions one of the
  recommendation's stance targets (``trump`` alone, a person rather than a policy area, does
  not count);
* **the actor and the action asked**: the event names the addressee's side (South Korea:
  Korea/Seoul/ROK/Lee ...; the United States: US/Washington/Trump ...; both: either), and at
  least ``min_shared`` (1) content stem of the recommendation occur in the event, not
  counting stop words and the generic words of policy prose (cooperation, security, policy,
  the parties' names ...), so a shared country name or "cooperation" never makes a link.

``score`` is the share of the asked-for content stems found in the event (0-1); a proposal's
verdict is ``taken`` at ``score >= taken_at`` and ``partly`` below it: a lead for the analyst,
never a finding.  Reviewed rows always win over proposals; review rows whose recommendation no
longer exists are returned as orphans (:func:`uptake_table`), never dropped.

Examples
--------
>>> import pandas as pd
>>> from briefkit.forecasts.ledger.uptake import propose_uptake
>>> recs = pd.DataFrame({"rec_id": ["R1"], "doc_id": ["d"], "text": ["Seoul should raise defense cost sharing."],
...     "addressee": ["South Korea"], "target": ["burden_sharing"], "cue": ["should"]})
>>> docs = pd.DataFrame({"doc_id": ["d"], "published": [pd.Timestamp("2025-01-01")]})
>>> ev = pd.DataFrame({"event_id": ["E1"], "text": ["ROK agrees to raise defense cost sharing"],
...     "category": ["alliance/burden-sharing"], "source": ["https://x"],
...     "date_start": [pd.Timestamp("2025-11-14")], "date_end": [pd.Timestamp("2025-11-14")]})
>>> propose_uptake(recs, ev, docs)[["rec_id", "event_id", "verdict"]].values.tolist()
[['R1', 'E1', 'taken']]
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from briefkit.errors import require_columns

__all__ = ["VERDICTS", "UPTAKE_COLUMNS", "read_uptake", "load_uptake", "propose_uptake", "uptake_table",
           "uptake_by_group"]

VERDICTS = ("taken", "partly", "not taken", "not checkable")  # forecasts/inputs.toml [uptake]
UPTAKE_COLUMNS = ["rec_id", "doc_id", "text", "event_id", "verdict", "source", "score", "note"]
REVIEW_COLUMNS = ["rec_id", "event_id", "verdict", "note"]

_SIDE = {
    "South Korea": re.compile(r"\b(?:South\s+Korea|Korea|Korean|Seoul|(?-i:ROK)|Lee\s+Jae|Yoon|Hanwha|"
                              r"Samsung|Hyundai|HD\s+Hyundai|National\s+Assembly)\b", re.I),
    "the United States": re.compile(r"\b(?:(?-i:US|U\.S\.)|United\s+States|America|American|Washington|"
                                    r"Trump|Congress|Pentagon|USTR|White\s+House)\b", re.I),
}
_STOP = frozenset("""a an the and or but of in on at by for from to with into onto over under about as is are
was were be been being it its this that these those such their our his her they we he she should must
need needs to have has had will would can could may might not no more most less very also further
well both each other than then so if it's there here which who whom what when where while how all any
some many much own same just only even still already new way ways order basis issue issues measures
approach level various together first second third fourth fifth regarding ensure make made take taken
use used utilized utilize pursued pursue actively clearly closely possible
cooperation cooperative security economic economy strategy strategic policy policies relations relationship
partnership partnerships interest interests national country countries region regional global international
efforts effort concerns concern position direction stance response support united states south korea
korean president government administration trump alliance allies ally partners""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def _stems(text: str, drop: set[str] = frozenset()) -> set[str]:
    from nltk.stem import PorterStemmer

    ps = PorterStemmer()
    out = set()
    for w in _WORD.findall(text):
        lw = w.lower()
        if lw in _STOP or len(lw) < 3:
            continue
        for part in lw.split("-"):
            if part and part not in _STOP and len(part) > 2:
                s = ps.stem(part)
                if s not in drop:
                    out.add(s)
    return out


def read_uptake(path, *, label: str | None = None, corpus=None) -> pd.DataFrame:
    """Read and validate the analyst's ``uptake.csv`` by its schema; missing file: empty table.

    ``event_id`` lists are normalised to ``"E1; E2"``.

    Raises
    ------
    CorpusError
        Naming the file and row (``forecasts/inputs.toml`` [uptake]): a missing column, an
        unknown verdict, an empty rec_id, a rec_id/event_id pair given twice.
    """
    from briefkit.inputs.schemas import input_schema
    from briefkit.inputs.tables import read_table_file

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return pd.DataFrame({c: pd.Series(dtype="str") for c in REVIEW_COLUMNS})
    found = read_table_file(path, input_schema("uptake"), corpus=corpus, label=label or path.name)
    return found[0][REVIEW_COLUMNS].reset_index(drop=True)


def load_uptake(corpus=None, *, name: str = "uptake.csv") -> pd.DataFrame:
    """:func:`read_uptake` on ``uptake.csv`` in the corpus folder (empty when absent)."""
    from briefkit.forecasts.ledger.events import corpus_table_path

    path = corpus_table_path(name, corpus)
    return read_uptake(path, label=name, corpus=path.parent if corpus is None else corpus)


def _event_targets(events: pd.DataFrame, targets: pd.DataFrame | None) -> dict[str, set[str]]:
    from briefkit.stance.targets import find_mentions, load_targets

    targets = load_targets() if targets is None else targets
    sents = pd.DataFrame({"doc_id": events["event_id"].astype(str), "sent_id": 0, "start": 0, "end": 0,
                          "text": (events["category"].fillna("").astype(str) + ". "
                                   + events["text"].fillna("").astype(str))})
    m = find_mentions(sents, targets, drop_headings=False)
    return {e: set(g["target"]) for e, g in m.groupby("doc_id")}


def propose_uptake(recs: pd.DataFrame, events: pd.DataFrame, docs: pd.DataFrame, *,
                   targets: pd.DataFrame | None = None, top_k: int = 3, taken_at: float = 0.5, min_shared: int = 1,
                   ignore_targets: tuple[str, ...] = ("trump",)) -> pd.DataFrame:
    """Proposed links from recommendations to later ledger events (rules in the module docs).

    Returns
    -------
    DataFrame
        ``rec_id, event_id, score, verdict, event_date`` (at most ``top_k`` per
        recommendation, best first); only curated ledger events (not ``text:`` extractions).
    """
    require_columns(recs, ["rec_id", "doc_id", "text", "addressee", "target", "cue"], name="recommendations")
    require_columns(events, ["event_id", "text", "category", "source", "date_start"], name="events")
    require_columns(docs, ["doc_id", "published"], name="docs")
    cols = ["rec_id", "event_id", "score", "verdict", "event_date"]
    ledger = events[~events["source"].astype(str).str.startswith("text:")].reset_index(drop=True)
    if recs.empty or ledger.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "score" else "str") for c in cols})
    ev_targets = _event_targets(ledger, targets)
    ev_stems = {e: _stems(t) for e, t in zip(ledger["event_id"], ledger["text"].astype(str))}
    published = dict(zip(docs["doc_id"].astype(str), pd.to_datetime(docs["published"])))
    mentioned = events[events["source"].astype(str).str.startswith("text:")]
    if len(mentioned) and "doc_id" in mentioned.columns:  # a document postdates what it mentions
        latest = mentioned.groupby(mentioned["doc_id"].astype(str))["date_start"].max()
        ends = {}
        if "date_precision" in docs.columns:
            from briefkit.dates import period_end

            ends = {d: period_end(p, str(q) or "day") for d, p, q in
                    zip(docs["doc_id"].astype(str), docs["published"], docs["date_precision"])
                    if not pd.isna(p)}
        for d, ts in latest.items():
            if d in published and not pd.isna(published[d]) and ts > published[d]:
                published[d] = min(ts, ends.get(d, ts))
    rows = []
    for r in recs.itertuples(index=False):
        tg = {t for t in str(r.target).split("; ") if t and t not in ignore_targets}
        pub = published.get(str(r.doc_id), pd.NaT)
        asked = _asked(str(r.text), str(r.cue))
        sides = [s for s in _SIDE if r.addressee in (s, "both")]
        if not tg or not asked or not sides:
            continue
        cands = []
        for e in ledger.itertuples(index=False):
            if pd.isna(pub) or pd.isna(e.date_start) or e.date_start <= pub:
                continue
            if not tg & ev_targets.get(e.event_id, set()):
                continue
            if not any(_SIDE[s].search(str(e.text)) for s in sides):
                continue
            hit = asked & ev_stems[e.event_id]
            if len(hit) < min_shared:
                continue
            score = round(len(hit) / len(asked), 3)
            cands.append((-score, e.date_start, e.event_id, score))
        for _, date, eid, score in sorted(cands)[:top_k]:
            rows.append({"rec_id": r.rec_id, "event_id": eid, "score": score,
                         "verdict": "taken" if score >= taken_at else "partly",
                         "event_date": str(pd.Timestamp(date).date())})
    out = pd.DataFrame(rows, columns=cols)
    out["score"] = out["score"].astype("float64")
    return out


def _asked(text: str, cue: str) -> set[str]:
    """Content stems of what a recommendation asks: the words after its cue (else the sentence)."""
    del cue  # passive advice puts what is asked before the cue: use the whole sentence
    return _stems(text)


def uptake_table(recs: pd.DataFrame, reviews: pd.DataFrame, proposals: pd.DataFrame
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(uptake, orphans)``: one row per (recommendation, event) reviewed or proposed.

    Reviewed recommendations show only the analyst's rows (``source = "reviewed"``; several
    event ids in one review row become one row each); the others show briefkit's proposals
    (``source = "proposed"``) or, with none, one row with ``source = "none"`` and no verdict.
    ``orphans`` are review rows whose ``rec_id`` is not a current recommendation.
    """
    require_columns(recs, ["rec_id", "doc_id", "text"], name="recommendations")
    require_columns(reviews, REVIEW_COLUMNS, name="uptake reviews")
    require_columns(proposals, ["rec_id", "event_id", "score", "verdict"], name="proposals")
    known = set(recs["rec_id"])
    orphans = reviews[~reviews["rec_id"].isin(known)].reset_index(drop=True)
    rows = []
    reviewed = reviews[reviews["rec_id"].isin(known)]
    by_rec = {k: g for k, g in reviewed.groupby("rec_id", sort=False)}
    props = {k: g for k, g in proposals.groupby("rec_id", sort=False)}
    for r in recs.itertuples(index=False):
        base = {"rec_id": r.rec_id, "doc_id": r.doc_id, "text": r.text}
        if r.rec_id in by_rec:
            for v in by_rec[r.rec_id].itertuples(index=False):
                ids = [x.strip() for x in str(v.event_id).split(";") if x.strip()] or [""]
                for eid in ids:
                    rows.append({**base, "event_id": eid, "verdict": v.verdict, "source": "reviewed",
                                 "score": float("nan"), "note": v.note})
        elif r.rec_id in props:
            for p in props[r.rec_id].itertuples(index=False):
                rows.append({**base, "event_id": p.event_id, "verdict": p.verdict, "source": "proposed",
                             "score": float(p.score), "note": ""})
        else:
            rows.append({**base, "event_id": "", "verdict": "", "source": "none", "score": float("nan"),
                         "note": "no review and no event proposed"})
    out = pd.DataFrame(rows, columns=UPTAKE_COLUMNS)
    out["score"] = out["score"].astype("float64")
    return out, orphans


def uptake_by_group(uptake: pd.DataFrame, docs: pd.DataFrame, *, by: str = "authors") -> pd.DataFrame:
    """Per group: recommendations and how many were taken, partly taken, not taken, not checkable,
    unreviewed (a recommendation counts once, by its best verdict: taken > partly > not taken >
    not checkable).

    Returns
    -------
    DataFrame
        ``group, n_recommendations, taken, partly, not taken, not checkable, unreviewed, n_docs``.
    """
    from briefkit.groups import document_groups

    require_columns(uptake, ["rec_id", "doc_id", "verdict", "source"], name="uptake")
    rank = {v: i for i, v in enumerate(VERDICTS)}
    best = (uptake.assign(_r=uptake["verdict"].map(rank).fillna(len(VERDICTS)))
            .sort_values(["rec_id", "_r"], kind="stable").drop_duplicates("rec_id"))
    best = best.assign(status=[v if s == "reviewed" else "unreviewed"
                               for v, s in zip(best["verdict"], best["source"])])
    g = best.merge(document_groups(docs, by=by), on="doc_id", how="left")
    cols = list(VERDICTS) + ["unreviewed"]
    table = pd.crosstab(g["group"], g["status"]).reindex(columns=cols, fill_value=0)
    table.insert(0, "n_recommendations", table.sum(axis=1))
    table["n_docs"] = g.groupby("group")["doc_id"].nunique()
    return table.reset_index().rename_axis(columns=None).astype({c: "int64" for c in cols})
