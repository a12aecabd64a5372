"""Meetings: every file that records one meeting is one of its renderings.

A meeting is its organisation, body and date, and its session (start time or number) where one
body met twice on a day. Files of a meeting are told apart from files of two meetings by what
they hold: renderings of one meeting share §§, two meetings of a day number theirs apart. A
file that leaves out the organisation joins the one meeting of that body and day that names it.

The text shown is the primary rendering's: the newest extractor's, else the most complete (an
utdrag is never primary). An utdrag adds its §§; a § one full rendering has and another lacks
is a disagreement, shown as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from extractors.text import fold
from pipeline.archive.keys import slug
from pipeline.store.archive import (
    DocumentFacts,
    facts_by_sha256,
    facts_filtered,
    facts_of_groups,
    facts_on_days,
    item_numbers,
    undated_documents,
)
from pipeline.store.base import Store
from pipeline.store.browse import (
    AttendeeRow,
    DecisionEntry,
    DecisionKey,
    DecisionRow,
    ItemOutline,
    RecordCache,
    item_outlines,
    locate_in_outline,
    paragraph,
    select_decisions,
)
from pipeline.store.results import Hit, SearchRequest
from schemas.record import Amount, Attendee, Document, Item

# -- grouping files into meetings ------------------------------------------------------------------


@dataclass
class Meeting:
    """One meeting (or one report or plan) and the files that record it, the primary first."""

    id: str
    renderings: list[DocumentFacts]

    @property
    def primary(self) -> DocumentFacts:
        return self.renderings[0]

    @property
    def date(self) -> date | None:
        return self.primary.date

    @property
    def organisation(self) -> str | None:
        return next((d.organisation for d in self.renderings if d.organisation), None)

    @property
    def body(self) -> str | None:
        return next((d.body for d in self.renderings if d.body), None)

    @property
    def session(self) -> str | None:
        return next((d.session for d in self.renderings if d.session), None)

    @property
    def sha256s(self) -> list[str]:
        return [d.sha256 for d in self.renderings]

    @property
    def loaded_at(self) -> str:
        return max(d.loaded_at for d in self.renderings)


def version_parts(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", version))


def primary_order(document: DocumentFacts) -> tuple:
    """Best first: a whole protokoll before an utdrag, the newest extractor, the most complete."""
    return (document.extract, tuple(-p for p in version_parts(document.extractor_version)), -document.items,
            -document.decisions, -document.attendees, not document.source.lower().endswith(".docx"),
            document.source, document.sha256)


def _day_and_body(document: DocumentFacts) -> tuple:
    """The first grouping of ``group_documents``: a meeting's renderings share it."""
    return (document.date, document.body_key or f"({document.kind})")


def group_documents(documents: Iterable[DocumentFacts],
                    numbers: dict[int, list[tuple[int, str | None]]] | None = None) -> list[Meeting]:
    """The documents as meetings (see the module's docstring); ``numbers`` are each document's §§."""
    numbers = numbers or {}
    by_day_and_body: dict[tuple, list[DocumentFacts]] = {}
    meetings: list[Meeting] = []
    for document in documents:
        if document.date is None:  # an undated file is only itself
            meetings.append(Meeting(f"dokument-{document.sha256[:16]}", [document]))
            continue
        by_day_and_body.setdefault(_day_and_body(document), []).append(document)
    for group in by_day_and_body.values():
        for same_organisation in _by_organisation(group):
            sessions = _by_session(same_organisation, numbers)
            for session_documents in sessions:
                renderings = sorted(session_documents, key=primary_order)
                meetings.append(Meeting(_meeting_id(renderings, split=len(sessions) > 1), renderings))
    return sorted(meetings, key=lambda m: (m.date is None, m.date or date.min, m.id))


def _by_organisation(documents: list[DocumentFacts]) -> list[list[DocumentFacts]]:
    named: dict[str | None, list[DocumentFacts]] = {}
    for document in documents:
        named.setdefault(document.organisation_key, []).append(document)
    unnamed = named.pop(None, [])
    if unnamed and len(named) == 1:
        next(iter(named.values())).extend(unnamed)
    elif unnamed:
        named[None] = unnamed
    return list(named.values())


def _by_session(documents: list[DocumentFacts],
                numbers: dict[int, list[tuple[int, str | None]]]) -> list[list[DocumentFacts]]:
    """Split by session only where the sessions' files share no §: renderings that disagree about
    the time of one meeting still hold the same §§."""
    sessions: dict[str | None, list[DocumentFacts]] = {}
    for document in documents:
        sessions.setdefault(document.session, []).append(document)
    timed = {s: docs for s, docs in sessions.items() if s is not None}
    if len(timed) <= 1:
        return [documents]
    paragraphs = {s: {n for d in docs for n, _ in numbers.get(d.id, [])} for s, docs in timed.items()}
    merged: list[tuple[set[int], list[DocumentFacts]]] = []
    for session, docs in timed.items():
        home = next((m for m in merged if m[0] & paragraphs[session]), None)
        if home is None:
            merged.append((set(paragraphs[session]), list(docs)))
        else:
            home[0].update(paragraphs[session])
            home[1].extend(docs)
    untimed = sessions.get(None, [])
    if len(merged) == 1:
        return [merged[0][1] + untimed]
    return [docs for _, docs in merged] + ([untimed] if untimed else [])


