"""Render the five seed texts into realistic DOCX and PDF test fixtures.

Run from the repository root::

    .venv/bin/python samples/render.py

For every seed ``<stem>.txt`` in the seed folder this writes, next to this script:

* ``<stem>__kommun.docx``: laid out the way a municipal secretary writes minutes in Word
  (header table with PAGE/NUMPAGES fields, signature footer, label/value tables, Heading
  and List styles, explicit page breaks, real tables);
* ``<stem>__kommun.pdf``: that DOCX converted by LibreOffice headless;
* ``<stem>__tryck.pdf``: the same content drawn with reportlab (running header with
  "Sida N av M", attendees in positioned columns, tables without ruling lines).

The seed texts are extractions of real PDFs, so they carry page furniture (repeated header
blocks, "Utdragsbestyrkande") and markdown-ish markup. Both are removed here and rebuilt as
real furniture and real formatting; every content word is kept. Per-seed knowledge (front
matter, which lines are headings, where the page breaks are) lives in ``SPECS``; the body
text is parsed generically.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer, _Header
from docx.shared import Cm, Pt, RGBColor, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    TableStyle,
)
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

HERE = Path(__file__).resolve().parent
SEED_DIR = Path("/work/shared/seeds")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LIBERATION_DIR = Path("/usr/share/fonts/truetype/liberation2")

# ---------------------------------------------------------------------------------------
# Document model: what both renderers draw.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False


Line = list[Run]


@dataclass
class Para:
    """A paragraph; several lines are joined by soft line breaks (Shift+Enter in Word)."""

    lines: list[Line]
    style: str = "body"  # body, title, subtitle, meta, logo, label, strong, caption, small, quote


@dataclass
class Heading:
    """A numbered or unnumbered section heading of a report (Heading 1-3)."""

    text: str
    level: int


@dataclass
class ItemHead:
    """The head of a minutes paragraph: "SFV § 17", its title and an optional Dnr line."""

    number: str
    title: str
    dnr: str | None = None


@dataclass
class ListItem:
    lines: list[Line]
    level: int = 0
    marker: str = "bullet"  # bullet or check (the ✓ lists of the reports)


@dataclass
class Table:
    """Cells as written in the seed (tab separated); the first row is the header."""

    rows: list[list[str]]


@dataclass
class GridRow:
    """One row of a label/value grid (the title page of a protokoll)."""

    label: str
    lines: list[Line]
    extra: tuple[str, str] | None = None  # a second label/value pair on the same row
    span: bool = False  # a full-width row such as "ANSLAGSBEVIS"
    people: bool = False  # the value lines are attendee entries "Name, organisation"


@dataclass
class Grid:
    rows: list[GridRow]
    ruled: bool = False


@dataclass
class People:
    """An attendee list outside a grid (the "Närvarande" list of minnesanteckningar)."""

    label: str
    entries: list[str]


@dataclass
class Signer:
    role: str
    name: str
    stamp: str
    envelope: str = ""


@dataclass
class Signatures:
    signers: list[Signer]
    note: str  # "Paragrafer 17-28", printed beside the signatures


@dataclass
class Index:
    """A paragraph index ("§ 17 Protokolljusterare") on a protokoll's front page."""

    entries: list[tuple[str, str]]


@dataclass
class Toc:
    """A table of contents: (text, page as printed, level)."""

    entries: list[tuple[str, str, int]]


@dataclass
class PageBreak:
    pass


Block = Para | Heading | ItemHead | ListItem | Table | Grid | People | Signatures | Index | Toc | PageBreak


# ---------------------------------------------------------------------------------------
# Inline markup and small text helpers.
# ---------------------------------------------------------------------------------------

_INLINE = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|<(https?://[^>]+)>")


def parse_inline(text: str) -> Line:
    """Turn **bold**, *italic* and <url> markup into runs without the markup characters."""
    runs: Line = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos : m.start()]))
        if m.group(1) is not None:
            runs.append(Run(m.group(1), bold=True))
        elif m.group(2) is not None:
            runs.append(Run(m.group(2), italic=True))
        else:
            runs.append(Run(m.group(3)))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def plain(line: Line) -> str:
    return "".join(r.text for r in line)


def para(text: str, style: str = "body") -> Para:
    return Para([parse_inline(text)], style)


def split_person(entry: str) -> tuple[str, str]:
    """ "Name (S), Org, role" -> ("Name (S)", "Org, role"): the name column and the rest."""
    name, _, rest = entry.partition(", ")
    return name.strip(), rest.strip()


def join_wrapped(entries: list[str]) -> list[str]:
    """Rejoin attendee entries the original's narrow column wrapped ("... (kl 13.15-" + "13.30)")."""
    out: list[str] = []
    for entry in entries:
        if out and out[-1].endswith((",", "-")):
            sep = "" if out[-1].endswith("-") else " "
            out[-1] = out[-1] + sep + entry
        else:
            out.append(entry)
    return out


# ---------------------------------------------------------------------------------------
# Per-seed description.
# ---------------------------------------------------------------------------------------


@dataclass
class Spec:
    stem: str
    org: str
    doc_type: str  # running header, middle
    date: str  # running header, beside the doc type ("" when the title carries the period)
    protokoll: bool  # signature footer ("Justerandes signatur | Utdragsbestyrkande")
    front: Callable[[list[str]], tuple[list[Block], int]]  # front matter and body start line
    furniture: tuple[str, ...] = ()  # full-line patterns of inline header/footer traces
    blank_break: int = 0  # this many blank lines in a row mark a page boundary (0: never)
    break_before: frozenset[str] = frozenset()  # lines that start a new page in the rendering
    headings: dict[str, int] = field(default_factory=dict)  # exact heading text -> level
    numbered_headings: bool = False  # "6.1.1. SAMORDNINGSTEAM" style headings
    strong: frozenset[str] = frozenset()  # bold item headings of unnumbered minutes
    labels: frozenset[str] = frozenset()  # bold run-in headings inside an item ("Beslut")
    captions: frozenset[str] = frozenset()  # figure captions (italic, small)
    joins: tuple[str, ...] = ()  # paragraph endings the seed split though the text runs on
    docx_items: str = "heading"  # heading: Heading 1/2 styles; bold: bold Normal paragraphs
    title_page: bool = True  # page 1 is a title/cover page without the running header
    report_header: bool = True  # non-protokoll: "organisation <tab> title" header, page no. footer
    logo_space_pt: float = 0  # space above the cover's organisation name (a logo low on the page)
    tryck_items: str = "margin"  # margin: "SFV § 17" left of the title; dnr_right: Dnr at right
    tryck_ruled: bool = True  # rule lines in the tryck tables
    docx_date: str = ""  # core properties date, fixed so the output is reproducible


ITEM_RE = re.compile(r"^[A-ZÅÄÖ]{2,5} § \d+$")
DNR_RE = re.compile(r"^Dnr [A-ZÅÄÖ]+ \d{4}/\d+$")
NUMBERED_HEADING_RE = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(.+)$")
QUOTES = ("”", '"')


def nonblank(lines: list[str]) -> list[str]:
    return [ln.strip() for ln in lines if ln.strip()]


