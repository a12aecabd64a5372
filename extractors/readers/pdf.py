"""PDF reader: pdfplumber words with positions and fonts, grouped into lines of column
segments, ruled tables through pdfplumber's table finder, 1-based pages."""

from __future__ import annotations

import functools
import itertools
import re
import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extractors.readers.errors import UnreadableDocument
from extractors.readers.rotation import is_turned, turned_words
from schemas.layout import Layout, Line, Segment, Table

Word = dict[str, Any]

# A gap wider than this many font sizes between two words starts a new column segment.
COLUMN_GAP_EM = 1.4
# Between two figures a narrower gap already parts columns: a thousands space is ~0.3 em.
FIGURE_GAP_EM = 0.75
# Words whose bottoms lie this close (in points, or a share of the font size) share a line.
LINE_TOLERANCE = 2.5


def read_pdf(path: Path) -> Layout:
    try:
        pdf = pdfplumber.open(path)
    except FileNotFoundError as exc:
        raise UnreadableDocument("the file disappeared or changed while it was read") from exc
    except Exception as exc:  # pdfminer raises many private types for broken files
        raise UnreadableDocument(open_refusal(path, exc)) from exc
    lines: list[Line] = []
    tables: list[Table] = []
    chars = 0
    warnings: list[str] = []
    with pdf:
        page_count = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            try:
                chars += len(page.chars)
                page_lines, page_tables = _read_page(page, number, len(tables))
            except UnreadableDocument:
                raise
            except Exception as exc:  # one broken page must not lose the others
                page_lines, page_tables = [], []
                warnings.append(f"page {number} could not be read ({exc.__class__.__name__})")
            finally:
                page.close()  # pdfplumber keeps every read page in memory otherwise
            lines.extend(page_lines)
            tables.extend(page_tables)
    lines = repair_ligatures(lines)
    return Layout(
        source=path.name,
        pages=page_count,
        lines=lines,
        tables=tables,
        has_text_layer=chars > 0,
        warnings=warnings,
    )


# A complete PDF ends with this marker; a copy cut short does not.
EOF_MARKER = b"%%EOF"
TAIL_BYTES = 2048


def open_refusal(path: Path, exc: Exception) -> str:
    """Why pdfplumber could not open the file: encrypted, truncated, or damaged."""
    cause = _pdfminer_cause(exc)
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError) or "encrypt" in type(cause).__name__.lower():
        return "the PDF is encrypted (needs a password)"
    if not _ends_with_eof_marker(path):
        return "not a readable PDF: it is truncated (the file ends before its end-of-file marker)"
    detail = str(cause).strip()
    return f"not a readable PDF ({type(cause).__name__}{': ' + detail if detail else ''})"


