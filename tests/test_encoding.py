"""Tests for briefkit.corpus.sources.encoding: exact decoding of untrusted text files."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefkit.corpus.sources.encoding import DecodedText, decode_bytes, read_text
from briefkit.errors import BriefkitError, CorpusError, Problem, UnreadableTextError

KOREAN = ("한미 관계는 트럼프 2기 행정부 출범 이후 새로운 국면에 접어들었다. "
          "관세 협상과 방위비 분담금 문제가 핵심 쟁점이다.")
SMART = "The president said “we will not pay” and the deal — worth €350bn — was signed. It’s done."


def decode(data: bytes) -> DecodedText:
    d = decode_bytes(data, source="doc.txt")
    assert data.decode(d.encoding) == d.text  # the documented invariant
    return d


def problem_of(excinfo) -> str:
    err = excinfo.value
    assert isinstance(err, UnreadableTextError)
    assert isinstance(err, CorpusError) and isinstance(err, BriefkitError) and isinstance(err, ValueError)
    assert len(err.problems) == 1
    assert err.problems[0].file == "doc.txt" and err.problems[0].row is None
    assert str(err) == f"doc.txt: {err.problems[0].problem}"
    return err.problems[0].problem


# --- Unicode -----------------------------------------------------------------------------------

def test_utf8_plain():
    d = decode("Seoul–Washington “alliance” 한국어\n".encode("utf-8"))
    assert d == DecodedText("Seoul–Washington “alliance” 한국어\n", "utf-8", ())


def test_utf8_bom_removed_and_recorded():
    d = decode(codecs.BOM_UTF8 + "Hello\n".encode("utf-8"))
    assert d.text == "Hello\n"
    assert d.encoding == "utf-8-sig"
    assert d.notes == ("removed UTF-8 byte-order mark",)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    d = decode(bom + "한미 “alliance”\r\n".encode(codec))
    assert d.text == "한미 “alliance”\r\n"
    assert d.encoding == "utf-16"
    assert d.notes == ("removed UTF-16 byte-order mark",)


def test_utf32_with_bom_not_mistaken_for_utf16():
    d = decode(codecs.BOM_UTF32_LE + "abc".encode("utf-32-le"))
    assert (d.text, d.encoding) == ("abc", "utf-32")


def test_utf16_without_bom():
    d = decode("plain English text\r\n".encode("utf-16-le"))
    assert (d.text, d.encoding) == ("plain English text\r\n", "utf-16-le")
    assert d.notes == ("no byte-order mark; read as UTF-16-LE",)


def test_invalid_after_bom_is_an_error():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(codecs.BOM_UTF8 + b"ok \xff", source="doc.txt")
    assert problem_of(exc) == "starts with a UTF-8 byte-order mark but is not valid UTF-8-SIG (byte 3)"


# --- line endings are never touched ------------------------------------------------------------

def test_crlf_and_lone_cr_kept_exactly():
    raw = "Line one\r\nLine two\rLine three\nend"
    d = decode(raw.encode("utf-8"))
    assert d.text == raw
    assert len(d.text) == len(raw)


def test_crlf_kept_in_legacy_encoding():
    d = decode("café\r\nthé\r".encode("cp1252"))
    assert d.text == "café\r\nthé\r"


# --- legacy encodings --------------------------------------------------------------------------

def test_cp949_korean_exact():
    d = decode(KOREAN.encode("cp949"))
    assert d.text == KOREAN
    assert d.encoding == "cp949"
    assert d.notes == ("not UTF-8; read as Korean CP949 (a superset of EUC-KR); "
                       "save the file as UTF-8 to be sure",)


def test_euc_kr_korean_exact():
    text = "한미 관계는 트럼프 2기 행정부 출범 이후 새로운 국면에 접어들었다.\r\n"
    d = decode(text.encode("euc-kr"))
    assert (d.text, d.encoding) == (text, "cp949")


def test_cp949_short_word_and_mixed_english():
    assert decode("한국어".encode("cp949")).text == "한국어"
    mixed = "Samsung은 서울에 본사를 둔 기업이다."
    assert decode(mixed.encode("cp949")).text == mixed


def test_cp1252_smart_quotes_and_euro_exact():
    d = decode(SMART.encode("cp1252"))
    assert d.text == SMART
    assert d.encoding == "cp1252"
    assert d.notes == ("not UTF-8; read as Windows-1252 (cp1252), which also covers Latin-1 "
                       "(ISO-8859-1); save the file as UTF-8 to be sure",)


@pytest.mark.parametrize("text", ["café", "Ünïcödé fällt", "Olá, são", "€€€",
                                  "Le président a déclaré que la coopération était très importante."])
def test_western_short_texts(text):
    assert decode(text.encode("cp1252")).text == text


def test_latin1_read_as_cp1252():
    # Latin-1 and cp1252 agree on 0xA0-0xFF: a Latin-1 file decodes to its intended text.
    text = "Le président a déclaré: «coopération économique»."
    d = decode(text.encode("latin-1"))
    assert (d.text, d.encoding) == (text, "cp1252")


def test_latin1_cp1252_ambiguity_prefers_punctuation_over_c1_controls():
    # 0x93/0x94 are C1 control characters in Latin-1 but curly quotes in cp1252.
    d = decode(b"\x93quoted\x94 text")
    assert d.text == "“quoted” text"
    assert "\x93" not in d.text


def test_byte_undefined_in_cp1252_is_not_guessed():
    # 0x81 is undefined in cp1252 and a control character in Latin-1: no mojibake guess.
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(b"caf\x81 au lait", source="doc.txt")
    msg = problem_of(exc)
    assert msg.startswith("cannot tell the text encoding: not UTF-8, and it reads differently as ")
    assert msg.endswith("; save the file as UTF-8")


def test_ambiguous_cjk_bytes_are_rejected():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes("中文文本".encode("gb18030"), source="doc.txt")
    msg = problem_of(exc)
    # The exact candidate list depends on the charset-normalizer version; the right one is among them.
    assert msg.startswith("cannot tell the text encoding: not UTF-8, and it reads differently as ")
    assert "gb18030" in msg and "中" not in msg


@pytest.mark.parametrize("text,codec", [
    ("Привет, как дела? Это тестовый текст на русском языке о политике.", "cp1251"),
    ("Ελληνικό κείμενο για την πολιτική.", "cp1253"),
    ("Zażółć gęślą jaźń, polski tekst o polityce zagranicznej rządu.", "cp1250"),
    ("日本語のテキストです。アメリカと韓国の関係について。", "shift_jis"),
])
def test_other_legacy_encodings_via_charset_normalizer(text, codec):
    d = decode(text.encode(codec))
    assert d.text == text
    assert d.notes[0].startswith(f"not UTF-8; decoded as {d.encoding} (charset-normalizer")


def test_mostly_utf8_with_stray_cp1252_bytes_is_refused():
    data = "Seoul’s “alliance” — 한미 동맹\nline two ".encode("utf-8") + b"\x93bad\x94\n"
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(data, source="doc.txt")
    assert problem_of(exc) == ("mixes encodings: 8 UTF-8 characters but 2 bytes that are not UTF-8 "
                               "(first: 0x93 on line 2); re-save the file as UTF-8")


def test_utf8_punctuation_next_to_cp1252_letter_is_refused():
    # Read as cp1252 this would become "donâ€™t café": classic mojibake.
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes("don’t ".encode("utf-8") + "café".encode("cp1252"), source="doc.txt")
    assert problem_of(exc) == ("mixes encodings: 1 UTF-8 character but 1 byte that is not UTF-8 "
                               "(first: 0xE9 on line 1); re-save the file as UTF-8")


def test_cp1252_with_accidental_utf8_pair_still_decodes():
    # "ß“" is DF 93 in cp1252, which is also a well-formed UTF-8 pair; the other letters are not.
    text = "Der Fuß“ und Über “x” für Ärger"
    assert decode(text.encode("cp1252")).text == text


# --- NUL bytes, binary, empty ------------------------------------------------------------------

def test_stray_nul_bytes_are_kept_and_noted():
    raw = "Hello\x00 world, this is an ordinary sentence.\r\nAnd\x00 another.\n"
    d = decode(raw.encode("utf-8"))
    assert d.text == raw
    assert d.encoding == "utf-8"
    assert d.notes == ("contains 2 NUL bytes (\\x00), kept in the text; first at character 5",)


def test_few_nuls_in_a_tiny_file_are_stray():
    d = decode(b"ok\x00text")
    assert d.text == "ok\x00text"
    assert d.notes == ("contains 1 NUL byte (\\x00), kept in the text; first at character 2",)


def test_mostly_nul_is_binary():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(b"abc" + b"\x00" * 97, source="doc.txt")
    assert problem_of(exc) == "binary file (97% control bytes), not plain text"


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive (also .docx, .xlsx, .pptx, .odt, .epub)"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "Microsoft Office 97-2003 document (.doc, .xls, .ppt)"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00", "GIF image"),
])
def test_binary_signatures(data, kind):
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(data, source="doc.txt")
    assert problem_of(exc) == f"binary file ({kind}), not plain text; convert it to a UTF-8 .txt file"


def test_printable_signature_alone_is_text():
    assert decode(b"ID3 tags are metadata.").text == "ID3 tags are metadata."
    assert decode(b"GIF89a is an image format.").text == "GIF89a is an image format."


def test_control_bytes_mean_binary():
    data = bytes(range(256)) * 4
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(data, source="doc.txt")
    assert problem_of(exc) == "binary file (11% control bytes), not plain text"


def test_empty_file():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(b"", source="doc.txt")
    assert problem_of(exc) == "empty file (0 bytes)"


def test_bom_only_file_is_empty():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(codecs.BOM_UTF8, source="doc.txt")
    assert problem_of(exc) == "empty file (only a UTF-8 byte-order mark)"


def test_undecodable_names_the_file():
    with pytest.raises(UnreadableTextError) as exc:
        decode_bytes(b"\x81\x8d\x8f\x90\x9d" * 3, source="texts/odd.txt")
    assert exc.value.problems[0].file == "texts/odd.txt"
    assert str(exc.value).startswith("texts/odd.txt: cannot ")


def test_data_must_be_bytes():
    with pytest.raises(TypeError, match="data must be bytes, not str"):
        decode_bytes("text", source="doc.txt")


# --- read_text ---------------------------------------------------------------------------------

def test_read_text(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes(SMART.encode("cp1252"))
    assert read_text(p).text == SMART


def test_read_text_missing_names_path(tmp_path):
    p = tmp_path / "missing.txt"
    with pytest.raises(UnreadableTextError) as exc:
        read_text(p)
    assert exc.value.problems == [Problem(str(p), None, "not found")]


def test_read_text_folder(tmp_path):
    with pytest.raises(UnreadableTextError) as exc:
        read_text(tmp_path)
    assert exc.value.problems == [Problem(str(tmp_path), None, "not a regular file")]


# --- invariants --------------------------------------------------------------------------------

_TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"),
                min_size=1, max_size=200).filter(
    lambda s: not s.startswith(("\ufeff", "%PDF-")))


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_utf8_roundtrip_property(text):
    d = decode_bytes(text.encode("utf-8"), source="doc.txt")
    assert d.text == text
    assert d.encoding == "utf-8"


@settings(max_examples=100, deadline=None)
@given(_TEXT)
def test_bom_roundtrip_property(text):
    d = decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), source="doc.txt")
    assert (d.text, d.encoding) == (text, "utf-8-sig")
    d = decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), source="doc.txt")
    assert (d.text, d.encoding) == (text, "utf-16")


@settings(max_examples=150, deadline=None)
@given(st.binary(min_size=0, max_size=300))
def test_any_bytes_decode_exactly_or_raise_cleanly(data):
    try:
        d = decode_bytes(data, source="doc.txt")
    except UnreadableTextError as err:
        assert [p.file for p in err.problems] == ["doc.txt"]
        return
    assert data.decode(d.encoding) == d.text
