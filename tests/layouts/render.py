"""Four templates for the same content (tests/layouts/source.py), for the layout-invariance test:

- municipal: a reportlab PDF as a municipality prints minutes: the front matter (place and time,
  attendee groups, signatures) in a two-column label | value block, "§ N" in a margin column
  beside each title, "Sida N (M)" and "Justerandes signatur | Utdragsbestyrkande" on every page;
- association: a plain DOCX as an association writes it in Word: "Label: value" lines, headings
  for items, Word's list and table styles, the page number in the footer;
- print: a reportlab PDF in a serif font with wide margins, a running header over a rule and a
  centred page footer, attendees stacked under their label, tables without rules, signatures side
  by side;
- stamped: the print layout with an e-signature service's vertical stamp in the left margin.

Each writes one file; nothing but python-docx and reportlab is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, TableStyle
from reportlab.platypus import Table as RLTable
from reportlab.platypus.flowables import Flowable, PageBreakIfNotEmpty

from tests.layouts.source import (
    Content,
    Grid,
    GridRow,
    Heading,
    ItemHead,
    ListItem,
    PageBreak,
    Para,
    People,
    Signatures,
    Table,
    blocks,
)

PAGE_W, PAGE_H = A4
FONTS = {
    "LiberationSans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "LiberationSans-Bold": "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
    "LiberationSans-Italic": "/usr/share/fonts/truetype/liberation2/LiberationSans-Italic.ttf",
    "DejaVuSerif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "DejaVuSerif-Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    "DejaVuSerif-Italic": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
}
TITLE_STYLES = ("title", "subtitle", "meta", "logo", "address")


def register_fonts() -> None:
    for name, file in FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, file))
    for family in ("LiberationSans", "DejaVuSerif"):
        pdfmetrics.registerFontFamily(family, normal=family, bold=f"{family}-Bold", italic=f"{family}-Italic",
                                      boldItalic=f"{family}-Bold")


def plain(lines: list[list[object]]) -> str:
    return " ".join("".join(r.text for r in line) for line in lines).strip()


def item_number_and_title(head: ItemHead) -> tuple[str, str, str]:
    return head.number, head.title, getattr(head, "tail", "")


FIGURE = re.compile(r"[-−+]?\s?\d[\d\s.,]*(?:\s?kr)?")


def figure_columns(rows: list[list[str]]) -> list[bool]:
    """Columns of figures below the header (set flush right); the first column never is one."""
    body = [r for r in rows[1:] if not blocks.is_section_row(r)]
    return [c > 0 and all(FIGURE.fullmatch(r[c].strip()) or not r[c].strip() for r in body)
            for c in range(len(rows[0]))]


def front_end(content: Content) -> int:
    """Where the front matter ends: the first item head or heading."""
    return next((k for k, b in enumerate(content.blocks)
                 if isinstance(b, ItemHead | Heading) or (isinstance(b, Para) and b.style == "strong")),
                len(content.blocks))


# ---------------------------------------------------------------------------------------
# reportlab: the municipal, print and stamped templates.
# ---------------------------------------------------------------------------------------


esc, markup = blocks.esc, blocks.markup  # reportlab mini-markup of runs, as the seeds' renderer writes it


class Look:
    """A reportlab template: fonts, sizes, margins and what it prints on every page."""

    def __init__(self, font: str, size: float, left: float, right: float, top: float, bottom: float) -> None:
        self.font, self.size = font, size
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.width = PAGE_W - left - right

    def style(self, name: str, size: float | None = None, bold: bool = False, **kw: object) -> ParagraphStyle:
        size = size or self.size
        return ParagraphStyle(name, fontName=self.font + ("-Bold" if bold else ""), fontSize=size,
                              leading=size * 1.3, **kw)


def rl_table(data: list[list[object]], widths: list[float], commands: list[tuple[object, ...]]) -> RLTable:
    base = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    t = RLTable(data, colWidths=widths, hAlign="LEFT")
    t.setStyle(TableStyle(base + commands))
    return t


class Flow:
    """Blocks to flowables; the templates differ in the methods they override."""

    def __init__(self, look: Look) -> None:
        self.look = look
        self.body = look.style("body", spaceAfter=5)
        self.bold = look.style("bold", bold=True, spaceBefore=4, spaceAfter=3)
        self.small = look.style("small", look.size - 1.5, spaceAfter=3)
        self.cell = look.style("cell", look.size - 2)
        self.cell_b = look.style("cell_b", look.size - 2, True)
        self.cell_r = look.style("cell_r", look.size - 2, alignment=TA_RIGHT)
        self.titles = {"title": look.style("title", look.size + 7, True, spaceAfter=8),
                       "subtitle": look.style("subtitle", look.size + 3, True, spaceAfter=6),
                       "logo": look.style("logo", look.size + 4, True, spaceAfter=6)}

    def flowables(self, content: Content) -> list[Flowable]:
        out: list[Flowable] = []
        for block in content.blocks:
            out.extend(self.block(block))
        return out

    def block(self, b: object) -> list[Flowable]:
        kinds = [(ItemHead, self.f_itemhead), (Table, self.f_table), (Para, self.f_para), (Heading, self.f_heading),
                 (ListItem, self.f_listitem), (Grid, self.f_grid), (People, self.f_people),
                 (Signatures, self.f_signatures), (PageBreak, self.f_pagebreak)]
        handler = next((h for kind, h in kinds if isinstance(b, kind)), None) or getattr(
            self, "f_" + type(b).__name__.lower(), self.f_unknown)
        return handler(b)

    def f_unknown(self, b: object) -> list[Flowable]:
        raise TypeError(f"no layout for {type(b).__name__}")

    def f_pagebreak(self, _: PageBreak) -> list[Flowable]:
        return [PageBreakIfNotEmpty()]

    def f_para(self, b: Para) -> list[Flowable]:
        if b.style in self.titles:
            return [Paragraph(markup(b.lines), self.titles[b.style])]
        if b.style in ("label", "strong"):
            return [Paragraph(esc(plain(b.lines)), self.bold)]
        if b.style in ("small", "caption"):
            return [Paragraph(markup(b.lines), self.small)]
        if b.style == "quote":
            return [Paragraph(markup(b.lines), self.look.style("quote", leftIndent=18, spaceAfter=5))]
        return [Paragraph(markup(b.lines), self.body)]

    def f_heading(self, b: Heading) -> list[Flowable]:
        size = self.look.size + max(0, 4 - b.level)
        return [Paragraph(esc(b.text), self.look.style(f"h{b.level}", size, True, spaceBefore=10, spaceAfter=4))]

    def f_itemhead(self, b: ItemHead) -> list[Flowable]:
        number, title, tail = item_number_and_title(b)
        text = f"<b>{esc(number)}  {esc(title)}</b>" + (f" {esc(tail)}" if tail else "")
        out: list[Flowable] = [Paragraph(text, self.look.style("item", self.look.size + 1, spaceBefore=10,
                                                                spaceAfter=3))]
        if b.dnr:
            out.append(Paragraph(f"<i>{esc(b.dnr)}</i>", self.small))
        return out

    def f_listitem(self, b: ListItem) -> list[Flowable]:
        indent = 16 + 14 * b.level
        style = self.look.style(f"li{b.level}", leftIndent=indent, bulletIndent=indent - 10,
                                bulletFontName=self.look.font, spaceAfter=2)
        if b.marker == "own":  # the point's own "a)" or "1." is in its text
            return [Paragraph(markup(b.lines), self.look.style(f"own{b.level}", leftIndent=indent, spaceAfter=2))]
        return [Paragraph(markup(b.lines), style, bulletText="–" if b.level else "•")]

    def f_table(self, b: Table, ruled: bool = False) -> list[Flowable]:
        ncols = max(len(r) for r in b.rows)
        rows = [r + [""] * (ncols - len(r)) for r in b.rows]
        figures = figure_columns(rows)
        widths = blocks.table_widths(rows, self.look.width, self.look.font, self.cell.fontSize, 24)
        header = getattr(b, "header", True)
        data = [[Paragraph(esc(c), self.cell_r if figures[j] else (self.cell_b if i == 0 and header else self.cell))
                 for j, c in enumerate(row)] for i, row in enumerate(rows)]
        # Group rows ("INTÄKTER") run across the whole table.
        commands: list[tuple[object, ...]] = [("SPAN", (0, i), (-1, i)) for i, row in enumerate(rows)
                                              if i > 0 and blocks.is_section_row(row)]
        if ruled:
            commands += [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("LEFTPADDING", (0, 0), (-1, -1), 3)]
        t = rl_table(data, widths, commands)
        t.spaceAfter = 8
        return [t]

    def f_grid(self, b: Grid) -> list[Flowable]:
        out: list[Flowable] = []
        for row in b.rows:
            out.extend(self.labelled(row.label, [plain([ln]) for ln in row.lines]))
            if row.extra:
                out.extend(self.labelled(row.extra[0], [row.extra[1]]))
        return out

    def f_people(self, b: People) -> list[Flowable]:
        return self.labelled(b.label, b.entries)

    def labelled(self, label: str, values: list[str]) -> list[Flowable]:
        """The print template: the label on its own line, the values stacked under it."""
        out: list[Flowable] = [Paragraph(esc(label), self.bold)]
        style = self.look.style("value", leftIndent=16, spaceAfter=1)
        out.extend(Paragraph(esc(v), style) for v in values)
        return out

    def f_signatures(self, b: Signatures) -> list[Flowable]:
        """Side by side: the role over the name, a column each."""
        signers = b.signers
        width = self.look.width / max(1, len(signers))
        data = [[Paragraph(esc(s.role), self.cell_b) for s in signers],
                [Paragraph("", self.cell) for _ in signers],
                [Paragraph(esc(s.name), self.cell) for s in signers]]
        t = rl_table(data, [width] * len(signers), [("TOPPADDING", (0, 1), (-1, 1), 18)])
        t.spaceBefore = 12
        return [KeepTogether([t])]

    def f_index(self, b: object) -> list[Flowable]:
        data = [[Paragraph(esc(n), self.cell), Paragraph(esc(t), self.cell)] for n, t in b.entries]
        return [rl_table(data, [50, self.look.width - 50], [])]

    def f_toc(self, b: object) -> list[Flowable]:
        data = [[Paragraph(esc(text), self.look.style(f"toc{level}", leftIndent=12 * level)),
                 Paragraph(esc(page), self.cell_r)] for text, page, level in b.entries]
        return [rl_table(data, [self.look.width - 40, 40], [])]


class MunicipalFlow(Flow):
    """Front matter in one two-column label | value block, signatures under "Underskrifter";
    "§ N" in a margin column beside the title; ruled tables."""

    LABEL_W = 42 * mm

    def flowables(self, content: Content) -> list[Flowable]:
        end = front_end(content)
        front, body = content.blocks[:end], content.blocks[end:]
        rows: list[tuple[str, list[str]]] = []
        rest: list[object] = []
        for b in front:
            if isinstance(b, Grid):
                for row in b.rows:
                    rows.extend(self.grid_rows(row))
            elif isinstance(b, People):
                rows.append((b.label, list(b.entries)))
            elif isinstance(b, Signatures):
                rows.extend(self.signature_rows(b))
            elif not isinstance(b, PageBreak):
                rest.append(b)
        signatures = [b for b in body if isinstance(b, Signatures)]
        for b in signatures:
            rows.extend(self.signature_rows(b))
        titles = [b for b in rest if isinstance(b, Para) and b.style in TITLE_STYLES]
        out: list[Flowable] = []
        for b in titles:
            out.extend(self.block(b))
        if rows:
            out.append(self.front_block(rows))
        for b in rest:
            if b not in titles:
                out.extend(self.block(b))
        out.append(PageBreakIfNotEmpty())
        for b in body:
            if b not in signatures:
                out.extend(self.block(b))
        return out

    def grid_rows(self, row: GridRow) -> list[tuple[str, list[str]]]:
        rows = [(row.label, [plain([ln]) for ln in row.lines])]
        if row.extra:
            rows.append((row.extra[0], [row.extra[1]]))
        return rows

    def signature_rows(self, b: Signatures) -> list[tuple[str, list[str]]]:
        rows = []
        for k, s in enumerate(b.signers):
            rows.append(("Underskrifter" if k == 0 else "", [s.role, "", s.name]))
        return rows

    def front_block(self, rows: list[tuple[str, list[str]]]) -> RLTable:
        data = [[Paragraph(esc(label), self.cell_b), Paragraph("<br/>".join(esc(v) for v in values), self.cell)]
                for label, values in rows]
        commands: list[tuple[object, ...]] = [("TOPPADDING", (0, k), (-1, k), 7) for k, (lb, _) in enumerate(rows)
                                              if lb]
        t = rl_table(data, [self.LABEL_W, self.look.width - self.LABEL_W], commands)
        t.spaceAfter = 12
        return t

    def f_itemhead(self, b: ItemHead) -> list[Flowable]:
        number, title, tail = item_number_and_title(b)
        text = f"<b>{esc(title)}</b>" + (f" {esc(tail)}" if tail else "")
        cell = [Paragraph(text, self.look.style("it", self.look.size + 1))]
        if b.dnr:
            cell.append(Paragraph(esc(b.dnr), self.small))
        t = rl_table([[Paragraph(f"<b>{esc(number)}</b>", self.look.style("in", self.look.size + 1)), cell]],
                     [self.LABEL_W, self.look.width - self.LABEL_W], [("TOPPADDING", (0, 0), (-1, -1), 12)])
        t.spaceAfter = 4
        return [t]

    def f_table(self, b: Table, ruled: bool = True) -> list[Flowable]:
        return super().f_table(b, ruled=True)


def numbered_canvas(draw: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that draws each page's furniture (page number, page count) once the count is known."""
    return blocks.numbered_canvas(lambda canvas, total: draw(canvas, canvas.getPageNumber(), total))