def _pdfminer_cause(exc: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception; the wrapped one says what is wrong."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
    return inner if isinstance(inner, BaseException) else exc


def _ends_with_eof_marker(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(0, 2)
        handle.seek(max(0, handle.tell() - TAIL_BYTES))
        return EOF_MARKER in handle.read()


# Some OpenOffice-to-Quartz PDFs map the ligatures tt, ft and ti to the glyphs of U, O and Q
# ("aU" for "att", "EOersom" for "Eftersom", "Qd" for "tid").
_BROKEN_LIGATURE = re.compile(r"(?<=[a-zåäöA-ZÅÄÖ])[UOQ](?=[a-zåäö]|\b)|\bQ(?=[a-zåäö])")
_LIGATURES = {"U": "tt", "O": "ft", "Q": "ti"}
_SUSPECT_WORD = re.compile(r"\b\w*[a-zåäö]\w*\b")
# A repaired word must be an ordinary Swedish word (Zipf frequency: 3 is once per million
# words) and much more common than the word as read.
KNOWN_WORD_ZIPF = 2.0
MORE_COMMON_BY = 1.0
# Once this many words are certainly repaired, the document has the broken mapping, and its
# compounds that no word list holds ("TväUstugorna") are repaired too.
CERTAIN_REPAIRS = 3
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,}[a-zåäö]{0,2}$")  # "REKOs", "SVMs": capitals, not a broken glyph


def repair_ligatures(lines: list[Line]) -> list[Line]:
    """Undo a broken ligature mapping where a Swedish word list makes the repair certain
    ("aU" is "att", "iOS" stays "iOS"), and in every word of a document shown to have it."""
    suspects = {m.group(0) for line in lines for s in line.segments if _BROKEN_LIGATURE.search(s.text)
                for m in _SUSPECT_WORD.finditer(s.text) if _is_suspect(m.group(0))}
    if len(suspects) < 2:
        return lines  # one odd word is no mapping; the word list (30 MB) is not loaded for it
    certain = {word for word in suspects if _known_repair(word)}
    repair = suspects if len(certain) >= CERTAIN_REPAIRS else certain
    if not repair:
        return lines

    def fix(match: re.Match[str]) -> str:
        return _mended(match.group(0)) if match.group(0) in repair else match.group(0)

    return [_mend_line(line, fix) for line in lines]


def _mend_line(line: Line, fix: Callable[[re.Match[str]], str]) -> Line:
    """The line with its words fixed; the same object when it has nothing to fix (a long file's
    lines are not all copied)."""
    if not any(_BROKEN_LIGATURE.search(s.text) for s in line.segments):
        return line
    return line.model_copy(update={"segments": [
        s.model_copy(update={"text": _SUSPECT_WORD.sub(fix, s.text)}) if _BROKEN_LIGATURE.search(s.text) else s
        for s in line.segments]})


def _mended(word: str) -> str:
    return _BROKEN_LIGATURE.sub(lambda m: _LIGATURES[m.group(0)], word)


def _is_suspect(word: str) -> bool:
    return bool(_BROKEN_LIGATURE.search(word)) and not word.isupper() and not _ACRONYM.match(word)


@functools.lru_cache(maxsize=4096)
def _known_repair(word: str) -> bool:
    from wordfreq import zipf_frequency  # loads its Swedish list only for a document that needs it

    known = zipf_frequency(_mended(word), "sv")
    return known >= KNOWN_WORD_ZIPF and known >= zipf_frequency(word, "sv") + MORE_COMMON_BY


def _read_page(page: Any, number: int, table_offset: int) -> tuple[list[Line], list[Table]]:
    turned = turned_words(page, x_tolerance=1.5)
    if turned:  # a landscape page printed turned: its turned text is read in its own frame
        page = page.filter(lambda obj: obj.get("object_type") != "char" or not is_turned(obj))
    words = page.extract_words(extra_attrs=["fontname", "size"], x_tolerance=1.5, keep_blank_chars=False)
    words = without_margin_stamps(words)
    found = []
    for table in [] if turned else page.find_tables():
        rows = [[_clean_cell(c) for c in row] for row in table.extract()]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:  # a ruled box is no table
            found.append((table, rows))
    tables = [Table(rows=rows, page=number) for _, rows in found]
    lines = []
    for line_words in _group_words(words):
        index, table = _table_of(line_words, [t for t, _ in found])
        boundaries = sorted({c[0] for row in table.rows for c in row.cells if c}) if table else []
        line = _make_line(line_words, number, boundaries)
        if index is not None:
            line = line.model_copy(update={"table": table_offset + index})
        lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    if turned:
        middle = float(page.height) / 2
        lines = ([ln for ln in lines if ln.top < middle] + [_make_line(w, number, []) for w in _group_words(turned)]
                 + [ln for ln in lines if ln.top >= middle])
    _attach_captions(lines, tables, table_offset)
    return lines, tables


# Letters set one under the other up a margin: this many at least, each at most this many of
# its own heights below the one before.
STACK_MIN_LETTERS = 4
STACK_PITCH = 3.0


def without_margin_stamps(words: list[Word]) -> list[Word]:
    """The page's words less the text that runs up or down a margin beside the text block: a
    signing service's stamp or a filing note, turned on its side or set letter under letter. Read
    as lines, it puts a stray letter before the lines it passes ("S 3. Val av kassör"). Turned
    text inside the text block (a table's column heads set on their side) stays."""
    body = [w for w in words if w.get("upright", True) and len(w["text"]) > 1]
    if not body:
        return words
    left, right = min(float(w["x0"]) for w in body), max(float(w["x1"]) for w in body)

    def in_margin(word: Word) -> bool:
        return float(word["x1"]) <= left + 1 or float(word["x0"]) >= right - 1

    stamp = {id(w) for w in words if not w.get("upright", True) and in_margin(w)}
    stamp |= _stacked_letters([w for w in words if w.get("upright", True) and len(w["text"]) == 1
                               and w["text"].isalpha() and in_margin(w)])
    return [w for w in words if id(w) not in stamp] if stamp else words


def _stacked_letters(letters: list[Word]) -> set[int]:
    """The single letters of a margin column that holds a run of letters one under the other,
    closely spaced (the letters across a word space of the stamp belong to it too)."""
    stacked: set[int] = set()
    by_column: dict[int, list[Word]] = {}
    for word in letters:
        by_column.setdefault(round(float(word["x0"]) / 3), []).append(word)
    for column in by_column.values():
        column.sort(key=lambda w: float(w["top"]))
        run, longest = 1, 1
        for above, word in itertools.pairwise(column):
            height = max(float(above["bottom"]) - float(above["top"]), 1.0)
            run = run + 1 if float(word["top"]) - float(above["top"]) <= STACK_PITCH * height else 1
            longest = max(longest, run)
        # A stamp spells words; a column of one mark ("X" ticked against names, "§") is no stamp.
        if longest >= STACK_MIN_LETTERS and len({w["text"].casefold() for w in column}) >= 3:
            stacked.update(id(w) for w in column)
    return stacked


def _clean_cell(cell: str | None) -> str | None:
    if cell is None:
        return None
    text = " ".join(cell.split())
    return text or None


def _table_of(words: list[Word], tables: list[Any]) -> tuple[int | None, Any]:
    """The table a line lies in (most of its words inside the table's box), if any."""
    for index, table in enumerate(tables):
        inside = sum(_inside(w, table.bbox) for w in words)
        if inside * 2 > len(words):
            return index, table
    return None, None


def _inside(word: Word, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return x0 <= cx <= x1 and top <= cy <= bottom


def _group_words(words: list[Word]) -> list[list[Word]]:
    """Words that share a baseline, left to right."""
    words = sorted(words, key=lambda w: (round(w["bottom"], 1), w["x0"]))
    rows: list[list[Word]] = []
    for word in words:
        tolerance = max(LINE_TOLERANCE, 0.25 * float(word.get("size") or 0))
        if rows and abs(rows[-1][-1]["bottom"] - word["bottom"]) <= tolerance:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def _make_line(words: list[Word], page: int, boundaries: list[float]) -> Line:
    size = statistics.median(float(w.get("size") or 10) for w in words)
    groups: list[list[Word]] = [[words[0]]]
    for prev, word in itertools.pairwise(words):
        crosses_cell = any(prev["x1"] <= b <= word["x0"] for b in boundaries)
        gap = word["x0"] - prev["x1"]
        if crosses_cell or gap > COLUMN_GAP_EM * size or (_is_figure_gap(prev, word) and gap > FIGURE_GAP_EM * size):
            groups.append([word])
        else:
            groups[-1].append(word)
    segments = [_segment(g) for g in groups]
    if boundaries:
        segments = [
            s.model_copy(update={"column": max(0, sum(1 for b in boundaries if b <= s.x0 + 1) - 1)})
            for s in segments
        ]
    return Line(
        segments=segments,
        page=page,
        top=min(w["top"] for w in words),
        bottom=max(w["bottom"] for w in words),
    )


# The OCR reader builds its lines from word boxes the same way.
make_line = _make_line


def _is_figure_gap(prev: Word, word: Word) -> bool:
    return prev["text"][-1:].isdigit() and (word["text"][:1].isdigit() or word["text"][:1] in "-−–(")


# Symbol and Wingdings fonts draw list bullets from Unicode's private use area.
PRIVATE_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf076": "•", "\uf0d8": "•", "\uf0fc": "✓",
                                 "\uf02d": "-", "\uf0a8": "•"})


