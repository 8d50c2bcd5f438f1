"""Tests for briefkit.corpus.sources.manifest: reading manifest.csv, published dates and safe paths."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from datasets import IRISH

from briefkit.errors import BriefkitError, CorpusError, Problem
from briefkit.corpus.sources.manifest import COLUMNS, parse_published, read_manifest, resolve_file

ACCEPTED = "use YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025, 2025-03 or 2025-03-07), or leave it empty"


def write(tmp_path, text: str, *, encoding="utf-8"):
    (tmp_path / "manifest.csv").write_bytes(text.encode(encoding))
    return tmp_path


def problems(tmp_path) -> list[Problem]:
    with pytest.raises(CorpusError) as exc:
        read_manifest(tmp_path)
    return exc.value.problems


# --- reading -----------------------------------------------------------------------------------

def test_reads_all_columns_as_text(tmp_path):
    write(tmp_path, "doc_id,file,title,published,region,authors\n"
                    "a,a.txt,First,2025-03,Asia,Kim; Lee\n"
                    "b,texts/b.txt,NA,,null,\n")
    df = read_manifest(tmp_path)
    assert list(df.columns) == [*COLUMNS, "region"]
    assert df.to_dict("records") == [
        {"doc_id": "a", "file": "a.txt", "title": "First", "authors": "Kim; Lee", "affiliation": "",
         "kind": "", "published": "2025-03", "language": "", "url": "", "notes": "", "region": "Asia"},
        {"doc_id": "b", "file": "texts/b.txt", "title": "NA", "authors": "", "affiliation": "",
         "kind": "", "published": "", "language": "", "url": "", "notes": "", "region": "null"},
    ]
    assert all(pd.api.types.is_string_dtype(df[c]) for c in df.columns)
    assert df.attrs["rows"] == [2, 3]


def test_bom_and_whitespace_and_crlf(tmp_path):
    write(tmp_path, "\ufeff doc_id , file ,title\r\n  a , a.txt ,  Title  \r\n")
    df = read_manifest(tmp_path)
    assert df[["doc_id", "file", "title"]].values.tolist() == [["a", "a.txt", "Title"]]


def test_quoted_cells_keep_commas_and_newlines(tmp_path):
    write(tmp_path, 'doc_id,file,title\na,a.txt,"Budget, 2010\nsecond line"\nb,b.txt,B\n')
    df = read_manifest(tmp_path)
    assert df["title"].tolist() == ["Budget, 2010\nsecond line", "B"]
    assert df.attrs["rows"] == [2, 3]  # spreadsheet rows, not CSV lines


def test_blank_lines_skipped_but_counted(tmp_path):
    write(tmp_path, "doc_id,file,title\n\na,a.txt,A\n,,\nb,b.txt,\n")
    assert problems(tmp_path) == [Problem("manifest.csv", 5, "empty title")]


def test_unnamed_empty_trailing_column_dropped(tmp_path):
    write(tmp_path, "doc_id,file,title,\na,a.txt,A,\n")
    assert list(read_manifest(tmp_path).columns) == list(COLUMNS)


def test_short_row_padded(tmp_path):
    write(tmp_path, "doc_id,file,title,authors\na,a.txt,A\n")
    assert read_manifest(tmp_path)["authors"].tolist() == [""]


def test_real_validation_manifest():
    df = read_manifest(IRISH)
    assert len(df) == 14 and df["doc_id"].is_unique


# --- manifest problems, one test each ----------------------------------------------------------

def test_missing_manifest(tmp_path):
    assert problems(tmp_path) == [Problem(
        "manifest.csv", None, f"not found in {str(tmp_path)!r}; every corpus needs a manifest.csv "
                              "with columns doc_id, file, title")]


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(CorpusError) as exc:
        read_manifest(tmp_path / "nope")
    assert exc.value.problems == [Problem("manifest.csv", None,
                                          f"corpus folder {str(tmp_path / 'nope')!r} does not exist")]


def test_manifest_not_utf8(tmp_path):
    write(tmp_path, "doc_id,file,title\na,a.txt,Café\n", encoding="cp1252")
    assert problems(tmp_path) == [Problem("manifest.csv", None,
                                          "not UTF-8 (byte 0xE9 on line 2); save it as 'CSV UTF-8'")]


def test_empty_manifest(tmp_path):
    write(tmp_path, "")
    assert problems(tmp_path) == [Problem(
        "manifest.csv", None, "the manifest is empty; it needs a header row with at least doc_id, file, title")]


def test_unreadable_csv_names_row(tmp_path):
    write(tmp_path, 'doc_id,file,title\na,a.txt,A\nb,b.txt,"B" x\n')
    assert problems(tmp_path) == [Problem(
        "manifest.csv", 3, "unreadable CSV: ',' expected after '\"' (check the quotes in this row)")]


def test_missing_required_columns(tmp_path):
    write(tmp_path, "id,path,title\na,a.txt,A\n")
    assert problems(tmp_path) == [Problem(
        "manifest.csv", None, "missing required columns doc_id, file (found: id, path, title)")]


def test_semicolon_separated_manifest_gets_a_hint(tmp_path):
    write(tmp_path, "doc_id;file;title\na;a.txt;A\n")
    assert problems(tmp_path) == [Problem(
        "manifest.csv", None, "missing required columns doc_id, file, title (found: doc_id;file;title); "
                              "the manifest must be comma-separated, this one seems to use ';'")]


def test_wrong_case_column_gets_a_hint(tmp_path):
    write(tmp_path, "Doc ID,file,Title\na,a.txt,A\n")
    assert problems(tmp_path) == [Problem(
        "manifest.csv", None, "missing required columns doc_id, title (found: Doc ID, file, Title); "
                              "column names are lower-case: rename 'Doc ID' for 'doc_id', 'Title' for 'title'")]


def test_duplicate_column(tmp_path):
    write(tmp_path, "doc_id,file,title,title\na,a.txt,A,B\n")
    assert problems(tmp_path) == [Problem("manifest.csv", 1,
                                          "column 'title' appears twice (columns 3 and 4)")]


def test_reserved_column(tmp_path):
    write(tmp_path, "doc_id,file,title,raw_text\na,a.txt,A,x\n")
    assert problems(tmp_path) == [Problem("manifest.csv", 1, "column 'raw_text' is reserved for what "
                                                             "briefkit computes when loading; rename it")]


def test_too_many_cells(tmp_path):
    write(tmp_path, "doc_id,file,title\na,a.txt,Budget, 2010\n")
    assert problems(tmp_path) == [Problem(
        "manifest.csv", 2, "4 cells but the header has 3 columns (a comma too many, "
                           "or a cell that needs quotes?)")]


@pytest.mark.parametrize("col", ["doc_id", "file", "title"])
def test_empty_required_value(tmp_path, col):
    row = {"doc_id": "a", "file": "a.txt", "title": "A"}
    row[col] = ""
    write(tmp_path, "doc_id,file,title\nz,z.txt,Z\n" + ",".join(row.values()) + "\n")
    assert problems(tmp_path) == [Problem("manifest.csv", 3, f"empty {col}")]


def test_duplicate_doc_id_names_both_rows(tmp_path):
    write(tmp_path, "doc_id,file,title\na,a.txt,A\nb,b.txt,B\na,c.txt,C\n")
    assert problems(tmp_path) == [Problem("manifest.csv", 4, "duplicate doc_id 'a' (also in row 2)")]


@pytest.mark.parametrize("value,why", [
    ("2025-13", "there is no month 13"),
    ("2025-02-30", "there is no day 30 in 2025-02"),
    ("March 2025", "is not a date"),
    ("2025. 2. 5.", "is not a date"),
])
def test_bad_published_names_row_and_value(tmp_path, value, why):
    write(tmp_path, f'doc_id,file,title,published\na,a.txt,A,2025\nb,b.txt,B,"{value}"\n')
    sep = " " if why == "is not a date" else ": "
    assert problems(tmp_path) == [Problem(
        "manifest.csv", 3, f"published value {value!r}{sep}{why}; {ACCEPTED}")]


@pytest.mark.parametrize("rel,why", [
    ("/etc/passwd", "unsafe path '/etc/passwd': absolute paths are not allowed; "
                    "give the path relative to the corpus folder"),
    ("../secret.txt", "unsafe path '../secret.txt': '..' is not allowed; "
                      "the file must be inside the corpus folder"),
    ("texts/../../x.txt", "unsafe path 'texts/../../x.txt': '..' is not allowed; "
                          "the file must be inside the corpus folder"),
    ("texts\\a.txt", "unsafe path 'texts\\\\a.txt': use '/' to separate folders, not '\\'"),
    ("C:/x.txt", "unsafe path 'C:/x.txt': absolute paths are not allowed; "
                 "give the path relative to the corpus folder"),
])
def test_unsafe_path_in_manifest(tmp_path, rel, why):
    write(tmp_path, f"doc_id,file,title\na,{rel},A\n")
    assert problems(tmp_path) == [Problem(rel, 2, why)]


def test_all_manifest_problems_reported_together(tmp_path):
    write(tmp_path, "doc_id,file,title,published\n"
                    "a,a.txt,A,2025-13\n"
                    ",b.txt,B,\n"
                    "a,../c.txt,,2024\n")
    err_problems = problems(tmp_path)
    assert err_problems == [
        Problem("manifest.csv", 2, f"published value '2025-13': there is no month 13; {ACCEPTED}"),
        Problem("manifest.csv", 3, "empty doc_id"),
        Problem("manifest.csv", 4, "empty title"),
        Problem("manifest.csv", 4, "duplicate doc_id 'a' (also in row 2)"),
        Problem("../c.txt", 4, "unsafe path '../c.txt': '..' is not allowed; "
                               "the file must be inside the corpus folder"),
    ]
    with pytest.raises(CorpusError) as exc:
        read_manifest(tmp_path)
    assert str(exc.value).splitlines() == [str(p) for p in err_problems]
    assert str(exc.value).splitlines()[1] == "manifest.csv: row 3: empty doc_id"


# --- parse_published ---------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2025", (pd.Timestamp("2025-01-01"), "year")),
    ("2025-03", (pd.Timestamp("2025-03-01"), "month")),
    ("2024-02-29", (pd.Timestamp("2024-02-29"), "day")),
    (" 2025-03-07 ", (pd.Timestamp("2025-03-07"), "day")),
])
def test_parse_published_valid(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["", "   ", None])
def test_parse_published_empty(value):
    ts, precision = parse_published(value)
    assert ts is pd.NaT and precision == ""


@pytest.mark.parametrize("value", ["2025-13", "2025-00", "2025-02-30", "2023-02-29", "March 2025",
                                   "2025. 2. 5.", "2025/03/07", "25-03-07", "2025-3-7", "20250307",
                                   "2025-03-07T10:00", "0999", "9999", "２０２５"])
def test_parse_published_rejects(value):
    with pytest.raises(BriefkitError, match="use YYYY, YYYY-MM or YYYY-MM-DD"):
        parse_published(value)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1678, 1, 1), max_value=dt.date(2261, 12, 31)),
       st.sampled_from(["year", "month", "day"]))
def test_parse_published_roundtrip(date, precision):
    fmt = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}[precision]
    text = date.strftime(fmt)
    ts, got = parse_published(text)
    assert got == precision
    assert ts.strftime(fmt) == text
    first = {"year": date.replace(month=1, day=1), "month": date.replace(day=1), "day": date}[precision]
    assert ts == pd.Timestamp(first)


# --- resolve_file ------------------------------------------------------------------------------

def test_resolve_file_inside(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text("x")
    assert resolve_file(tmp_path, "texts/a.txt") == tmp_path.resolve() / "texts" / "a.txt"
    assert resolve_file(tmp_path, "./texts/a.txt") == tmp_path.resolve() / "texts" / "a.txt"


def test_resolve_file_missing_is_not_an_error(tmp_path):
    assert resolve_file(tmp_path, "texts/missing.txt") == tmp_path.resolve() / "texts" / "missing.txt"


def test_resolve_file_rejects_dotdot(tmp_path):
    with pytest.raises(CorpusError) as exc:
        resolve_file(tmp_path, "../x.txt", row=7)
    assert exc.value.problems == [Problem("../x.txt", 7, "unsafe path '../x.txt': '..' is not allowed; "
                                                         "the file must be inside the corpus folder")]


def test_resolve_file_rejects_symlinked_file_even_inside(tmp_path):
    (tmp_path / "real.txt").write_text("x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    with pytest.raises(CorpusError) as exc:
        resolve_file(tmp_path, "link.txt", row=2)
    assert exc.value.problems == [Problem("link.txt", 2, "unsafe path: the file is a symbolic link; "
                                                         "briefkit reads only real files inside the corpus folder")]


def test_resolve_file_rejects_symlink_leaving_corpus(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("x")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "texts").symlink_to(outside, target_is_directory=True)
    with pytest.raises(CorpusError, match="the file is a symbolic link"):
        resolve_file(corpus, "secret.txt")
    with pytest.raises(CorpusError) as exc:
        resolve_file(corpus, "texts/secret.txt", row=3)
    assert exc.value.problems == [Problem("texts/secret.txt", 3,
                                          "unsafe path: folder 'texts' is a symbolic link; "
                                          "briefkit reads only real files inside the corpus folder")]


def test_corpus_folder_itself_may_be_a_symlink(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "a.txt").write_text("x")
    (tmp_path / "corpus").symlink_to(real, target_is_directory=True)
    assert resolve_file(tmp_path / "corpus", "a.txt") == real.resolve() / "a.txt"


_CELL = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n"), max_size=20)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_CELL.filter(lambda s: s.strip()), _CELL), min_size=1, max_size=5))
def test_csv_cells_roundtrip(tmp_path_factory, rows):
    import csv
    import io

    root = tmp_path_factory.mktemp("m")
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(["doc_id", "file", "title", "notes"])
    for i, (title, notes) in enumerate(rows):
        writer.writerow([f"d{i}", f"f{i}.txt", title, notes])
    (root / "manifest.csv").write_text(buf.getvalue(), encoding="utf-8", newline="")
    df = read_manifest(root)
    assert df["title"].tolist() == [t.strip() for t, _ in rows]
    assert df["notes"].tolist() == [n.strip() for _, n in rows]
