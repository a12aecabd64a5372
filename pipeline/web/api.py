"""The JSON API under /api: search, documents, decisions, people, exports (schema: /openapi.json).

Every answer is a model below or the record's own ``Document``; a bad parameter is a 422
naming it, an unknown document, decision or person a 404, a query with nothing to find a 400.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel

from pipeline.archive.meetings import decisions_once, meeting_attendee_rows, meeting_decision_rows
from pipeline.exports import MEDIA_TYPES
from pipeline.exports.tables import describe_selection, export, file_name
from pipeline.store.browse import (
    AttendeeRow,
    DecisionEntry,
    DecisionRow,
    DocumentSummary,
    ExportRow,
    attendee_rows,
    decision_entry,
    list_people,
    person_exists,
    select_decisions,
)
from pipeline.store.files import read_stored_file
from pipeline.store.results import Attendance, Hit
from pipeline.web.params import SHA256_PATTERN, Delimiter, ExportFormat, Filters
from pipeline.web.stores import store_of
from pipeline.web.views import (
    FacetValue,
    Links,
    SearchPage,
    decision_url,
    file_response,
    file_url,
    meeting_list,
    meeting_url,
    person_url,
    search_page,
)
from schemas.record import Document

router = APIRouter(prefix="/api", tags=["api"])

Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN, description="The sha256 of the document's file.")]
Position = Annotated[int, Path(ge=1, le=100_000, description="1-based position in the record.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]


class DocumentLinks(BaseModel):
    page: str
    file: str
    record: str


class ApiDocument(DocumentSummary):
    links: DocumentLinks


class DocumentList(BaseModel):
    total: int
    offset: int
    documents: list[ApiDocument]
    facets: dict[str, list[FacetValue]]


class ApiDecision(DecisionRow):
    """A decision row, its 1-based place in the record (item, decision), and links."""

    item: int
    decision: int
    links: Links


class DecisionList(BaseModel):
    total: int
    offset: int
    decisions: list[ApiDecision]


class PersonSummaryOut(BaseModel):
    key: str
    name: str
    meetings: int
    link: str


class PersonOut(BaseModel):
    name: str
    key: str
    spellings: list[str]
    attended: list[Attendance]
    absent: list[Attendance]
    decisions: list[Hit]
    mentions: list[Hit]


@router.get("", summary="What the API offers")
def index() -> dict[str, str]:
    return {"openapi": "/openapi.json", "search": "/api/search?q=...", "documents": "/api/documents",
            "decisions": "/api/decisions", "people": "/api/people", "export": "/api/export/decisions?format=csv",
            "meeting": "/api/meetings/{id}", "case": "/api/cases/{dnr}", "check": "/api/check",
            "feed": "/feeds/search.atom?q=..."}


@router.get("/search", summary="Search decisions and item text")
def search(request: Request, filters: Annotated[Filters, Depends()],
           limit: Annotated[int, Query(ge=1, le=1000)] = 20, offset: Offset = 0,
           facets: bool = True) -> SearchPage:
    """The same object as `protokoll search --format json` with the same filters."""
    if not filters.q:
        raise RequestValidationError([{"type": "missing", "loc": ("query", "q"), "input": None,
                                       "msg": "give the words to search for (GET /api/documents lists without)"}])
    return search_page(store_of(request), filters.request(limit=limit, offset=offset, facets=facets))


@router.get("/documents", summary="Documents the filters keep, newest first")
def documents(request: Request, filters: Annotated[Filters, Depends()],
              limit: Annotated[int, Query(ge=1, le=500)] = 50, offset: Offset = 0) -> DocumentList:
    found = meeting_list(store_of(request), filters.request(limit=limit, offset=offset))
    return DocumentList(total=found.total, offset=offset, facets=facet_values(found.facets), documents=[
        ApiDocument(**m.model_dump(), links=document_links(m)) for m in found.meetings])


@router.get("/documents/{sha256}", summary="A stored record (the extraction contract)")
def document(request: Request, sha256: Sha256) -> Document:
    record = store_of(request).record(sha256)
    if record is None:
        raise HTTPException(404, "no document with this sha256 in the store")
    return record


@router.get("/documents/{sha256}/file", summary="The document's source file (PDF inline, DOCX as a download)",
            response_class=Response, responses={200: {"content": {MEDIA_TYPES["docx"]: {}, "application/pdf": {}}}})
def document_file(request: Request, sha256: Sha256) -> Response:
    store = store_of(request)
    if store.stored_file(sha256) is None:
        raise HTTPException(404, "no document with this sha256 in the store")
    stored = read_stored_file(store, sha256)
    if stored is None:
        raise HTTPException(404, "the source file is no longer where it was loaded from (or was changed)")
    return file_response(stored)


@router.get("/documents/{sha256}/items/{item}/decisions/{decision}", summary="One decision")
def one_decision(request: Request, sha256: Sha256, item: Position, decision: Position) -> ApiDecision:
    record = store_of(request).record(sha256)
    entry = decision_entry(record, item, decision) if record else None
    if entry is None:
        raise HTTPException(404, "no such decision in the store")
    return api_decision(entry)


@router.get("/decisions", summary="Decisions the filters keep, in meeting order, each once however many "
            "files record its meeting")
def decisions(request: Request, filters: Annotated[Filters, Depends()],
              limit: Annotated[int, Query(ge=1, le=1000)] = 100, offset: Offset = 0) -> DecisionList:
    entries = decisions_once(store_of(request), select_decisions(store_of(request), filters.request()))
    return DecisionList(total=len(entries), offset=offset,
                        decisions=[api_decision(e) for e in entries[offset:offset + limit]])


@router.get("/people", summary="People by name (all when no name is given)")
def people(request: Request, name: Annotated[str | None, Query(max_length=200)] = None,
           limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[PersonSummaryOut]:
    return [PersonSummaryOut(key=p.key, name=p.name, meetings=p.meetings, link=person_url(p.key))
            for p in list_people(store_of(request), name, limit)]


@router.get("/people/{key}", summary="A person's meetings, and the decisions and items that name them")
def person(request: Request, key: Annotated[str, Path(max_length=200)]) -> PersonOut:
    store = store_of(request)
    if not person_exists(store, key):
        raise HTTPException(404, "no person with this key in the store")
    report = store.person(key)
    return PersonOut(**vars(report))


@router.get("/export/decisions", summary="The decisions the filters keep as a file (beslutsförteckning)",
            response_class=Response)
def export_decisions(request: Request, filters: Annotated[Filters, Depends()], format: ExportFormat = "csv",
                     delimiter: Delimiter = ";") -> Response:
    selection = filters.request()
    rows = meeting_decision_rows(store_of(request), selection)
    return download(rows, DecisionRow, format, delimiter, describe_selection(selection))


@router.get("/export/attendees", summary="The attendees of the meetings the filters keep, as a file",
            response_class=Response)
def export_attendees(request: Request, filters: Annotated[Filters, Depends()], format: ExportFormat = "csv",
                     delimiter: Delimiter = ";") -> Response:
    selection = filters.request()
    rows = meeting_attendee_rows(store_of(request), attendee_rows(store_of(request), selection))
    return download(rows, AttendeeRow, format, delimiter, describe_selection(selection))


def download(rows: list[DecisionRow] | list[AttendeeRow], row_type: type[ExportRow], fmt: str, delimiter: str,
             subtitle: str) -> Response:
    content = export(rows, row_type, fmt, delimiter=delimiter, subtitle=subtitle)
    return Response(content, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{file_name(row_type, fmt)}"'})


def api_decision(entry: DecisionEntry) -> ApiDecision:
    item, decision = entry.item + 1, entry.decision + 1
    row = entry.row
    links = Links(meeting=meeting_url(row.sha256, item), decision=decision_url(row.sha256, item, decision),
                  file=file_url(row.sha256, row.source, row.page))
    return ApiDecision(**dict(row), item=item, decision=decision, links=links)


def document_links(meeting: DocumentSummary) -> DocumentLinks:
    return DocumentLinks(page=meeting_url(meeting.sha256), file=file_url(meeting.sha256, meeting.source),
                         record=f"/api/documents/{meeting.sha256}")


def facet_values(facets: dict[str, list[tuple[str, int]]]) -> dict[str, list[FacetValue]]:
    return {name: [FacetValue(value=v, count=c) for v, c in values] for name, values in facets.items()}
