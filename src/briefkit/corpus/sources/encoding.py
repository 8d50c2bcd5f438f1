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

from briefkit.corpus.sources.encoding_fallback import (CHAOS_TIE, LEGACY_ENCODINGS, MAX_CHAOS, bad_controls as _bad_controls,
                                                       fail as _fail, legacy_decode, refuse_mixed_utf8)

__all__ = ["DecodedText", "decode_bytes", "read_text", "MAX_CONTROL_SHARE",
           "MAX_NUL_SHARE", "MAX_CHAOS", "CHAOS_TIE", "LEGACY_ENCODINGS"]

#: More than this share of control bytes (C0 except tab/newlines/form feed, plus DEL) means binary.
MAX_CONTROL_SHARE = 0.05
#: More than this share of NUL bytes (and at least 8 of them) means binary; fewer are "stray"
#: NULs, kept in the text and reported.
MAX_NUL_SHARE = 0.10
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
_CONTROL_TABLE = bytes(sorted(_CONTROL_BYTES))


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


def _stated(data: bytes, encoding: str, source: str) -> DecodedText:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise _fail(source, f"unknown encoding {encoding!r} in the manifest column 'file_encoding' "
                            "(use a name such as utf-8, cp1252, latin-1, cp949, shift_jis)") from None
    if not getattr(info, "_is_text_encoding", True):  # zlib, base64, rot13 ...: not a text encoding
        raise _fail(source, f"{encoding!r} in the manifest column 'file_encoding' is not a text encoding "
                            "(use a name such as utf-8, cp1252, latin-1, cp949, shift_jis)")
    codec = info.name
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise _fail(source, f"is not valid {encoding} as the manifest states (byte 0x{data[exc.start]:02X} "
                            f"on line {line})") from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs such as 'undefined' or 'idna'
        raise _fail(source, f"cannot be decoded as {encoding}, as the manifest states ({exc}); use a "
                            "text encoding such as utf-8, cp1252, latin-1, cp949, shift_jis") from None
    if not text:
        raise _fail(source, "empty file (0 bytes)")
    return DecodedText(text, codec, (f"decoded as {codec}, as the manifest states", *_nul_notes(text)))


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> DecodedText:
    """Decode the bytes of a text file exactly, or raise an error naming ``source``.

    Parameters
    ----------
    data : bytes
        The whole file.
    source : str
        Name used in error messages (usually the path relative to the corpus folder).
    encoding : str, optional
        The encoding the manifest states (column ``file_encoding``): the bytes are decoded
        strictly with it and nothing is guessed.

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
    >>> from briefkit.corpus.sources.encoding import decode_bytes
    >>> d = decode_bytes("“Hi”\\r\\n".encode("utf-8-sig"), source="a.txt")
    >>> d.text, d.encoding
    ('“Hi”\\r\\n', 'utf-8-sig')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"data must be bytes, not {type(data).__name__} (source {source!r})")
    data = bytes(data)
    if not data:
        raise _fail(source, "empty file (0 bytes)")
    if encoding:
        return _stated(data, encoding, source)

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
        refuse_mixed_utf8(data, exc.start, source)
        text, codec, notes = legacy_decode(data, source)
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
    >>> from briefkit.corpus.sources.encoding import read_text
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
