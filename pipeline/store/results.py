"""What the store is asked and what it answers: search requests, hits, load outcomes, people."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Literal

LoadStatus = Literal["loaded", "replaced", "unchanged", "kept"]
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
    """One decision or one item's running text that matched; the JSON contract's fields."""

    source: str
    sha256: str
    item_number: int | None
    item_title: str
    page: int
    decision_kind: str | None
    snippet: str
    score: float

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def to_json(self, with_facets: bool = False) -> dict[str, object]:
        out: dict[str, object] = {"total": self.total, "hits": [h.to_json() for h in self.hits]}
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
