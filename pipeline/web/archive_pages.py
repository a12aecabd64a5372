"""The archive's pages: a meeting with all its renderings, a case through its bodies, the
completeness check, and the Atom feed of a search. Swedish, no script, as the other pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from extractors.text import person_key
from pipeline.archive.cases import case_key_of, find_cases
from pipeline.archive.completeness import check, span
from pipeline.archive.feeds import atom, newest_decisions
from pipeline.archive.keys import parse_dnr
from pipeline.archive.meetings import MeetingRecord, meeting_by_id, read_meeting
from pipeline.store import Store
from pipeline.store.archive import item_ids_of
from pipeline.web.pages import attendee_groups, render
from pipeline.web.params import MAX_TEXT, Filters, link
from pipeline.web.stores import store_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

MeetingId = Annotated[str, Path(max_length=300, pattern=r"^[0-9a-z_-]+$")]
CaseText = Annotated[str, Path(max_length=MAX_TEXT)]
Text = Annotated[str, Query(max_length=MAX_TEXT)]
FINDING_LABELS = {
    "paragraph_gap": "Paragrafer saknas", "paragraph_duplicate": "Samma paragraf två gånger",
    "meeting_gap": "Sammanträde saknas i serien", "not_adjusted": "Inga justerare",
    "disagreement": "Filerna skiljer sig", "extract_only": "Bara ett utdrag", "quarantined": "Kunde inte läsas",
    "needs_ocr": "Behöver OCR",
}
FINDING_DETAILS = {
    "before the first archived meeting of the year": "före årets första arkiverade sammanträde",
    "between two meetings": "mellan två sammanträden", "inside one meeting": "inom ett sammanträde",
    "the same § in two meetings of one year": "samma paragraf i två sammanträden samma år",
    "no justerare named": "protokollet namnger inga justerare",
    "renderings of the meeting hold different §§": "sammanträdets filer har olika paragrafer",
    "only an utdrag of this meeting is archived, not its protokoll": "bara ett utdrag finns, inte protokollet",
}


def meeting_record(store: Store, meeting_id: str) -> MeetingRecord:
    meeting = meeting_by_id(store, meeting_id)
    if meeting is None:
        raise HTTPException(404, "Sammanträdet finns inte i arkivet.")
    return read_meeting(store, meeting)


def item_cases(store: Store, record: MeetingRecord) -> dict[str, str]:
    """The case of each item that belongs to one (by its diarienummer or a citation), by item key."""
    found: dict[str, str] = {}
    ids: dict[str, list[int]] = {}
    for item in record.items:
        if item.sha256 not in ids:
            ids[item.sha256] = item_ids_of(store, item.sha256)
        key = case_key_of(store, ids[item.sha256][item.item - 1], item.dnr)
        if key:
            found[item.key] = key
    return found


@router.get("/sammantrade/{meeting_id}")
def meeting_page(request: Request, meeting_id: MeetingId) -> Response:
    store = store_of(request)
    record = meeting_record(store, meeting_id)
    return render(request, "sitting.html", {"meeting": record, "groups": attendee_groups(record.attendees),
                                            "cases": item_cases(store, record), "person_key": person_key})


@router.get("/arende")
def case_lookup(request: Request, dnr: Text = "", organisation: Text = "") -> Response:
    """The form's answer: the case page of the diarienummer typed."""
    found = parse_dnr(dnr)
    if found is None:
        return render(request, "case.html", {"query": dnr, "cases": [], "error": bool(dnr.strip())},
                      status_code=400 if dnr.strip() else 200)
    return RedirectResponse(link(request, f"/arende/{found.key}"), status_code=303)  # keeps ?organisation=


@router.get("/arende/{dnr}")
def case_page(request: Request, dnr: CaseText, organisation: Text = "") -> Response:
    try:
        cases = find_cases(store_of(request), dnr, organisation or None)
    except ValueError:
        raise HTTPException(404, "Det är inget diarienummer.") from None
    if not cases:
        raise HTTPException(404, "Inget ärende i arkivet har det diarienumret.")
    return render(request, "case.html", {"query": dnr, "cases": cases, "error": False})


@router.get("/kontroll")
def check_page(request: Request, organisation: Text = "", body: Text = "",
               year: Annotated[int | None, Query(ge=1900, le=2200)] = None) -> Response:
    report = check(store_of(request), organisation or None, body or None, year)
    return render(request, "check.html", {"report": report, "labels": FINDING_LABELS, "details": FINDING_DETAILS,
                                          "span": span, "form": {"organisation": organisation, "body": body,
                                                                 "year": year or ""}})


@router.get("/feeds/search.atom", response_class=Response)
def search_feed(request: Request, filters: Annotated[Filters, Depends()]) -> Response:
    """The newest decisions of the search (its words and filters) as Atom."""
    base = str(request.base_url).rstrip("/")
    entries = newest_decisions(store_of(request), filters.request())
    title = "Protokollarkivet: " + (f"nya beslut om «{filters.q}»" if filters.q else "nya beslut")
    body = atom(entries, title=title, self_url=base + link(request, "/feeds/search.atom"),
                search_url=base + link(request, "/"), base_url=base)
    return Response(body, media_type="application/atom+xml; charset=utf-8")
