"""OCR for PDF pages without a usable text layer: the page rendered by pypdfium2 (it ships
with pdfplumber), read by Tesseract in Swedish with word boxes (the ``tesseract`` command,
TSV output), and built into the same Lines and Segments the text reader makes.

``PROTOKOLL_OCR=off`` switches OCR off (as if Tesseract were not installed); ``auto``, the
default, OCRs a page when its text layer is empty or garbled and Tesseract is there.
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import Image

from extractors.readers.errors import UnreadableDocument
from extractors.readers.pdf import make_line, without_margin_stamps
from extractors.readers.quality import (
    GARBLED,
    NO_TEXT_LAYER,
    SUBSTITUTED,
    UNTRUSTED_BELOW,
    Reading,
    ocr_reasons,
    page_readings,
    read_page,
)
from schemas.layout import Layout, Line, Table
from schemas.record import PageProvenance

OCR_ENV = "PROTOKOLL_OCR"
LANGUAGE = "swe"
DPI = 300
POINTS_PER_PIXEL = 72 / DPI
# A page Tesseract has not read in this time is skipped (a pathological image), not waited on.
PAGE_TIMEOUT_S = 180
# Lines Tesseract reads with less confidence than this are stamps, signatures and logo noise.
MIN_LINE_CONFIDENCE = 40.0
# Two Tesseract lines are one visual line (a label and its value in two columns) when their
# boxes overlap vertically by more than this share of the lower one.
SAME_ROW_OVERLAP = 0.5
# A page read with less confidence than this, or with fewer words, may lie on its side: its
# orientation is asked for (OSD) and trusted from this confidence on.
POOR_CONFIDENCE = 70.0
MIN_WORDS_UPRIGHT = 20
MIN_ORIENTATION_CONFIDENCE = 1.5
# A word box this many times taller than wide holds text set on its side.
VERTICAL_WORD_RATIO = 2.0
# A pixel darker than this is ink; a line whose strokes, per point of its size, are this many
# times as wide as the page's usual ones is set in bold.
INK_LEVEL = 128
BOLD_STROKE = 1.3

Word = dict[str, object]


@dataclass
class PageReading:
    """What reading one page by OCR gave."""

    lines: list[Line]
    confidence: float | None
    seconds: float


@dataclass
class OcrOutcome:
    """A PDF's layout with its unusable pages replaced by OCR (or dropped), page by page."""

    layout: Layout
    pages: list[PageProvenance] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def used_ocr(self) -> bool:
        return any(p.source == "ocr" for p in self.pages)


def ocr_unavailable() -> str | None:
    """Why OCR cannot run here, or None when it can."""
    if os.environ.get(OCR_ENV, "auto").strip().lower() in ("off", "0", "no", "false"):
        return f"OCR is switched off ({OCR_ENV}=off)"
    return _tesseract_missing()


@functools.lru_cache(maxsize=1)
def _tesseract_missing() -> str | None:
    if shutil.which("tesseract") is None:
        return "Tesseract is not installed"
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Tesseract does not run ({exc.__class__.__name__})"
    if LANGUAGE not in listed.stdout.split():
        return "Tesseract has no Swedish language data (tesseract-ocr-swe)"
    return None


