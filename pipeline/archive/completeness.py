"""Completeness: what the archive lacks or holds twice, per organisation, body and year.

- A body that numbers its §§ through the year (each meeting goes on where the last stopped, or
  a year's lone meeting starts past as many §§ as it holds) shows the §§ nobody archived: a gap
  between two meetings, before the first, or inside one; and a § two meetings both claim.
  A body that starts every meeting at 1 is checked inside each meeting. The step of a
  numbering is what its numbers share (2, 4, 6 ... steps by 2), so it is no gap.
- A regular series of meetings (four or more, at a steady interval) shows a meeting missing where
  the interval is 1.8 times its usual length or more, unless the §§ run on across it (a break).
- A protokoll that names no justerare is not yet adjusted: neither the record's justerare nor its
  text ("Till justeringsmän valdes ...", where extraction did not pick the names out) name one.
  (Whether it is signed is not in the record: extraction keeps no signature.)
- Renderings of one meeting that disagree about its §§, a meeting only an utdrag records,
  files that could not be read (quarantined, with the reason) and pages that need OCR.

Every finding names the meetings around it, so the archivist can open them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from math import gcd
from statistics import median
from typing import Literal

from pydantic import BaseModel

from extractors.text import fold
from pipeline.archive.lang import ADJUSTER_WORDS
from pipeline.archive.meetings import Meeting, group_documents
from pipeline.store.archive import documents_mentioning, facts_filtered, item_numbers, quarantined
from pipeline.store.base import Store
from pipeline.store.results import SearchRequest

FindingKind = Literal["paragraph_gap", "paragraph_duplicate", "meeting_gap", "not_adjusted", "disagreement",
                      "extract_only", "quarantined", "needs_ocr"]
MIN_REGULAR_MEETINGS = 4
IRREGULAR_SPREAD = 0.5  # intervals that differ from the usual by more than half of it are no steady series
MISSING_INTERVAL = 1.8  # an interval this many times the usual one has a meeting missing
PROTOKOLL = "protokoll"
MEETING_RECORDS = (PROTOKOLL, "minnesanteckningar")


class MeetingRef(BaseModel):
    """A meeting a finding concerns or lies between, to open."""

    id: str
    date: date | None
    paragraphs: str | None  # "§§ 17–28"
    files: list[str]


class Finding(BaseModel):
    kind: FindingKind
    organisation: str | None
    body: str | None
    year: int | None
    paragraphs: list[int] = []  # the §§ missing, doubled or disputed
    meetings: list[MeetingRef] = []  # the meetings around it
    files: list[str] = []  # the files concerned
    detail: str | None = None  # a reason, pages, an interval


class Series(BaseModel):
    """One body's year as the archive holds it."""

    organisation: str | None
    body: str | None
    year: int | None
    meetings: int
    paragraphs: str | None  # the §§ its meetings cover: "§§ 1–122"
    numbered_through: bool  # whether the body numbers its §§ through the year


class CheckReport(BaseModel):
    series: list[Series]
    findings: list[Finding]


@dataclass
class _Held:
    """A meeting with the §§ its whole renderings hold (an utdrag's only when nothing else is archived)."""

    meeting: Meeting
    numbers: set[int]
    per_rendering: dict[str, set[int]]

    @property
    def extract_only(self) -> bool:
        return all(d.extract for d in self.meeting.renderings)

    def ref(self) -> MeetingRef:
        return MeetingRef(id=self.meeting.id, date=self.meeting.date, paragraphs=span(self.numbers),
                          files=[d.source for d in self.meeting.renderings])


def span(numbers: Iterable[int]) -> str | None:
    found = sorted(set(numbers))
    if not found:
        return None
    return f"§ {found[0]}" if len(found) == 1 else f"§§ {found[0]}–{found[-1]}"


