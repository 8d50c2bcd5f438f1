"""Turn the bytes of an untrusted text file into a ``str``, exactly, or fail loudly.

Decisions (what a user of a corpus should know)
------------------------------------------------
* The decoded text is exactly what the bytes say: line endings (CRLF, lone CR)
  are **not** converted and nothing is normalised, so character offsets into it
  are stable. A byte-order mark is removed (and recorded in ``notes``).
* ``DecodedText.encoding`` is always a Python codec name with
  ``data.decode(encoding) == text`` (e.g. ``"utf-8-sig"`` for UTF-8 with a BOM,
  ``"utf-16"`` for UTF-16 with a BOM).
* Order of checks:

  1. empty file -> error;
  2. byte-order mark (UTF-32, UTF-8, UTF-16) -> decode strictly with it;
  3. known binary signatures (PDF, PNG, ZIP/DOCX, JPEG, old Office, ...) ->
     error; a signature made of printable letters (``ID3``, ``GIF89a``) counts
     only if control bytes follow it within the first 64 bytes;
  4. UTF-16 without a BOM, recognised by NUL bytes in every other position;
  5. control bytes other than NUL above :data:`MAX_CONTROL_SHARE`, or NUL bytes
     above :data:`MAX_NUL_SHARE` (and at least 8) -> binary, error;
  6. strict UTF-8;
  7. a file that is mostly UTF-8 but has bytes that are not (at least as many
     well-formed UTF-8 characters as stray bytes, or any UTF-8 typographic
     punctuation such as ``’``) mixes encodings -> error naming the first bad
     byte and its line;
  8. legacy encodings (below); if none is confident -> error.

* Legacy encodings. Windows-1252 is tried first and accepted only when the
  result reads like Western text (every byte defined, no control characters,
  accented letters mostly next to ASCII letters, no symbol such as ``¿ ³ ±``
  wedged between letters). Latin-1 (ISO-8859-1) files are read as Windows-1252:
  the two agree on every byte except 0x80-0x9F, which are invisible control
  characters in Latin-1 and punctuation (``“ ” – €``) in Windows-1252.
  Next Korean CP949 (a superset of EUC-KR), accepted only when at least half
  of the non-ASCII characters are Hangul syllables and 90% are Hangul or
  punctuation. Otherwise charset-normalizer's candidates are used, and only
  when *confident*: the candidate re-encodes to the same bytes, contains no
  control characters, has a mess ratio (chaos) of at most :data:`MAX_CHAOS`,
  every candidate scoring within :data:`CHAOS_TIE` of the best decodes to
  the *same* text, and the encoding is one of :data:`LEGACY_ENCODINGS` (code
  pages that documents are really saved in: no EBCDIC, no DOS code pages). If candidates disagree (e.g. a few bytes that are valid
  GB18030, CP932 and CP949 alike) the file is rejected rather than decoded
  into mojibake.
* Stray NUL bytes (``\\x00``) in an otherwise-text file are kept in the text
  and reported in ``notes``; the file is still decoded. (``briefkit.corpus.validate``
  reports them as a problem; loading proceeds.)
* Residual risks: Central-European text saved as Windows-1250 can also be valid
  Windows-1252 and read plausibly as Western text; a text that itself begins
  with U+FEFF (ZERO WIDTH NO-BREAK SPACE) loses it as a BOM. Save files as
  UTF-8 to be sure.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefkit.errors import Problem, UnreadableTextError

__all__ = ["DecodedText", "decode_bytes", "read_text", "MAX_CONTROL_SHARE",
           "MAX_NUL_SHARE", "MAX_CHAOS", "CHAOS_TIE", "LEGACY_ENCODINGS"]

#: More than this share of control bytes (C0 except tab/newlines/form feed, plus DEL) means binary.
MAX_CONTROL_SHARE = 0.05
#: More than this share of NUL bytes (and at least 8 of them) means binary; fewer are "stray"
#: NULs, kept in the text and reported.
MAX_NUL_SHARE = 0.10
#: Highest charset-normalizer mess ratio accepted for a legacy-encoding guess.
MAX_CHAOS = 0.2
#: Candidates whose mess ratio is within this of the best one count as equally likely.
CHAOS_TIE = 0.01

_BOMS = (  # longest first: the UTF-32-LE BOM starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32 byte-order mark"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32 byte-order mark"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 byte-order mark"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16 byte-order mark"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16 byte-order mark"),
)

_SIGNATURES = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"PK\x03\x04", "ZIP archive (also .docx, .xlsx, .pptx, .odt, .epub)"),
    (b"PK\x05\x06", "ZIP archive (empty)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office 97-2003 document (.doc, .xls, .ppt)"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", None),  # checked further below: only with a block-size digit
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "Zstandard archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", None),  # DOS/Windows executable: only trusted together with control bytes
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg audio/video"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"\x80\x04\x95", "Python pickle"),
)

_ALLOWED_C0 = frozenset(b"\t\n\r\x0b\x0c")
_CONTROL_BYTES = frozenset(range(0x20)) - _ALLOWED_C0 | {0x7F}
_UNICODE_FAMILY = ("utf_16", "utf_32", "utf_7", "utf_8")
_CONTROL_TABLE = bytes(sorted(_CONTROL_BYTES))
_ASCII = bytes(range(0x80))
_BAD_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# One well-formed UTF-8 multi-byte character (RFC 3629).
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                        rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                        rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                        rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# UTF-8 typographic punctuation (’ “ ” – — …): read as cp1252 it is the classic "â€™" mojibake.
_UTF8_PUNCT = re.compile(rb"\xe2\x80[\x80-\xbf]")
#: Legacy encodings charset-normalizer may choose (others, e.g. EBCDIC or DOS code pages, are
#: refused: on real documents they are almost always a wrong guess).
LEGACY_ENCODINGS = (
    "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic", "cp866",
    "cp1253", "iso8859_7", "cp1254", "iso8859_9", "cp1255", "iso8859_8", "cp1256", "iso8859_6",
    "cp1257", "iso8859_13", "cp1258", "cp874", "tis_620", "iso8859_15", "mac_roman",
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", "gb18030", "gbk", "gb2312", "big5", "big5hkscs", "cp950",
    "cp949", "euc_kr", "iso2022_kr",
)
_LEGACY_OK = frozenset(codecs.lookup(e).name for e in LEGACY_ENCODINGS)
# Non-letter characters that cannot sit between two letters in real Western text
# (the usual signature of another code page read as Windows-1252). "·" is Catalan.
_WEDGE_SYMBOLS = frozenset("¡¢£¤¥¦§¨©«¬\xad®¯°±²³´¶¸¹»¼½¾¿×÷")


@dataclass(frozen=True)
class DecodedText:
    """The text of a file and how it was decoded.

    Attributes
    ----------
    text : str
        The decoded text, byte-order mark removed, line endings untouched.
    encoding : str
        Python codec name such that ``data.decode(encoding) == text``.
    notes : tuple of str
        Things worth knowing (BOM removed, legacy encoding guessed, NUL bytes kept).
    """

    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def _fail(source: str, problem: str) -> UnreadableTextError:
    return UnreadableTextError([Problem(str(source), None, problem)])


def _signature(data: bytes) -> str | None:
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            if magic == b"BZh":
                if len(data) > 4 and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
                    return "bzip2 archive"
                continue
            if magic == b"MZ":
                if _control_share(data[:512]) > MAX_CONTROL_SHARE:
                    return "Windows executable"
                continue
            if magic.isascii() and magic.decode("ascii").isprintable() and magic != b"%PDF-" \
                    and not any(b in _CONTROL_BYTES for b in data[:64]):
                continue  # a printable signature alone could be the first word of a text
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def _control_share(data: bytes) -> float:
    if not data:
        return 0.0
    return (len(data) - len(data.translate(None, _CONTROL_TABLE))) / len(data)


def _bad_controls(text: str) -> bool:
    """True if ``text`` has C0 controls other than tab/newlines/form feed/NUL, DEL or C1 controls."""
    return _BAD_CONTROL.search(text) is not None


def _nul_notes(text: str) -> list[str]:
    n = text.count("\x00")
    if not n:
        return []
    first = text.index("\x00")
    return [f"contains {n} NUL byte{'s' if n > 1 else ''} (\\x00), kept in the text; "
            f"first at character {first}"]


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 when the NUL pattern says so (ASCII-heavy text)."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    half = len(data) // 2
    for codec, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.4 * half and other.count(0) <= 0.05 * half:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if not _bad_controls(text) and "\x00" not in text:
                return text, codec
    return None


def _western_plausible(text: str) -> bool:
    """Does ``text`` (decoded as Windows-1252) read like Western-European text?"""
    if _bad_controls(text):
        return False
    letters = touching = 0
    n = len(text)
    for m in _NON_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch in _WEDGE_SYMBOLS and prev.isalpha() and nxt.isalpha():
            return False
        if ch.isalpha():
            letters += 1
            if (prev.isascii() and prev.isalpha()) or (nxt.isascii() and nxt.isalpha()):
                touching += 1
    return letters == 0 or touching >= 0.5 * letters


def _korean_plausible(text: str) -> bool:
    """Does ``text`` (decoded as CP949) read like Korean: mostly Hangul syllables?"""
    if _bad_controls(text):
        return False
    non_ascii = _NON_ASCII.findall(text)
    if not non_ascii:
        return False
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in non_ascii)
    korean_ish = hangul + sum(
        "\u3130" <= ch <= "\u318f"      # Hangul compatibility jamo
        or "\u3000" <= ch <= "\u303f"   # CJK punctuation
        or "\u2000" <= ch <= "\u206f"   # general punctuation (quotes, dashes)
        or "\uff00" <= ch <= "\uffef"   # full-width forms
        or ch in "·\u00a0"
        for ch in non_ascii)
    return hangul >= 0.5 * len(non_ascii) and korean_ish >= 0.9 * len(non_ascii)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return text if text.encode(codec) == data else None


def _refuse_mixed_utf8(data: bytes, first_bad: int, source: str) -> None:
    """Raise if ``data`` is mostly UTF-8 with some bytes that are not (a file mixing encodings)."""
    valid = covered = 0
    for m in _UTF8_CHAR.finditer(data):
        valid += 1
        covered += len(m.group())
    invalid = len(data.translate(None, _ASCII)) - covered  # non-ASCII bytes outside UTF-8 characters
    if valid >= invalid or _UTF8_PUNCT.search(data):
        line = data[:first_bad].count(b"\n") + 1
        raise _fail(source, f"mixes encodings: {valid} UTF-8 character{'s' if valid != 1 else ''} but "
                            f"{invalid} byte{'s that are' if invalid != 1 else ' that is'} not UTF-8 (first: "
                            f"0x{data[first_bad]:02X} on line {line}); re-save the file as UTF-8")


def _legacy(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Decode non-UTF-8 bytes: Windows-1252, then CP949, each only if plausible; else a confident
    charset-normalizer guess."""
    western = _strict(data, "cp1252")
    if western is not None and _western_plausible(western):
        return western, "cp1252", [
            "not UTF-8; read as Windows-1252 (cp1252), which also covers Latin-1 "
            "(ISO-8859-1); save the file as UTF-8 to be sure"]
    korean = _strict(data, "cp949")
    if korean is not None and _korean_plausible(korean):
        return korean, "cp949", [
            "not UTF-8; read as Korean CP949 (a superset of EUC-KR); save the file as UTF-8 to be sure"]

    import charset_normalizer  # imported lazily: it is slow to import

    candidates = []
    for match in charset_normalizer.from_bytes(data):
        enc = match.encoding
        if enc.startswith(_UNICODE_FAMILY):
            continue  # UTF-16/32 without a BOM were handled before; UTF-8 failed strictly
        text = str(match)
        try:
            if text.encode(enc) != data:
                continue
        except (UnicodeEncodeError, LookupError):
            continue
        if _bad_controls(text) or match.chaos > MAX_CHAOS:
            continue
        candidates.append((match.chaos, enc, text, match.language))
    if not candidates:
        raise _fail(source, "cannot decode the text: not UTF-8, and no known encoding gives "
                            "readable text; save the file as UTF-8")
    candidates.sort(key=lambda c: (c[0], c[1]))
    best_chaos = candidates[0][0]
    tied = [c for c in candidates if c[0] <= best_chaos + CHAOS_TIE]
    if len({c[2] for c in tied}) > 1:
        names = sorted({c[1] for c in tied})
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise _fail(source, f"cannot tell the text encoding: not UTF-8, and it reads differently "
                            f"as {shown}; save the file as UTF-8")
    _, enc, text, language = candidates[0]
    if codecs.lookup(enc).name not in _LEGACY_OK:
        raise _fail(source, f"cannot decode the text: not UTF-8, and the only readable guess ({enc}) "
                            "is an encoding rarely used for documents; save the file as UTF-8")
    lang = f", language {language}" if language and language != "Unknown" else ""
    return text, enc, [f"not UTF-8; decoded as {enc} (charset-normalizer{lang}); "
                       "save the file as UTF-8 to be sure"]