def read_unusable_pages(path: Path, layout: Layout) -> OcrOutcome:
    """Replace the lines of pages with no or a garbled text layer by what OCR reads on them;
    without OCR those pages are skipped and listed. UnreadableDocument when no page is left."""
    by_page = _lines_by_page(layout)
    text_readings = page_readings(layout)
    reasons = ocr_reasons(text_readings)
    pages = [PageProvenance(page=n, source="text", word_share=_share(text_readings[n]))
             for n in range(1, layout.pages + 1) if reasons[n] is None]
    todo = {n: reason for n, reason in reasons.items() if reason is not None}
    for number in _blank_pages(path, [n for n, reason in todo.items() if reason == NO_TEXT_LAYER]):
        del todo[number]  # nothing on it for OCR to read
        pages.append(PageProvenance(page=number, source="text", note="blank page"))
    pages.sort(key=lambda p: p.page)
    if not todo:
        return OcrOutcome(layout, pages)
    unavailable = ocr_unavailable()
    if unavailable:
        return _skip_pages(layout, by_page, todo, pages, unavailable, text_readings)
    readings: dict[int, list[Line]] = {}
    seconds = 0.0
    warnings: list[str] = []
    for number, reading in _ocr_pages(path, sorted(todo)):
        if isinstance(reading, str):
            warnings.append(f"page {number}: OCR failed ({reading})")
            pages.append(PageProvenance(page=number, source="skipped", note=f"{todo[number]}; OCR failed"))
            continue
        seconds += reading.seconds
        readings[number] = reading.lines
        pages.append(PageProvenance(page=number, source="ocr", word_share=_share(read_page(reading.lines)),
                                    confidence=reading.confidence, note=todo[number]))
    replaced = _replace_pages(layout, by_page, set(todo), readings)
    pages.sort(key=lambda p: p.page)
    if not any(line.text.strip() for line in replaced.lines):
        raise UnreadableDocument("no text found in the document (not even by OCR)")
    return OcrOutcome(replaced, pages, round(seconds, 2), warnings)


def _skip_pages(layout: Layout, by_page: dict[int, list[Line]], todo: dict[int, str],
                pages: list[PageProvenance], unavailable: str, readings: dict[int, Reading]) -> OcrOutcome:
    if not pages:  # no page is readable without OCR
        if all(reason == GARBLED for reason in todo.values()):
            raise UnreadableDocument("the text layer is unreadable (garbled OCR; needs OCR)")
        if all(reason == SUBSTITUTED for reason in todo.values()):
            raise UnreadableDocument("the text layer is unreadable (its letters are substituted; needs OCR)")
        if all(reason != NO_TEXT_LAYER for reason in todo.values()):
            raise UnreadableDocument("the text layer is unreadable (garbled; needs OCR)")
        raise UnreadableDocument("no text layer (needs OCR)")
    skipped = sorted(todo)
    pages = sorted([*pages, *(PageProvenance(page=n, source="skipped", word_share=_share(readings[n]),
                                             note=f"{todo[n]}; needs OCR") for n in skipped)],
                   key=lambda p: p.page)
    warning = f"pages {', '.join(map(str, skipped))} skipped: no usable text layer and {unavailable[0].lower()}" \
              f"{unavailable[1:]} (needs OCR)"
    return OcrOutcome(_replace_pages(layout, by_page, set(skipped), {}), pages, 0.0, [warning])


def _share(reading: Reading) -> float | None:
    return reading.word_share if reading.tokens else None


def _lines_by_page(layout: Layout) -> dict[int, list[Line]]:
    by_page: dict[int, list[Line]] = {}
    for line in layout.lines:
        by_page.setdefault(line.page, []).append(line)
    return by_page


def _replace_pages(layout: Layout, by_page: dict[int, list[Line]], replaced: set[int],
                   readings: dict[int, list[Line]]) -> Layout:
    """The layout with the text-layer lines and tables of the replaced pages swapped for the
    OCR'd lines (none for a skipped page); table indexes renumbered to match."""
    kept_tables: list[Table] = []
    new_index: dict[int, int] = {}
    for index, table in enumerate(layout.tables):
        if table.page not in replaced:
            new_index[index] = len(kept_tables)
            kept_tables.append(table)
    lines: list[Line] = []
    for number in range(1, layout.pages + 1):
        if number in replaced:
            lines.extend(readings.get(number, []))
            continue
        for line in by_page.get(number, []):
            if line.table is not None:
                line = line.model_copy(update={"table": new_index.get(line.table)})
            lines.append(line)
    return layout.model_copy(update={"lines": lines, "tables": kept_tables,
                                     "has_text_layer": layout.has_text_layer or bool(readings)})


