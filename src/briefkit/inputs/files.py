"""Open a curated file of a corpus folder safely: a regular file inside the folder, as UTF-8 text.

Every file the analyst curates beside the documents (``events.csv``, ``stance_codes.csv``,
``targets.toml``, ``vocabulary.toml``, ``cleaning.toml`` ...) is opened here, by
:func:`curated_path` and :func:`read_curated_text`, so every reader refuses the same things
with the same words:

* a name with ``..``, an absolute path, a backslash or a control character
  (:func:`path_problem`, the rule the manifest's ``file`` column follows too);
* a symbolic link that leads outside the corpus folder (a link to another file *inside* the
  folder is followed);
* anything but a regular file: a folder, a FIFO (named pipe), a device or a socket. The type is
  read with :func:`os.stat` *before* the file is opened, and the file is opened with
  ``O_NONBLOCK`` and checked again with :func:`os.fstat`, so a FIFO never blocks a reader (a
  FIFO swapped in between the two checks is still refused without waiting for a writer);
* a file larger than :func:`max_curated_bytes` (``$BRIEFKIT_MAX_CURATED_MB``, default
  :data:`MAX_CURATED_MB`);
* text that is not strict UTF-8 (a byte-order mark is allowed and dropped) or holds NUL bytes.

Each refusal is a :class:`~briefkit.errors.CorpusError` whose problem names the file as the
analyst knows it (relative to the corpus folder).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from briefkit.errors import CorpusError, Problem

__all__ = ["MAX_CURATED_MB", "max_curated_bytes", "megabytes_limit", "path_problem", "curated_path", "read_curated_text",
           "read_text_file", "decode_utf8"]

#: Largest curated file read, in MB (``$BRIEFKIT_MAX_CURATED_MB`` overrides).
MAX_CURATED_MB = 20.0


def megabytes_limit(variable: str, default_mb: float) -> int:
    """A size limit in bytes: ``$<variable>`` megabytes when set, else ``default_mb``.

    Examples
    --------
    >>> from briefkit.inputs.files import megabytes_limit
    >>> megabytes_limit("BRIEFKIT_NO_SUCH_LIMIT", 1.5)
    1500000
    """
    env = os.environ.get(variable)
    try:
        mb = float(env) if env else default_mb
    except ValueError:
        raise ValueError(f"{variable} must be a number of megabytes, got {env!r}") from None
    return int(mb * 1_000_000)


def max_curated_bytes() -> int:
    """The size limit for one curated file, in bytes (``$BRIEFKIT_MAX_CURATED_MB`` or :data:`MAX_CURATED_MB`).

    Examples
    --------
    >>> from briefkit.inputs.files import max_curated_bytes
    >>> max_curated_bytes()
    20000000
    """
    return megabytes_limit("BRIEFKIT_MAX_CURATED_MB", MAX_CURATED_MB)


def path_problem(rel: str) -> str | None:
    """Why ``rel`` is not an acceptable path relative to a corpus folder, or None (no disk access).

    Examples
    --------
    >>> from briefkit.inputs.files import path_problem
    >>> path_problem("../secret.txt")
    "unsafe path '../secret.txt': '..' is not allowed; the file must be inside the corpus folder"
    """
    if not rel:
        return "empty file path"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in rel):
        return "unsafe path: the file name contains control characters"
    if "\\" in rel:
        return f"unsafe path {rel!r}: use '/' to separate folders, not '\\'"
    if rel.startswith("/") or re.match(r"[A-Za-z]:", rel):
        return f"unsafe path {rel!r}: absolute paths are not allowed; give the path relative to the corpus folder"
    if ".." in PurePosixPath(rel).parts:
        return f"unsafe path {rel!r}: '..' is not allowed; the file must be inside the corpus folder"
    return None


def _fail(label: str, problem: str) -> CorpusError:
    return CorpusError([Problem(label, None, problem)])


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        what = "a FIFO (named pipe)"
    elif stat.S_ISSOCK(mode):
        what = "a socket"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        what = "a device"
    else:
        what = "not a regular file"
    return f"is {what}, not a regular file; briefkit reads only regular files"


def curated_path(corpus: str | os.PathLike, name: str, *, label: str | None = None) -> Path | None:
    """The checked path of the curated file ``name`` in the folder ``corpus``, or None when absent.

    Parameters
    ----------
    corpus : path
        The corpus folder (it may itself be reached through a symbolic link).
    name : str
        The file, relative to the folder (``"events.csv"``, ``"notes/events.csv"``).
    label : str, optional
        The name used in problems (default ``name``).

    Raises
    ------
    CorpusError
        For an unsafe name, a symbolic link leading outside the folder (or to nothing), a
        folder, FIFO, device or socket, or a file over the size limit.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.files import curated_path
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> curated_path(root, "events.csv") is None
    True
    >>> _ = (root / "events.csv").write_text("event_id\\n")
    >>> curated_path(root, "events.csv").name
    'events.csv'
    """
    label = label or name
    bad = path_problem(name)
    if bad:
        raise _fail(label, bad)
    root = Path(os.path.realpath(corpus))
    full = root.joinpath(*[p for p in PurePosixPath(name).parts if p != "."])
    if not os.path.lexists(full):
        return None
    real = Path(os.path.realpath(full))
    if not real.is_relative_to(root):
        raise _fail(label, "is a symbolic link to a file outside the corpus folder; copy the file "
                           "into the corpus folder instead")
    try:
        st = os.stat(real)  # no open() before the type is known: a FIFO would block it
    except FileNotFoundError:
        raise _fail(label, "is a symbolic link to a file that does not exist") from None
    except OSError as exc:
        raise _fail(label, f"cannot be read: {exc.strerror or exc}") from None
    kind = _kind(st.st_mode)
    if kind:
        raise _fail(label, kind)
    limit = max_curated_bytes()
    if st.st_size > limit:
        raise _fail(label, f"is {st.st_size / 1e6:.3g} MB, larger than the limit of {limit / 1e6:.3g} MB "
                           "for a curated file (raise it with $BRIEFKIT_MAX_CURATED_MB)")
    return real


def decode_utf8(data: bytes, *, label: str) -> str:
    """Strict UTF-8 (a byte-order mark dropped); a problem names the line of a bad byte.

    Examples
    --------
    >>> from briefkit.inputs.files import decode_utf8
    >>> decode_utf8(b"\\xef\\xbb\\xbfa,b\\n", label="t.csv")
    'a,b\\n'
    >>> decode_utf8(b"a\\n\\xff", label="t.csv")
    Traceback (most recent call last):
    ...
    briefkit.errors.CorpusError: t.csv: row 2: is not UTF-8 text (byte 0xFF); save it as UTF-8
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise CorpusError([Problem(label, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02X}); "
                                                "save it as UTF-8")]) from None
    if "\x00" in text:
        line = text[:text.index("\x00")].count("\n") + 1
        raise CorpusError([Problem(label, line, "contains NUL bytes; it is not a plain text file")])
    return text