def decode_bytes(data: bytes, *, source: str) -> DecodedText:
    """Decode the bytes of a text file exactly, or raise an error naming ``source``.

    Parameters
    ----------
    data : bytes
        The whole file.
    source : str
        Name used in error messages (usually the path relative to the corpus folder).

    Returns
    -------
    DecodedText
        ``text`` with line endings untouched, the codec name, and notes.

    Raises
    ------
    UnreadableTextError
        (a :class:`briefkit.errors.CorpusError`) for an empty or binary file, or
        one whose encoding cannot be determined with confidence.

    Examples
    --------
    >>> from briefkit.corpus.encoding import decode_bytes
    >>> d = decode_bytes("“Hi”\\r\\n".encode("utf-8-sig"), source="a.txt")
    >>> d.text, d.encoding
    ('“Hi”\\r\\n', 'utf-8-sig')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__} (source {source!r})")
    data = bytes(data)
    if not data:
        raise _fail(source, "empty file (0 bytes)")

    for bom, codec, what in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise _fail(source, f"starts with a {what} but is not valid {codec.upper()} "
                                    f"(byte {exc.start})") from None
            if not text:
                raise _fail(source, f"empty file (only a {what})")
            return DecodedText(text, codec, (f"removed {what}", *_nul_notes(text)))

    kind = _signature(data)
    if kind:
        raise _fail(source, f"binary file ({kind}), not plain text; convert it to a UTF-8 .txt file")

    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        text, codec = utf16
        return DecodedText(text, codec, (f"no byte-order mark; read as {codec.upper()}",))

    share = _control_share(data)
    nul_share = data.count(0) / len(data)
    if share - nul_share > MAX_CONTROL_SHARE or (nul_share > MAX_NUL_SHARE and data.count(0) >= 8):
        raise _fail(source, f"binary file ({share:.0%} control bytes), not plain text")

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_mixed_utf8(data, exc.start, source)
        text, codec, notes = _legacy(data, source)
    else:
        codec, notes = "utf-8", []
    return DecodedText(text, codec, (*notes, *_nul_notes(text)))


def read_text(path: str | os.PathLike) -> DecodedText:
    """Read a file and decode it with :func:`decode_bytes` (errors name the path).

    Raises
    ------
    UnreadableTextError
        If the file is missing, not a regular file, unreadable, empty, binary or undecodable.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.corpus.encoding import read_text
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes("caf\\xe9".encode("cp1252"))
    >>> read_text(p).text
    'café'
    """
    p = Path(path)
    try:
        if not p.is_file():
            what = "not found" if not p.exists() else "not a regular file"
            raise _fail(str(path), what)
        data = p.read_bytes()
    except PermissionError:
        raise _fail(str(path), "cannot read the file: permission denied") from None
    except OSError as exc:
        raise _fail(str(path), f"cannot read the file: {exc.strerror or exc}") from None
    return decode_bytes(data, source=str(path))
