"""The web app: ``create_app(db_url)`` serves the store read-only, as pages and as a JSON API.

Read-only and safe by construction: every route is a GET; files are served only by the sha256
of a stored document from the path recorded when it was loaded (pipeline/store/files.py);
static files come from the package's own folder; templates escape everything they print; no
script runs on the pages (the Content-Security-Policy forbids it); and only requests that name
this machine by a loopback name are answered unless the server was bound to another host
(a web page elsewhere cannot make the browser read the archive through DNS rebinding).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from pipeline.store import open_store
from pipeline.web import errors, filters
from pipeline.web.api import router as api_router
from pipeline.web.archive_api import router as archive_api_router
from pipeline.web.archive_pages import router as archive_pages_router
from pipeline.web.pages import router as pages_router
from pipeline.web.params import CliSpellings
from pipeline.web.stores import ThreadStores

HERE = Path(__file__).resolve().parent
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
PAGE_POLICY = ("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
               "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")


def create_app(db_url: str, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over the store at ``db_url`` (which must exist: StoreError otherwise).

    ``allowed_hosts``: the host names requests may use (default: loopback names only).
    """
    open_store(db_url, create=False).close()  # fail now, with the store's own message, not on the first page
    stores = ThreadStores(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(title="protokoll", version="1", summary="Swedish meeting records: search, decisions, people.",
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None, lifespan=lifespan)

    @app.get("/api/openapi.json", include_in_schema=False)
    def openapi_under_api() -> dict[str, object]:  # where the schema was first served
        return app.openapi()

    app.state.stores = stores
    app.state.templates = templates()
    errors.install(app)
    app.middleware("http")(security_headers)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or list(LOOPBACK_HOSTS))
    app.add_middleware(CliSpellings)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router)
    app.include_router(archive_api_router)
    app.include_router(pages_router)
    app.include_router(archive_pages_router)
    return app


def templates() -> Jinja2Templates:
    found = Jinja2Templates(directory=HERE / "templates")
    found.env.finalize = filters.printable
    found.env.filters.update(filters.FILTERS)
    found.env.globals.update(filters.GLOBALS)
    return found


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers.update(SECURITY_HEADERS)
    if response.headers.get("content-type", "").startswith("text/html"):
        response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response
