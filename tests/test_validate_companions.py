"""validate checks what load_corpus and the notebooks read, with the same messages (issue 12)."""

from __future__ import annotations


import pandas as pd
import pytest

from briefkit.corpus.load import load_corpus
from briefkit.validate import validate_corpus
from briefkit.errors import BriefkitError, CorpusError, format_problem
from conftest import SEED_CORPUS


def _problems(root) -> list[str]:
    table = validate_corpus(root)
    return [format_problem(f, None if pd.isna(r) else int(r), p if s == "error" else f"{s}: {p}")
            for f, r, p, s in zip(table["file"], table["row"], table["problem"], table["severity"])]


def test_seed_corpus_validates():
    assert validate_corpus(SEED_CORPUS).empty


@pytest.mark.parametrize("content, message", [
    (b"[[rule]\n", "not valid TOML"),
    (b"\xff\xfebad", "not UTF-8"),
    (b"[[rule]]\ncategory = 'x'\npattern = '(unclosed'\n", "rule[1].pattern: pattern '(unclosed' refused: invalid"),
    (b"[[rule]]\ncategory = 'x'\npattern = '(a|a)+$'\n", "refused: alternation under a repeat"),
])
def test_bad_cleaning_rules_fail_validate_and_load_alike(seed_copy, content, message):
    (seed_copy / "cleaning.toml").write_bytes(content)
    problems = _problems(seed_copy)
    assert len(problems) == 1 and message in problems[0]
    with pytest.raises(CorpusError) as exc:
        load_corpus(seed_copy)
    assert str(exc.value) == str(CorpusError([p for p in exc.value.problems]))
    assert message in str(exc.value) and exc.value.problems[0].problem in problems[0]


def test_cleaning_rules_folder_is_a_problem(seed_copy):
    (seed_copy / "cleaning.toml").unlink()
    (seed_copy / "cleaning.toml").mkdir()
    assert any("cleaning.toml: is a folder, not a file" in p for p in _problems(seed_copy))
    with pytest.raises(CorpusError, match="is a folder, not a file"):
        load_corpus(seed_copy)


def test_bad_events_outcomes_and_targets_reported(seed_copy):
    from briefkit.forecasts.ledger.events import load_ledger
    from briefkit.stance.targets import load_targets

    with open(seed_copy / "events.csv", "a", encoding="utf-8") as fh:
        fh.write('\nbroken,"row\n')
    (seed_copy / "targets.toml").write_text("[target]\nid = 'x'\n", encoding="utf-8")
    (seed_copy / "uptake.csv").write_bytes(b"a,b\n\xff,1\n")
    problems = _problems(seed_copy)
    with pytest.raises(BriefkitError) as events_err:
        load_ledger(seed_copy)
    with pytest.raises(BriefkitError) as targets_err:
        load_targets("targets.toml", corpus=seed_copy)
    assert any(str(events_err.value).splitlines()[0] in p for p in problems)
    assert any(p.startswith("targets.toml") and p.split(": ", 1)[1] in str(targets_err.value) for p in problems)
    assert any(p.startswith("uptake.csv") for p in problems)


def test_mixed_encoding_is_an_error_unless_stated(tmp_path):
    (tmp_path / "manifest.csv").write_text("doc_id,file,title\na,a.txt,A\n", encoding="utf-8")
    # mostly Windows-1252, with one name pasted in as UTF-8: would read "JosÃ©"
    data = "Caf\xe9 au lait, na\xefve d\xe9j\xe0 vu.\n".encode("cp1252") + "José Martí\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(data)
    problems = _problems(tmp_path)
    assert len(problems) == 1 and "doubtful encoding" in problems[0] and "'Ã©' on line 2" in problems[0]
    with pytest.raises(CorpusError, match="doubtful encoding"):
        load_corpus(tmp_path)
    (tmp_path / "manifest.csv").write_text("doc_id,file,title,file_encoding\na,a.txt,A,cp1252\n", encoding="utf-8")
    assert validate_corpus(tmp_path).empty
    docs = load_corpus(tmp_path)
    assert docs["encoding"].tolist() == ["cp1252"] and "JosÃ©" in docs["raw_text"][0]
    (tmp_path / "manifest.csv").write_text("doc_id,file,title,file_encoding\na,a.txt,A,nonsense\n",
                                           encoding="utf-8")
    assert "unknown encoding 'nonsense'" in _problems(tmp_path)[0]
    (tmp_path / "manifest.csv").write_text("doc_id,file,title,file_encoding\na,a.txt,A,zlib\n", encoding="utf-8")
    assert _problems(tmp_path) == ["a.txt: row 2: 'zlib' in the manifest column 'file_encoding' is not a text "
                                   "encoding (use a name such as utf-8, cp1252, latin-1, cp949, shift_jis)"]
    with pytest.raises(CorpusError, match="is not a text encoding"):
        load_corpus(tmp_path)


def test_document_size_limit_is_configurable(tmp_path, monkeypatch):
    (tmp_path / "manifest.csv").write_text("doc_id,file,title\na,a.txt,A\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Seoul will pay more. " * 100, encoding="utf-8")
    assert validate_corpus(tmp_path).empty
    monkeypatch.setenv("BRIEFKIT_MAX_DOCUMENT_MB", "0.001")
    problems = _problems(tmp_path)
    assert problems == ["a.txt: row 2: is 0.0021 MB, larger than the limit of 0.001 MB per document; split it, "
                        "or raise the limit with $BRIEFKIT_MAX_DOCUMENT_MB"]
    with pytest.raises(CorpusError, match="larger than the limit"):
        load_corpus(tmp_path)