def build_pdf(path: Path, look: Look, flow: Flow, content: Content, draw: Callable[[Canvas, int, int], None]) -> None:
    register_fonts()
    doc = BaseDocTemplate(str(path), pagesize=A4, leftMargin=look.left, rightMargin=look.right,
                          topMargin=look.top, bottomMargin=look.bottom, invariant=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body", leftPadding=0, rightPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(flow.flowables(content), canvasmaker=numbered_canvas(draw))


def render_municipal(content: Content, path: Path) -> None:
    look = Look("LiberationSans", 10, 25 * mm, 20 * mm, 32 * mm, 28 * mm)

    def draw(canvas: Canvas, page: int, total: int) -> None:
        top = PAGE_H - 15 * mm
        parts = content.running or [""]
        canvas.setFont("LiberationSans-Bold", 9)
        canvas.drawString(look.left, top, parts[0])
        canvas.setFont("LiberationSans", 9)
        canvas.drawString(look.left, top - 11, " ".join(parts[1:]))
        canvas.drawRightString(PAGE_W - look.right, top, f"Sida {page} ({total})")
        if content.protokoll:
            bottom = 14 * mm
            canvas.setFont("LiberationSans", 7.5)
            canvas.drawString(look.left, bottom + 14, "Justerandes signatur")
            canvas.rect(look.left, bottom - 2, 70, 13)
            canvas.drawRightString(PAGE_W - look.right, bottom + 14, "Utdragsbestyrkande")
            canvas.rect(PAGE_W - look.right - 70, bottom - 2, 70, 13)

    build_pdf(path, look, MunicipalFlow(look), content, draw)


PRINT_LOOK = Look("DejaVuSerif", 10.5, 32 * mm, 24 * mm, 30 * mm, 24 * mm)


def print_furniture(content: Content) -> Callable[[Canvas, int, int], None]:
    look = PRINT_LOOK

    def draw(canvas: Canvas, page: int, total: int) -> None:
        top = PAGE_H - 16 * mm
        canvas.setFont("DejaVuSerif-Italic", 8.5)
        canvas.drawCentredString(look.left + look.width / 2, top, " – ".join(p for p in content.running if p))
        canvas.setLineWidth(0.4)
        canvas.line(look.left, top - 4, PAGE_W - look.right, top - 4)
        canvas.setFont("DejaVuSerif", 8.5)
        canvas.drawCentredString(look.left + look.width / 2, 12 * mm, f"Sida {page} av {total}")

    return draw


def render_print(content: Content, path: Path) -> None:
    build_pdf(path, PRINT_LOOK, Flow(PRINT_LOOK), content, print_furniture(content))


# The stamp an e-signature service prints up the left margin of every page.
STAMP = "Verifikat 5F3A9C21-7B44-4E1D · Dokumentet är elektroniskt undertecknat · Signerat med BankID"


def render_stamped(content: Content, path: Path) -> None:
    furniture = print_furniture(content)

    def draw(canvas: Canvas, page: int, total: int) -> None:
        furniture(canvas, page, total)
        canvas.saveState()
        canvas.translate(14 * mm, 40 * mm)
        canvas.rotate(90)
        canvas.setFont("LiberationSans", 7)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(0, 0, f"{STAMP} · Sida {page}/{total}")
        canvas.restoreState()

    build_pdf(path, PRINT_LOOK, Flow(PRINT_LOOK), content, draw)


# ---------------------------------------------------------------------------------------
# python-docx: the association template.
# ---------------------------------------------------------------------------------------


def add_page_field(paragraph: object) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text.startswith(" ") else "w:t")
            element.text = text
        run._r.append(element)