def _meeting_id(renderings: list[DocumentFacts], split: bool) -> str:
    first = renderings[0]
    organisation = next((d.organisation for d in renderings if d.organisation), None)
    body = next((d.body for d in renderings if d.body), None) or first.kind
    parts = [first.date.isoformat() if first.date else "odaterat", slug(organisation) or "okand", slug(body)]
    session = next((d.session for d in renderings if d.session), None)
    if split:
        parts.append(slug(session) or "utan-tid")
    return "_".join(parts)


def meetings_of(store: Store, sha256s: Iterable[str]) -> dict[str, Meeting]:
    """The meeting of each stored document, with all its renderings."""
    found = facts_by_sha256(store, sha256s)
    # Only a document of the same day and body can be another rendering of the same meeting
    # (group_documents groups by both first): the day's other bodies are not read.
    groups = {_day_and_body(f) for f in found.values() if f.date}
    documents = {f.sha256: f for f in facts_of_groups(store, groups) if _day_and_body(f) in groups}
    documents.update({sha: f for sha, f in found.items() if f.date is None})
    meetings = group_documents(documents.values(), item_numbers(store, [d.id for d in documents.values()]))
    return {sha: meeting for meeting in meetings for sha in meeting.sha256s if sha in found}


def meeting_by_id(store: Store, meeting_id: str) -> Meeting | None:
    """The meeting an id names (ids are made by ``group_documents``), or None."""
    head = meeting_id.split("_", 1)[0]
    if meeting_id.startswith("dokument-"):
        prefix = meeting_id.removeprefix("dokument-")
        candidates = list(meetings_of(store, undated_documents(store, prefix)).values())
    else:
        try:
            day = date.fromisoformat(head)
        except ValueError:
            return None
        documents = facts_on_days(store, [day])
        candidates = group_documents(documents, item_numbers(store, [d.id for d in documents]))
    return next((m for m in candidates if m.id == meeting_id), None)


def list_meetings(store: Store, request: SearchRequest) -> list[Meeting]:
    """The meetings with a file the request's filters keep, newest first, each with all its renderings."""
    kept = facts_filtered(store, request)
    meetings = meetings_of(store, [f.sha256 for f in kept])
    unique = {m.id: m for m in meetings.values()}
    return sorted(unique.values(), key=lambda m: (m.date is None, -(m.date or date.min).toordinal(), m.id))


def meeting_facets(meetings: list[Meeting]) -> dict[str, list[tuple[str, int]]]:
    """Meetings per organisation, body, year and document kind, most first."""
    values = {
        "organisation": [m.organisation for m in meetings],
        "body": [m.body for m in meetings],
        "year": [str(m.date.year) if m.date else None for m in meetings],
        "kind": [m.primary.kind for m in meetings],
    }
    return {name: _counted(found) for name, found in values.items()}


def _counted(values: Iterable[str | None]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:50]


# -- a meeting's items across its renderings -----------------------------------------------------------


def item_keys(record: Document) -> list[str]:
    """Each item's key across renderings: its § (and which of that § when lettered: "3 a", "3 b"),
    else its title folded."""
    return keys_of_items(record.items)


def keys_of_items(items: Sequence[Item] | Sequence[ItemOutline]) -> list[str]:
    """``item_keys`` of a record's items (or their outlines)."""
    seen: dict[int, int] = {}
    keys = []
    for item in items:
        if item.number is None:
            keys.append("rubrik:" + fold(item.title))
            continue
        seen[item.number] = seen.get(item.number, 0) + 1
        keys.append(f"§{item.number}" + (f".{seen[item.number]}" if seen[item.number] > 1 else ""))
    return keys


class RenderingOut(BaseModel):
    sha256: str
    source: str
    kind: str
    pages: int
    extractor_version: str
    loaded_at: str
    extract: bool  # an utdrag
    primary: bool  # the rendering whose text is shown
    items: int
    decisions: int


class MeetingDecision(BaseModel):
    kind: str
    text: str
    page: int
    amounts: list[Amount]
    sha256: str  # the rendering it is shown from
    source: str
    item: int  # 1-based positions in that rendering's record
    decision: int