def find_line(lines: list[str], text: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == text:
            return i
    raise ValueError(f"line {text!r} not in seed")


def find_prefix(lines: list[str], prefix: str, start: int = 0) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip().startswith(prefix):
            return i
    raise ValueError(f"line starting {prefix!r} not in seed")


# --- 000: minnesanteckningar -------------------------------------------------------------


def front_000(lines: list[str]) -> tuple[list[Block], int]:
    """Title line, "Närvarande" list and "Agenda" bullets; the body starts after the agenda."""
    title = nonblank(lines)[0]
    i_present = find_line(lines, "Närvarande")
    i_agenda = find_line(lines, "Agenda", i_present)
    people = nonblank(lines[i_present + 1 : i_agenda])
    i = i_agenda + 1
    agenda: list[Block] = []
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith("- ")):
        if lines[i].startswith("- "):
            agenda.append(ListItem([parse_inline(lines[i][2:].strip())]))
        i += 1
    blocks: list[Block] = [para(title, "title"), People("Närvarande", people), para("Agenda", "label")]
    return blocks + agenda, i


# --- 001: sammanträdesprotokoll, Samordningsförbundet Västmanland -------------------------

ANSLAG_LABELS = (
    "Organ",
    "Sammanträdesdatum",
    "Anslaget publiceras",
    "Anslaget avpubliceras",
    "Förvaringsplats för protokollet",
    "Ansvarig för anslag",
)


