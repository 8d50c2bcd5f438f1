"""Tests for the briefkit command line (briefkit.cli.main)."""

from __future__ import annotations

import pytest

from briefkit.cli import add_command, build_parser, main


def make_corpus(root, *, broken: bool = False):
    root.mkdir(parents=True, exist_ok=True)
    (root / "a.txt").write_bytes(b"First document.\r\n")
    (root / "b.txt").write_bytes(b"" if broken else "Second “document”.".encode("utf-8"))
    rows = ["a,a.txt,A", "b,b.txt,B"] + (["c,c.txt,C", "c,a.txt,"] if broken else [])
    (root / "manifest.csv").write_text("doc_id,file,title\n" + "\n".join(rows) + "\n")
    return root


def test_validate_clean_exit_0(tmp_path, capsys):
    root = make_corpus(tmp_path / "corpus")
    assert main(["validate", str(root)]) == 0
    out, err = capsys.readouterr()
    assert out == f"OK: 2 documents in {root}\n"
    assert err == ""


def test_validate_problems_exit_1(tmp_path, capsys):
    root = make_corpus(tmp_path / "corpus", broken=True)
    assert main(["validate", str(root)]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "manifest.csv: row 5: empty title",
        "manifest.csv: row 5: duplicate doc_id 'c' (also in row 4)",
        "b.txt: row 3: empty file (0 bytes)",
        "c.txt: row 4: file not found",
        "a.txt: row 5: the same file as row 2; each document needs its own file",
        f"5 problems in 4 files (corpus: {root})",
    ]


def test_validate_prints_encoding_notes(tmp_path, capsys):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "a.txt").write_bytes("Le “président” a déclaré.".encode("cp1252"))
    (root / "manifest.csv").write_text("doc_id,file,title\na,a.txt,A\n")
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "a.txt: row 2: note: not UTF-8; read as Windows-1252 (cp1252), which also covers Latin-1 "
        "(ISO-8859-1); save the file as UTF-8 to be sure",
        f"OK: 1 document in {root}; 1 not in UTF-8 (see notes above)",
    ]


def test_validate_relative_path_is_from_working_directory(tmp_path, capsys, monkeypatch):
    make_corpus(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "corpus"]) == 0
    assert capsys.readouterr().out == f"OK: 2 documents in {(tmp_path / 'corpus').resolve()}\n"


def test_validate_default_corpus_from_environment(tmp_path, capsys, monkeypatch):
    root = make_corpus(tmp_path / "corpus")
    monkeypatch.setenv("BRIEFKIT_CORPUS", str(root))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == f"OK: 2 documents in {root}\n"


def test_validate_missing_folder(tmp_path, capsys):
    missing = tmp_path / "nope"
    assert main(["validate", str(missing)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"manifest.csv: corpus folder {str(missing)!r} does not exist",
        f"1 problem in 1 file (corpus: {missing})",
    ]


def test_no_command_is_usage_error(capsys):
    assert main([]) == 2
    assert "required: COMMAND" in capsys.readouterr().err


def test_unknown_command_is_usage_error(capsys):
    assert main(["frobnicate"]) == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_add_command_rejects_duplicate_name():
    with pytest.raises(ValueError, match="name='validate': a subcommand with this name already exists"):
        add_command("validate", "again", lambda p: None, lambda a: 0)
    assert "validate" in build_parser().format_help()