class MeetingItem(BaseModel):
    key: str
    paragraph: str | None  # as cited: "SVM § 20"
    number: int | None
    title: str
    dnr: str | None
    sha256: str  # the rendering the item is shown from
    source: str
    item: int  # 1-based position in that rendering
    page_start: int
    page_end: int
    text: str
    decisions: list[MeetingDecision]
    found_in: list[str]  # the files that hold it
    missing_from: list[str]  # whole renderings (not utdrag) that lack it
    from_extract: bool  # only an utdrag holds it


class Disagreement(BaseModel):
    key: str
    paragraph: str | None
    title: str
    found_in: list[str]
    missing_from: list[str]


class MeetingRecord(BaseModel):
    """A meeting with its renderings and its items as the renderings give them together."""

    id: str
    organisation: str | None
    body: str | None
    date: date | None
    session: str | None
    kind: str
    title: str | None
    time: str | None
    location: str | None
    chair: str | None
    secretary: str | None
    adjusters: list[str]
    attendees: list[Attendee]
    renderings: list[RenderingOut]
    items: list[MeetingItem]
    disagreements: list[Disagreement]


def read_meeting(store: Store, meeting: Meeting, cache: RecordCache | None = None) -> MeetingRecord:
    cache = cache or RecordCache(store)
    records = [r for r in (cache[sha] for sha in meeting.sha256s) if r is not None]
    facts = {f.sha256: f for f in meeting.renderings}
    primary = records[0]
    items = merged_items(records, facts)
    return MeetingRecord(
        id=meeting.id, organisation=meeting.organisation, body=meeting.body, date=meeting.date,
        session=meeting.session, kind=primary.kind, title=primary.title, time=primary.time,
        location=primary.location, chair=primary.chair, secretary=primary.secretary,
        adjusters=primary.adjusters or next((r.adjusters for r in records if r.adjusters), []),
        attendees=primary.attendees or next((r.attendees for r in records if r.attendees), []),
        renderings=[RenderingOut(sha256=f.sha256, source=f.source, kind=f.kind, pages=f.pages,
                                 extractor_version=f.extractor_version, loaded_at=f.loaded_at, extract=f.extract,
                                 primary=n == 0, items=f.items, decisions=f.decisions)
                    for n, f in enumerate(meeting.renderings)],
        items=items,
        disagreements=[Disagreement(key=i.key, paragraph=i.paragraph, title=i.title, found_in=i.found_in,
                                    missing_from=i.missing_from) for i in items if i.missing_from],
    )


def merged_items(records: list[Document], facts: dict[str, DocumentFacts]) -> list[MeetingItem]:
    """The primary rendering's items, then what only other renderings hold, in § order."""
    keyed = [(record, item_keys(record)) for record in records]
    holders: dict[str, list[Document]] = {}
    for record, keys in keyed:
        for key in keys:
            if record not in holders.setdefault(key, []):
                holders[key].append(record)
    whole = [r for r in records if not facts[r.sha256].extract]
    shown: dict[str, MeetingItem] = {}
    order: list[str] = []
    for record, keys in keyed:
        for position, (item, key) in enumerate(zip(record.items, keys, strict=True), start=1):
            if key in shown:
                continue
            found = holders[key]
            only_extracts = all(facts[r.sha256].extract for r in found)
            # a § only an utdrag holds is added to the meeting; one some whole rendering lacks is disputed
            missing = [] if only_extracts else [r.source for r in whole if r not in found]
            shown[key] = _meeting_item(record, item, position, key, found, missing, only_extracts)
            order.append(key)
    return _in_paragraph_order([shown[k] for k in order])


def _meeting_item(record: Document, item: Item, position: int, key: str, found: list[Document],
                  missing: list[str], from_extract: bool) -> MeetingItem:
    decisions = [MeetingDecision(kind=d.kind, text=d.text, page=d.page, amounts=d.amounts, sha256=record.sha256,
                                 source=record.source, item=position, decision=n)
                 for n, d in enumerate(item.decisions, start=1)]
    return MeetingItem(key=key, paragraph=paragraph(item), number=item.number, title=item.title, dnr=item.dnr,
                       sha256=record.sha256, source=record.source, item=position, page_start=item.page_start,
                       page_end=item.page_end, text=item.text, decisions=decisions,
                       found_in=[r.source for r in found], missing_from=missing, from_extract=from_extract)


def _in_paragraph_order(items: list[MeetingItem]) -> list[MeetingItem]:
    """Items another rendering added go before the first item of a higher §; the rest keep their place."""
    ordered: list[MeetingItem] = [i for i in items if not (i.missing_from or i.from_extract) or i.number is None]
    for extra in (i for i in items if (i.missing_from or i.from_extract) and i.number is not None):
        if extra in ordered:
            continue
        place = next((n for n, i in enumerate(ordered) if i.number is not None and i.number > extra.number),
                     len(ordered))
        ordered.insert(place, extra)
    return ordered


# -- search hits grouped into meetings ----------------------------------------------------------------


