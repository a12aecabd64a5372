"""Cases: an ärende followed through its bodies.

Items join a case when their diarienummer is the same (however written: "KS 2024/123",
"KS2024-123", "Dnr 2024.123"; a number without a series joins the one series of that year and
number in the organisation), and when one item's text cites the other's body and §
("Kommunstyrelsens förslag § 45", "Socialnämnden beslutade 2024-03-05, § 12"). A citation
without a date means the latest meeting of that body, before the citing one, that has the §.
A case belongs to one organisation: the same number in two organisations is two cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel

from pipeline.archive.keys import Dnr, parse_dnr
from pipeline.archive.meetings import Meeting, item_keys, meetings_of
from pipeline.store.archive import (
    Link,
    dnr_links,
    items_by_id,
    items_numbered,
    links_of_items,
    references_to,
)
from pipeline.store.base import Store
from pipeline.store.browse import RecordCache, paragraph
from schemas.record import Document

MAX_ROUNDS = 6  # how far citations are followed from the diarienummer's own items
CITATION_REACH = timedelta(days=400)  # an undated citation means a meeting within about a year before


class CaseDecision(BaseModel):
    kind: str
    text: str
    page: int
    decision: int  # 1-based in the item


class CaseStep(BaseModel):
    """One meeting's handling of the case: which body, when, under which §, deciding what."""

    meeting: str  # the meeting's id
    organisation: str | None
    body: str | None
    date: date | None
    paragraph: str | None
    number: int | None
    title: str
    dnr: str | None
    sha256: str  # the rendering shown
    source: str
    item: int  # 1-based in that rendering
    item_key: str  # the item's key on the meeting's page ("§45")
    page: int
    decisions: list[CaseDecision]
    files: list[str]  # every rendering of the meeting that holds the item
    joined_by: str  # "diarienummer" or the citation that brought it in


class Case(BaseModel):
    dnr: str  # as normalised: "KS 2024/123"
    key: str  # its address: "KS-2024-123"
    organisation: str | None
    steps: list[CaseStep]


@dataclass
class _Found:
    item_id: int
    sha256: str
    how: str


def find_cases(store: Store, text: str, organisation: str | None = None) -> list[Case]:
    """The cases a diarienummer names (one per organisation and series); ValueError for no diarienummer."""
    dnr = parse_dnr(text)
    if dnr is None:
        raise ValueError(f"'{text}' is no diarienummer (expected a year and a number, e.g. KS 2024/123)")
    links = [link for link in dnr_links(store, dnr.year, dnr.number)
             if dnr.series is None or link.series in (None, dnr.series)]
    meetings = meetings_of(store, {link.sha256 for link in links})
    seeds: dict[tuple[str | None, str | None], list[Link]] = {}
    for link in links:
        meeting = meetings.get(link.sha256)
        if meeting is None:
            continue
        seeds.setdefault((_organisation_key(meeting), link.series), []).append(link)
    _join_unseried(seeds)
    cases = []
    for (organisation_key, series), seed in seeds.items():
        if organisation and organisation_key and organisation.casefold() not in organisation_key:
            continue
        found = {link.item_id: _Found(link.item_id, link.sha256, "diarienummer") for link in seed}
        _follow_citations(store, found, organisation_key)
        case_dnr = Dnr(dnr.year, dnr.number, series)
        steps = _steps(store, found)
        cases.append(Case(dnr=str(case_dnr), key=case_dnr.key,
                          organisation=next((s.organisation for s in steps if s.organisation), None), steps=steps))
    return sorted(cases, key=lambda c: (c.organisation or "", c.key))


def _organisation_key(meeting: Meeting) -> str | None:
    return next((d.organisation_key for d in meeting.renderings if d.organisation_key), None)


def _join_unseried(seeds: dict[tuple[str | None, str | None], list[Link]]) -> None:
    """Items whose number has no series join the one series of that number in their organisation."""
    for organisation_key, series in list(seeds):
        if series is not None:
            continue
        others = [key for key in seeds if key[0] == organisation_key and key[1] is not None]
        if len(others) == 1:
            seeds[others[0]].extend(seeds.pop((organisation_key, None)))


def _follow_citations(store: Store, found: dict[int, _Found], organisation_key: str | None) -> None:
    """Add the items the case's items cite, the items that cite them, and those sharing their diarienummer."""
    for _ in range(MAX_ROUNDS):
        before = len(found)
        meetings = meetings_of(store, {f.sha256 for f in found.values()})
        facts = {d.sha256: d for m in meetings.values() for d in m.renderings}
        items = items_by_id(store, found)
        for link in links_of_items(store, list(found)):
            citing = meetings.get(link.sha256)
            if link.kind == "reference" and citing is not None and citing.date is not None:
                for item_id, sha in _cited(store, link, citing.date, organisation_key):
                    found.setdefault(item_id, _Found(item_id, sha, link.raw))
        for item in items.values():
            document = facts.get(item.sha256)
            meeting = meetings.get(item.sha256)
            if item.number is None or document is None or document.body_key is None or meeting is None:
                continue
            for link in references_to(store, document.body_key, item.number):
                if link.day not in (None, meeting.date):
                    continue
                found.setdefault(link.item_id, _Found(link.item_id, link.sha256, link.raw))
        _restrict_to_organisation(store, found, organisation_key)
        if len(found) == before:
            return