def split_labelled(line: str, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """ "Anslaget publiceras 2024-06-04 Anslaget avpubliceras 2024-06-25" -> two pairs."""
    pattern = "|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True))
    parts = re.split(rf"(?:^|\s)({pattern})\s", line)
    return [(parts[k], parts[k + 1].strip()) for k in range(1, len(parts) - 1, 2)]


def group_after(lines: list[str], label: str, stops: tuple[str, ...]) -> list[str]:
    """The nonblank lines after the line ``label`` up to the next line in ``stops``."""
    out: list[str] = []
    for ln in lines[find_line(lines, label) + 1 :]:
        if ln.strip() in stops:
            break
        if ln.strip():
            out.append(ln.strip())
    return out


def docusign_signers(lines: list[str]) -> tuple[list[Signer], str]:
    """Read the DocuSign block: one stamp per signer in order, the envelope id, "Paragrafer".

    The seed has four "DocuSigned by" stamps for three signers (the last one is printed
    twice); the i-th stamp goes to the i-th signer and the duplicate is dropped.
    """
    block = " ".join(lines)
    stamps = re.findall(r"DocuSigned by: (\d{4}-\d\d-\d\d \| \d\d:\d\d [A-Z]{3,4})", block)
    note = re.search(r"Paragrafer \d+-\d+", block)
    envelope = re.search(r"\b[0-9A-F]{16}\b", block)
    signers = [
        Signer(role, name, stamps[k] if k < len(stamps) else "")
        for k, (role, name) in enumerate(re.findall(r"(Sekreterare|Ordförande|Justerande) \*(.+?)\*", block))
    ]
    if signers and envelope:
        signers[0].envelope = envelope.group(0)
    return signers, note.group(0) if note else ""


def front_001(lines: list[str]) -> tuple[list[Block], int]:
    body_start = find_line(lines, "SFV § 17")
    front = lines[:body_start]
    nb = nonblank(front)
    title, date_label, date, board = nb[0], nb[1], nb[2], nb[3]
    plats = find_prefix(front, "Plats och tid")
    plats_lines = [front[plats].strip()[len("Plats och tid") :].strip(), front[plats + 1].strip()]
    groups = ("Beslutande", "Ersättare", "Övriga deltagande")
    stops = (*groups, title)
    rows = [GridRow("Plats och tid", [[Run(x)] for x in plats_lines])]
    for label in groups:
        entries = join_wrapped(group_after(front, label, stops))
        rows.append(GridRow(label, [[Run(e)] for e in entries], people=True))

    page2 = front[find_line(front, "Justering") :]
    i_anslag = find_line(page2, "ANSLAG/BEVIS")
    i_toc = find_line(page2, "Innehållsförteckning")
    signers, note = docusign_signers(page2[2:i_anslag])
    anslag_rows: list[GridRow] = []
    for ln in nonblank(page2[i_anslag + 1 : i_toc])[1:]:
        pairs = split_labelled(ln, ANSLAG_LABELS)
        row = GridRow(pairs[0][0], [[Run(pairs[0][1])]])
        if len(pairs) > 1:
            row.extra = pairs[1]
        anslag_rows.append(row)
    index = []
    for ln in nonblank(page2[i_toc + 1 :]):
        m = re.match(r"- (§ \d+) (.+)$", ln)
        if m:
            index.append((m.group(1), m.group(2)))

    blocks: list[Block] = [
        para(title, "title"),
        Para([[Run(date_label + " ", bold=True), Run(date)]], "meta"),
        para(board, "subtitle"),
        Grid(rows),
        PageBreak(),
        para("Justering", "label"),
        para(nonblank(page2)[1]),
        Signatures(signers, note),
        para("ANSLAG/BEVIS", "label"),
        para(nonblank(page2[i_anslag + 1 :])[0]),
        Grid(anslag_rows),
        para("Innehållsförteckning", "label"),
        Index(index),
        PageBreak(),  # each § starts on a page of its own, as in the original
    ]
    return blocks, body_start


# --- 002: delårsrapport --------------------------------------------------------------------


def front_002(lines: list[str]) -> tuple[list[Block], int]:
    """Cover page: title, period, approval line and the organisation's two-line logo text."""
    body_start = find_prefix(lines, "Om förbundet")
    nb = nonblank(lines[:body_start])
    blocks: list[Block] = [
        para(nb[0], "title"),
        para(nb[1], "subtitle"),
        para(nb[2], "meta"),
        Para([[Run(x, bold=True)] for x in nb[3:]], "logo"),
        PageBreak(),
    ]
    return blocks, body_start


# --- 003: verksamhetsplan -------------------------------------------------------------------


def front_003(lines: list[str]) -> tuple[list[Block], int]:
    """Cover (organisation, title, decision date, org nr, address) and the INNEHÅLL page."""
    i_toc = find_line(lines, "INNEHÅLL")
    nb = nonblank(lines[:i_toc])
    org, title, decided, orgnr, address = nb[0], nb[1], nb[2], nb[3], nb[4:]
    entries: list[tuple[str, str, int]] = []
    i = i_toc + 1
    while i < len(lines) and ("\t" in lines[i] or not lines[i].strip()):
        if "\t" in lines[i]:
            text, page = lines[i].rstrip().split("\t")
            number = text.split(" ", 1)[0]
            entries.append((text, page, number.count(".") - 1))
        i += 1
    blocks: list[Block] = [
        para(org, "logo"),
        para(title, "title"),
        para(decided, "meta"),
        para(orgnr, "meta"),
        Para([[Run(x)] for x in address], "address"),
        PageBreak(),
        para("INNEHÅLL", "label"),
        Toc(entries),
        PageBreak(),
    ]
    return blocks, i


# --- 004: protokoll with a flattened label/value title page --------------------------------

PEOPLE_LABELS = frozenset({"Beslutande", "Ersättare", "Övriga deltagande"})
# Labels the original grid prints on the same row as the label before them.
SAME_ROW_AS_PREVIOUS = frozenset({"Paragrafer", "Datum för anslags nedtagande"})


def value_lines(value: str) -> list[Line]:
    """A grid cell's lines; an *italic* sub-label glued to a line end becomes its own line."""
    out: list[Line] = []
    for raw in value.split("\n"):
        for part in re.split(r"(\*[^*]+\*)", raw):
            if part.strip():
                out.append(parse_inline(part.strip()))
    return out


def grid_from_bold_labels(text: str) -> list[GridRow]:
    """Rebuild a label/value grid from text where each label was flattened to **Label**."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    rows: list[GridRow] = []
    for k in range(1, len(parts), 2):
        label, value = parts[k].strip(), parts[k + 1]
        if not value.strip() and "§" in label:
            label, _, rest = label.partition(" ")
            value = rest
        if not value.strip():
            rows.append(GridRow(label, [], span=True))
            continue
        row = GridRow(label, value_lines(value), people=label in PEOPLE_LABELS)
        if label in SAME_ROW_AS_PREVIOUS and rows:
            rows[-1].extra = (label, " ".join(plain(x) for x in row.lines))
        else:
            rows.append(row)
    return rows


def front_004(lines: list[str]) -> tuple[list[Block], int]:
    body_start = find_prefix(lines, "SVM § ")
    front = lines[:body_start]
    org = nonblank(front)[0]
    i_date = find_line(front, "Datum")
    first_value, _, rest = front[i_date + 1].partition("**")
    rows = [GridRow("Datum", [[Run(first_value.strip())]])]
    rows += grid_from_bold_labels("**" + rest + "\n" + "\n".join(front[i_date + 2 :]))
    return [para(org, "title"), Grid(rows, ruled=True), PageBreak()], body_start


# ---------------------------------------------------------------------------------------
# Generic body parser.
# ---------------------------------------------------------------------------------------


def is_furniture(line: str, spec: Spec) -> bool:
    s = line.strip()
    return bool(s) and any(re.fullmatch(p, s) for p in spec.furniture)


def raw_paragraphs(lines: list[str], spec: Spec) -> list[list[str] | None]:
    """Group lines into paragraphs (blank-line separated); None marks a page boundary.

    Page boundaries are where the seed repeats its page header/footer, or (where the spec
    says so) a long run of blank lines left by a page the extraction did not label.
    """
    out: list[list[str] | None] = []
    cur: list[str] = []
    blanks = 0

    def flush() -> None:
        nonlocal cur
        if cur:
            out.append(cur)
            cur = []

    def boundary() -> None:
        flush()
        if out and out[-1] is not None:
            out.append(None)

    for ln in lines:
        if is_furniture(ln, spec):
            boundary()
            blanks = 0
        elif not ln.strip():
            flush()
            blanks += 1
            if spec.blank_break and blanks == spec.blank_break:
                boundary()
        else:
            blanks = 0
            if ln.strip() in spec.break_before:
                boundary()
            cur.append(ln.rstrip("\n"))
    flush()
    while out and out[-1] is None:
        out.pop()
    return out


def join_split_paragraphs(paras: list[list[str] | None], spec: Spec) -> list[list[str] | None]:
    """Rejoin a paragraph the source's page break cut in two (mid-sentence, lower-case go-on)."""
    out: list[list[str] | None] = []
    for p in paras:
        prev = out[-1] if out else None
        if p is not None and prev is not None and len(prev) == 1 and len(p) == 1:
            a, b = prev[0].strip(), p[0].strip()
            plain_pair = "\t" not in a + b and not b.startswith("- ")
            runs_on = not re.search(r"[.:!?)”\"]$", a) and b[:1].islower()
            if plain_pair and (runs_on or any(a.endswith(j) for j in spec.joins)):
                prev[0] = a + " " + b
                continue
        out.append(p)
    return out


def list_items(p: list[str]) -> list[Block]:
    """ "- " starts a bullet, " - " a nested one; other lines continue the bullet above."""
    items: list[ListItem] = []
    for ln in p:
        m = re.match(r"^( ?)- (.*)$", ln)
        if m:
            text, marker = m.group(2).strip(), "bullet"
            if text.startswith("✓ "):
                text, marker = text[2:], "check"
            items.append(ListItem([parse_inline(text)], 1 if m.group(1) else 0, marker))
        elif items:
            items[-1].lines.append(parse_inline(ln.strip()))
    return list(items)


def classify(text: str, spec: Spec) -> Block:
    """A one-paragraph block by its text: heading, label, caption or body paragraph."""
    if text in spec.headings:
        return Heading(text, spec.headings[text])
    m = NUMBERED_HEADING_RE.match(text)
    if spec.numbered_headings and m and m.group(2).isupper():
        return Heading(text, m.group(1).count(".") + 1)
    if text in spec.strong:
        return para(text, "strong")
    if text in spec.labels:
        return para(text, "label")
    if text in spec.captions:
        return para(text, "caption")
    if text.startswith("Exp. till:"):
        return para(text, "small")
    if text.startswith(QUOTES) and text.endswith(QUOTES):
        return para(text, "quote")
    return para(text)


def parse_body(lines: list[str], spec: Spec) -> list[Block]:
    paras = join_split_paragraphs(raw_paragraphs(lines, spec), spec)
    blocks: list[Block] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        i += 1
        if p is None:
            blocks.append(PageBreak())
        elif all("\t" in ln for ln in p):
            blocks.append(Table([ln.split("\t") for ln in p]))
        elif re.match(r"^ ?- ", p[0]):
            blocks.extend(list_items(p))
        elif ITEM_RE.match(p[0].strip()):
            head = ItemHead(p[0].strip(), "")
            while i < len(paras) and paras[i] is not None and not head.title:
                nxt = paras[i][0].strip()  # type: ignore[index]  (checked not None above)
                if DNR_RE.match(nxt):
                    head.dnr = nxt
                else:
                    head.title = nxt
                i += 1
            blocks.append(head)
        else:
            blocks.append(classify(" ".join(x.strip() for x in p), spec))
    return blocks


def build(spec: Spec) -> list[Block]:
    lines = (SEED_DIR / f"{spec.stem}.txt").read_text(encoding="utf-8").split("\n")
    front, start = spec.front(lines)
    return front + parse_body(lines[start:], spec)


# ---------------------------------------------------------------------------------------
# The seeds.
# ---------------------------------------------------------------------------------------

SPECS = [
    Spec(
        stem="000_0723f1c5f5b75f48",
        org="Samordningsförbundet Västmanland",
        doc_type="Minnesanteckningar",
        date="2024-09-30",
        protokoll=False,
        front=front_000,
        strong=frozenset(
            {
                "Projekt rehab koordinatörer i samverkan – fortsättning (ansökan om finansiering 2025).",
                "Rådgivande myndighetsgemensamt team (RMGT)",
                "Samordningsförbundets ekonomiska förutsättningar 2025 och framåt",
            }
        ),
        captions=frozenset(
            {
                "Inriktning och fördelning av Finsamresurser i Västmanland",
                "Nuvarande inriktning och fördelning av Finsamresurser",
                "Framtida inriktning och fördelning av Finsamresurser",
            }
        ),
        # "... kan vara värdefullt i" / "Hallstahammar helst ...": one sentence cut in two.
        joins=("värdefullt i",),
        title_page=False,
        report_header=False,
        docx_items="bold",
        docx_date="2024-10-02T09:00:00",
    ),
    Spec(
        stem="001_702812d2f0149fea",
        org="Samordningsförbundet Västmanland",
        doc_type="Sammanträdesprotokoll",
        date="2024-05-27",
        protokoll=True,
        front=front_001,
        furniture=(
            r"Samordningsförbundet Västmanland",
            r"Sammanträdesprotokoll",
            r"Sammanträdesdatum",
            r"Sida",
            r"2024-05-27",
            r"\d{1,2}",
            r"Utdragsbestyrkande",
            r"-+\t-+",
        ),
        blank_break=3,
        labels=frozenset(
            {
                "Beslut",
                "Ekonomi",
                "Förbundsmedlemmarnas godkännande av årsredovisning 2023",
                "Genomförda aktiviteter januari-april samt planerade aktiviteter under hösten",
                "Översyn av Finsamlagstiftningen",
                "Flerårsplan",
            }
        ),
        docx_items="heading",
        tryck_items="margin",
        docx_date="2024-06-03T15:00:00",
    ),
    Spec(
        stem="002_795be6dc08665b26",
        org="Norra Västmanlands Samordningsförbund",
        doc_type="Delårsrapport januari-augusti 2023",
        date="",
        protokoll=False,
        front=front_002,
        headings={
            "Om förbundet – verksamhetsidé, vision och ändamål": 1,
            "Förbundsstyrelsen och ägarna": 1,
            "Styrelsens sammansättning": 2,
            "Styrelsens arbete": 2,
            "Huvudmännen - förbundsmedlemmarna": 2,
            "Lokalt medlemssamråd": 3,
            "Uppföljning av mål och aktiviteter i verksamhetsplan 2023": 1,
            "Målområde identifiera – Att kartlägga behov av samverkan": 2,
            "Målområde Förebygga – Att utveckla insatser som förhindrar långvarigt utanförskap "
            "(arbetslöshet, sjukskrivning, försörjningsstöd)": 2,
            "Stimulera – Att utveckla och stärka samverkansstrukturer inom området samordnad rehabilitering": 2,
            "Resultat från individinsatser - Samordningsteam": 1,
            "Planerade aktiviteter hösten 2023": 1,
            "Lokala aktiviteter i norra länet": 2,
            "Länsgemensamma aktiviteter": 2,
            "Ekonomiskt utfall per 31 augusti samt prognos för helår 2023": 1,
        },
        tryck_ruled=True,
        logo_space_pt=400,  # the cover prints the organisation's name low, like a logo
        docx_date="2023-09-27T10:00:00",
    ),
    Spec(
        stem="003_a3048755c5bf4d8a",
        org="Samordningsförbundet Västmanland",
        doc_type="Verksamhetsplan och budget 2025-2027",
        date="",
        protokoll=False,
        front=front_003,
        numbered_headings=True,
        break_before=frozenset({"7. BUDGET"}),  # the budget table gets a page of its own
        captions=frozenset(
            {
                "Fagersta",
                "Norberg",
                "Kungsör",
                "Skinnskatteberg",
                "Köping",
                "Västerås",
                "Sala",
                "Hallstahammar",
                "Arboga",
                "Surahammar",
            }
        ),
        tryck_ruled=False,
        docx_date="2024-11-25T08:30:00",
    ),
    Spec(
        stem="004_90a6bde803d3bf45",
        org="Samordningsförbundet Västra Mälardalen",
        doc_type="Sammanträdesprotokoll",
        date="2020-09-03",
        protokoll=True,
        front=front_004,
        labels=frozenset({"Beslut"}),
        docx_items="bold",
        tryck_items="dnr_right",
        docx_date="2020-09-16T13:00:00",
    ),
]


# ---------------------------------------------------------------------------------------
# DOCX (python-docx), as a secretary builds it in Word.
# ---------------------------------------------------------------------------------------


BODY_FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans
TEXT_WIDTH_CM = 16.0
CM_PT = 72 / 2.54
CELL_MARGIN_PT = 3.0  # left/right cell margin of data tables (Word's default is 5.4 pt)
CHECK_NUM_ID = 90  # numbering id of the ✓ bullet list we add


# Word rejects a file whose property elements are out of schema order (LibreOffice does not).
# The schema order of the children these files use (a subset of CT_TblPr and CT_PPr).
TBLPR_ORDER = ("tblStyle", "tblW", "jc", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook")
PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "widowControl",
    "numPr",
    "tabs",
    "spacing",
    "ind",
    "jc",
)


def insert_in_order(parent: BaseOxmlElement, el: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Insert ``el`` before the first child that the schema puts after it."""
    rank = order.index(el.tag.split("}")[1])
    for child in parent:
        name = child.tag.split("}")[1]
        if name in order and order.index(name) > rank:
            child.addprevious(el)
            return
    parent.append(el)


def set_cell_borders(cell: _Cell, **edges: str) -> None:
    """edges: top/bottom/left/right = "single" or "nil"."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge, val in edges.items():
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tc_pr.append(borders)


def set_table_borders(table: DocxTable, val: str) -> None:
    """All table borders single (val="single") or none (val="nil")."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), val)
        if val != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "808080")
        borders.append(el)
    insert_in_order(tbl_pr, borders, TBLPR_ORDER)


def set_col_widths(table: DocxTable, widths_cm: list[float]) -> None:
    """Word reads the cell widths, LibreOffice the grid: set both."""
    table.autofit = False
    grid = table._tbl.tblGrid
    for col, w in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=True):
        col.set(qn("w:w"), str(int(w * 567)))
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def set_cell_margins(table: DocxTable, margin_pt: float) -> None:
    mar = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(int(margin_pt * 20)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    insert_in_order(table._tbl.tblPr, mar, TBLPR_ORDER)


def shade(cell: _Cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:fill="{fill}"/>'))


def mark_header_row(row: _Row) -> None:
    """Repeat the row at the top of each page the table runs onto (a real header row)."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def add_field(paragraph: DocxParagraph, instr: str, shown: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) the way Word writes it."""

    def fld(kind: str) -> None:
        run = paragraph.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)

    fld("begin")
    run = paragraph.add_run()
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = f" {instr} "
    run._r.append(it)
    fld("separate")
    paragraph.add_run(shown)
    fld("end")


def add_runs(paragraph: DocxParagraph, lines: list[Line], bold: bool = False, italic: bool = False) -> None:
    for k, line in enumerate(lines):
        if k:
            paragraph.add_run().add_break()
        for r in line:
            run = paragraph.add_run(r.text)
            run.bold = r.bold or bold or None
            run.italic = r.italic or italic or None


def setup_styles(doc: DocxDocument) -> None:
    """Arial throughout, black headings: the look of a municipal template, not Word's blue."""
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11), ("Title", 18), ("Subtitle", 13)):
        st = doc.styles[name]
        st.font.name = BODY_FONT
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.bold = name != "Subtitle"
        st.font.italic = False
        # Drop the theme fonts (Calibri Light) the default template ties headings to.
        rfonts = st.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
        st.paragraph_format.space_before = Pt(12 if name.startswith("Heading") else 0)
        st.paragraph_format.space_after = Pt(6)
    title_ppr = doc.styles["Title"].element.pPr
    if title_ppr is not None:
        for el in title_ppr.findall(qn("w:pBdr")):
            title_ppr.remove(el)
    caption = doc.styles["Caption"]
    caption.font.name = BODY_FONT
    caption.font.size = Pt(9)
    caption.font.italic = True
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    for k in (1, 2, 3):
        st = doc.styles.add_style(f"TOC {k}", WD_STYLE_TYPE.PARAGRAPH)
        st.base_style = normal
        st.paragraph_format.left_indent = Cm(0.6 * (k - 1))
        st.paragraph_format.space_after = Pt(3)
        st.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def add_check_numbering(doc: DocxDocument) -> None:
    """A bullet list whose bullet is ✓, as the report's Word template had (Wingdings check)."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{CHECK_NUM_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="✓"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Segoe UI Symbol" w:hAnsi="Segoe UI Symbol"/></w:rPr></w:lvl>'
        "</w:abstractNum>"
    )
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{CHECK_NUM_ID}"><w:abstractNumId w:val="{CHECK_NUM_ID}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(num)


def use_numbering(paragraph: DocxParagraph, num_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    insert_in_order(ppr, num_pr, PPR_ORDER)


def is_numeric(cell: str) -> bool:
    return bool(re.fullmatch(r"-|-?\d[\d  ]*(,\d+)?\s?%?( \(\d+ %\))?", cell.strip()))


def is_section_row(row: list[str]) -> bool:
    """A row naming a group ("INTÄKTER", "Individinsatser") with no figures."""
    return bool(row[0].strip()) and not any(c.strip() for c in row[1:])


def is_sum_row(row: list[str]) -> bool:
    label = next((c for c in row if c.strip()), "")
    return label.startswith(("Summa", "SUMMA", "TOTALT", "RESULTAT"))


def figure_columns(rows: list[list[str]]) -> list[bool]:
    """Columns holding only figures below the header; the first (label) column never does."""
    body = [r for r in rows[1:] if not is_section_row(r)]
    return [c > 0 and all(is_numeric(r[c]) or not r[c].strip() for r in body) for c in range(len(rows[0]))]


def table_widths(rows: list[list[str]], total: float, font: str, size: float, pad: float) -> list[float]:
    """Column widths in points, from the measured text.

    A figure column is as wide as its widest figure, and as its header's longest word, or
    its whole header when the header holds a hyphen ("Utfall 2023-08-31"): a word processor
    would otherwise break the date at the hyphen. The label columns share the rest by their
    natural width, each keeping room for its longest word. The first column is the row
    label and never a figure column; group rows ("INTÄKTER") span the table and do not count.
    """

    def w(text: str, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, font + ("-Bold" if bold else ""), size)

    ncols = len(rows[0])
    head, body = rows[0], [r for r in rows[1:] if not is_section_row(r)]
    numeric = figure_columns(rows)
    widths = [0.0] * ncols
    figure_cols = [c for c in range(ncols) if numeric[c]]
    body_need = {c: max(w(r[c], is_sum_row(r)) for r in body) for c in figure_cols}
    # Whole headers on one line when that leaves the labels 35 % of the width.
    one_line = sum(max(w(head[c], True), body_need[c]) + pad for c in figure_cols) <= 0.65 * total
    for c in figure_cols:
        if one_line or "-" in head[c]:
            need_head = w(head[c], True)
        else:
            need_head = max((w(x, True) for x in head[c].split()), default=0)
        widths[c] = max(need_head, body_need[c]) + pad
    text_cols = [c for c in range(ncols) if not numeric[c]]
    rest = total - sum(widths)
    # A long header may wrap; a short one ("Beräknat utgående eget kapital") need not.
    floor = {c: max(w(x, True) for r in [head, *body] for x in r[c].split() or [""]) + pad for c in text_cols}
    natural = {
        c: max(floor[c], *(w(r[c], is_sum_row(r)) + pad for r in body), min(w(head[c], True) + pad, 0.35 * total))
        for c in text_cols
    }
    if sum(natural.values()) < rest and len(text_cols) < ncols:
        # Room to spare: every column at its natural width plus an even share of the rest.
        spare = (rest - sum(natural.values())) / ncols
        return [natural.get(c, widths[c]) + spare for c in range(ncols)]
    for c in text_cols:
        widths[c] = rest * natural[c] / sum(natural.values())
    short = [c for c in text_cols if widths[c] < floor[c]]
    wide = [c for c in text_cols if c not in short]
    if short and wide:
        spare = sum(floor[c] - widths[c] for c in short)
        for c in short:
            widths[c] = floor[c]
        for c in wide:
            widths[c] -= spare / len(wide)
    return widths


class DocxWriter:
    """Writes the blocks of one seed into a python-docx Document."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.doc = Document()
        self.pending_break = False
        setup_styles(self.doc)
        add_check_numbering(self.doc)
        self.setup_page()

    # --- page, header, footer ---------------------------------------------------------

    def setup_page(self) -> None:
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.left_margin, sec.right_margin = Cm(2.5), Cm(2.5)
        sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.2)
        sec.header_distance, sec.footer_distance = Cm(1.0), Cm(1.0)
        # A title or cover page has its own, empty, header ("Different first page").
        sec.different_first_page_header_footer = self.spec.title_page
        if self.spec.protokoll:
            self.protocol_header(sec.header)
            self.signature_footer(sec.footer)
            self.signature_footer(sec.first_page_footer)
        elif self.spec.report_header:
            self.report_header(sec.header)
            self.page_number_footer(sec.footer, centred=True)
        else:
            self.page_number_footer(sec.footer, centred=False)

    def protocol_header(self, header: _Header) -> None:
        """Organisation | Sammanträdesprotokoll | Sammanträdesdatum + date | Sida X (Y)."""
        s = self.spec
        table = header.add_table(1, 4, Cm(TEXT_WIDTH_CM))
        set_table_borders(table, "nil")
        set_col_widths(table, [6.0, 4.5, 3.5, 2.0])
        # Word keeps a paragraph after a header table; put the table first, as Word does.
        header.paragraphs[0]._p.addprevious(table._tbl)
        cells = table.rows[0].cells
        cells[0].paragraphs[0].add_run(s.org).bold = True
        cells[1].paragraphs[0].add_run(s.doc_type).bold = True
        cells[2].paragraphs[0].add_run("Sammanträdesdatum").font.size = Pt(7)
        cells[2].add_paragraph().add_run(s.date)
        cells[3].paragraphs[0].add_run("Sida").font.size = Pt(7)
        p = cells[3].add_paragraph()
        add_field(p, "PAGE")
        p.add_run(" (")
        add_field(p, "NUMPAGES")
        p.add_run(")")
        for c in cells:
            set_cell_borders(c, bottom="single")
            for q in c.paragraphs:
                q.paragraph_format.space_after = Pt(0)
                for r in q.runs:
                    r.font.size = r.font.size or Pt(9.5)
        header.paragraphs[0].paragraph_format.space_after = Pt(0)

    def signature_footer(self, footer: _Footer) -> None:
        """Two boxes at the foot of every page: initials of the adjuster, extract certification."""
        table = footer.add_table(1, 3, Cm(TEXT_WIDTH_CM))
        set_table_borders(table, "nil")
        set_col_widths(table, [4.0, 8.0, 4.0])
        row = table.rows[0]
        row.height = Cm(1.1)
        for cell, text in ((row.cells[0], "Justerandes signatur"), (row.cells[2], "Utdragsbestyrkande")):
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(7)
            set_cell_borders(cell, top="single", bottom="single", left="single", right="single")

    def report_header(self, header: _Header) -> None:
        p = header.paragraphs[0]
        tabs = p.paragraph_format.tab_stops
        # The template's Header style has Letter-size tabs (centre 8.25 cm, right 16.5 cm).
        for pos in (Twips(4680), Twips(9360)):
            tabs.add_tab_stop(pos, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT)
        p.add_run(self.spec.org).font.size = Pt(8)
        r = p.add_run("\t" + self.spec.doc_type)
        r.font.size = Pt(8)

    def page_number_footer(self, footer: _Footer, centred: bool) -> None:
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.RIGHT
        if centred:
            add_field(p, "PAGE")
        else:
            p.add_run("Sida ")
            add_field(p, "PAGE")
            p.add_run(" (")
            add_field(p, "NUMPAGES")
            p.add_run(")")

    # --- blocks -----------------------------------------------------------------------

    def paragraph(self, style: str | None = None) -> DocxParagraph:
        """A new body paragraph; a pending page break goes in front of its text (Ctrl+Enter)."""
        p = self.doc.add_paragraph(style=style)
        if self.pending_break:
            p.add_run().add_break(WD_BREAK.PAGE)
            self.pending_break = False
        return p

    def flush_break(self) -> None:
        """Before a table a page break needs a paragraph of its own."""
        if self.pending_break:
            self.paragraph().paragraph_format.space_after = Pt(0)

    def write(self, blocks: list[Block]) -> None:
        for b in blocks:
            getattr(self, "w_" + type(b).__name__.lower())(b)

    def w_pagebreak(self, _: PageBreak) -> None:
        self.pending_break = True

    def w_para(self, b: Para) -> None:
        style = {"title": "Title", "subtitle": "Subtitle", "caption": "Caption", "quote": "Quote"}.get(b.style)
        p = self.paragraph(style)
        fmt = p.paragraph_format
        if b.style in ("label", "strong"):
            add_runs(p, b.lines, bold=True)
            fmt.keep_with_next = True
            fmt.space_before = Pt(12 if b.style == "strong" else 6)
            if b.style == "strong":
                for r in p.runs:
                    r.font.size = Pt(12)
            return
        add_runs(p, b.lines)
        if b.style == "logo":
            for r in p.runs:
                r.font.size = Pt(16)
                r.font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
            fmt.space_before = Pt(self.spec.logo_space_pt)
        elif b.style == "address":
            fmt.space_before = Pt(280)
        elif b.style == "small":
            for r in p.runs:
                r.font.size = Pt(9)
        elif b.style == "meta":
            fmt.space_after = Pt(3)
        if b.style == "quote":
            fmt.left_indent = Cm(1.0)

    def w_heading(self, b: Heading) -> None:
        p = self.paragraph(f"Heading {b.level}")
        p.add_run(b.text)

    def w_itemhead(self, b: ItemHead) -> None:
        """Either Heading 1 "SFV § 17" + Heading 2 title, or bold Normal paragraphs."""
        if self.spec.docx_items == "heading":
            self.paragraph("Heading 1").add_run(b.number)
            if b.dnr:
                self.paragraph().add_run(b.dnr)
            self.paragraph("Heading 2").add_run(b.title)
            return
        p = self.paragraph()
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.keep_with_next = True
        p.add_run(b.number).bold = True
        if b.dnr:
            q = self.paragraph()
            q.paragraph_format.keep_with_next = True
            q.add_run(b.dnr).font.size = Pt(9)
        t = self.paragraph()
        t.paragraph_format.keep_with_next = True
        run = t.add_run(b.title)
        run.bold = True
        run.font.size = Pt(12)

    def w_listitem(self, b: ListItem) -> None:
        p = self.paragraph("List Bullet 2" if b.level else "List Bullet")
        if b.marker == "check":
            use_numbering(p, CHECK_NUM_ID)
        p.paragraph_format.space_after = Pt(3)
        add_runs(p, b.lines)

    def w_table(self, b: Table) -> None:
        self.flush_break()
        ncols = max(len(r) for r in b.rows)
        rows = [r + [""] * (ncols - len(r)) for r in b.rows]
        t = self.doc.add_table(len(rows), ncols)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        size = 8.5 if ncols >= 5 else 9.5
        widths = table_widths(rows, TEXT_WIDTH_CM * CM_PT, "LiberationSans", size, 2 * CELL_MARGIN_PT + 3)
        set_col_widths(t, [x / CM_PT for x in widths])
        set_cell_margins(t, CELL_MARGIN_PT)
        mark_header_row(t.rows[0])
        figures = figure_columns(rows)
        for ri, row in enumerate(rows):
            section = ri > 0 and is_section_row(row)
            if section:
                t.rows[ri].cells[0].merge(t.rows[ri].cells[ncols - 1])
            for ci, text in enumerate(row[:1] if section else row):
                cell = t.rows[ri].cells[ci]
                p = cell.paragraphs[0]
                p.paragraph_format.space_after = Pt(0)
                run = p.add_run(text.strip())
                run.font.size = Pt(size)
                run.bold = ri == 0 or is_sum_row(row) or (section and text.isupper()) or None
                run.italic = (section and not text.isupper()) or None
                if ri == 0:
                    shade(cell, "D9E2F3")
                if figures[ci]:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                # A short table stays on one page (keep-with-next on all but the last row).
                p.paragraph_format.keep_with_next = len(rows) <= 15 and ri < len(rows) - 1
        self.doc.add_paragraph().paragraph_format.space_after = Pt(0)

    def w_grid(self, b: Grid) -> None:
        """A label/value table: label column in bold, value lines one paragraph each."""
        self.flush_break()
        t = self.doc.add_table(len(b.rows), 4)
        if b.ruled:
            t.style = self.doc.styles["Table Grid"]
        else:
            set_table_borders(t, "nil")
        set_col_widths(t, [4.4, 4.6, 3.9, 3.1])
        for row, g in zip(t.rows, b.rows, strict=True):
            cells = row.cells
            if g.span:
                cell = cells[0].merge(cells[3])
                cell.paragraphs[0].add_run(g.label).bold = True
                continue
            value = cells[1] if g.extra else cells[1].merge(cells[3])
            cells[0].paragraphs[0].add_run(g.label).bold = True
            self.cell_lines(value, g.lines, signatures=g.label == "Underskrifter")
            if g.extra:
                cells[2].paragraphs[0].add_run(g.extra[0]).bold = True
                cells[3].paragraphs[0].add_run(g.extra[1])
        for cell in (c for row in t.rows for c in row.cells):
            cell.paragraphs[0].paragraph_format.space_before = Pt(3)
            for q in cell.paragraphs:
                q.paragraph_format.space_after = Pt(0)
                for r in q.runs:
                    r.font.size = Pt(10)
        self.doc.add_paragraph()

    def cell_lines(self, cell: _Cell, lines: list[Line], signatures: bool = False) -> None:
        for k, line in enumerate(lines):
            p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            p.paragraph_format.space_after = Pt(0)
            # Leave room to sign above each name under "Underskrifter".
            if signatures and not all(r.italic for r in line):
                p.paragraph_format.space_before = Pt(22)
            add_runs(p, [line])

    def w_people(self, b: People) -> None:
        """Attendees as a two-column table, name | organisation, under a bold label."""
        self.w_para(para(b.label, "label"))
        t = self.doc.add_table(len(b.entries), 2)
        set_table_borders(t, "nil")
        set_col_widths(t, [6.0, 10.0])
        for row, entry in zip(t.rows, b.entries, strict=True):
            for cell, text in zip(row.cells, split_person(entry), strict=True):
                cell.paragraphs[0].add_run(text)
                cell.paragraphs[0].paragraph_format.space_after = Pt(0)
        self.doc.add_paragraph()

    def w_signatures(self, b: Signatures) -> None:
        """Role | signature (stamp, name in italics, envelope id) | Paragrafer."""
        t = self.doc.add_table(len(b.signers), 3)
        set_table_borders(t, "nil")
        set_col_widths(t, [3.5, 8.5, 4.0])
        for k, (row, s) in enumerate(zip(t.rows, b.signers, strict=True)):
            row.cells[0].paragraphs[0].add_run(s.role).bold = True
            cell = row.cells[1]
            stamp = cell.paragraphs[0].add_run(f"DocuSigned by: {s.stamp}")
            stamp.font.size = Pt(7)
            stamp.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            name = cell.add_paragraph().add_run(s.name)
            name.italic = True
            name.font.size = Pt(14)
            if s.envelope:
                env = cell.add_paragraph().add_run(s.envelope)
                env.font.size = Pt(7)
            if k == 0:
                row.cells[2].paragraphs[0].add_run(b.note)
        self.doc.add_paragraph()

    def w_index(self, b: Index) -> None:
        for number, title in b.entries:
            p = self.paragraph("List Bullet")
            p.paragraph_format.space_after = Pt(0)
            p.add_run(f"{number} {title}")

    def w_toc(self, b: Toc) -> None:
        for text, page, level in b.entries:
            self.paragraph(f"TOC {level + 1}").add_run(f"{text}\t{page}")

    # --- saving -------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        """Save with fixed metadata and zip timestamps, so a re-run gives the same bytes."""
        cp = self.doc.core_properties
        when = datetime.fromisoformat(self.spec.docx_date)
        cp.author = cp.last_modified_by = self.spec.org
        cp.title = self.spec.doc_type
        cp.created = cp.modified = when
        cp.revision = 1
        buf = io.BytesIO()
        self.doc.save(buf)
        with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(fixed, src.read(info.filename))


