"""What the pages and the API show, built from the store once for both: search hits placed in
their meetings with their links, meeting lists, and the addresses of things."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, get_type_hints
from urllib.parse import quote

from pydantic import BaseModel, Field, create_model

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


class SearchPage(BaseModel):
    """One page of search results: what `protokoll search --format json` prints and
    `GET /api/search` answers, the same object for the same query and filters."""

    total: int = Field(description="Hits in all, over every page.")
    offset: int
    limit: int
    hits: list[SearchHit]  # type: ignore[valid-type]
    facets: dict[str, list[FacetValue]] = Field(description="Counts per organisation, body, year and decision "
                                                "kind over all hits; empty when not asked for.")
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
                      corrected=view.corrected, notice=view.notice)


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