def _segment(words: list[Word]) -> Segment:
    fonts = [str(w.get("fontname", "")) for w in words]
    lettered = [f for f, w in zip(fonts, words, strict=False) if any(c.isalpha() for c in w["text"])] or fonts
    bold = all(_is_bold(f) for f in lettered)
    return Segment(
        text=" ".join(w["text"] for w in words).translate(PRIVATE_BULLETS),
        x0=words[0]["x0"],
        x1=words[-1]["x1"],
        bold=bold,
        italic=all(_is_italic(f) for f in lettered),
        size=round(max(float(w.get("size") or 0) for w in words), 1) or None,
        bold_lead=0 if bold else bold_lead([(w["text"], _is_bold(f)) for w, f in zip(words, fonts, strict=True)]),
    )


def bold_lead(words: list[tuple[str, bool]]) -> int:
    """Where the bold run that opens a line's words ends, as an offset in the words joined by
    spaces (0 for none): "1." and other words without letters before it do not count."""
    offset = end = 0
    started = False
    for text, bold in words:
        lettered = any(c.isalpha() for c in text)
        if lettered and not bold:
            break
        if lettered:
            started = True
        offset += len(text)
        if started:
            end = offset
        offset += 1
    return end


def _is_bold(fontname: str) -> bool:
    name = fontname.lower()
    return any(k in name for k in ("bold", "black", "heavy", "semibold", ",b")) or name.endswith("-b")


def _is_italic(fontname: str) -> bool:
    name = fontname.lower()
    return "italic" in name or "oblique" in name


def _attach_captions(lines: list[Line], tables: list[Table], offset: int) -> None:
    """Give each table the line just above it, where a unit ("belopp i tkr") is often said."""
    for i, table in enumerate(tables):
        index = offset + i
        first = next((k for k, ln in enumerate(lines) if ln.table == index), None)
        if first:
            above = lines[first - 1]
            if above.table is None:
                table.caption = above.text
