"""The content of a document apart from its layout, for the layout-invariance test.

A document is a list of blocks (the block model of samples/render.py: paragraphs, headings, item
heads, list items, tables, label/value grids, attendee lists, signatures, page breaks) with the
text its running header repeats. The five seeds come from samples/render.py's own description of
them; every file of ../shared/gold-real from a source text in tests/layouts/sources/, written
from the document's text (pdftotext, the DOCX's paragraphs, OCR for a scan) with the page
furniture left out and the OCR's damage mended.

Source text, one block a line (a blank line ends a list of people or a table):

    @running Långasands Byalag | PROTOKOLL | 2023-07-25   the running header's text
    @protokoll                                           the document is minutes to be justerade
    @title TEXT / @subtitle TEXT / @meta TEXT / @label TEXT / @strong TEXT / @small TEXT
    @field LABEL | VALUE LINE | VALUE LINE ...           a row of the front page's label/value grid
    @people LABEL                                        an attendee list: the lines below, one each
    @item NUMBER | TITLE [| dnr: DNR] [| tail: TEXT]     an item's head ("§ 12", "3.", "" unnumbered)
    @heading LEVEL TEXT                                  a heading of a report
    @table [noheader]                                    the lines below: cells parted by " | "
    @sign ROLE | NAME                                    a signature (consecutive ones form a block)
    @page                                                a page break of the original
    - TEXT / -- TEXT / --- TEXT                          a bullet, a bullet one or two levels in
    + TEXT / ++ TEXT / +++ TEXT                          a point that prints its own marker ("a) ...")
    TEXT                                                 a paragraph of body text
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent.parent
SHARED = ROOT.parent / "shared"
SOURCES = Path(__file__).resolve().parent / "sources"


def load_module(name: str, path: Path) -> ModuleType:
    """A module from a file outside the packages (samples/render.py, ../shared/eval/score.py)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the class is made
        spec.loader.exec_module(module)
    return sys.modules[name]


# samples/render.py, the seeds' renderer, whose block model the layouts draw.
blocks = load_module("samples_render", ROOT / "samples" / "render.py")
Para, Heading, ItemHead, ListItem = blocks.Para, blocks.Heading, blocks.ItemHead, blocks.ListItem
Table, Grid, GridRow, People = blocks.Table, blocks.Grid, blocks.GridRow, blocks.People
Signatures, Signer, PageBreak, Run = blocks.Signatures, blocks.Signer, blocks.PageBreak, blocks.Run


@dataclass
class ItemTail(ItemHead):  # type: ignore[misc, valid-type]
    """An item head with text in regular type after the title on its line ("(Ulrika, Digg)")."""

    tail: str = ""


@dataclass
class SourceTable(Table):  # type: ignore[misc, valid-type]
    """A table whose first row may be data, not a header ("@table noheader")."""

    header: bool = True


# "- " a bullet, "-- " one level in; "+ " a point that prints its own marker ("1.", "a)"), "++ " one in.
LIST_MARKERS = {"-": "bullet", "--": "bullet", "---": "bullet", "+": "own", "++": "own", "+++": "own"}


@dataclass
class Content:
    """One document's content: what every layout renders."""

    stem: str
    gold: Path
    blocks: list[object]
    running: list[str] = field(default_factory=list)  # the running header's parts
    protokoll: bool = False


def seed_documents() -> list[Content]:
    """The five seeds as samples/render.py describes them."""
    out = []
    for spec in blocks.SPECS:
        running = [part for part in (spec.org, spec.doc_type, spec.date) if part]
        out.append(Content(spec.stem, SHARED / "gold" / f"{spec.stem}.json", blocks.build(spec), running,
                           spec.protokoll))
    return out


def source_documents() -> list[Content]:
    """Every file of ../shared/gold-real, from its source text."""
    return [parse(path.read_text(encoding="utf-8"), path.stem, SHARED / "gold-real" / f"{path.stem}.json")
            for path in sorted(SOURCES.glob("*.txt"))]


def parse(text: str, stem: str, gold: Path) -> Content:
    content = Content(stem, gold, [])
    out = content.blocks
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        i += 1
        if not line.strip():
            continue
        directive, _, rest = line.partition(" ") if line.startswith("@") else ("", "", line)
        rest = rest.strip()
        if directive == "@running":
            content.running = [p.strip() for p in rest.split("|")]
        elif directive == "@protokoll":
            content.protokoll = True
        elif directive in ("@title", "@subtitle", "@meta", "@label", "@strong", "@small"):
            out.append(Para([[Run(rest)]], directive[1:]))
        elif directive == "@field":
            label, *values = [p.strip() for p in rest.split("|")]
            row = GridRow(label, [[Run(v)] for v in values if v])
            if out and isinstance(out[-1], Grid):
                out[-1].rows.append(row)
            else:
                out.append(Grid([row]))
        elif directive == "@people":
            entries, i = _until_blank(lines, i)
            out.append(People(rest, entries))
        elif directive == "@item":
            out.append(_item(rest))
        elif directive == "@heading":
            level, _, title = rest.partition(" ")
            out.append(Heading(title.strip(), int(level)))
        elif directive == "@table":
            rows, i = _until_blank(lines, i)
            out.append(SourceTable([[c.strip() for c in row.split("|")] for row in rows], header=rest != "noheader"))
        elif directive == "@sign":
            role, _, name = rest.partition("|")
            signer = Signer(role.strip(), name.strip(), "")
            if out and isinstance(out[-1], Signatures):
                out[-1].signers.append(signer)
            else:
                out.append(Signatures([signer], ""))
        elif directive == "@page":
            out.append(PageBreak())
        elif directive:
            raise ValueError(f"{stem}: unknown directive {directive}")
        elif (marker := line.split(" ", 1)[0]) in LIST_MARKERS:
            out.append(ListItem([[Run(line[len(marker):].strip())]], len(marker) - 1, LIST_MARKERS[marker]))
        else:
            out.append(Para([[Run(line.strip())]]))
    return content


def _item(rest: str) -> object:
    number, title, *more = [p.strip() for p in rest.split("|")] + [""]
    extra = dict(p.split(":", 1) for p in more if ":" in p)
    return ItemTail(number, title, (extra.get("dnr") or "").strip() or None, (extra.get("tail") or "").strip())


def _until_blank(lines: list[str], i: int) -> tuple[list[str], int]:
    found = []
    while i < len(lines) and lines[i].strip() and not lines[i].startswith("@"):
        found.append(lines[i].strip())
        i += 1
    return found, i