def write_docx(spec: Spec, blocks: list[Block], path: Path) -> None:
    w = DocxWriter(spec)
    w.write(blocks)
    w.save(path)


def docx_to_pdf(docx_paths: list[Path], outdir: Path) -> None:
    """LibreOffice headless with a throw-away profile, so no user settings leak in."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        cmd = [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            tmp,
            *map(str, docx_paths),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=300)
        for d in docx_paths:
            shutil.move(str(Path(tmp) / (d.stem + ".pdf")), outdir / (d.stem + ".pdf"))


# ---------------------------------------------------------------------------------------
# Printed PDF (reportlab): same content, another layout.
# ---------------------------------------------------------------------------------------


TableCommand = tuple[object, ...]  # a reportlab TableStyle command ("SPAN", (0, 1), (-1, 1))
FONT = "DejaVuSans"
PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R = 22 * mm, 20 * mm
FRAME_W = PAGE_W - MARGIN_L - MARGIN_R


def register_fonts() -> None:
    """DejaVu Sans has å ä ö, §, – and ✓; reportlab embeds it with a ToUnicode map."""
    files = {
        FONT: "DejaVuSans.ttf",
        FONT + "-Bold": "DejaVuSans-Bold.ttf",
        FONT + "-Oblique": "DejaVuSans-Oblique.ttf",
        FONT + "-BoldOblique": "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in files.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
    # Liberation Sans is what LibreOffice draws for the DOCX's Arial; registered only to
    # measure table columns for the DOCX.
    liberation = {"LiberationSans": "LiberationSans-Regular.ttf", "LiberationSans-Bold": "LiberationSans-Bold.ttf"}
    for name, file in liberation.items():
        pdfmetrics.registerFont(TTFont(name, str(LIBERATION_DIR / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique", boldItalic=FONT + "-BoldOblique"
    )


def style(name: str, size: float = 9.5, bold: bool = False, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(
        name,
        fontName=FONT + ("-Bold" if bold else ""),
        fontSize=size,
        leading=size * 1.3,
        **kw,
    )


STYLES: dict[str, ParagraphStyle] = {
    "body": style("body", spaceAfter=5),
    "title": style("title", 18, True, spaceAfter=8),
    "subtitle": style("subtitle", 12.5, True, spaceAfter=10),
    "meta": style("meta", 10, spaceAfter=3),
    "logo": style("logo", 15, True, textColor=colors.HexColor("#1F4E79")),
    "address": style("address", 9.5, spaceBefore=250),
    "label": style("label", 9.5, True, spaceBefore=6, spaceAfter=3),
    "strong": style("strong", 11, True, spaceBefore=10, spaceAfter=5),
    "caption": style("caption", 8.5, textColor=colors.HexColor("#404040"), spaceAfter=4),
    "small": style("small", 8, spaceAfter=4),
    "quote": style("quote", 9.5, leftIndent=18, spaceAfter=5),
    "h1": style("h1", 13, True, spaceBefore=12, spaceAfter=6),
    "h2": style("h2", 11, True, spaceBefore=9, spaceAfter=4),
    "h3": style("h3", 10, True, spaceBefore=7, spaceAfter=3),
    "cell": style("cell", 8.2),
    "cell_r": style("cell_r", 8.2, alignment=TA_RIGHT),
    "cell_b": style("cell_b", 8.2, True),
    "cell_br": style("cell_br", 8.2, True, alignment=TA_RIGHT),
    "item": style("item", 11, True),
    "item_r": style("item_r", 9, alignment=TA_RIGHT),
    "grid": style("grid", 8.8),
    "grid_b": style("grid_b", 8.8, True),
}


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(lines: list[Line]) -> str:
    """Runs as reportlab mini-markup; soft line breaks as <br/>."""
    out = []
    for line in lines:
        parts = []
        for r in line:
            t = esc(r.text)
            if r.bold:
                t = f"<b>{t}</b>"
            if r.italic:
                t = f"<i>{t}</i>"
            parts.append(t)
        out.append("".join(parts))
    return "<br/>".join(out)


def numbered_canvas(draw: Callable[[Canvas, int], None]) -> type[Canvas]:
    """A canvas that calls ``draw(canvas, page count)`` on every page once the count is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, object]] = []

        def showPage(self) -> None:  # reportlab's name, hence not snake_case
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                draw(self, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def make_canvas(spec: Spec) -> type[Canvas]:
    """A canvas that draws the running header and footer once the page count is known."""

    class SeedCanvas(numbered_canvas(lambda canvas, total: canvas.furniture(total))):  # type: ignore[misc]
        def furniture(self, total: int) -> None:
            top = PAGE_H - 14 * mm
            self.setFont(FONT + "-Bold", 8.5)
            self.drawString(MARGIN_L, top, spec.org)
            self.setFont(FONT, 8.5)
            middle = f"{spec.doc_type} {spec.date}".strip()
            self.drawCentredString(MARGIN_L + FRAME_W * 0.62, top, middle)
            self.drawRightString(PAGE_W - MARGIN_R, top, f"Sida {self._pageNumber} av {total}")
            self.setLineWidth(0.6)
            self.line(MARGIN_L, top - 4, PAGE_W - MARGIN_R, top - 4)
            bottom = 16 * mm
            self.line(MARGIN_L, bottom + 10, PAGE_W - MARGIN_R, bottom + 10)
            self.setFont(FONT, 7.5)
            if spec.protokoll:
                self.drawString(MARGIN_L, bottom, "Justerandes signatur")
                self.rect(MARGIN_L + 80, bottom - 4, 60, 12, stroke=1, fill=0)
                self.drawRightString(PAGE_W - MARGIN_R - 66, bottom, "Utdragsbestyrkande")
                self.rect(PAGE_W - MARGIN_R - 60, bottom - 4, 60, 12, stroke=1, fill=0)
            else:
                self.drawString(MARGIN_L, bottom, f"{spec.org} · {spec.doc_type}")

    return SeedCanvas


def rl_table(data: list[list[object]], widths: list[float], commands: list[TableCommand]) -> RLTable:
    base = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    t = RLTable(data, colWidths=widths, hAlign="LEFT", repeatRows=0)
    t.setStyle(TableStyle(base + commands))
    return t


class TryckBuilder:
    """Turns blocks into platypus flowables."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec

    def flowables(self, blocks: list[Block]) -> list[Flowable]:
        out: list[Flowable] = []
        for b in blocks:
            out.extend(getattr(self, "f_" + type(b).__name__.lower())(b))
        return out

    def f_pagebreak(self, _: PageBreak) -> list[Flowable]:
        # A block that just filled its page must not leave an empty page behind.
        return [PageBreakIfNotEmpty()]

    def f_para(self, b: Para) -> list[Flowable]:
        st = STYLES.get(b.style, STYLES["body"])
        if b.style == "logo" and self.spec.logo_space_pt:
            st = ParagraphStyle("logo_low", parent=st, spaceBefore=self.spec.logo_space_pt * 0.85)
        lines = b.lines
        if b.style == "caption":
            lines = [[Run(r.text, r.bold, True) for r in ln] for ln in lines]
        return [Paragraph(markup(lines), st)]

    def f_heading(self, b: Heading) -> list[Flowable]:
        return [Paragraph(esc(b.text), STYLES[f"h{min(b.level, 3)}"])]

    def f_itemhead(self, b: ItemHead) -> list[Flowable]:
        """margin: "SFV § 17" in a left column beside the title; dnr_right: Dnr at the right."""
        if self.spec.tryck_items == "margin":
            row = [Paragraph(esc(b.number), STYLES["item"]), Paragraph(esc(b.title), STYLES["item"])]
            t = rl_table([row], [80, FRAME_W - 80], [("BOTTOMPADDING", (0, 0), (-1, -1), 8)])
            return [t]
        head = [Paragraph(esc(b.number), STYLES["item"]), Paragraph(esc(b.dnr or ""), STYLES["item_r"])]
        t = rl_table([head], [FRAME_W / 2, FRAME_W / 2], [("TOPPADDING", (0, 0), (-1, -1), 10)])
        title = Paragraph(esc(b.title), STYLES["strong"])
        return [KeepTogether([t, title])]

    def f_listitem(self, b: ListItem) -> list[Flowable]:
        indent = 14 + 14 * b.level
        bullet = {"check": "✓"}.get(b.marker, "–" if b.level else "•")
        st = ParagraphStyle(
            f"li{b.level}",
            parent=STYLES["body"],
            leftIndent=indent,
            bulletIndent=indent - 10,
            bulletFontName=FONT,  # the default Helvetica bullet extracts as (cid:127)
            spaceAfter=2,
        )
        return [Paragraph(markup(b.lines), st, bulletText=bullet)]

    def f_table(self, b: Table) -> list[Flowable]:
        ncols = max(len(r) for r in b.rows)
        rows = [r + [""] * (ncols - len(r)) for r in b.rows]
        # Without rules only the white space tells the columns apart: keep it generous.
        pad = 8 if self.spec.tryck_ruled else 14
        widths = table_widths(rows, FRAME_W, FONT, STYLES["cell"].fontSize, pad)
        figures = figure_columns(rows)
        data = []
        for ri, row in enumerate(rows):
            section = ri > 0 and is_section_row(row)
            strong = ri == 0 or is_sum_row(row) or (section and row[0].isupper())
            cells = []
            for ci, text in enumerate(row):
                key = "cell_" + ("b" if strong else "") + ("r" if figures[ci] else "")
                t = esc(text.strip())
                if section and not row[0].isupper():
                    t = f"<i>{t}</i>"  # a sub-group ("Individinsatser") in italics
                cells.append(Paragraph(t, STYLES[key.rstrip("_")]))
            data.append(cells)
        # Group rows ("ADMINISTRATIVA KOSTNADER") run across the whole table.
        cmds: list[TableCommand] = [
            ("SPAN", (0, ri), (-1, ri)) for ri, row in enumerate(rows) if ri > 0 and is_section_row(row)
        ]
        if self.spec.tryck_ruled:
            cmds += [
                ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#999999")),
            ]
        t = rl_table(data, widths, cmds)
        t.repeatRows = 1
        t.spaceAfter = 8  # unlike a Spacer, dropped at the foot of a page
        return [t]

    def f_grid(self, b: Grid) -> list[Flowable]:
        """Label | name | organisation/role: attendees in positioned columns, no commas between."""
        widths = [122, 158, 100, FRAME_W - 380]
        data: list[list[object]] = []
        spans: list[TableCommand] = []
        for g in b.rows:
            first = len(data)
            label = Paragraph(esc(g.label), STYLES["grid_b"])
            if g.span:
                data.append([label, "", "", ""])
                spans.append(("SPAN", (0, first), (-1, first)))
            elif g.people:
                for k, line in enumerate(g.lines):
                    lab = label if k == 0 else ""
                    if all(r.italic for r in line):
                        data.append([lab, Paragraph(markup([line]), STYLES["grid"]), "", ""])
                        spans.append(("SPAN", (1, len(data) - 1), (-1, len(data) - 1)))
                        continue
                    name, rest = split_person(plain(line))
                    data.append([lab, Paragraph(esc(name), STYLES["grid"]), Paragraph(esc(rest), STYLES["grid"]), ""])
                    spans.append(("SPAN", (2, len(data) - 1), (-1, len(data) - 1)))
            elif g.extra:
                value = Paragraph(markup(g.lines), STYLES["grid"])
                extra_label = Paragraph(esc(g.extra[0]), STYLES["grid_b"])
                data.append([label, value, extra_label, Paragraph(esc(g.extra[1]), STYLES["grid"])])
            else:
                data.append([label, Paragraph(markup(g.lines), STYLES["grid"]), "", ""])
                spans.append(("SPAN", (1, first), (-1, first)))
            spans.append(("TOPPADDING", (0, first), (-1, first), 4))
        t = rl_table(data, widths, spans)
        t.spaceAfter = 10
        return [t]

    def f_people(self, b: People) -> list[Flowable]:
        """The list as the minutes print it: one "Name, Organisation" per line."""
        lines = [[Run(e)] for e in b.entries]
        return [Paragraph(esc(b.label), STYLES["label"]), Paragraph(markup(lines), STYLES["body"])]

    def f_signatures(self, b: Signatures) -> list[Flowable]:
        data = []
        for k, s in enumerate(b.signers):
            stamp = f'<font size="7" color="#555555">DocuSigned by: {esc(s.stamp)}</font>'
            sig = f'{stamp}<br/><i><font size="13">{esc(s.name)}</font></i>'
            if s.envelope:
                sig += f'<br/><font size="7">{esc(s.envelope)}</font>'
            note = Paragraph(esc(b.note), STYLES["grid"]) if k == 0 else ""
            data.append([Paragraph(esc(s.role), STYLES["grid_b"]), Paragraph(sig, STYLES["grid"]), note])
        return [rl_table(data, [105, 250, FRAME_W - 355], [("BOTTOMPADDING", (0, 0), (-1, -1), 8)])]

    def f_index(self, b: Index) -> list[Flowable]:
        data = [[Paragraph(esc(n), STYLES["grid"]), Paragraph(esc(t), STYLES["grid"])] for n, t in b.entries]
        return [rl_table(data, [45, FRAME_W - 45], [])]

    def f_toc(self, b: Toc) -> list[Flowable]:
        data = []
        for text, page, level in b.entries:
            st = ParagraphStyle(f"toc{level}", parent=STYLES["body"], leftIndent=14 * level, spaceAfter=0)
            data.append([Paragraph(esc(text), st), Paragraph(esc(page), STYLES["cell_r"])])
        return [rl_table(data, [FRAME_W - 40, 40], [("BOTTOMPADDING", (0, 0), (-1, -1), 3)])]


def write_tryck(spec: Spec, blocks: list[Block], path: Path) -> None:
    doc = BaseDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=MARGIN_L,
        rightMargin=MARGIN_R,
        topMargin=24 * mm,
        bottomMargin=26 * mm,
        title=spec.doc_type,
        author=spec.org,
        invariant=1,  # no timestamps or random ids: re-runs give the same bytes
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(TryckBuilder(spec).flowables(blocks), canvasmaker=make_canvas(spec))


# ---------------------------------------------------------------------------------------


def main() -> None:
    register_fonts()
    docx_paths = []
    for spec in SPECS:
        blocks = build(spec)
        docx_path = HERE / f"{spec.stem}__kommun.docx"
        write_docx(spec, blocks, docx_path)
        docx_paths.append(docx_path)
        write_tryck(spec, blocks, HERE / f"{spec.stem}__tryck.pdf")
    docx_to_pdf(docx_paths, HERE)
    for p in sorted(HERE.glob("*__*.*")):
        print(f"{p.name}  {p.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
