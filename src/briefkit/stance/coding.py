"""The analyst's coding loop: read codes strictly, let them override suggestions, export the rest.

An analyst codes (sentence, target) mentions in ``<corpus>/stance_codes.csv`` with the columns
:data:`CODE_COLUMNS` (one row per mention and coder; offsets are the sentence's raw ``start`` and
``end``, as in ``stance_mentions.csv``). briefkit reads that file and never writes into the corpus
folder: notebook 03 exports ``stance_coding_template.csv`` (every uncoded mention pre-filled with
the suggestion and its cues) for the analyst to complete and copy back.

- :func:`read_codes` checks every row and raises one :class:`CodesError` naming the file, the
  row (as a spreadsheet shows it) and each problem.
- :func:`apply_codes` joins codes to mentions: a coded mention takes the code (``source`` =
  ``coded``), an uncoded one keeps the suggestion (``suggested``). With several coders the final
  code is the majority, ties going to the first coder in name order. A code whose
  (doc_id, start, end, target) matches no mention (the text or the segmentation changed) is
  returned in the orphans table with the reason, never dropped.
- :func:`coding_template` is the table to code next.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from briefkit.errors import CodesError, Problem, require_columns
from briefkit.inputs.schemas import input_schema
from briefkit.inputs.tables import read_table, read_table_file
from briefkit.paths import corpus_dir

__all__ = ["CODE_COLUMNS", "CodesError", "read_codes", "apply_codes", "coding_template",
           "CODES_FILE", "HOLDERS"]

CODE_COLUMNS = ["doc_id", "start", "end", "target", "stance", "holder", "coder", "note"]
CODES_FILE = "stance_codes.csv"
HOLDERS = ("author", "other", "none")


def _empty_codes() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="str") for c in CODE_COLUMNS})
    return out.astype({"start": "int64", "end": "int64", "stance": "int64"})


def read_codes(path=None, *, corpus=None) -> pd.DataFrame:
    """Read and check a stance codes file (its schema: ``stance/inputs.toml`` ``[stance_codes]``).

    Parameters
    ----------
    path : str or path, optional
        The CSV; default ``<corpus>/stance_codes.csv``. A missing default file means no codes
        (an empty table); a missing named file is an error.
    corpus : str or path, optional
        Corpus folder (default :func:`briefkit.paths.corpus_dir`); a named ``path`` must lie
        inside it (default: the folder holding it).

    Returns
    -------
    DataFrame
        :data:`CODE_COLUMNS`; ``start, end, stance`` as integers, in file order.

    Raises
    ------
    CodesError
        (a :class:`~briefkit.errors.CorpusError`) listing every bad row, each naming the file
        and row: a missing column, offsets that are not integers >= 0 with start < end, stance
        not -1/0/1, holder not author/other/none, empty doc_id, target or coder, the same
        mention coded twice by one coder (an identical copy or a conflicting code).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.stance.coding import read_codes
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "c.csv").write_text("doc_id,start,end,target,stance,holder,coder,note\\n"
    ...                              "a,0,10,trade,-1,author,kim,calls tariffs harmful\\n")
    >>> read_codes(d / "c.csv")[["stance", "holder"]].values.tolist()
    [[-1, 'author']]
    """
    schema = input_schema("stance_codes")
    if path is None:
        found = read_table(corpus_dir(corpus), schema, error=CodesError)
    else:
        found = read_table_file(path, schema, corpus=corpus, error=CodesError)
        if found is None:
            raise CodesError([Problem(Path(path).name, None, "stance codes file does not exist")])
    if found is None or found[0].empty:
        return _empty_codes()
    df = found[0]
    return df[CODE_COLUMNS].astype({"start": "int64", "end": "int64", "stance": "int64"})


_KEY = ["doc_id", "start", "end", "target"]


def final_codes(codes: pd.DataFrame) -> pd.DataFrame:
    """One code per mention: the majority over coders, ties to the first coder in name order.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.coding import final_codes
    >>> c = pd.DataFrame({"doc_id": ["a"] * 3, "start": [0] * 3, "end": [5] * 3, "target": ["x"] * 3,
    ...     "stance": [1, -1, -1], "holder": ["author"] * 3, "coder": ["a1", "a2", "a3"], "note": ""})
    >>> final_codes(c)[["stance", "coder"]].values.tolist()
    [[-1, 'a2; a3']]
    """
    if codes.empty:
        return codes.assign(n_coders=pd.Series(dtype="int64"))
    ordered = codes.sort_values([*_KEY, "coder"], kind="stable")
    rows = []
    for key, g in ordered.groupby(_KEY, sort=False):
        counts = g["stance"].value_counts()
        top = counts[counts == counts.max()].index
        winner = g[g["stance"].isin(top)].iloc[0]["stance"]
        agree = g[g["stance"] == winner]
        rows.append((*key, int(winner), agree.iloc[0]["holder"], "; ".join(agree["coder"]),
                     agree.iloc[0]["note"], len(g)))
    return pd.DataFrame(rows, columns=[*_KEY, "stance", "holder", "coder", "note", "n_coders"])


def apply_codes(mentions: pd.DataFrame, codes: pd.DataFrame, *, suggested_stance: str = "stance_auto",
                suggested_holder: str = "holder_auto") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Final stance per mention: codes override suggestions; codes that match nothing are returned.

    Parameters
    ----------
    mentions : DataFrame
        ``doc_id, start, end, target`` and the suggestion columns.
    codes : DataFrame
        From :func:`read_codes`.
    suggested_stance, suggested_holder : str
        Columns of ``mentions`` holding the suggestion.

    Returns
    -------
    (mentions, orphans)
        ``mentions`` plus ``stance, holder, source`` (coded | suggested), ``coder, note``;
        ``orphans``: the codes with no mention at their offsets, plus ``reason``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.coding import apply_codes
    >>> m = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 9], "end": [8, 20], "target": ["x", "x"],
    ...                   "stance_auto": [0, 1], "holder_auto": ["none", "author"]})
    >>> c = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, 30], "end": [8, 40], "target": ["x", "x"],
    ...     "stance": [-1, 1], "holder": ["author"] * 2, "coder": ["k"] * 2, "note": ["", ""]})
    >>> out, orphans = apply_codes(m, c)
    >>> out[["stance", "source"]].values.tolist(), len(orphans)
    ([[-1, 'coded'], [1, 'suggested']], 1)
    """
    require_columns(mentions, [*_KEY, suggested_stance, suggested_holder], name="mentions")
    require_columns(codes, CODE_COLUMNS, name="codes")
    final = final_codes(codes)
    out = mentions.merge(final[[*_KEY, "stance", "holder", "coder", "note"]], on=_KEY, how="left",
                         validate="many_to_one", indicator=True)
    coded = out["_merge"].eq("both")
    out["source"] = pd.Series(["coded" if c else "suggested" for c in coded], index=out.index, dtype="str")
    out["stance"] = out["stance"].where(coded, out[suggested_stance]).astype("int64")
    out["holder"] = out["holder"].where(coded, out[suggested_holder]).astype("str")
    out["coder"] = out["coder"].fillna("").astype("str")
    out["note"] = out["note"].fillna("").astype("str")
    out = out.drop(columns="_merge")
    keys = set(zip(mentions["doc_id"].astype(str), mentions["start"], mentions["end"], mentions["target"]))
    docs = set(mentions["doc_id"].astype(str))
    lost = [(d, s, e, t) not in keys for d, s, e, t in
            zip(codes["doc_id"].astype(str), codes["start"], codes["end"], codes["target"])]
    orphans = codes.loc[lost].copy()
    orphans["reason"] = pd.Series(
        ["no mention of this target in a sentence at these offsets (text or segmentation changed?)"
         if d in docs else "document has no mention in this run (not in the corpus, or no target found)"
         for d in orphans["doc_id"].astype(str)], index=orphans.index, dtype="str")
    return out, orphans.reset_index(drop=True)


