"""Files the tests make: PDFs written byte by byte, PDFs joined from the samples' pages."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def text_pdf(pages: list[list[str]], margin_stamp: str | None = None, stamp_upright: bool = False,
             layer_says: Callable[[str], str] | None = None) -> bytes:
    """A PDF with one page per entry, each line of text in Helvetica (WinAnsi: å, ä, ö, §), a
    line written "**so**" in Helvetica-Bold.
    ``margin_stamp`` is written up the left margin of every page, as e-signature services stamp
    a signed document: turned 90 degrees, or with ``stamp_upright`` one upright letter under
    the other, at the pitch of the text lines.
    ``layer_says`` gives, for each character the page shows, the one its text layer holds: a
    font whose character map lies, as some PDF producers write them (the page reads well, its
    text does not)."""
    to_unicode = b" /ToUnicode 5 0 R" if layer_says else b""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding%s >>" % to_unicode,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding%s >>" % to_unicode,
    ]
    if layer_says:
        cmap = _lying_cmap(layer_says)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(cmap), cmap))
    kids = []
    for lines in pages:
        ops = ["BT /F1 11 Tf 14 TL 72 770 Td"]
        for line in lines:
            bold = len(line) > 4 and line.startswith("**") and line.endswith("**")
            text = _pdf_string(line.strip("*") if bold else line)
            ops.append(f"/F2 11 Tf {text} Tj T* /F1 11 Tf" if bold else f"{text} Tj T*")
        ops.append("ET")
        if margin_stamp and stamp_upright:
            ops += [f"BT /F1 9 Tf 30 {770 - 14 * k} Td {_pdf_string(c)} Tj ET" for k, c in enumerate(margin_stamp)]
        elif margin_stamp:
            ops.append(f"BT /F1 9 Tf 0 1 -1 0 30 400 Tm {_pdf_string(margin_stamp)} Tj ET")
        stream = "\n".join(ops).encode("cp1252")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _lying_cmap(layer_says: Callable[[str], str]) -> bytes:
    """A ToUnicode CMap that maps every WinAnsi code to what ``layer_says`` of its character."""
    entries = []
    for code in range(32, 256):
        try:
            shown = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            continue
        entries.append(b"<%02X> <%s>" % (code, layer_says(shown).encode("utf-16-be").hex().upper().encode()))
    blocks = [entries[i:i + 100] for i in range(0, len(entries), 100)]
    body = b"\n".join(b"%d beginbfchar\n%s\nendbfchar" % (len(b), b"\n".join(b)) for b in blocks)
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Lying def /CMapType 2 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            + body + b"\nendcmap CMapName currentdict /CMap defineresource pop end end")


def joined_pdf(sources: list[Path], page_count: int, target: Path) -> Path:
    """A PDF of ``page_count`` pages taken in turn from the sources (a bound year of minutes)."""
    joined = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(s)) for s in sources]
    try:
        for source in itertools.cycle(opened):
            room = page_count - len(joined)
            if room <= 0:
                break
            joined.import_pages(source, list(range(min(room, len(source)))))
        joined.save(str(target))
    finally:
        joined.close()
        for source in opened:
            source.close()
    return target
