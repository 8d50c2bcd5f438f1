"""Agreement between coders and suggesters, and a learned second suggester.

- :func:`agreement`: Krippendorff's alpha (nominal, the maintained ``krippendorff`` package) and
  the share of identical codes between two codings, per target and overall.
- :func:`reliability_table`: the rows of ``stance_reliability.csv``: the annotator against each
  coder, every pair of coders (inter-coder reliability), and the cross-validated classifier.
- :func:`confusion`: a stance x stance table of counts.
- :func:`cross_validated_classifier`: a scikit-learn logistic regression on the coded mentions
  (word and bigram TF-IDF of the sentence with the target's words replaced by ``TARGET``, plus
  the annotator's cues and suggestion), scored by stratified k-fold cross-validation; it suggests
  a stance for uncoded mentions only when it beats the rule-based annotator on the same folds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from briefkit.errors import require_columns
from briefkit.jobs import one_blas_thread
from briefkit.uncertainty import OK, too_few, undefined

__all__ = ["agreement", "reliability_table", "confusion", "cross_validated_classifier", "disagreements",
           "RELIABILITY_COLUMNS", "MIN_CODES_FOR_CLASSIFIER"]

RELIABILITY_COLUMNS = ["comparison", "target", "n", "alpha", "pct_identical", "status"]
#: Coded mentions needed before the classifier is trained (and per class, 2 for stratified folds).
MIN_CODES_FOR_CLASSIFIER = 40
_MIN_PAIRS = 5


def _alpha(a, b) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.size == 0 or len(set(a) | set(b)) < 2:
        return float("nan")  # alpha is undefined when only one value occurs
    import krippendorff
    return float(krippendorff.alpha(reliability_data=np.vstack([a, b]), level_of_measurement="nominal"))


def agreement(a, b) -> tuple[float, float]:
    """Krippendorff's alpha (nominal) and share identical between two codings of the same units.

    Examples
    --------
    >>> from briefkit.stance.reliability import agreement
    >>> alpha, same = agreement([1, 0, -1, 0, 1, 0], [1, 0, -1, 0, 0, 0])
    >>> round(alpha, 3), round(same, 3)
    (0.732, 0.833)
    """
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise ValueError(f"the two codings have different lengths ({len(a)} and {len(b)})")
    same = float(np.mean(np.asarray(a) == np.asarray(b))) if a else float("nan")
    return _alpha(a, b), same


def _rows(comparison: str, df: pd.DataFrame, a: str, b: str, targets) -> list[tuple]:
    rows = []
    for target in ["(all)", *targets]:
        sub = df if target == "(all)" else df[df["target"] == target]
        n = len(sub)
        alpha, same = agreement(sub[a], sub[b]) if n else (float("nan"), float("nan"))
        status = OK if n >= _MIN_PAIRS else too_few(n, _MIN_PAIRS, "mentions")
        if n >= _MIN_PAIRS and np.isnan(alpha):
            status = undefined("one stance value only, so alpha is not defined")
        rows.append((comparison, target, n, alpha, same, status))
    return rows


def reliability_table(mentions: pd.DataFrame, codes: pd.DataFrame, *, classifier=None) -> pd.DataFrame:
    """Agreement rows: annotator vs each coder, coder vs coder, classifier (cross-validated).

    Parameters
    ----------
    mentions : DataFrame
        ``doc_id, start, end, target, stance_auto``.
    codes : DataFrame
        From :func:`briefkit.stance.coding.read_codes` (one row per mention and coder).
    classifier : dict, optional
        From :func:`cross_validated_classifier`; adds its cross-validated row.

    Returns
    -------
    DataFrame
        :data:`RELIABILITY_COLUMNS`, per comparison an ``(all)`` row then one per target.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.reliability import reliability_table
    >>> m = pd.DataFrame({"doc_id": "a", "start": range(6), "end": range(1, 7), "target": "x",
    ...                   "stance_auto": [1, 0, -1, 0, 0, 0]})
    >>> c = m.rename(columns={"stance_auto": "stance"}).assign(stance=[1, 0, -1, 0, 1, 0],
    ...     holder="author", coder="k", note="")
    >>> reliability_table(m, c)[["comparison", "n", "pct_identical"]].round(3).to_dict("records")[0]
    {'comparison': 'annotator vs k', 'n': 6, 'pct_identical': 0.833}
    """
    require_columns(mentions, ["doc_id", "start", "end", "target", "stance_auto"], name="mentions")
    key = ["doc_id", "start", "end", "target"]
    targets = list(dict.fromkeys(mentions["target"].astype(str)))
    rows = []
    coders = sorted(codes["coder"].astype(str).unique()) if len(codes) else []
    for coder in coders:
        c = codes[codes["coder"] == coder][[*key, "stance"]]
        j = mentions[[*key, "stance_auto"]].merge(c, on=key, how="inner")
        rows += _rows(f"annotator vs {coder}", j, "stance_auto", "stance", targets)
    for i, c1 in enumerate(coders):
        for c2 in coders[i + 1:]:
            j = codes[codes["coder"] == c1][[*key, "stance"]].merge(
                codes[codes["coder"] == c2][[*key, "stance"]], on=key, suffixes=("_1", "_2"))
            rows += _rows(f"{c1} vs {c2}", j, "stance_1", "stance_2", targets)
    if classifier is not None and classifier.get("cv") is not None:
        cv = classifier["cv"]
        rows += _rows(f"classifier ({classifier['folds']}-fold cross-validated) vs codes", cv,
                      "predicted", "stance", targets)
        rows += _rows(f"annotator on the same folds vs codes", cv, "stance_auto", "stance", targets)
    out = pd.DataFrame(rows, columns=RELIABILITY_COLUMNS)
    return out.astype({"n": "int64", "alpha": "float64", "pct_identical": "float64"})


def confusion(a, b, *, labels=(-1, 0, 1), names=("reference", "suggested")) -> pd.DataFrame:
    """Counts of (a, b) stance pairs: rows ``a`` (reference), columns ``b``.

    Examples
    --------
    >>> from briefkit.stance.reliability import confusion
    >>> confusion([1, 0, 0], [1, 1, 0]).values.tolist()
    [[0, 0, 0], [0, 1, 1], [0, 0, 1]]
    """
    a, b = pd.Categorical(list(a), categories=labels), pd.Categorical(list(b), categories=labels)
    tab = pd.crosstab(pd.Series(a, name=names[0]), pd.Series(b, name=names[1]), dropna=False)
    return tab.reindex(index=list(labels), columns=list(labels), fill_value=0).astype("int64")


def _features(df: pd.DataFrame) -> list[str]:
    out = []
    for text, spans, cues, auto in zip(df["text"], df["spans"], df["cues"], df["stance_auto"]):
        text = text if isinstance(text, str) else ""
        pieces, pos = [], 0
        for part in str(spans).split(";"):
            if part:
                s, e = (int(x) for x in part.split("-"))
                pieces += [text[pos:s], " TARGET "]
                pos = e
        pieces.append(text[pos:])
        cue_words = " ".join("CUE_" + c.split("[")[0].replace(" ", "_") + ("_NEG" if "-1]" in c else "_POS")
                             for c in str(cues).split("; ") if c)
        out.append(f"{''.join(pieces)} {cue_words} AUTO_{auto:+d}")
    return out


def cross_validated_classifier(mentions: pd.DataFrame, *, min_codes: int = MIN_CODES_FOR_CLASSIFIER,
                               folds: int = 5, seed: int = 0) -> dict:
    """Train and cross-validate a stance classifier on the coded mentions.

    Parameters
    ----------
    mentions : DataFrame
        From :func:`briefkit.stance.coding.apply_codes` (``source``, ``stance``,
        ``stance_auto``, ``text``, ``spans``, ``cues``, ``target``).
    min_codes : int
        Fewer coded mentions: no classifier (``status`` says why).
    folds : int, default 5
        Stratified folds (fewer when a stance has fewer codes).
    seed : int, default 0

    Returns
    -------
    dict
        ``status``, ``folds``, ``cv`` (coded rows with ``predicted``, out of fold), ``alpha``,
        ``pct_identical``, ``annotator_alpha`` (same rows), ``better`` ("classifier" or
        "annotator") and ``predicted`` (a Series over the uncoded rows, or None).

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.reliability import cross_validated_classifier
    >>> m = pd.DataFrame({"source": ["coded"] * 3, "stance": [1, 0, -1], "stance_auto": [0, 0, 0],
    ...     "text": ["a", "b", "c"], "spans": ["0-1"] * 3, "cues": [""] * 3, "target": ["x"] * 3})
    >>> cross_validated_classifier(m)["status"]
    'too few coded mentions (3 < 40)'
    """
    require_columns(mentions, ["source", "stance", "stance_auto", "text", "spans", "cues", "target"],
                    name="mentions")
    coded = mentions[mentions["source"] == "coded"]
    base = {"folds": 0, "cv": None, "alpha": float("nan"), "pct_identical": float("nan"),
            "annotator_alpha": float("nan"), "better": "annotator", "predicted": None}
    if len(coded) < min_codes:
        return {**base, "status": too_few(len(coded), min_codes, "coded mentions")}
    counts = coded["stance"].value_counts()
    k = int(min(folds, counts.min()))
    if counts.size < 2:
        return {**base, "status": undefined("one stance value among the codes (a classifier needs two)")}
    if k < 2:
        return {**base, "status": too_few(int(counts.min()), 2, "codes of the rarest stance (stratified folds)")}
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict
    from sklearn.pipeline import make_pipeline

    def model():
        return make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True,
                                             token_pattern=r"(?u)\b[\w+-]+\b"),
                             LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced"))

    X = _features(coded)
    y = coded["stance"].to_numpy()
    cv = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    with one_blas_thread():  # hundreds of tiny products: threads only wait for each other
        pred = cross_val_predict(model(), X, y, cv=cv)
    out_cv = coded[["doc_id", "start", "end", "target", "stance", "stance_auto"]].assign(predicted=pred)
    alpha, same = agreement(y, pred)
    a_alpha, _ = agreement(y, coded["stance_auto"])
    better = "classifier" if (alpha > a_alpha if not np.isnan(a_alpha) else not np.isnan(alpha)) else "annotator"
    predicted = None
    rest = mentions[mentions["source"] != "coded"]
    if better == "classifier" and len(rest):
        with one_blas_thread():
            fit = model().fit(X, y)
        predicted = pd.Series(fit.predict(_features(rest)).astype("int64"), index=rest.index)
    return {**base, "status": OK, "folds": k, "cv": out_cv, "alpha": alpha, "pct_identical": same,
            "annotator_alpha": a_alpha, "better": better, "predicted": predicted}


def disagreements(mentions: pd.DataFrame) -> pd.DataFrame:
    """Coded mentions where the annotator's suggestion differs from the code, in document order.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.reliability import disagreements
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 5], "source": ["coded", "coded"],
    ...                   "stance": [1, 0], "stance_auto": [1, -1]})
    >>> disagreements(m)["start"].tolist()
    [5]
    """
    require_columns(mentions, ["doc_id", "start", "source", "stance", "stance_auto"], name="mentions")
    out = mentions[(mentions["source"] == "coded") & (mentions["stance"] != mentions["stance_auto"])]
    return out.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