def coding_template(mentions: pd.DataFrame) -> pd.DataFrame:
    """Uncoded mentions in the codes file's columns, pre-filled with the suggestion and its cues.

    Parameters
    ----------
    mentions : DataFrame
        From :func:`apply_codes` (``source``, ``stance``, ``holder``, ``text``, ``cues``, ``rule``).

    Returns
    -------
    DataFrame
        :data:`CODE_COLUMNS` (``coder`` empty, ``note`` empty) then ``text, cues, rule`` to read;
        copy the first eight columns of the rows you checked into ``stance_codes.csv``.

    Examples
    --------
    >>> import pandas as pd
    >>> from briefkit.stance.coding import coding_template
    >>> m = pd.DataFrame({"doc_id": ["a"], "start": [0], "end": [8], "target": ["x"], "stance": [1],
    ...     "holder": ["author"], "source": ["suggested"], "text": ["X works."], "cues": ["works"],
    ...     "rule": ["evaluation"]})
    >>> coding_template(m).columns.tolist()[:8] == ["doc_id", "start", "end", "target", "stance",
    ...                                             "holder", "coder", "note"]
    True
    """
    require_columns(mentions, [*_KEY, "stance", "holder", "source", "text", "cues", "rule"], name="mentions")
    todo = mentions.loc[mentions["source"] != "coded"]
    out = todo[[*_KEY, "stance", "holder"]].assign(coder="", note="")
    out = out.assign(text=todo["text"], cues=todo["cues"], rule=todo["rule"])
    return out.astype({"coder": "str", "note": "str"}).reset_index(drop=True)