def check(store: Store, organisation: str | None = None, body: str | None = None,
          year: int | None = None) -> CheckReport:
    """The completeness of what the filters keep (organisation and body as parts of the name)."""
    request = SearchRequest("", organisation=organisation, body=body,
                            date_from=date(year, 1, 1) if year else None, date_to=date(year, 12, 31) if year else None)
    # Only records of meetings have a § series; a report's, a plan's or statutes' numbered
    # sections ("§ 9 Styrelsen") are no meeting's paragraphs.
    documents = [d for d in facts_filtered(store, request) if d.kind in MEETING_RECORDS]
    numbers = item_numbers(store, [d.id for d in documents])
    meetings = [_held(m, numbers) for m in group_documents(documents, numbers)]
    series: list[Series] = []
    findings: list[Finding] = []
    by_body: dict[tuple, list[_Held]] = {}
    for held in meetings:
        by_body.setdefault(_body_key(held.meeting), []).append(held)
    for body_meetings in by_body.values():
        findings += _missing_meetings(body_meetings)
        by_year: dict[int | None, list[_Held]] = {}
        for held in body_meetings:
            by_year.setdefault(held.meeting.date.year if held.meeting.date else None, []).append(held)
        for year_meetings in by_year.values():
            summary, found = _year(year_meetings)
            series.append(summary)
            findings += found
    named = documents_mentioning(store, [d.id for d in documents if d.kind == PROTOKOLL and not d.adjusters],
                                 ADJUSTER_WORDS)
    for held in meetings:
        findings += _meeting_findings(held, named)
    if not (organisation or body or year):
        findings += _unreadable(store)
    return CheckReport(series=sorted(series, key=lambda s: (s.organisation or "", s.body or "", s.year or 0)),
                       findings=sorted(findings, key=_finding_order))


def _held(meeting: Meeting, numbers: dict[int, list[tuple[int, str | None]]]) -> _Held:
    per_rendering = {d.source: {n for n, _ in numbers.get(d.id, [])} for d in meeting.renderings}
    whole = [d for d in meeting.renderings if not d.extract] or meeting.renderings
    return _Held(meeting, set().union(*(per_rendering[d.source] for d in whole)), per_rendering)


def _body_key(meeting: Meeting) -> tuple:
    return (fold(meeting.organisation or ""), fold(meeting.body or f"({meeting.primary.kind})"))


def _finding_order(finding: Finding) -> tuple:
    first = next((m.date for m in finding.meetings if m.date), None)
    return (finding.organisation or "~", finding.body or "~", finding.year or 0, first or date.min, finding.kind)


def _about(held: _Held) -> dict[str, object]:
    meeting = held.meeting
    return {"organisation": meeting.organisation, "body": meeting.body,
            "year": meeting.date.year if meeting.date else None}


# -- the § series of a body's year ---------------------------------------------------------------------

def _year(meetings: list[_Held]) -> tuple[Series, list[Finding]]:
    meetings = sorted(meetings, key=lambda h: (h.meeting.date or date.min, min(h.numbers, default=0)))
    counted = [h for h in meetings if h.numbers and not h.extract_only]
    through = numbered_through(counted)
    summary = Series(**_about(meetings[0]), meetings=len(meetings),
                     paragraphs=span(n for h in counted for n in h.numbers), numbered_through=through)
    if not counted:
        return summary, []
    step = numbering_step(counted)
    findings = [finding for held in counted for finding in _gaps_inside(held, numbering_step([held]))]
    if not through:
        return summary, findings
    first = counted[0]
    if min(first.numbers) > step:
        findings.append(Finding(kind="paragraph_gap", **_about(first), meetings=[first.ref()],
                                paragraphs=list(range(step, min(first.numbers), step)),
                                detail="before the first archived meeting of the year"))
    for earlier, later in itertools.pairwise(counted):
        missing = list(range(max(earlier.numbers) + step, min(later.numbers), step))
        if missing:
            findings.append(Finding(kind="paragraph_gap", **_about(later), paragraphs=missing,
                                    meetings=[earlier.ref(), later.ref()], detail="between two meetings"))
    findings += _duplicates(counted)
    return summary, findings


def numbered_through(meetings: list[_Held]) -> bool:
    """Whether a body numbers its §§ through the year: each meeting starts after the last one ended
    (or a lone meeting starts past as many §§ as it holds: § 111 of twelve, not § 2 of seven)."""
    if len(meetings) == 1:
        return min(meetings[0].numbers) > len(meetings[0].numbers) * numbering_step(meetings)
    onward = sum(min(b.numbers) > max(a.numbers) for a, b in itertools.pairwise(meetings))
    return onward * 2 >= len(meetings) - 1 and any(min(h.numbers) > numbering_step(meetings) for h in meetings)


def numbering_step(meetings: list[_Held]) -> int:
    """What the numbers of each meeting share: 1 almost always; 2 for a body that numbers 2, 4, 6."""
    step = 0
    for held in meetings:
        ordered = sorted(held.numbers)
        for a, b in itertools.pairwise(ordered):
            step = gcd(step, b - a)
    return step or 1