def _read_bytes(path: Path, label: str) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _fail(label, f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        kind = _kind(os.fstat(fd).st_mode)  # swapped for a FIFO after curated_path looked?
        if kind:
            raise _fail(label, kind)
        limit = max_curated_bytes()
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise _fail(label, f"is larger than the limit of {limit / 1e6:.3g} MB for a curated file")
    return data


def read_curated_text(corpus: str | os.PathLike, name: str, *, label: str | None = None) -> str | None:
    """The text of the curated file ``name`` in ``corpus`` (None when there is no such file).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.files import read_curated_text
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "notes.csv").write_bytes(b"\\xef\\xbb\\xbfa,b\\n")
    >>> read_curated_text(root, "notes.csv"), read_curated_text(root, "other.csv")
    ('a,b\\n', None)
    """
    label = label or name
    path = curated_path(corpus, name, label=label)
    if path is None:
        return None
    return decode_utf8(_read_bytes(path, label), label=label)


def read_text_file(path: str | os.PathLike, *, corpus: str | os.PathLike | None = None,
                   label: str | None = None) -> str | None:
    """The text of a curated file given by its path (None when it does not exist).

    ``corpus`` is the folder the file must stay inside (default: the folder holding it), so a
    symbolic link out of that folder is refused as :func:`curated_path` refuses it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from briefkit.inputs.files import read_text_file
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "labels.csv"
    >>> _ = p.write_text("topic_key,label\\n")
    >>> read_text_file(p)
    'topic_key,label\\n'
    """
    path = Path(path).expanduser()
    root = Path(os.path.realpath(corpus)) if corpus is not None else Path(os.path.realpath(path.parent))
    full = Path(os.path.realpath(path.parent)) / path.name
    if not full.is_relative_to(root):
        raise _fail(label or path.name, f"is outside the corpus folder {str(root)!r}; curated files are "
                                        "read only from inside the corpus folder")
    return read_curated_text(root, full.relative_to(root).as_posix(), label=label or path.name)