def _blank_pages(path: Path, numbers: list[int]) -> list[int]:
    """The pages among ``numbers`` with nothing on them: no text, image, drawing or annotation (a
    page left blank between sections). Rendering one and running Tesseract costs seconds for nothing."""
    if not numbers:
        return []
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return []  # OCR will say what is wrong with it
    try:
        return [n for n in numbers if _holds_nothing(document, n)]
    finally:
        document.close()


def _holds_nothing(document: pdfium.PdfDocument, number: int) -> bool:
    try:
        page = document[number - 1]
    except (pdfium.PdfiumError, IndexError):
        return False
    try:
        return pdfium_c.FPDFPage_CountObjects(page.raw) == 0 and pdfium_c.FPDFPage_GetAnnotCount(page.raw) == 0
    finally:
        page.close()


def _ocr_pages(path: Path, numbers: list[int]) -> Iterator[tuple[int, PageReading | str]]:
    """Each page's OCR reading, or the reason it failed; one page in memory at a time."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        for number in numbers:
            yield number, f"the page could not be rendered ({exc})"
        return
    try:
        for number in numbers:
            yield number, _ocr_page(document, number)
    finally:
        document.close()


def _ocr_page(document: pdfium.PdfDocument, number: int) -> PageReading | str:
    started = time.perf_counter()
    try:
        page = document[number - 1]
        try:
            image = page.render(scale=DPI / 72, grayscale=True).to_pil()
        finally:
            page.close()
    except (pdfium.PdfiumError, IndexError, ValueError) as exc:
        return f"the page could not be rendered ({exc.__class__.__name__})"
    try:
        lines, confidence = _read_upright(image, number)
    except (OSError, subprocess.SubprocessError, UnicodeDecodeError) as exc:
        return f"Tesseract: {exc.__class__.__name__}"
    finally:
        del image
    return PageReading(lines, confidence, time.perf_counter() - started)


def _read_upright(image: Image.Image, number: int) -> tuple[list[Line], float | None]:
    """The page's lines, read the right way up: a page that reads poorly is asked for its
    orientation (Tesseract's OSD) and, scanned on its side or upside down, turned and read again;
    the better reading is kept."""
    lines, confidence = lines_from_tsv(run_tesseract(_png(image)), number, image)
    if not _reads_poorly(lines, confidence):
        return lines, confidence
    turn = page_orientation(_png(image))
    if not turn:
        return lines, confidence
    upright = image.rotate(-turn, expand=True)
    turned, turned_confidence = lines_from_tsv(run_tesseract(_png(upright)), number, upright)
    if _reading_weight(turned, turned_confidence) > _reading_weight(lines, confidence):
        return turned, turned_confidence
    return lines, confidence


def _png(image: Image.Image) -> bytes:
    png = io.BytesIO()
    image.save(png, format="PNG")
    return png.getvalue()


def _reads_poorly(lines: list[Line], confidence: float | None) -> bool:
    """Few words read with confidence, or few of them words: a page on its side reads so."""
    reading = read_page(lines)
    return confidence is None or confidence < POOR_CONFIDENCE or reading.tokens < MIN_WORDS_UPRIGHT or \
        reading.trust < UNTRUSTED_BELOW


def _reading_weight(lines: list[Line], confidence: float | None) -> float:
    reading = read_page(lines)
    return reading.tokens * reading.trust * (confidence or 0.0)


_ROTATE = re.compile(r"^Rotate:\s*(\d+)\s*$", re.MULTILINE)
_ORIENTATION_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)\s*$", re.MULTILINE)


def page_orientation(image: bytes) -> int | None:
    """How many degrees clockwise a page image must turn to stand upright (90, 180, 270), by
    Tesseract's orientation and script detection; None when it is upright or OSD cannot tell."""
    done = _tesseract(image, ["--psm", "0", "-l", "osd"])
    if done.returncode != 0:
        return None  # too little text to tell
    text = done.stdout.decode("utf-8", "replace")
    rotate, confident = _ROTATE.search(text), _ORIENTATION_CONFIDENCE.search(text)
    if not rotate or not confident or float(confident.group(1)) < MIN_ORIENTATION_CONFIDENCE:
        return None
    degrees = int(rotate.group(1)) % 360
    return degrees or None


def run_tesseract(image: bytes) -> str:
    """Tesseract's TSV (one row per word, with its box and confidence) for one page image.
    Page segmentation 4 (one column of lines of varying size) reads a list's numbers with
    their lines; the default (3) takes a column of "1." "2." "3." for a block of its own."""
    done = _tesseract(image, ["-l", LANGUAGE, "--psm", "4", "tsv"])
    if done.returncode != 0:
        raise subprocess.SubprocessError(done.stderr.decode("utf-8", "replace").strip()[-200:])
    return done.stdout.decode("utf-8")


def _tesseract(image: bytes, arguments: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ}
    env.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per page: the machine is shared
    return subprocess.run(["tesseract", "stdin", "stdout", *arguments], input=image, capture_output=True,
                          timeout=PAGE_TIMEOUT_S, env=env, check=False)


def lines_from_tsv(tsv: str, page: int, image: Image.Image | None = None) -> tuple[list[Line], float | None]:
    """Tesseract's words as Lines in reading order (top to bottom, columns of one row as
    segments of one line), and the mean confidence of the words kept. With the page ``image``,
    lines printed in bold are marked bold."""
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    tess_lines: dict[tuple[str, str, str], list[Word]] = {}
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row["conf"])
            left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, TypeError, ValueError):
            continue
        if conf < 0:
            continue
        key = (row["block_num"], row["par_num"], row["line_num"])
        tess_lines.setdefault(key, []).append({
            "text": text, "conf": conf,
            "x0": left * POINTS_PER_PIXEL, "x1": (left + width) * POINTS_PER_PIXEL,
            "top": top * POINTS_PER_PIXEL, "bottom": (top + height) * POINTS_PER_PIXEL,
            "fontname": "", "upright": not _stands_on_end(text, width, height),
            "box": (left, top, width, height),
        })
    # Text up a margin (a signing stamp) is furniture, as in a text layer.
    kept_words = {id(w) for w in without_margin_stamps([w for ws in tess_lines.values() for w in ws])}
    tess_lines = {key: [w for w in words if id(w) in kept_words] for key, words in tess_lines.items()}
    kept = [words for words in tess_lines.values() if words and _is_text_line(words)]
    for words in kept:
        size = line_size(words)
        for word in words:
            word["size"] = size
    if image is not None:
        _mark_bold(kept, np.asarray(image.convert("L")) < INK_LEVEL)
    lines = [make_line(sorted(row, key=lambda w: float(w["x0"])), page, [])  # type: ignore[arg-type]
             for row in _visual_rows(kept)]
    confidences = [float(w["conf"]) for words in kept for w in words]  # type: ignore[arg-type]
    return lines, round(sum(confidences) / len(confidences), 1) if confidences else None


