"""What the pages and the API show, built from the store once for both: search hits placed in
their meetings with their links, meeting lists, and the addresses of things."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TYPE_CHECKING, get_type_hints
from urllib.parse import quote

from pydantic import BaseModel, Field, create_model

from pipeline.archive.meetings import MeetingHits, group_hits
from pipeline.store import SearchRequest, Store
from pipeline.store.browse import (
    DocumentSummary,
    document_facets,
    document_summaries,
    list_documents,
)
from pipeline.store.files import StoredFile
from pipeline.store.results import Hit

if TYPE_CHECKING:
    from fastapi import Response

# -- addresses --------------------------------------------------------------------------------

def meeting_url(sha256: str, item: int | None = None) -> str:
    """The meeting page, at an item when given (1-based)."""
    return f"/dokument/{sha256}" + (f"#punkt-{item}" if item is not None else "")


def decision_url(sha256: str, item: int, decision: int) -> str:
    """The decision page; item and decision are 1-based positions in the record."""
    return f"/dokument/{sha256}/punkt/{item}/beslut/{decision}"


def file_url(sha256: str, source: str, page: int | None = None) -> str:
    """The source file; a PDF opens at the page (the browser's viewer reads #page=N)."""
    at_page = page is not None and source.lower().endswith(".pdf")
    return f"/dokument/{sha256}/fil" + (f"#page={page}" if at_page else "")


def person_url(key: str) -> str:
    return f"/person/{quote(key, safe='')}"


def sitting_url(meeting_id: str, item: str | None = None) -> str:
    """The meeting's page (all its renderings), at an item's key when given."""
    return f"/sammantrade/{quote(meeting_id, safe='')}" + (f"#{item_anchor(item)}" if item else "")


def item_anchor(key: str) -> str:
    return "punkt-" + re.sub(r"[^0-9A-Za-z]+", "-", key).strip("-")


def case_url(key: str) -> str:
    return f"/arende/{quote(key, safe='')}"


class Links(BaseModel):
    meeting: str
    decision: str | None = None
    file: str


# -- search -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class HitView:
    """A hit with its meeting and where it sits in the record (1-based, for addresses)."""

    hit: Hit
    meeting: DocumentSummary
    item: int | None
    decision: int | None

    @property
    def links(self) -> Links:
        sha = self.hit.sha256
        decision = decision_url(sha, self.item, self.decision) if self.item and self.decision else None
        return Links(meeting=meeting_url(sha, self.item), decision=decision,
                     file=file_url(sha, self.meeting.source, self.hit.page))


@dataclass(frozen=True)
class SearchView:
    total: int
    hits: list[HitView]
    facets: dict[str, list[tuple[str, int]]]
    corrected: str | None = None
    notice: str | None = None  # "Visar resultat för «…»" when near spellings were searched instead


def search_view(store: Store, request: SearchRequest) -> SearchView:
    """The store's search, each hit placed in its meeting. QueryError for a query with nothing to find."""
    result = store.search(request)
    return SearchView(result.total, place_hits(store, result.hits), result.facets, result.corrected, result.notice)


class FacetValue(BaseModel):
    value: str
    count: int


# A search hit: the store's Hit fields (the search contract, defined once in results.py: ids,
# 1-based places in the record, where the words were found), its meeting and the web app's
# addresses for it.
SearchHit = create_model(
    "SearchHit",
    **{f.name: (get_type_hints(Hit)[f.name], ...) for f in fields(Hit)},
    meeting=(DocumentSummary, ...),
    links=(Links, ...),
)


class FileLink(BaseModel):
    """One rendering of a meeting: its file, and the page where a hit stands in it."""

    sha256: str
    source: str
    page: int | None = None
    document: str  # the rendering's own page
    file: str  # the file, at the page for a PDF


GroupedSearchHit = create_model(
    "GroupedSearchHit", __base__=SearchHit,
    also=(list[FileLink], Field(description="Other renderings of the meeting that hold the same text.")),
)


class MeetingHitsOut(BaseModel):
    """A meeting with the hits in it, each once however many of its files hold it."""

    id: str
    date: date | None
    organisation: str | None
    body: str | None
    kind: str
    link: str
    files: list[FileLink]
    hits: list[GroupedSearchHit]  # type: ignore[valid-type]


class SearchPage(BaseModel):
    """One page of search results: what `protokoll search --format json` prints and
    `GET /api/search` answers, the same object for the same query and filters."""

    total: int = Field(description="Hits in all, over every page.")
    offset: int
    limit: int
    hits: list[SearchHit]  # type: ignore[valid-type]
    facets: dict[str, list[FacetValue]] = Field(description="Counts per organisation, body, year and decision "
                                                "kind over all hits; empty when not asked for.")
    meetings: list[MeetingHitsOut] = Field(default=[], description="This page's hits by meeting: each meeting "
                                           "once with its files, each hit once however many files hold it.")
    corrected: str | None = Field(description="The query as searched, when words that found nothing were "
                                  "searched as the nearest words of the archive; else null.")
    notice: str | None = Field(description="What the search page says then: \"Visar resultat för «…»\".")


def search_page(store: Store, request: SearchRequest) -> SearchPage:
    """The search as the CLI's JSON and the API give it. QueryError for a query with nothing to find."""
    view = search_view(store, request)
    hits = [SearchHit(**vars(v.hit), meeting=v.meeting, links=v.links) for v in view.hits]
    facets = {name: [FacetValue(value=value, count=count) for value, count in values]
              for name, values in view.facets.items()}
    return SearchPage(total=view.total, offset=request.offset, limit=request.limit, hits=hits, facets=facets,
                      meetings=meetings_out(store, group_hits(store, [v.hit for v in view.hits])),
                      corrected=view.corrected, notice=view.notice)


def meetings_out(store: Store, groups: list[MeetingHits]) -> list[MeetingHitsOut]:
    """Grouped hits as the API gives them."""
    summaries = document_summaries(store, {d.sha256 for g in groups for d in g.meeting.renderings})
    out = []
    for group in groups:
        meeting = group.meeting
        hits = []
        for grouped in group.hits:
            view = HitView(grouped.hit, summaries[grouped.hit.sha256], grouped.item, grouped.decision)
            also = [file_link(hit.sha256, summaries[hit.sha256].source, hit.page) for hit, _, _ in grouped.also]
            hits.append(GroupedSearchHit(**{**vars(grouped.hit), "item": view.item, "decision": view.decision},
                                         meeting=view.meeting, links=view.links, also=also))
        out.append(MeetingHitsOut(id=meeting.id, date=meeting.date, organisation=meeting.organisation,
                                  body=meeting.body, kind=meeting.primary.kind, link=sitting_url(meeting.id),
                                  files=[file_link(d.sha256, d.source) for d in meeting.renderings], hits=hits))
    return out


def file_link(sha256: str, source: str, page: int | None = None) -> FileLink:
    return FileLink(sha256=sha256, source=source, page=page, document=meeting_url(sha256),
                    file=file_url(sha256, source, page))


# -- search by meeting (the web page) ------------------------------------------------------------

SEARCH_WINDOW = 200  # the best hits a search page groups into meetings and counts facets over


@dataclass(frozen=True)
class MeetingSearch:
    """A search's best hits by meeting: the meetings of one page, and facets that count meetings
    (and distinct decisions) over the window of best hits. ``partial`` when the engine found more."""

    hits_total: int
    meetings_total: int
    meetings: list[MeetingHitsOut]
    facets: dict[str, list[tuple[str, int]]]
    partial: bool
    notice: str | None = None  # "Visar resultat för «…»" when words that found nothing were read as near ones


def meeting_search(store: Store, request: SearchRequest, page: int, per_page: int) -> MeetingSearch:
    """The engine's best hits, grouped into meetings by the hits' sha256 (whatever engine found them)."""
    result = store.search(replace(request, limit=SEARCH_WINDOW, offset=0, facets=False))
    groups = group_hits(store, result.hits)
    chosen = groups[(page - 1) * per_page:page * per_page]
    return MeetingSearch(result.total, len(groups), meetings_out(store, chosen), grouped_facets(groups),
                         result.total > len(result.hits), result.notice)


def grouped_facets(groups: list[MeetingHits]) -> dict[str, list[tuple[str, int]]]:
    """Meetings per organisation, body and year; distinct hits per decision kind."""
    counts: dict[str, dict[str, int]] = {name: {} for name in ("organisation", "body", "year", "decision_kind")}
    for group in groups:
        meeting = group.meeting
        for name, value in (("organisation", meeting.organisation), ("body", meeting.body),
                            ("year", str(meeting.date.year) if meeting.date else None)):
            if value:
                counts[name][value] = counts[name].get(value, 0) + 1
        for grouped in group.hits:
            if grouped.hit.decision_kind:
                kind = grouped.hit.decision_kind
                counts["decision_kind"][kind] = counts["decision_kind"].get(kind, 0) + 1
    return {name: sorted(found.items(), key=lambda c: (-c[1], c[0])) for name, found in counts.items()}


def place_hits(store: Store, hits: list[Hit]) -> list[HitView]:
    """Each hit with its meeting and its place in the record, as the hit names it (hits of
    documents removed since the index saw them are left out)."""
    meetings = document_summaries(store, {hit.sha256 for hit in hits})
    return [HitView(hit, meetings[hit.sha256], hit.item, hit.decision) for hit in hits if hit.sha256 in meetings]


# -- meetings ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingList:
    total: int
    meetings: list[DocumentSummary]
    facets: dict[str, list[tuple[str, int]]]


def meeting_list(store: Store, request: SearchRequest, facets: bool = True) -> MeetingList:
    """The documents the filters keep, newest first, with counts per organisation, body, year and kind."""
    total, meetings = list_documents(store, request)
    return MeetingList(total, meetings, document_facets(store, request) if facets else {})


# -- files ------------------------------------------------------------------------------------

def file_response(stored: StoredFile) -> Response:
    """A stored file as the browser should take it: a PDF inline (so #page=N opens the page),
    a DOCX as a download, named as it was loaded; its sha256 is its ETag."""
    from fastapi import Response  # the CLI's JSON shares this module and need not load FastAPI

    disposition = "inline" if stored.inline else "attachment"
    return Response(stored.content, media_type=stored.media_type, headers={
        "Content-Disposition": content_disposition(disposition, stored.name),
        "ETag": f'"{hashlib.sha256(stored.content).hexdigest()}"',
        "Cache-Control": "private, no-cache",
    })


def content_disposition(disposition: str, name: str) -> str:
    """The header with an ASCII fallback name and the real one (RFC 6266), neither able to break out of it."""
    fallback = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "dokument"
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
