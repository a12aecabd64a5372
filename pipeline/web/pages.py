"""The pages: search (or, without words, the list of meetings), a meeting, a decision, people,
a person, and the source files. Swedish throughout; no script."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, get_args

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from extractors.text import person_key
from pipeline.archive.cases import case_key_of
from pipeline.archive.meetings import group_hits, list_meetings, meeting_facets, meetings_of
from pipeline.store import QueryError
from pipeline.store.archive import item_ids_of
from pipeline.store.browse import DECISION_KIND_LABELS, decision_entry, list_people, person_exists, sources_to_sha256
from pipeline.store.files import read_stored_file
from pipeline.web.errors import query_message
from pipeline.web.filters import FACET_LABELS, GROUP_LABELS
from pipeline.web.params import SHA256_PATTERN, Filters, link
from pipeline.web.stores import store_of
from pipeline.web.views import SEARCH_WINDOW, file_response, meeting_search, meetings_out
from schemas.record import Attendee, Document, DocumentKind

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

HITS_PER_PAGE = 20  # meetings with hits, per page
MEETINGS_PER_PAGE = 50
Sha256 = Annotated[str, Path(pattern=SHA256_PATTERN)]
Position = Annotated[int, Path(ge=1, le=100_000)]
PageNumber = Annotated[int, Query(ge=1, le=1000)]
FACET_PARAMETERS = {"organisation": "organisation", "body": "body", "decision_kind": "decision_kind", "kind": "kind"}
FILTER_LABELS = {"organisation": "Organisation", "body": "Organ", "kind": "Dokumenttyp",
                 "decision_kind": "Beslutstyp", "from": "Från", "to": "Till", "person": "Person",
                 "min_amount": "Belopp från", "max_amount": "Belopp till", "decisions_only": "Endast beslut"}
NOT_STORED = "Dokumentet finns inte i arkivet."


@dataclass(frozen=True)
class FacetEntry:
    label: str
    count: int
    url: str
    active: bool


@dataclass(frozen=True)
class Facet:
    label: str
    entries: list[FacetEntry]


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_url: str


def render(request: Request, template: str, context: dict[str, object], status_code: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


# -- search -----------------------------------------------------------------------------------

@router.get("/")
def search_page(request: Request, filters: Annotated[Filters, Depends()], sida: PageNumber = 1) -> Response:
    """Hits for the words with facets; without words, the meetings the filters keep."""
    store = store_of(request)
    context: dict[str, object] = {
        "form": form_values(request), "active": active_filters(request), "page": sida,
        "exports": export_links(request), "document_kinds": get_args(DocumentKind),
    }
    context.update(feed=link(request, "/feeds/search.atom"), window=SEARCH_WINDOW)
    if filters.q:
        per_page = HITS_PER_PAGE
        try:
            view = meeting_search(store, filters.request(), sida, per_page)
        except QueryError as exc:
            return render(request, "search.html", {**context, "error": query_message(exc)}, status_code=400)
        total, facets = view.meetings_total, view.facets
        context["view"] = view
    else:
        per_page = MEETINGS_PER_PAGE
        meetings = list_meetings(store, filters.request())
        total, facets = len(meetings), meeting_facets(meetings)
        context["listing"] = meetings[(sida - 1) * per_page:sida * per_page]
    context.update(total=total, per_page=per_page, facets=facet_links(request, facets),
                   pages=page_links(request, sida, total, per_page))
    return render(request, "search.html", context)


def form_values(request: Request) -> dict[str, object]:
    """What the form shows: the parameters as typed (a date stays "2024", not 2024-01-01)."""
    params = request.query_params
    values: dict[str, object] = {name: params.get(name, "") for name in (
        "q", "organisation", "body", "kind", "from", "to", "person", "min_amount", "max_amount")}
    values["decision_kind"] = params.getlist("decision_kind")
    values["decisions_only"] = params.get("decisions_only", "") not in ("", "false", "0")
    values["open"] = any(values[n] for n in FILTER_LABELS if n in values)
    return values


def facet_links(request: Request, facets: dict[str, list[tuple[str, int]]]) -> list[Facet]:
    """Each facet value as a link that narrows the search to it (or, when chosen, widens it again)."""
    found = []
    for name, values in facets.items():
        entries = []
        for value, count in values:
            if name == "year":
                active = request.query_params.get("from") == value and request.query_params.get("to") == value
                url = link(request, "/", drop=("from", "to"), **({} if active else {"from": value, "to": value}))
            else:
                parameter = FACET_PARAMETERS[name]
                active = value in request.query_params.getlist(parameter)
                url = link(request, "/", drop=(parameter,), **({} if active else {parameter: value}))
            label = DECISION_KIND_LABELS.get(value, value) if name == "decision_kind" else value
            entries.append(FacetEntry(label, count, url, active))
        if entries:
            found.append(Facet(FACET_LABELS.get(name, name), entries))
    return found


def active_filters(request: Request) -> list[ActiveFilter]:
    """The filters in force, each with a link that removes it."""
    found = []
    for name, value in request.query_params.multi_items():
        if name in FILTER_LABELS and value.strip() and value not in ("false", "0"):
            shown = DECISION_KIND_LABELS.get(value, value) if name == "decision_kind" else value
            others = [v for v in request.query_params.getlist(name) if v != value]
            found.append(ActiveFilter(FILTER_LABELS[name], "ja" if name == "decisions_only" else shown,
                                      link(request, "/", drop=(name,), **{name: others})))
    return found


def page_links(request: Request, page: int, total: int, per_page: int) -> dict[str, str | None]:
    last = max(1, -(-total // per_page))
    return {"previous": link(request, "/", sida=str(page - 1)) if page > 1 else None,
            "next": link(request, "/", sida=str(page + 1)) if page < last else None,
            "last": str(last)}


def export_links(request: Request) -> dict[str, dict[str, str]]:
    formats = {"csv": "CSV", "xlsx": "Excel", "json": "JSON", "docx": "Word"}
    return {what: {label: link(request, f"/api/export/{what}", format=fmt) for fmt, label in formats.items()}
            for what in ("decisions", "attendees")}


# -- a meeting, a decision, a file ------------------------------------------------------------

def stored_record(request: Request, sha256: str) -> Document:
    record = store_of(request).record(sha256)
    if record is None:
        raise HTTPException(404, NOT_STORED)
    return record


@router.get("/dokument/{sha256}")
def meeting_page(request: Request, sha256: Sha256) -> Response:
    record = stored_record(request, sha256)
    meeting = meetings_of(store_of(request), [sha256]).get(sha256)
    return render(request, "document.html", {"record": record, "groups": attendee_groups(record.attendees),
                                             "person_key": person_key, "meeting": meeting})


def attendee_groups(attendees: list[Attendee]) -> list[tuple[str, list[Attendee]]]:
    return [(label, [a for a in attendees if a.group == group]) for group, label in GROUP_LABELS.items()
            if any(a.group == group for a in attendees)]


@router.get("/dokument/{sha256}/punkt/{item}/beslut/{decision}")
def decision_page(request: Request, sha256: Sha256, item: Position, decision: Position) -> Response:
    record = stored_record(request, sha256)
    entry = decision_entry(record, item, decision)
    if entry is None:
        raise HTTPException(404, "Beslutet finns inte i arkivet.")
    store = store_of(request)
    meeting = meetings_of(store, [sha256]).get(sha256)
    case = case_key_of(store, item_ids_of(store, sha256)[entry.item], record.items[entry.item].dnr)
    return render(request, "decision.html", {"record": record, "entry": entry, "item": record.items[entry.item],
                                             "item_number": item, "decision_number": decision, "meeting": meeting,
                                             "case": case})


@router.get("/dokument/{sha256}/fil")
def source_file(request: Request, sha256: Sha256) -> Response:
    store = store_of(request)
    if store.stored_file(sha256) is None:
        raise HTTPException(404, NOT_STORED)
    stored = read_stored_file(store, sha256)
    if stored is None:
        raise HTTPException(404, "Källfilen finns inte längre där den lästes in, eller har ändrats sedan dess. "
                                 "Läs in den igen med protokoll load.")
    return file_response(stored)


# -- people -----------------------------------------------------------------------------------

@router.get("/personer")
def people_page(request: Request, namn: Annotated[str, Query(max_length=200)] = "") -> Response:
    people = list_people(store_of(request), namn or None)
    return render(request, "people.html", {"people": people, "name": namn})


@router.get("/person/{key}")
def person_page(request: Request, key: Annotated[str, Path(max_length=200)]) -> Response:
    store = store_of(request)
    if not person_exists(store, key):
        raise HTTPException(404, "Personen finns inte i arkivet.")
    report = store.person(key)
    sources = sources_to_sha256(store, {s for m in [*report.attended, *report.absent] for s in m.sources})
    meetings = meetings_of(store, {sha for shas in sources.values() for sha in shas})
    meeting_of = {source: meetings[shas[0]] for source, shas in sources.items() if shas and shas[0] in meetings}
    return render(request, "person.html", {"report": report, "meeting_of": meeting_of,
                                           "decisions": meetings_out(store, group_hits(store, report.decisions)),
                                           "mentions": meetings_out(store, group_hits(store, report.mentions))})
