"""What an uploaded file is, decided by its content, never its name.

``filetype`` reads the magic bytes; a ZIP is then opened (after its declared sizes are checked,
so a zip bomb is refused before anything is decompressed) to tell Word, Excel and OpenDocument
apart by the parts inside, and to refuse files that carry macros."""

import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

import filetype

from cspr.core.errors import DomainError

MAX_UPLOAD_SIZE = 20 * 1024 * 1024  # 20 MB
# A Word or Excel file is a ZIP: refuse one that would expand beyond these before opening it.
MAX_UNCOMPRESSED_SIZE = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100  # for any part over 1 MB once expanded
MAX_ZIP_ENTRIES = 5000
_RATIO_APPLIES_FROM = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extension: str
    short: str  # for "Download (Word, 36 KB)"


PDF = FileType("pdf", "PDF", "application/pdf", "pdf", "PDF")
DOCX = FileType(
    "docx",
    "Word document (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
    "Word",
)
XLSX = FileType(
    "xlsx",
    "Excel workbook (.xlsx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
    "Excel",
)
ODT = FileType(
    "odt",
    "OpenDocument text (.odt)",
    "application/vnd.oasis.opendocument.text",
    "odt",
    "OpenDocument",
)
PNG = FileType("png", "PNG image", "image/png", "png", "PNG image")
JPEG = FileType("jpeg", "JPEG image", "image/jpeg", "jpg", "JPEG image")

ALL_TYPES = (PDF, DOCX, XLSX, ODT, PNG, JPEG)
BY_CONTENT_TYPE = {t.content_type: t for t in ALL_TYPES}

# Names people give files, by what the name claims; a claim that contradicts the content is
# refused, so nobody downloads a PDF called "report.docx".
CLAIMED_BY_EXTENSION = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "docm": "a Word document",
    "doc": "a Word document",
    "dotx": "a Word document",
    "xlsx": "an Excel workbook",
    "xlsm": "an Excel workbook",
    "xls": "an Excel workbook",
    "odt": "an OpenDocument text",
    "png": "a PNG image",
    "jpg": "a JPEG image",
    "jpeg": "a JPEG image",
    "txt": "a text file",
    "rtf": "a rich text file",
}
EXTENSIONS_OF = {
    PDF: {"pdf"},
    DOCX: {"docx"},
    XLSX: {"xlsx"},
    ODT: {"odt"},
    PNG: {"png"},
    JPEG: {"jpg", "jpeg"},
}
_ZIP_TYPES = {
    "application/zip",
    DOCX.content_type,
    XLSX.content_type,
    ODT.content_type,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
_MACRO_PARTS = ("vbaproject.bin", "vbadata.xml")
MACRO_MESSAGE = (
    "The selected file contains macros, which CSPR does not accept. Save it as a Word "
    "Document (.docx) or Excel Workbook (.xlsx) without macros and try again."
)


@dataclass(frozen=True)
class CheckedFile:
    type: FileType
    size: int
    sha256: str


def accepted(types: tuple[FileType, ...]) -> str:
    labels = [t.label for t in types]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} or {labels[-1]}"


def check_upload(upload: Any, *, allowed: tuple[FileType, ...]) -> CheckedFile:
    """Size, type by content, no zip bomb, no macros, and a name that does not contradict the
    content. Raises DomainError (on the ``file`` field) with a message for the person."""
    size = int(upload.size or 0)
    if size == 0:
        raise DomainError("The selected file is empty.", field="file")
    if size > MAX_UPLOAD_SIZE:
        raise DomainError(
            f"The selected file must be smaller than {MAX_UPLOAD_SIZE // (1024 * 1024)} MB.",
            field="file",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = _detect(head, upload)
    if detected is None or detected not in allowed:
        raise DomainError(
            f"The selected file must be a {accepted(allowed)}. CSPR looks at what is inside "
            "the file, not at its name.",
            field="file",
        )
    _check_name(getattr(upload, "name", "") or "", detected)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(type=detected, size=size, sha256=digest.hexdigest())


def _detect(head: bytes, upload: IO[bytes]) -> FileType | None:
    guess = filetype.guess(head)
    mime = guess.mime if guess is not None else None
    if mime in _ZIP_TYPES:
        return _zip_type(upload)
    if mime in {PDF.content_type, PNG.content_type, JPEG.content_type}:
        return BY_CONTENT_TYPE[mime]
    return None


_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    KeyError,
    EOFError,
    ValueError,
    NotImplementedError,
    OSError,
    zlib.error,
)


