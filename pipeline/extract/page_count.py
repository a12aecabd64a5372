"""A file's page count, cheaply and before extraction, to size its time limit.

PDF: pypdfium2 (shipped with pdfplumber) reads the page tree only. DOCX: the page count Word and
LibreOffice write to docProps/app.xml; without one, an estimate from the size of the document
text's XML. A file that cannot be counted counts as one page: extraction then says what is wrong.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

DOCX_XML_BYTES_PER_PAGE = 40_000  # generous: a page of text is rarely more than 20 kB of WordprocessingML
MAX_APP_XML = 1 << 20
MAX_DOCX_ESTIMATE = 300  # the XML's declared size can lie (a zip bomb): no estimate worth hours of time limit


def count_pages(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return _pdf_pages(path)
        if suffix == ".docx":
            return _docx_pages(path)
    except Exception:  # any reader's complaint about a broken file: extraction reports it properly
        return 1
    return 1


def _pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return max(1, len(document))
    finally:
        document.close()


def _docx_pages(path: Path) -> int:
    declared = estimated = 1
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        if "docProps/app.xml" in names and archive.getinfo("docProps/app.xml").file_size <= MAX_APP_XML:
            found = re.search(rb"<(?:\w+:)?Pages>(\d+)<", archive.read("docProps/app.xml"))
            declared = int(found.group(1)) if found else 1
        if "word/document.xml" in names:
            # the declared size, not read: a zip bomb is the extractor's (memory-limited) problem
            declared_xml = archive.getinfo("word/document.xml").file_size
            estimated = min(MAX_DOCX_ESTIMATE, declared_xml // DOCX_XML_BYTES_PER_PAGE)
    # a generator's template may leave <Pages>1</Pages> in app.xml whatever the length
    return max(1, declared, estimated)
