"""The archive under /api: a meeting with its renderings, a case through its bodies, the
completeness check (the same objects as `protokoll case --format json` and `protokoll check --format json`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from pydantic import BaseModel

from pipeline.archive.cases import Case, find_cases
from pipeline.archive.completeness import CheckReport, check
from pipeline.archive.keys import parse_dnr
from pipeline.archive.meetings import MeetingRecord, meeting_by_id, read_meeting
from pipeline.web.params import MAX_TEXT
from pipeline.web.stores import store_of
from pipeline.web.views import case_url, sitting_url

router = APIRouter(prefix="/api", tags=["archive"])


class MeetingLinks(BaseModel):
    page: str
    cases: dict[str, str]  # item key -> case page, for items with a diarienummer


class ApiMeeting(MeetingRecord):
    links: MeetingLinks


class CaseList(BaseModel):
    query: str
    cases: list[Case]


@router.get("/meetings/{meeting_id}", summary="A meeting: its renderings (files), its items across them, "
            "and where the files disagree")
def meeting(request: Request, meeting_id: Annotated[str, Path(max_length=300)]) -> ApiMeeting:
    store = store_of(request)
    found = meeting_by_id(store, meeting_id)
    if found is None:
        raise HTTPException(404, "no meeting with this id in the store")
    record = read_meeting(store, found)
    cases = {i.key: case_url(d.key) for i in record.items for d in [parse_dnr(i.dnr)] if d}
    return ApiMeeting(**dict(record), links=MeetingLinks(page=sitting_url(record.id), cases=cases))


@router.get("/cases/{dnr:path}", summary="A case (ärende) through its bodies, by diarienummer written any way")
def cases(request: Request, dnr: Annotated[str, Path(max_length=MAX_TEXT)],
          organisation: Annotated[str | None, Query(max_length=MAX_TEXT)] = None) -> CaseList:
    try:
        found = find_cases(store_of(request), dnr, organisation)
    except ValueError as exc:
        raise HTTPException(404, str(exc)) from None
    if not found:
        raise HTTPException(404, f"no item with the diarienummer '{dnr}' in the store")
    return CaseList(query=dnr, cases=found)


@router.get("/check", summary="Completeness: gaps and doubles in § series and meeting series, unadjusted "
            "protokoll, disagreeing renderings, unreadable files")
def completeness(request: Request, organisation: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
                 body: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
                 year: Annotated[int | None, Query(ge=1900, le=2200)] = None) -> CheckReport:
    return check(store_of(request), organisation, body, year)
