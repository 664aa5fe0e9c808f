"""The dashboard: server-rendered pages (Jinja2, everything autoescaped) that work with JavaScript off.

Story list → story (timeline with modality marked, actors, conflicts) → event
(every article's evidence side by side, the trigger highlighted, each outlet
named) → actor (aliases, roles, events) and article (text, events).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from newsweave import store_fusion as fusion
from newsweave import store_queries as queries
from newsweave.errors import NotFoundError
from newsweave.store import Store
from newsweave.web.api import all_conflicts
from newsweave.web.deps import StoreDep

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("/", "/story/", "/event/", "/actor/", "/article/")
LISTED = 500  # events shown on one story or actor page

router = APIRouter(include_in_schema=False)
env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True
)


def is_page(path: str) -> bool:
    return path == "/" or any(path.startswith(prefix) for prefix in PAGES[1:])


def render(name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)


def error_page(request: Request, status: int, message: str) -> str:
    return render("error.html", title=f"{status}", status=status, message=message)


@router.get("/", response_class=HTMLResponse)
def index(store: StoreDep) -> str:
    return render("index.html", title="Stories", stories=fusion.story_list(store), actors=store.actors()[:30],
                  status=store.status())  # fmt: skip


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> str:
    """Swagger UI over ``/openapi.json``: assets from the installed package, started by a static script."""
    return render("api_docs.html", title="API")


@router.get("/story/{ref}", response_class=HTMLResponse)
def story(store: StoreDep, ref: str, offset: Annotated[int, Query(ge=0)] = 0) -> str:
    found = fusion.story_list(store, story=ref, top=12)
    if not found:
        raise NotFoundError(f"no story {ref!r}")
    chosen = found[0]
    wanted = queries.EventFilter(story=ref)
    page = queries.timeline_page(store, wanted, limit=LISTED, offset=offset)
    members = set(chosen["article_ids"])
    clashes = [c for c in all_conflicts(store) if members & {a for v in c["values"] for a in v["article_ids"]}]
    return render("story.html", title=chosen["label"] or ref, story=chosen, timeline=page.items, total=page.total,
                  offset=offset, listed=LISTED, conflicts=clashes, copies=_copies(store, members))  # fmt: skip


def _copies(store: Store, members: set[str]) -> list[dict[str, Any]]:
    """The story's copies grouped under their original: ``{"original": id, "outlet": ..., "copies": [...]}``."""
    groups: dict[str, dict[str, Any]] = {}
    for copy in fusion.duplicates(store):
        if copy["article_id"] in members or copy["copy_of"] in members:
            group = groups.setdefault(copy["copy_of"], {"original": copy["copy_of"], "outlet": copy["original_outlet"],
                                                        "copies": []})  # fmt: skip
            group["copies"].append(copy)
    return list(groups.values())


@router.get("/event/{ref}", response_class=HTMLResponse)
def event(store: StoreDep, ref: str) -> str:
    found = queries.event(store, ref)
    return render("event.html", title=f"{found['type']} {found['date'] or ''}", event=found,
                  columns=evidence_columns(store, found))  # fmt: skip


@router.get("/actor/{ref}", response_class=HTMLResponse)
def actor(store: StoreDep, ref: str, offset: Annotated[int, Query(ge=0)] = 0) -> str:
    found = store.actor(ref)
    page = queries.event_page(store, queries.EventFilter(actor=found["id"]), limit=LISTED, offset=offset)
    return render("actor.html", title=found["name"], actor=found, events=page.items, total=page.total,
                  offset=offset, listed=LISTED)  # fmt: skip


@router.get("/article/{ref}", response_class=HTMLResponse)
def article(store: StoreDep, ref: str) -> str:
    found = store.article(ref)
    own = store.query("SELECT DISTINCT event FROM events WHERE article_id = ? ORDER BY 1", [found["id"]])
    keys = [_key(store, found["id"], row["event"]) for row in own]
    return render("article.html", title=found["title"] or found["id"], article=found,
                  events=queries.build_events(store, list(dict.fromkeys(keys))))  # fmt: skip


def _key(store: Store, article_id: str, number: int) -> str:
    rows = store.query("SELECT cluster FROM event_clusters WHERE article_id = ? AND event = ?", [article_id, number])
    return str(rows[0]["cluster"]) if rows else f"evt_{article_id}_{number}"


def evidence_columns(store: Store, event: dict[str, Any]) -> list[dict[str, Any]]:
    """One column per article reporting the event: its outlet, title, date and evidence sentences, marked."""
    ids = list(event["article_ids"])
    meta = {
        row["id"]: row
        for row in store.query(
            "SELECT id, outlet, title, published, url FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
    }
    modality = {m["article_id"]: m["modality"] for m in event.get("members", [])}
    columns = []
    for article_id in ids:
        spans = [marked(span) for span in event["evidence"] if span["article_id"] == article_id]
        columns.append({**meta.get(article_id, {"id": article_id}), "id": article_id, "spans": spans,
                        "modality": modality.get(article_id, event["modality"])})  # fmt: skip
    return columns


def marked(span: dict[str, Any]) -> dict[str, str]:
    """A sentence split around its evidence span (the trigger): ``before``, ``mark``, ``after`` (escaped on output)."""
    text = span["text"] or ""
    start, end = span.get("trigger_start"), span.get("trigger_end")
    if start is None or end is None or span["start"] is None:
        return {"before": "", "mark": text, "after": ""}
    lo, hi = start - span["start"], end - span["start"]
    if not 0 <= lo < hi <= len(text):
        return {"before": "", "mark": text, "after": ""}
    return {"before": text[:lo], "mark": text[lo:hi], "after": text[hi:]}