def _cited(store: Store, link: Link, citing_day: date, organisation_key: str | None) -> list[tuple[int, str]]:
    """The items a citation names: that body's § at the date given, else at its latest meeting before."""
    candidates = items_numbered(store, link.paragraph or 0, link.body_key or "")
    meetings = meetings_of(store, {sha for _, sha in candidates})
    kept = [(item_id, sha) for item_id, sha in candidates if sha in meetings
            and _organisation_key(meetings[sha]) in (None, organisation_key)
            and meetings[sha].date is not None]
    if link.day is not None:
        return [(i, sha) for i, sha in kept if meetings[sha].date == link.day]
    before = [(i, sha) for i, sha in kept
              if citing_day - CITATION_REACH <= meetings[sha].date <= citing_day]  # type: ignore[operator]
    if not before:
        return []
    latest = max(meetings[sha].date for _, sha in before)  # type: ignore[type-var]
    return [(i, sha) for i, sha in before if meetings[sha].date == latest]


def _restrict_to_organisation(store: Store, found: dict[int, _Found], organisation_key: str | None) -> None:
    meetings = meetings_of(store, {f.sha256 for f in found.values()})
    for item_id in [i for i, f in found.items() if f.sha256 in meetings
                    and _organisation_key(meetings[f.sha256]) not in (None, organisation_key)]:
        del found[item_id]


def _steps(store: Store, found: dict[int, _Found]) -> list[CaseStep]:
    """One step per meeting and item, however many renderings hold it, in date order."""
    meetings = meetings_of(store, {f.sha256 for f in found.values()})
    items = items_by_id(store, found)
    records = RecordCache(store)
    steps: dict[tuple[str, str], CaseStep] = {}
    for item_id, how in sorted(found.items(), key=lambda f: f[0]):
        meeting, item = meetings.get(how.sha256), items.get(item_id)
        record = records[how.sha256]
        if meeting is None or item is None or record is None:
            continue
        key = (meeting.id, item_keys(record)[item.ordinal])
        step = steps.get(key)
        if step is not None:
            step.files = [*step.files, record.source] if record.source not in step.files else step.files
            if how.how == "diarienummer":
                step.joined_by = how.how
            if record.sha256 != meeting.primary.sha256:
                continue
        steps[key] = _step(meeting, record, item.ordinal, key[1], how.how,
                           step.files if step else [record.source], step.joined_by if step else how.how)
    return sorted(steps.values(), key=lambda s: (s.date or date.min, s.number or 0, s.meeting))


def _step(meeting: Meeting, record: Document, ordinal: int, item_key: str, how: str, files: list[str],
          joined_by: str) -> CaseStep:
    item = record.items[ordinal]
    decisions = [CaseDecision(kind=d.kind, text=d.text, page=d.page, decision=n)
                 for n, d in enumerate(item.decisions, start=1)]
    return CaseStep(meeting=meeting.id, organisation=meeting.organisation, body=meeting.body, date=meeting.date,
                    paragraph=paragraph(item), number=item.number, title=item.title, dnr=item.dnr,
                    sha256=record.sha256, source=record.source, item=ordinal + 1, item_key=item_key,
                    page=item.decisions[0].page if item.decisions else item.page_start, decisions=decisions,
                    files=sorted(set(files) | {record.source}), joined_by=joined_by or how)


def case_key_of(store: Store, item_id: int, dnr: str | None) -> str | None:
    """The address of the case an item belongs to: its own diarienummer's, else that of an item
    its text cites or that cites it; None when it joins no diarienummer."""
    own = parse_dnr(dnr)
    if own is not None:
        return own.key
    found = {item_id: _Found(item_id, "", "")}
    own_item = items_by_id(store, [item_id]).get(item_id)
    if own_item is None:
        return None
    sha = own_item.sha256
    found[item_id].sha256 = sha
    meetings = meetings_of(store, [sha])
    organisation_key = _organisation_key(meetings[sha]) if sha in meetings else None
    _follow_citations(store, found, organisation_key)
    found_dnrs = {d for d in (parse_dnr(i.dnr) for i in items_by_id(store, found).values()) if d}
    keys = sorted(found_dnrs, key=lambda d: (d.series is None, d.key))  # a series says more than none
    return keys[0].key if keys else None
