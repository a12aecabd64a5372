"""What the store is asked and what it answers: search requests, hits, load outcomes, people."""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

LoadStatus = Literal["loaded", "replaced", "unchanged", "kept"]
DAY = re.compile(r"\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\s*")
AMOUNT = re.compile(r"^\s*(-?\d[\d\s]*(?:[.,]\d+)?)\s*(kr|sek|tkr|t|k|mkr|mnkr|milj|miljoner|m)?\.?\s*$",
                    re.IGNORECASE)
UNIT_FACTOR = {"": 1, "kr": 1, "sek": 1, "tkr": 1000, "t": 1000, "k": 1000,
               "mkr": 1_000_000, "mnkr": 1_000_000, "milj": 1_000_000, "miljoner": 1_000_000, "m": 1_000_000}


def day_bound(text: str, first: bool) -> date:
    """A date filter as people write it: YYYY, YYYY-MM or YYYY-MM-DD, as the first (or last)
    day it names. ValueError when it is none of those."""
    match = DAY.fullmatch(text)
    if not match:
        raise ValueError(text)
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return date(year, 1, 1) if first else date(year, 12, 31)
    if day is None:
        return date(year, int(month), 1 if first else calendar.monthrange(year, int(month))[1])
    return date(year, int(month), int(day))


def kronor_amount(text: str) -> int:
    """An amount filter in kronor from "50000", "50 000", "50 tkr", "1,5 mkr". ValueError otherwise."""
    match = AMOUNT.match(text.replace("\u00a0", " "))
    if not match:
        raise ValueError(text)
    number = float(re.sub(r"\s", "", match.group(1)).replace(",", "."))
    return round(number * UNIT_FACTOR[(match.group(2) or "").lower()])
FACETS = ("organisation", "body", "year", "decision_kind")


@dataclass(frozen=True)
class LoadOutcome:
    """What loading one record did: a new document, a newer extraction replacing an older one,
    the same extraction again (nothing to do), or an older extraction the store keeps its newer one over."""

    status: LoadStatus
    source: str
    sha256: str
    stored_source: str | None = None  # the name the store holds the file under, when it already had it
    units: int = 0


@dataclass(frozen=True)
class SearchRequest:
    text: str
    organisation: str | None = None
    body: str | None = None
    kinds: tuple[str, ...] = ()  # document kinds
    date_from: date | None = None
    date_to: date | None = None
    decision_kinds: tuple[str, ...] = ()
    decisions_only: bool = False
    person: str | None = None
    min_amount: int | None = None
    max_amount: int | None = None
    limit: int = 20
    offset: int = 0
    facets: bool = False


@dataclass(frozen=True)
class Hit:
    """One agenda item that holds every word of the query; the JSON contract's fields.

    ``matched`` says where the words were found ("title", "decision", "text"); the decision
    quoted (``decision_id``, its 1-based place ``decision`` in the item and its kind) is the one
    holding most of them, when one holds as many as the running text; ``decisions`` lists every
    decision of the item that holds query words (all of them when only the title does). ``page``
    is the quoted decision's page, else the item's first page."""

    source: str
    sha256: str
    item_id: int
    item: int  # 1-based place of the item in its record
    item_number: int | None
    item_title: str
    decision_id: int | None
    decision: int | None  # 1-based place of the quoted decision in its item
    decision_kind: str | None
    decisions: tuple[int, ...]
    matched: tuple[str, ...]
    page: int
    snippet: str
    score: float

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    corrected: str | None = None  # the query as searched, when words that found nothing were read as near ones

    @property
    def notice(self) -> str | None:
        """What the page says when it searched for near spellings instead."""
        return f"Visar resultat för «{self.corrected}»" if self.corrected else None

    def to_json(self, with_facets: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"total": self.total, "hits": [h.to_json() for h in self.hits],
                                  "corrected": self.corrected, "notice": self.notice}
        if with_facets:
            out["facets"] = {name: [{"value": v, "count": c} for v, c in values]
                             for name, values in self.facets.items()}
        return out


@dataclass(frozen=True)
class Attendance:
    """One meeting a person is listed at, with the documents (renderings) that record it."""

    date: str | None
    organisation: str | None
    body: str | None
    kind: str
    group: str
    role: str | None
    represents: str | None
    present_for: str | None
    sources: tuple[str, ...]


@dataclass
class PersonReport:
    name: str
    key: str
    spellings: list[str]
    attended: list[Attendance]
    absent: list[Attendance]
    decisions: list[Hit]  # decisions whose text names the person
    mentions: list[Hit]  # items whose running text names the person

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "key": self.key,
            "spellings": self.spellings,
            "attended": [asdict(a) for a in self.attended],
            "absent": [asdict(a) for a in self.absent],
            "decisions": [h.to_json() for h in self.decisions],
            "mentions": [h.to_json() for h in self.mentions],
        }