# Where a word's ink reaches, in ems of its font: capitals, ascenders and digits to ~0.70,
# lower-case letters without them to the x-height ~0.47, a capital's ring or dots ~0.88;
# descenders and brackets ~0.21 below the baseline. A word's box divided by its extent is its size.
_TALL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZbdfhklt0123456789åäöéüiïj!?/\\%&#@")
_HIGHER = frozenset("ÅÄÖÉÜ")
_BELOW = frozenset("gjpqy(),;[]{}|")
_TOP_TALL, _TOP_LOW, _TOP_HIGHER, _DESCENT = 0.70, 0.47, 0.88, 0.21


def word_em(text: str, height: float) -> float | None:
    """A word's font size estimated from the height of its box and the letters in it (a word
    without ascenders or descenders is short: "av" is half the height of "Val"); None for a word
    without letters or digits."""
    if not any(c.isalnum() for c in text):
        return None
    top = _TOP_HIGHER if any(c in _HIGHER for c in text) else _TOP_TALL if any(c in _TALL for c in text) \
        else _TOP_LOW
    bottom = _DESCENT if any(c in _BELOW for c in text) else 0.0
    return height / (top + bottom)


def line_size(words: list[Word]) -> float:
    """A line's font size in points, to the half point: the median of its words' estimates,
    so that a line of short words and a line of tall ones of one font come out alike."""
    ems = sorted(em for w in words
                 if (em := word_em(str(w["text"]), float(w["bottom"]) - float(w["top"]))) is not None)  # type: ignore[arg-type]
    if not ems:
        return round(2 * max(float(w["bottom"]) - float(w["top"]) for w in words)) / 2  # type: ignore[arg-type]
    return round(2 * ems[len(ems) // 2]) / 2


def _mark_bold(tess_lines: list[list[Word]], ink: np.ndarray) -> None:
    """Mark the words of lines printed in bold (a heading of body size, a numbered point's
    title) as a text layer names a bold font: their strokes, measured against their size, are
    well wider than those of the page's body text."""
    weights = {id(words): _stroke_weight(words, ink) for words in tess_lines}
    body = sorted(w for words in tess_lines if len(words) >= 3 and (w := weights[id(words)]) is not None)
    if len(body) < 3:
        return
    usual = body[len(body) // 2]
    for words in tess_lines:
        weight = weights[id(words)]
        letters = sum(c.isalpha() for w in words for c in str(w["text"]))
        if weight is not None and letters >= 5 and weight >= BOLD_STROKE * usual:
            for word in words:
                word["fontname"] = "OCR-Bold"


def _stroke_weight(words: list[Word], ink: np.ndarray) -> float | None:
    """The line's mean stroke width (inked pixels per horizontal run of ink), per point of its size."""
    inked = runs = 0
    for word in words:
        left, top, width, height = word["box"]  # type: ignore[misc]
        box = ink[top:top + height, left:left + width]
        if box.size == 0:
            continue
        inked += int(box.sum())
        runs += int(np.count_nonzero(box[:, 1:] & ~box[:, :-1]) + np.count_nonzero(box[:, 0]))
    size = float(words[0].get("size") or 0)  # type: ignore[arg-type]
    return inked / runs / size if runs and size else None


def _stands_on_end(text: str, width: int, height: int) -> bool:
    """A word of three letters or more in a box far taller than wide runs up or down the page."""
    return len(text) >= 3 and height > VERTICAL_WORD_RATIO * max(width, 1)


def _is_text_line(words: list[Word]) -> bool:
    """Not a stamp, a signature or a logo: read with confidence and holding a letter or digit."""
    confidence = sum(float(w["conf"]) for w in words) / len(words)  # type: ignore[arg-type]
    return confidence >= MIN_LINE_CONFIDENCE and any(c.isalnum() for w in words for c in str(w["text"]))


def _visual_rows(tess_lines: list[list[Word]]) -> list[list[Word]]:
    """Tesseract lines that lie side by side on the page (columns) joined into one row each,
    rows from top to bottom. Tesseract's own lines already follow a skewed scan's baseline."""
    def span(words: list[Word]) -> tuple[float, float]:
        return min(float(w["top"]) for w in words), max(float(w["bottom"]) for w in words)  # type: ignore[arg-type]

    rows: list[tuple[float, float, list[Word]]] = []
    for words in sorted(tess_lines, key=lambda ws: sum(span(ws)) / 2):
        top, bottom = span(words)
        if rows:
            row_top, row_bottom, row_words = rows[-1]
            overlap = min(bottom, row_bottom) - max(top, row_top)
            if overlap > SAME_ROW_OVERLAP * min(bottom - top, row_bottom - row_top):
                rows[-1] = (min(top, row_top), max(bottom, row_bottom), row_words + words)
                continue
        rows.append((top, bottom, list(words)))
    return [words for _, _, words in rows]