@dataclass
class GroupedHit:
    """A hit shown once for a meeting, with the other renderings that hold the same text."""

    hit: Hit
    item: int | None  # 1-based positions in the hit's own record
    decision: int | None
    key: str
    also: list[tuple[Hit, int | None, int | None]] = field(default_factory=list)


@dataclass
class MeetingHits:
    meeting: Meeting
    hits: list[GroupedHit]


def group_hits(store: Store, hits: list[Hit]) -> list[MeetingHits]:
    """Hits by meeting, in the order of each meeting's best hit; a decision or text that several
    renderings hold is one hit (shown from the primary rendering when it has it)."""
    meetings = meetings_of(store, {h.sha256 for h in hits})
    outlines = item_outlines(store, meetings)
    grouped: dict[str, MeetingHits] = {}
    by_key: dict[tuple[str, str], GroupedHit] = {}
    for hit in hits:
        meeting = meetings.get(hit.sha256)
        if meeting is None:  # removed since the index saw it
            continue
        items = outlines.get(hit.sha256, [])
        location = locate_in_outline(items, hit)
        item = None if location.item is None else location.item + 1
        decision = None if location.decision is None else location.decision + 1
        unit = keys_of_items(items)[location.item] if location.item is not None else f"sida:{hit.page}"
        key = (meeting.id, f"{unit}/{decision or 'text'}")
        entry = grouped.setdefault(meeting.id, MeetingHits(meeting, []))
        found = by_key.get(key)
        if found is None:
            by_key[key] = GroupedHit(hit, item, decision, key[1])
            entry.hits.append(by_key[key])
        elif hit.sha256 == meeting.primary.sha256:
            found.also.append((found.hit, found.item, found.decision))
            found.hit, found.item, found.decision = hit, item, decision
        else:
            found.also.append((hit, item, decision))
    return list(grouped.values())


# -- exports: each decision and each attendance once ------------------------------------------------------


def meeting_decision_rows(store: Store, request: SearchRequest) -> list[DecisionRow]:
    """The decisions the request keeps, each once however many renderings hold it, in meeting order;
    each row names its meeting and all its files."""
    return [entry.row for entry in decisions_once(store, select_decisions(store, request))]


def decisions_once(store: Store, keys: list[DecisionKey]) -> list[DecisionEntry]:
    """The decisions these keys name, each once per meeting, in meeting order, with meeting and files
    (each from the rendering the meeting shows it from)."""
    meetings = meetings_of(store, {sha for sha, _, _ in keys})
    records = RecordCache(store)
    rows: list[DecisionEntry] = []
    seen: set[tuple[str, str, int]] = set()
    wanted: dict[str, set[tuple[str, int]]] = {}
    for sha, item, position in keys:
        record = records[sha]
        if record is None or sha not in meetings:
            continue
        wanted.setdefault(meetings[sha].id, set()).add((item_keys(record)[item], position + 1))
    for meeting in sorted({m.id: m for m in meetings.values()}.values(),
                          key=lambda m: (m.date is None, m.date or date.min, m.id)):
        view = read_meeting(store, meeting, records)
        files = [r.source for r in view.renderings]
        for item in view.items:
            for decision in item.decisions:
                mark = (meeting.id, item.key, decision.decision)
                if (item.key, decision.decision) not in wanted.get(meeting.id, set()) or mark in seen:
                    continue
                seen.add(mark)
                record = records[decision.sha256]
                entry = DecisionEntry(item.item - 1, decision.decision - 1, DecisionRow.of(
                    record, record.items[item.item - 1], record.items[item.item - 1].decisions[decision.decision - 1]))
                rows.append(DecisionEntry(entry.item, entry.decision,
                                          entry.row.model_copy(update={"meeting": meeting.id, "files": files})))
    return rows


def meeting_attendee_rows(store: Store, rows: list[AttendeeRow]) -> list[AttendeeRow]:
    """Attendee rows once per meeting: those of the meeting's primary rendering (the first that lists any)."""
    meetings = meetings_of(store, {r.sha256 for r in rows})
    by_sha: dict[str, list[AttendeeRow]] = {}
    for row in rows:
        by_sha.setdefault(row.sha256, []).append(row)
    out: list[AttendeeRow] = []
    done: set[str] = set()
    for row in rows:
        meeting = meetings.get(row.sha256)
        if meeting is None or meeting.id in done:
            continue
        done.add(meeting.id)
        chosen = next((sha for sha in meeting.sha256s if by_sha.get(sha)), row.sha256)
        files = [d.source for d in meeting.renderings]
        out += [replace_row(r, meeting.id, files) for r in by_sha[chosen]]
    return out


def replace_row(row: AttendeeRow, meeting_id: str, files: list[str]) -> AttendeeRow:
    return row.model_copy(update={"meeting": meeting_id, "files": files})

