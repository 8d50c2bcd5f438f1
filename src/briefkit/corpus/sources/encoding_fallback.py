"""Non-UTF-8 text: Windows-1252, Korean CP949 and confident charset-normalizer guesses.

Part of :mod:`briefkit.corpus.sources.encoding` (see its docstring for the decisions); also refuses a
file that mixes UTF-8 with another encoding.
"""

from __future__ import annotations

import codecs
import re

from briefkit.errors import Problem, UnreadableTextError

__all__ = ["MAX_CHAOS", "CHAOS_TIE", "LEGACY_ENCODINGS", "legacy_decode", "refuse_mixed_utf8",
           "bad_controls", "fail"]

#: Highest charset-normalizer mess ratio accepted for a legacy-encoding guess.
MAX_CHAOS = 0.2
#: Candidates whose mess ratio is within this of the best one count as equally likely.
CHAOS_TIE = 0.01

_UNICODE_FAMILY = ("utf_16", "utf_32", "utf_7", "utf_8")
_ASCII = bytes(range(0x80))
_BAD_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# One well-formed UTF-8 multi-byte character (RFC 3629).
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]"
                        rb"|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
                        rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
                        rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
# UTF-8 typographic punctuation (’ “ ” – — …): read as cp1252 it is the classic "â€™" mojibake.
# UTF-8 for Latin-1 letters and symbols (é = C3 A9 reads "Ã©", nbsp = C2 A0 reads "Â ") and for
# other BMP characters (three bytes: "â€™"): the signatures of UTF-8 text inside a Windows-1252
# file. A Latin capital followed by a symbol ("ß“" = DF 93) also forms a UTF-8 pair, but occurs
# in real Western text, so only these lead bytes count.
_MOJIBAKE = re.compile(rb"[\xc2\xc3][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
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


def fail(source: str, problem: str) -> UnreadableTextError:
    return UnreadableTextError([Problem(str(source), None, problem)])


def bad_controls(text: str) -> bool:
    """True if ``text`` has C0 controls other than tab/newlines/form feed/NUL, DEL or C1 controls."""
    return _BAD_CONTROL.search(text) is not None


def _western_plausible(text: str) -> bool:
    """Does ``text`` (decoded as Windows-1252) read like Western-European text?"""
    if bad_controls(text):
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
    if bad_controls(text):
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


def refuse_mixed_utf8(data: bytes, first_bad: int, source: str) -> None:
    """Raise if ``data`` is mostly UTF-8 with some bytes that are not (a file mixing encodings)."""
    valid = covered = 0
    for m in _UTF8_CHAR.finditer(data):
        valid += 1
        covered += len(m.group())
    invalid = len(data.translate(None, _ASCII)) - covered  # non-ASCII bytes outside UTF-8 characters
    if valid >= invalid or _UTF8_PUNCT.search(data):
        line = data[:first_bad].count(b"\n") + 1
        raise fail(source, f"mixes encodings: {valid} UTF-8 character{'s' if valid != 1 else ''} but "
                            f"{invalid} byte{'s that are' if invalid != 1 else ' that is'} not UTF-8 (first: "
                            f"0x{data[first_bad]:02X} on line {line}); re-save the file as UTF-8")


def legacy_decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """Decode non-UTF-8 bytes: Windows-1252, then CP949, each only if plausible; else a confident
    charset-normalizer guess."""
    western = _strict(data, "cp1252")
    if western is not None and _western_plausible(western):
        m = _MOJIBAKE.search(data)
        if m is not None:  # "José" saved as UTF-8 inside a Windows-1252 file reads "JosÃ©"
            seq = data[m.start():m.end()]
            line = data[:m.start()].count(b"\n") + 1
            raise fail(source, f"doubtful encoding: not UTF-8, and read as Windows-1252 it holds UTF-8 "
                               f"sequences ({seq.decode('cp1252')!r} on line {line} is UTF-8 for "
                               f"{seq.decode('utf-8')!r}): the file mixes encodings; re-save it as UTF-8, "
                               "or name its encoding in the manifest column 'file_encoding'")
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
        if bad_controls(text) or match.chaos > MAX_CHAOS:
            continue
        candidates.append((match.chaos, enc, text, match.language))
    if not candidates:
        raise fail(source, "cannot decode the text: not UTF-8, and no known encoding gives "
                            "readable text; save the file as UTF-8")
    candidates.sort(key=lambda c: (c[0], c[1]))
    best_chaos = candidates[0][0]
    tied = [c for c in candidates if c[0] <= best_chaos + CHAOS_TIE]
    if len({c[2] for c in tied}) > 1:
        names = sorted({c[1] for c in tied})
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise fail(source, f"cannot tell the text encoding: not UTF-8, and it reads differently "
                            f"as {shown}; save the file as UTF-8")
    _, enc, text, language = candidates[0]
    if codecs.lookup(enc).name not in _LEGACY_OK:
        raise fail(source, f"cannot decode the text: not UTF-8, and the only readable guess ({enc}) "
                            "is an encoding rarely used for documents; save the file as UTF-8")
    lang = f", language {language}" if language and language != "Unknown" else ""
    return text, enc, [f"not UTF-8; decoded as {enc} (charset-normalizer{lang}); "
                       "save the file as UTF-8 to be sure"]
