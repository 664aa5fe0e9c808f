"""The FastAPI app: JSON endpoints mirroring the CLI and the dashboard, over a store opened read-only.

Each request reads the store through its own read-only view (``deps.request_corpus``),
so requests run in parallel and none can write. Views are cursors of one connection
to the snapshot the last writer published (reopened when a writer publishes a new
one), never of the store file itself: an ingest can start while the app serves, and
during it requests read the snapshot the ingest publishes.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from newsweave._version import __version__
from newsweave.corpus import Corpus
from newsweave.errors import NotFoundError, UsageError
from newsweave.store import Store
from newsweave.store.connection import SharedReader
from newsweave.web import api, pages
from newsweave.web.json import SafeJSONResponse

STATIC = Path(__file__).parent / "static"
# The dashboard runs no inline script and loads nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI's script and style for /docs, served from the installed fastapi-offline package (no CDN).
DOCS_ASSETS = Path(fastapi_offline.__file__).parent / "static"
MAX_QUERY = 2000  # characters of a query string; more is refused with 414
MAX_PATH = 2000  # characters of a path (an article URL used as an id fits); more is refused with 414


def create_app(db: Path) -> FastAPI:
    """The API and dashboard over the store ``db``, opened read-only (it must exist)."""
    Corpus(db).close()  # fail now, not at the first request, if there is no readable store
    app = FastAPI(
        title="newsweave",
        version=__version__,
        summary="Structured, verifiable knowledge from overlapping news articles (read-only).",
        default_response_class=SafeJSONResponse,
        docs_url=None,  # /docs is a dashboard page (pages.api_docs): local assets, no inline script
        redoc_url=None,
    )
    app.state.db = db
    app.state.reader = SharedReader(db, Store)
    app.middleware("http")(_limit_request)
    app.middleware("http")(_security_headers)
    app.add_exception_handler(NotFoundError, _not_found)
    app.add_exception_handler(UsageError, _bad_request)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    app.include_router(api.router)
    app.include_router(pages.router)
    return app


async def _security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


async def _limit_request(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Refuse an over-long path or query string with 414 before any route sees it."""
    query, path = request.scope.get("query_string", b""), request.scope.get("raw_path") or request.url.path.encode()
    if len(query) > MAX_QUERY or len(path) > MAX_PATH:
        limit = f"at most {MAX_PATH} characters of path and {MAX_QUERY} of query string"
        return _error(request, 414, f"request URI too long ({limit})")
    return await call_next(request)


def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, str(exc))


def _bad_request(request: Request, exc: Exception) -> Response:
    return _error(request, 422, str(exc))


def _error(request: Request, status: int, message: str) -> Response:
    if pages.is_page(request.url.path):
        return HTMLResponse(pages.error_page(request, status, message), status_code=status)
    return SafeJSONResponse({"detail": message}, status_code=status)
