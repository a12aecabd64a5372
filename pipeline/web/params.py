"""The query parameters of the pages, the API and the exports: the store's search filters.

Every value is checked by pydantic as FastAPI reads it, so a bad one is a 422 with the
parameter's name before any handler runs; the pages turn the same errors into Swedish
(pipeline/web/errors.py). Blank form fields count as not given.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from urllib.parse import parse_qsl, urlencode

from fastapi import Query
from pydantic import BeforeValidator, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from pipeline.store import SearchRequest
from pipeline.store.results import day_bound, kronor_amount  # the values the CLI accepts, the web accepts
from schemas.record import DecisionKind, DocumentKind

MAX_TEXT = 200
MAX_QUERY = 1000
SHA256_PATTERN = r"^[0-9a-f]{64}$"
ExportFormat = Literal["csv", "xlsx", "json", "docx"]
Delimiter = Literal[";", ","]


def blank_to_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def drop_blanks(values: object) -> object:
    """A form's "all" option sends an empty value: it selects nothing."""
    if isinstance(values, list):
        return [v for v in values if not (isinstance(v, str) and not v.strip())]
    return values


def day_of(value: object, first: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as the first (or last) day it names."""
    value = blank_to_none(value)
    if value is None or isinstance(value, date):
        return value
    try:
        return day_bound(str(value), first)
    except ValueError:
        raise PydanticCustomError("date_format", "invalid date '{value}': expected YYYY, YYYY-MM or YYYY-MM-DD",
                                  {"value": str(value)[:40]}) from None


def kronor(value: object) -> int | None:
    """An amount in kronor from "50000", "50 000", "50 tkr", "1,5 mkr"."""
    value = blank_to_none(value)
    if value is None or isinstance(value, int):
        return value
    try:
        return kronor_amount(str(value))
    except ValueError:
        raise PydanticCustomError("amount_format", "invalid amount '{value}': expected kronor, e.g. 50000, "
                                  "'50 tkr' or '1,5 mkr'", {"value": str(value)[:40]}) from None


DAY_SCHEMA = WithJsonSchema({"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$",
                             "examples": ["2024", "2024-05", "2024-05-27"]})
FromDay = Annotated[date | None, BeforeValidator(lambda v: day_of(v, first=True)), DAY_SCHEMA]
ToDay = Annotated[date | None, BeforeValidator(lambda v: day_of(v, first=False)), DAY_SCHEMA]
Kronor = Annotated[int | None, BeforeValidator(kronor),
                   WithJsonSchema({"type": "string", "examples": ["50000", "50 tkr", "1,5 mkr"]})]
# The length applies to text given; a blank field is None before any constraint sees it.
Text = Annotated[Annotated[str, StringConstraints(max_length=MAX_TEXT)] | None, BeforeValidator(blank_to_none)]
DocumentKinds = Annotated[list[DocumentKind], BeforeValidator(drop_blanks)]
DecisionKinds = Annotated[list[DecisionKind], BeforeValidator(drop_blanks)]


class Filters:
    """The store's search filters as query parameters (a FastAPI dependency)."""

    def __init__(
        self,
        q: Annotated[str, Query(max_length=MAX_QUERY, description="Words to search for (Swedish stems and "
                                "compounds); empty lists everything the filters keep.")] = "",
        organisation: Annotated[Text, Query(description="Organisation, or part of its name.")] = None,
        body: Annotated[Text, Query(description="Meeting body, or part of its name.")] = None,
        kind: Annotated[DocumentKinds, Query(description="Document kinds (repeatable).")] = [],  # noqa: B006
        decision_kind: Annotated[DecisionKinds, Query(description="Decision kinds (repeatable).")] = [],  # noqa: B006
        date_from: Annotated[FromDay, Query(alias="from", description="From this date: YYYY, YYYY-MM or "
                                            "YYYY-MM-DD.")] = None,
        date_to: Annotated[ToDay, Query(alias="to", description="Up to this date: YYYY, YYYY-MM or "
                                        "YYYY-MM-DD.")] = None,
        person: Annotated[Text, Query(description="Meetings the person attended (and, with q, text that "
                                      "names them).")] = None,
        min_amount: Annotated[Kronor, Query(description="A decision amount of at least this much.")] = None,
        max_amount: Annotated[Kronor, Query(description="A decision amount of at most this much.")] = None,
        decisions_only: Annotated[bool, Query(description="Only decisions, no running text.")] = False,
    ) -> None:
        # FastAPI gives list defaults fresh per request; the dependency never mutates them.
        self.q = q.strip()
        self.organisation = organisation
        self.body = body
        self.kinds = tuple(kind)
        self.decision_kinds = tuple(decision_kind)
        self.date_from = date_from
        self.date_to = date_to
        self.person = person
        self.min_amount = min_amount
        self.max_amount = max_amount
        self.decisions_only = decisions_only

    def request(self, limit: int = 20, offset: int = 0, facets: bool = False) -> SearchRequest:
        return SearchRequest(
            text=self.q, organisation=self.organisation, body=self.body, kinds=self.kinds,
            date_from=self.date_from, date_to=self.date_to, decision_kinds=self.decision_kinds,
            decisions_only=self.decisions_only, person=self.person, min_amount=self.min_amount,
            max_amount=self.max_amount, limit=limit, offset=offset, facets=facets)


FILTER_PARAMETERS = ("q", "organisation", "body", "kind", "decision_kind", "from", "to", "person",
                     "min_amount", "max_amount", "decisions_only")


def link(request: Request, path: str, drop: tuple[str, ...] = (), **changes: str | list[str] | None) -> str:
    """``path`` with the request's filter parameters as given (minus ``drop``), changed by ``changes``."""
    params: list[tuple[str, str]] = []
    for key, value in request.query_params.multi_items():
        if key in FILTER_PARAMETERS and key not in drop and key not in changes and value.strip():
            params.append((key, value))
    for key, value in changes.items():
        for one in (value if isinstance(value, list) else [value]):
            if one is not None and one != "":
                params.append((key, one))
    return path + ("?" + urlencode(params) if params else "")


# `protokoll search` spells its options the command-line way; the API takes those names too.
CLI_SPELLINGS = {"org": "organisation", "decision-kind": "decision_kind", "min-amount": "min_amount",
                 "max-amount": "max_amount", "decisions": "decisions_only"}


class CliSpellings:
    """Reads ``?decision-kind=noted&min-amount=50 tkr`` as ``decision_kind`` and ``min_amount``,
    so a query written for the CLI works against the API unchanged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            if any(key in CLI_SPELLINGS for key, _ in pairs):
                query = urlencode([(CLI_SPELLINGS.get(key, key), value) for key, value in pairs])
                scope = {**scope, "query_string": query.encode("latin-1")}
        await self.app(scope, receive, send)