def _gaps_inside(held: _Held, step: int) -> list[Finding]:
    ordered = sorted(held.numbers)
    missing = [n for a, b in itertools.pairwise(ordered) for n in range(a + step, b, step)]
    if not missing:
        return []
    return [Finding(kind="paragraph_gap", **_about(held), paragraphs=missing, meetings=[held.ref()],
                    detail="inside one meeting")]


def _duplicates(meetings: list[_Held]) -> list[Finding]:
    claimed: dict[int, list[_Held]] = {}
    for held in meetings:
        for number in held.numbers:
            claimed.setdefault(number, []).append(held)
    doubled: dict[tuple[str, ...], list[int]] = {}
    for number, holders in sorted(claimed.items()):
        if len(holders) > 1:
            doubled.setdefault(tuple(h.meeting.id for h in holders), []).append(number)
    by_id = {h.meeting.id: h for h in meetings}
    return [Finding(kind="paragraph_duplicate", **_about(by_id[ids[0]]), paragraphs=numbers,
                    meetings=[by_id[i].ref() for i in ids], detail="the same § in two meetings of one year")
            for ids, numbers in doubled.items()]


# -- the series of meetings -----------------------------------------------------------------------------

def _missing_meetings(meetings: list[_Held]) -> list[Finding]:
    """Gaps in a steady series of meetings (four or more at a steady interval). Where the §§ run on
    across a long interval without a gap (a summer break), no meeting is missing there."""
    dated = sorted((h for h in meetings if h.meeting.date and not h.extract_only), key=lambda h: h.meeting.date)
    if len(dated) < MIN_REGULAR_MEETINGS:
        return []
    intervals = [(b.meeting.date - a.meeting.date).days for a, b in itertools.pairwise(dated)]
    usual = median(intervals)
    steady = [i for i in intervals if abs(i - usual) <= usual * IRREGULAR_SPREAD]
    if usual <= 0 or len(steady) < MIN_REGULAR_MEETINGS - 1:
        return []
    return [Finding(kind="meeting_gap", **_about(later), meetings=[earlier.ref(), later.ref()],
                    detail=f"{days} days between meetings held every {round(usual)} days")
            for (earlier, later), days in zip(itertools.pairwise(dated), intervals, strict=True)
            if days >= usual * MISSING_INTERVAL and not _paragraphs_run_on(earlier, later)]


def _paragraphs_run_on(earlier: _Held, later: _Held) -> bool:
    """Whether the later meeting's §§ start right after the earlier's, in the same year."""
    if not (earlier.numbers and later.numbers) or earlier.meeting.date.year != later.meeting.date.year:  # type: ignore[union-attr]
        return False
    return 0 < min(later.numbers) - max(earlier.numbers) <= numbering_step([earlier, later])


# -- one meeting ------------------------------------------------------------------------------------------

def _meeting_findings(held: _Held, justerare_in_text: set[int]) -> list[Finding]:
    meeting = held.meeting
    found: list[Finding] = []
    whole = [d for d in meeting.renderings if not d.extract]
    if held.extract_only:
        found.append(Finding(kind="extract_only", **_about(held), meetings=[held.ref()],
                             paragraphs=sorted(held.numbers), files=[d.source for d in meeting.renderings],
                             detail="only an utdrag of this meeting is archived, not its protokoll"))
    if (any(d.kind == PROTOKOLL for d in whole) and not any(d.adjusters for d in meeting.renderings)
            and not any(d.id in justerare_in_text for d in meeting.renderings)):
        found.append(Finding(kind="not_adjusted", **_about(held), meetings=[held.ref()],
                             files=[d.source for d in whole], detail="no justerare named"))
    if len(whole) > 1:
        sets = {d.source: held.per_rendering[d.source] for d in whole}
        disputed = sorted(set().union(*sets.values()) - set.intersection(*sets.values()))
        if disputed:
            lacking = [source for source, numbers in sets.items() if not set(disputed) <= numbers]
            found.append(Finding(kind="disagreement", **_about(held), meetings=[held.ref()], paragraphs=disputed,
                                 files=lacking, detail="renderings of the meeting hold different §§"))
    for document in meeting.renderings:
        if document.skipped_pages:
            found.append(Finding(kind="needs_ocr", **_about(held), meetings=[held.ref()], files=[document.source],
                                 detail="pages not read: " + ", ".join(map(str, document.skipped_pages))))
    return found


def _unreadable(store: Store) -> list[Finding]:
    return [Finding(kind="needs_ocr" if "ocr" in q.reason.lower() else "quarantined", organisation=None, body=None,
                    year=None, files=[q.path], detail=q.reason) for q in quarantined(store)]