class AssociationWriter:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.doc = Document()
        self.doc.styles["Normal"].font.size = Pt(11)
        section = self.doc.sections[0]
        if content.running:
            section.header.paragraphs[0].text = "  ".join(p for p in content.running if p)
        footer = section.footer.paragraphs[0]
        footer.add_run("Sida ")
        add_page_field(footer)
        self.break_pending = False

    def paragraph(self, text: str = "", style: str | None = None) -> object:
        p = self.doc.add_paragraph(style=style)
        if self.break_pending:
            p.add_run().add_break(WD_BREAK.PAGE)
            self.break_pending = False
        if text:
            p.add_run(text)
        return p

    def write(self, path: Path) -> None:
        for b in self.content.blocks:
            self.block(b)
        self.doc.save(str(path))

    def block(self, b: object) -> None:
        if isinstance(b, PageBreak):
            self.break_pending = True
        elif isinstance(b, Para):
            self.para(b)
        elif isinstance(b, Heading):
            self.paragraph(b.text, f"Heading {min(b.level, 3)}")
        elif isinstance(b, ItemHead):
            number, title, tail = item_number_and_title(b)
            p = self.paragraph(f"{number} {title}".strip(), "Heading 2")
            if tail:
                run = p.add_run(f" {tail}")
                run.bold = False
            if b.dnr:
                self.paragraph(b.dnr)
        elif isinstance(b, ListItem) and b.marker == "own":
            p = self.paragraph(plain(b.lines))
            p.paragraph_format.left_indent = Pt(18 * (b.level + 1))
        elif isinstance(b, ListItem):
            self.paragraph(plain(b.lines), "List Bullet 2" if b.level else "List Bullet")
        elif isinstance(b, Table):
            self.table(b)
        elif isinstance(b, Grid):
            for row in b.rows:
                self.labelled(row.label, [plain([ln]) for ln in row.lines])
                if row.extra:
                    self.labelled(row.extra[0], [row.extra[1]])
        elif isinstance(b, People):
            self.labelled(b.label, b.entries, stacked=True)
        elif isinstance(b, Signatures):
            for s in b.signers:
                self.paragraph(s.role)
                self.paragraph("")
                self.paragraph(s.name)
        elif type(b).__name__ == "Index":
            for number, title in b.entries:
                self.paragraph(f"{number}\t{title}")
        elif type(b).__name__ == "Toc":
            for text, page, _level in b.entries:
                self.paragraph(f"{text}\t{page}")
        else:
            raise TypeError(f"no layout for {type(b).__name__}")

    def para(self, b: Para) -> None:
        text = plain(b.lines)
        if b.style == "title":
            self.paragraph(text, "Title")
        elif b.style in ("subtitle", "logo"):
            self.paragraph(text, "Subtitle")
        elif b.style in ("label", "strong"):
            self.paragraph().add_run(text).bold = True
        else:
            self.paragraph(text)

    def labelled(self, label: str, values: list[str], stacked: bool = False) -> None:
        """ "Label: value" on one line; a list of people under its label, one a line."""
        if len(values) == 1 and not stacked:
            p = self.paragraph()
            p.add_run(f"{label}:").bold = True
            p.add_run(f" {values[0]}")
            return
        self.paragraph().add_run(f"{label}:").bold = True
        for value in values:
            self.paragraph(value)

    def table(self, b: Table) -> None:
        ncols = max(len(r) for r in b.rows)
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = "Table Grid"
        for k, row in enumerate(b.rows):
            cells = table.add_row().cells
            for j, text in enumerate(row):
                cells[j].text = text
                if k == 0 and getattr(b, "header", True):
                    for run in cells[j].paragraphs[0].runs:
                        run.bold = True


def render_association(content: Content, path: Path) -> None:
    AssociationWriter(content).write(path)


LAYOUTS: dict[str, tuple[str, Callable[[Content, Path], None]]] = {
    "municipal": (".pdf", render_municipal),
    "association": (".docx", render_association),
    "print": (".pdf", render_print),
    "stamped": (".pdf", render_stamped),
}


def render(content: Content, layout: str, folder: Path) -> Path:
    suffix, renderer = LAYOUTS[layout]
    path = folder / f"{content.stem}__{layout}{suffix}"
    renderer(content, path)
    return path