def _zip_type(upload: IO[bytes]) -> FileType | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names, content_types = _checked_archive(archive)
            if content_types is not None:
                if "word/document.xml" in names and "wordprocessingml.document.main" in (
                    content_types
                ):
                    return DOCX
                if "xl/workbook.xml" in names and "spreadsheetml.sheet.main" in content_types:
                    return XLSX
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODT if mimetype == ODT.content_type else None
    except _UNREADABLE:
        return None
    finally:
        upload.seek(0)
    return None


def _checked_archive(archive: zipfile.ZipFile) -> tuple[set[str], str | None]:
    """Refuse a zip bomb (from the declared sizes) and macros (VBA parts, a macro-enabled
    content type, OpenDocument Basic or scripts); the part names and the Office content types
    (``None`` if it has none) for telling what it is."""
    infos = archive.infolist()
    check_zip_sizes(infos)
    names = {info.filename for info in infos}
    lowered = {name.lower() for name in names}
    if any(name.rsplit("/", 1)[-1] in _MACRO_PARTS for name in lowered):
        raise DomainError(MACRO_MESSAGE, field="file")
    if any(name.startswith(("basic/", "scripts/")) for name in lowered):
        raise DomainError(MACRO_MESSAGE, field="file")
    if "[Content_Types].xml" not in names:
        return names, None
    content_types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    if "macroenabled" in content_types.lower():
        raise DomainError(MACRO_MESSAGE, field="file")
    return names, content_types


def check_office_archive(content: bytes) -> None:
    """For code that opens a Word or Excel file itself (openpyxl, python-docx): refuse a zip
    bomb or macros before anything is decompressed. A file that is not a readable ZIP passes
    here, for the reader to refuse in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _checked_archive(archive)
    except _UNREADABLE:
        return


def check_zip_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb from the sizes the archive declares (Python's zipfile never expands
    a part beyond its declared size, so these bound what opening it can cost)."""
    message = (
        "The selected file expands to far more than its size, which is how harmful files "
        "behave. Save it again from Word or Excel and try again."
    )
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DomainError(message, field="file")
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_SIZE:
        raise DomainError(message, field="file")
    for info in infos:
        if info.file_size > _RATIO_APPLIES_FROM and (
            info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
        ):
            raise DomainError(message, field="file")


def _check_name(name: str, detected: FileType) -> None:
    extension = PurePosixPath(name.replace("\\", "/")).suffix.lower().lstrip(".")
    claim = CLAIMED_BY_EXTENSION.get(extension)
    if claim is not None and extension not in EXTENSIONS_OF[detected]:
        raise DomainError(
            f"The selected file is a {detected.label} but its name ends .{extension}, as if it "
            f"were {claim}. Rename it or choose the right file.",
            field="file",
        )


def download_name(original: str, detected: FileType) -> str:
    """A safe name for downloading: the original's stem in plain ASCII letters, digits and a
    few marks, with the extension of what the file really is."""
    stem = PurePosixPath(original.replace("\\", "/")).name
    if "." in stem:
        stem = stem.rsplit(".", 1)[0]
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9 ._()-]+", " ", stem)
    stem = re.sub(r"\s+", " ", stem).strip(" .-")[:100].strip(" .-")
    return f"{stem or 'document'}.{detected.extension}"
