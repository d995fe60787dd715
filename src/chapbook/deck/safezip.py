"""Reading an untrusted zip (a theme) with every size checked before and while reading.

A 2 MB file can hold a 2 GB entry, thousands of entries, or names that climb out
of the package. The archive's directory is checked first (entry count, declared
sizes, compression ratio, names); entries are then read in chunks against the
same caps, so a header that lies costs no more than one that tells the truth.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

from chapbook.errors import RenderError

MB = 2**20
MAX_ENTRIES = 2000
MAX_PART = 50 * MB
MAX_TOTAL = 200 * MB
MAX_RATIO = 100  # uncompressed : compressed, for parts larger than RATIO_FROM
RATIO_FROM = 1 * MB
MAX_DIRECTORY = MAX_ENTRIES * 512  # bytes of central directory: 2000 entries with long names
CHUNK = 64 * 1024

_END = struct.Struct("<4s4H2LH")  # end of central directory record
_DRIVE = re.compile(r"^[A-Za-z]:")


def read_zip(path: Path, what: str = "theme") -> dict[str, bytes]:
    """Every file entry of the archive (name -> bytes, in archive order), or a RenderError.

    `what` names the file in messages ("theme ... unpacks to 300 MB").
    """
    _check_directory_size(path, what)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise RenderError(f"{what} is not a PowerPoint file (not a zip archive)", path) from None
    except OSError as exc:
        raise RenderError(f"{what} cannot be read: {exc.strerror or exc}", path) from None
    with archive:
        entries = [info for info in archive.infolist() if not info.is_dir()]
        _check_entries(archive.infolist(), entries, path, what)
        return {info.filename: _read(archive, info, path, what) for info in entries}


def _check_directory_size(path: Path, what: str) -> None:
    """Refuse an archive whose directory alone would be too large to list.

    zipfile makes an object per directory record before anyone can count them,
    so the end record's count and directory size are read first.
    """
    try:
        with open(path, "rb") as file:
            size = file.seek(0, 2)
            file.seek(max(0, size - _END.size - 65535))
            tail = file.read()
    except OSError as exc:
        raise RenderError(f"{what} cannot be read: {exc.strerror or exc}", path) from None
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _END.size:
        raise RenderError(f"{what} is not a PowerPoint file (not a zip archive)", path)
    _sig, _disk, _start, _here, count, directory, _offset, _comment = _END.unpack_from(tail, at)
    if count == 0xFFFF or directory == 0xFFFFFFFF:
        raise RenderError(f"{what} is a ZIP64 archive (over 4 GB or 65,535 entries); "
                          "a PowerPoint theme never is", path)
    if count > MAX_ENTRIES:
        raise RenderError(f"{what} has {count} entries, more than {MAX_ENTRIES}", path)
    if directory > MAX_DIRECTORY:
        raise RenderError(f"{what} has a zip directory of {directory // 1024} KB, more than "
                          f"{MAX_DIRECTORY // 1024} KB", path)


def _check_entries(infos: list[zipfile.ZipInfo], files: list[zipfile.ZipInfo],
                   path: Path, what: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise RenderError(f"{what} has {len(infos)} entries, more than {MAX_ENTRIES}", path)
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if not safe_name(name):
            raise RenderError(f"{what} holds an entry with an unsafe name, {name!r} (an absolute "
                              "path, a backslash, a control character or a path that leaves the "
                              "package)", path)
        if name.lower() in seen:
            raise RenderError(f"{what} holds two entries named {name!r}", path)
        seen.add(name.lower())
    total = 0
    for info in files:
        name = info.filename
        if info.flag_bits & 0x1:
            raise RenderError(f"{what} part {name!r} is encrypted", path)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise RenderError(f"{what} part {name!r} uses compression method "
                              f"{info.compress_type}; Office files use deflate", path)
        if info.file_size > MAX_PART:
            raise RenderError(f"{what} part {name} unpacks to {_mb(info.file_size)}, more than "
                              f"{_mb(MAX_PART)} (a zip bomb?)", path)
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise RenderError(f"{what} part {name} is compressed {ratio}:1, more than "
                              f"{MAX_RATIO}:1 (a zip bomb?)", path)
        total += info.file_size
    if total > MAX_TOTAL:
        raise RenderError(f"{what} unpacks to {_mb(total)} in all, more than {_mb(MAX_TOTAL)}"
                          " (a zip bomb?)", path)


def safe_name(name: str) -> bool:
    """A relative, forward-slash, printable entry name whose every segment is a real name."""
    if not name.isprintable() or "\\" in name or name.startswith("/") or _DRIVE.match(name):
        return False
    segments = name.removesuffix("/").split("/")
    return all(segment not in ("", ".", "..") for segment in segments)


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, what: str) -> bytes:
    """The entry's bytes, read in chunks and stopped at its declared size."""
    limit = min(info.file_size, MAX_PART)
    chunks, size = [], 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise RenderError(f"{what} part {info.filename} unpacks to more than it "
                                      "declares (a zip bomb?)", path)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise RenderError(f"{what} part {info.filename} is damaged ({exc})", path) from None
    return b"".join(chunks)


def _mb(size: int) -> str:
    return f"{size // MB} MB"
