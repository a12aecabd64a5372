"""Errors as the asker reads them: JSON with a message under /api, a Swedish page elsewhere.

A bad parameter is a 422 from the API (FastAPI's shape, plus one readable ``message``) and a
400 page that says in Swedish which field is wrong and why; an address naming nothing (an
unknown sha256, a position past the last item, ``..`` in a path) is a 404 page.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipeline.store import QueryError, StoreError

FIELD_LABELS = {
    "q": "Sökord", "organisation": "Organisation", "body": "Organ", "kind": "Dokumenttyp",
    "decision_kind": "Beslutstyp", "from": "Från datum", "to": "Till datum", "person": "Person",
    "min_amount": "Belopp från", "max_amount": "Belopp till", "decisions_only": "Endast beslut",
    "sida": "Sidnummer", "limit": "Antal", "offset": "Startposition", "format": "Format",
    "delimiter": "Avgränsare", "facets": "Fasetter", "namn": "Namn", "name": "Namn",
}
PAGE_TITLES = {400: "Felaktig sökning", 404: "Finns inte", 405: "Går inte att göra här",
               503: "Arkivet går inte att nå"}
STATUS_MESSAGES = {404: "Sidan finns inte.", 405: "Arkivet går bara att läsa: den här åtgärden stöds inte.",
                   503: "Arkivet går inte att nå just nu."}
QUERY_MESSAGES = (
    ("too long", "Sökfrågan är för lång."),
    ("too many words", "Sökfrågan har för många ord."),
    ("only says what to leave out", "Sökfrågan säger bara vad som ska uteslutas: lägg till ett ord att söka efter."),
    ("no word to search for", "Sökfrågan innehåller inget ord att söka efter."),
)


def wants_json(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def swedish_message(error: dict[str, Any]) -> str:
    """One pydantic validation error of a query or path parameter, in Swedish."""
    loc = error.get("loc", ())
    name = str(loc[1]) if len(loc) > 1 else ""
    label = FIELD_LABELS.get(name, name)
    shown = str(error.get("input", ""))[:60]
    ctx = error.get("ctx") or {}
    messages = {
        "date_format": f"{label}: «{shown}» är inget datum. Skriv ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
        "amount_format": f"{label}: «{shown}» är inget belopp. Skriv till exempel 50000, 50 tkr eller 1,5 mkr.",
        "literal_error": f"{label}: «{shown}» finns inte att välja. Välj bland {_swedish_or(ctx.get('expected'))}.",
        "int_parsing": f"{label} ska vara ett heltal, inte «{shown}».",
        "bool_parsing": f"{label} ska vara ja eller nej (true eller false), inte «{shown}».",
        "greater_than_equal": f"{label} ska vara minst {ctx.get('ge')}.",
        "less_than_equal": f"{label} får vara högst {ctx.get('le')}.",
        "string_too_long": f"{label} är för lång (högst {ctx.get('max_length')} tecken).",
        "missing": f"{label} saknas.",
    }
    return messages.get(error.get("type", ""), f"{label}: «{shown}» går inte att använda.")


def _swedish_or(expected: object) -> str:
    return str(expected or "").replace("' or '", "', '")


def query_message(exc: QueryError) -> str:
    text = str(exc)
    return next((swedish for english, swedish in QUERY_MESSAGES if english in text), "Sökfrågan går inte att söka på.")


def error_page(request: Request, status: int, messages: list[str]) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {
        "title": PAGE_TITLES.get(status, "Något gick fel"), "messages": messages}, status_code=status)


async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
    errors = list(exc.errors())
    if wants_json(request):
        message = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in errors)
        return JSONResponse({"detail": jsonable_encoder(errors), "message": message}, status_code=422)
    if any(e.get("loc", ("",))[0] == "path" for e in errors):  # the address names nothing in the archive
        return error_page(request, 404, ["Adressen pekar inte på något i arkivet."])
    return error_page(request, 400, [swedish_message(e) for e in errors])


async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    generic = exc.detail in (None, "", HTTPStatus(exc.status_code).phrase)
    message = STATUS_MESSAGES.get(exc.status_code, "Något gick fel.") if generic else str(exc.detail)
    return error_page(request, exc.status_code, [message])


async def on_query_error(request: Request, exc: QueryError) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=400)
    return error_page(request, 400, [query_message(exc)])


async def on_store_error(request: Request, exc: StoreError) -> Response:
    if wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=503)
    return error_page(request, 503, [STATUS_MESSAGES[503]])


def install(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, on_validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, on_http_error)  # type: ignore[arg-type]
    app.add_exception_handler(QueryError, on_query_error)  # type: ignore[arg-type]
    app.add_exception_handler(StoreError, on_store_error)  # type: ignore[arg-type]
