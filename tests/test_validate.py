"""Tests for briefkit.corpus.validate: every corpus problem reported, with file and row."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import briefkit.corpus.validate as validate_mod
from briefkit.errors import CorpusError, Problem
from briefkit.paths import project_root
from briefkit.corpus.validate import check_document, read_document, read_texts
from briefkit.validate import check_corpus, validate_corpus

GOOD = "The alliance held.\r\nTariffs rose.\n"
ACCEPTED = "use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-03 or 2025-03-07), or leave it empty"


def corpus(tmp_path, files: dict[str, bytes], rows: list[str] | None = None):
    """Build a corpus: ``files`` maps relative path -> bytes; one manifest row per file unless ``rows``."""
    for rel, data in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    if rows is None:
        rows = [f"d{i},{rel},Title {i}" for i, rel in enumerate(files)]
    (tmp_path / "manifest.csv").write_text("doc_id,file,title\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def found(tmp_path) -> list[tuple]:
    df = validate_corpus(tmp_path)
    assert list(df.columns) == ["file", "row", "problem", "severity"]
    assert str(df["row"].dtype) == "Int64"
    return [(f, None if pd.isna(r) else int(r), p) for f, r, p, _ in df.itertuples(index=False)]


def test_clean_corpus_is_empty(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode(), "texts/b.txt": "한국어 텍스트입니다.".encode("cp949")})
    df = validate_corpus(tmp_path)
    assert df.empty
    assert list(df.columns) == ["file", "row", "problem", "severity"]


def test_missing_manifest(tmp_path):
    assert found(tmp_path) == [("manifest.csv", None, f"not found in {str(tmp_path)!r}; every corpus "
                                                      "needs a manifest.csv with columns doc_id, file, title")]


def test_missing_file(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode()}, rows=["a,a.txt,A", "b,texts/b.txt,B"])
    assert found(tmp_path) == [("texts/b.txt", 3, "file not found (there is no folder 'texts')")]


def test_missing_file_hints(tmp_path):
    corpus(tmp_path, {"Texts/A.txt": GOOD.encode()},
           rows=["a,Texts/A.txt,A", "b,texts/x.txt,B", "c,Texts/a.txt,C"])
    assert found(tmp_path) == [
        ("texts/x.txt", 3, "file not found (there is no folder 'texts')"),
        ("Texts/a.txt", 4, "file not found (did you mean 'A.txt'? names are case-sensitive)"),
    ]


def test_manifest_without_documents(tmp_path):
    (tmp_path / "manifest.csv").write_text("doc_id,file,title\n")
    assert found(tmp_path) == [("manifest.csv", None, "lists no documents; add one row per document "
                                                      "under the header")]


def test_corpus_path_is_a_file(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode()})
    target = tmp_path / "manifest.csv"
    assert found(target) == [("manifest.csv", None, f"corpus folder {str(target)!r} is not a folder; "
                                                    "give the folder that holds manifest.csv")]


def test_empty_file(tmp_path):
    corpus(tmp_path, {"a.txt": b""})
    assert found(tmp_path) == [("a.txt", 2, "empty file (0 bytes)")]


def test_binary_file(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode(), "fig.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"})
    assert found(tmp_path) == [("fig.png", 3, "binary file (PNG image), not plain text; "
                                              "convert it to a UTF-8 .txt file")]


def test_pdf_saved_as_txt(tmp_path):
    corpus(tmp_path, {"a.txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"})
    assert found(tmp_path) == [("a.txt", 2, "binary file (PDF document), not plain text; "
                                            "convert it to a UTF-8 .txt file")]


def test_undecodable_file(tmp_path):
    corpus(tmp_path, {"a.txt": b"caf\x81 au lait"})
    [(file, row, problem)] = found(tmp_path)
    assert (file, row) == ("a.txt", 2)
    assert problem.startswith("cannot tell the text encoding: not UTF-8")


def test_nul_bytes_reported(tmp_path):
    corpus(tmp_path, {"a.txt": b"Some text\x00 with a NUL and\x00 another."})
    assert found(tmp_path) == [("a.txt", 2, "contains 2 NUL bytes (\\x00), first at character 9; remove them")]
    # ... but the document still loads, NULs kept so offsets match the file.
    assert read_document(tmp_path, "a.txt", row=2).text == "Some text\x00 with a NUL and\x00 another."


def test_whitespace_only_file(tmp_path):
    corpus(tmp_path, {"a.txt": b" \r\n\t\n"})
    assert found(tmp_path) == [("a.txt", 2, "no text: the file holds only whitespace")]


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "texts").mkdir()
    corpus(tmp_path, {}, rows=["a,texts,A"])
    assert found(tmp_path) == [("texts", 2, "is a folder, not a file")]


def test_fifo_is_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    corpus(tmp_path, {}, rows=["a,pipe.txt,A"])
    assert found(tmp_path) == [("pipe.txt", 2, "is not a regular file (device, pipe or socket)")]


def test_unreadable_file_permission_denied(tmp_path, monkeypatch):
    corpus(tmp_path, {"a.txt": GOOD.encode(), "secret.txt": GOOD.encode()})
    real_open = os.open

    def fake_open(path, flags, *args, **kwargs):
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(validate_mod.os, "open", fake_open)
    assert found(tmp_path) == [("secret.txt", 3, "cannot read the file: permission denied")]


def test_unsafe_dotdot_path_reported_once(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode()}, rows=["a,a.txt,A", "b,../outside.txt,B"])
    assert found(tmp_path) == [("../outside.txt", 3, "unsafe path '../outside.txt': '..' is not allowed; "
                                                     "the file must be inside the corpus folder")]


def test_symlink_reported(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD)
    root = tmp_path / "corpus"
    corpus(root, {"a.txt": GOOD.encode()}, rows=["a,a.txt,A", "b,link.txt,B"])
    (root / "link.txt").symlink_to(outside)
    assert found(root) == [("link.txt", 3, "unsafe path: the file is a symbolic link; "
                                           "briefkit reads only real files inside the corpus folder")]


def test_same_file_twice(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode()}, rows=["a,a.txt,A", "b,./a.txt,B"])
    assert found(tmp_path) == [("./a.txt", 3, "the same file as row 2; each document needs its own file")]


def test_corpus_folder_missing(tmp_path):
    assert found(tmp_path / "nope") == [
        ("manifest.csv", None, f"corpus folder {str(tmp_path / 'nope')!r} does not exist")]


def test_many_problems_all_reported(tmp_path):
    files = {"ok.txt": GOOD.encode(), "empty.txt": b"", "img.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
             "nul.txt": b"a\x00b text here"}
    rows = ["ok,ok.txt,OK", "empty,empty.txt,Empty", "img,img.txt,Image", "gone,gone.txt,Gone",
            "nul,nul.txt,Nul", "ok,ok.txt,", "x,/abs.txt,Abs"]
    corpus(tmp_path, files, rows=rows)
    (tmp_path / "manifest.csv").write_text(
        "doc_id,file,title,published\n" + "\n".join(r + ("," + ("2025-02-30" if i == 1 else ""))
                                                     for i, r in enumerate(rows)) + "\n")
    assert found(tmp_path) == [
        ("manifest.csv", 3, f"published value '2025-02-30': there is no day 30 in 2025-02; {ACCEPTED}"),
        ("manifest.csv", 7, "empty title"),
        ("manifest.csv", 7, "duplicate doc_id 'ok' (also in row 2)"),
        ("/abs.txt", 8, "unsafe path '/abs.txt': absolute paths are not allowed; "
                        "give the path relative to the corpus folder"),
        ("empty.txt", 3, "empty file (0 bytes)"),
        ("img.txt", 4, "binary file (PNG image), not plain text; convert it to a UTF-8 .txt file"),
        ("gone.txt", 5, "file not found"),
        ("nul.txt", 6, "contains 1 NUL byte (\\x00), first at character 1; remove them"),
        ("ok.txt", 7, "the same file as row 2; each document needs its own file"),
    ]


def test_missing_column_still_checks_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "manifest.csv").write_text("doc_id,file\na,a.txt\n")
    assert found(tmp_path) == [
        ("manifest.csv", None, "missing required column title (found: doc_id, file)"),
        ("a.txt", 2, "empty file (0 bytes)"),
    ]


def test_default_path_from_environment(tmp_path, monkeypatch):
    corpus(tmp_path, {"a.txt": b""})
    monkeypatch.setenv("BRIEFKIT_CORPUS", str(tmp_path))
    assert validate_corpus()["problem"].tolist() == ["empty file (0 bytes)"]


# --- check_document / read_document ------------------------------------------------------------

def test_check_document_returns_text_and_problems(tmp_path):
    (tmp_path / "a.txt").write_bytes("“Quote”\r\n".encode("cp1252"))
    decoded, problems = check_document(tmp_path, "a.txt", row=4)
    assert decoded.text == "“Quote”\r\n" and decoded.encoding == "cp1252"
    assert problems == []


def test_read_document_raises_with_row(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    with pytest.raises(CorpusError) as exc:
        read_document(tmp_path, "a.txt", row=5)
    assert exc.value.problems == [Problem("a.txt", 5, "empty file (0 bytes)")]
    assert str(exc.value) == "a.txt: row 5: empty file (0 bytes)"


# --- check_corpus / read_texts ----------------------------------------------------------------

def test_check_corpus_notes_guessed_encodings_only(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode(), "b.txt": b"\xef\xbb\xbfBOM text",
                      "k.txt": "한국어 텍스트입니다.".encode("cp949")})
    problems, notes = check_corpus(tmp_path)
    assert problems.empty
    assert notes.values.tolist() == [["k.txt", 4, "cp949", "not UTF-8; read as Korean CP949 (a superset "
                                                           "of EUC-KR); save the file as UTF-8 to be sure"]]


def test_read_texts_exact_raw_text(tmp_path):
    corpus(tmp_path, {"a.txt": GOOD.encode(), "b.txt": b"\xef\xbb\xbfNUL\x00 kept",
                      "c.txt": "“Quote”".encode("cp1252")})
    df = read_texts(tmp_path)
    assert df[["doc_id", "raw_text", "encoding"]].values.tolist() == [
        ["d0", GOOD, "utf-8"], ["d1", "NUL\x00 kept", "utf-8-sig"], ["d2", "“Quote”", "cp1252"]]
    assert df["encoding_notes"].tolist()[1] == ("removed UTF-8 byte-order mark; contains 1 NUL byte "
                                                "(\\x00), kept in the text; first at character 3")
    assert df.attrs["rows"] == [2, 3, 4]


def test_read_texts_raises_with_every_problem(tmp_path):
    corpus(tmp_path, {"a.txt": b"", "b.txt": b"fine", "c.txt": b"  \n"},
           rows=["a,a.txt,A", "b,b.txt,", "c,c.txt,C", "d,d.txt,D"])
    with pytest.raises(CorpusError) as exc:
        read_texts(tmp_path)
    assert str(exc.value).splitlines() == [
        "manifest.csv: row 3: empty title",
        "a.txt: row 2: empty file (0 bytes)",
        "d.txt: row 5: file not found",
    ]


# --- the project's own corpus ------------------------------------------------------------------

def test_project_corpus_is_valid():
    root = project_root() / "corpus"
    if not (root / "manifest.csv").is_file():
        pytest.skip("corpus/manifest.csv not present yet")
    df = validate_corpus(root)
    assert df.empty, "\n" + df.to_string()
