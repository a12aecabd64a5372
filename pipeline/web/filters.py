"""What the templates print with: highlighted snippets, kronor, Swedish kind names, addresses."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from markupsafe import Markup, escape

from pipeline.search.analysis import HIGHLIGHT_CLOSE, HIGHLIGHT_OPEN
from pipeline.store.browse import DECISION_KIND_LABELS, paragraph
from pipeline.web.views import case_url, decision_url, file_url, item_anchor, meeting_url, person_url, sitting_url

MARKED = re.compile(re.escape(str(escape(HIGHLIGHT_OPEN))) + r"(.*?)" + re.escape(str(escape(HIGHLIGHT_CLOSE))))
GROUP_LABELS = {"beslutande": "Beslutande", "ersättare": "Ersättare", "närvarande": "Närvarande",
                "övriga": "Övriga närvarande", "frånvarande": "Frånvarande"}
FACET_LABELS = {"organisation": "Organisation", "body": "Organ", "year": "År", "decision_kind": "Beslutstyp",
                "kind": "Dokumenttyp"}


# PDF text keeps the Symbol and Wingdings fonts' private-use bullets, which no page font has
# a glyph for; on the page they are the bullets they stand for (the stored text is left as read).
SYMBOL_FONT_BULLETS = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖"})


def printable(value: object) -> object:
    """Every printed value, with the symbol fonts' bullets made visible (Jinja's ``finalize``)."""
    return value.translate(SYMBOL_FONT_BULLETS) if isinstance(value, str) else value


def highlight(snippet: str) -> Markup:
    """The store's «marked» words as <mark>, everything else escaped."""
    return Markup(MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def kronor(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"


def decision_kind(kind: str | None) -> str:
    return DECISION_KIND_LABELS.get(kind or "", "text")


def day(value: date | str | None) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "odaterat")


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def dnr(value: str) -> str:
    """A diarienummer under its label: "Dnr KS 2024/123"; one written with its label already
    ("Dnr 2024.123", "Dnr: 12/2024") is shown as written, not labelled twice."""
    return value if re.match(r"(?i)dnr\b", value.strip()) else f"Dnr {value}"


FILTERS: dict[str, Callable[..., object]] = {
    "highlight": highlight, "kronor": kronor, "decision_kind": decision_kind, "day": day,
    "paragraph": paragraph, "dnr": dnr,
}
GLOBALS: dict[str, object] = {
    "meeting_url": meeting_url, "decision_url": decision_url, "file_url": file_url, "person_url": person_url,
    "sitting_url": sitting_url, "case_url": case_url, "item_anchor": item_anchor,
    "plural": plural, "GROUP_LABELS": GROUP_LABELS, "FACET_LABELS": FACET_LABELS,
    "DECISION_KINDS": DECISION_KIND_LABELS,
}
