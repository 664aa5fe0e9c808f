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

from newsweave.corpus import Corpus
from newsweave.web.deps import CorpusDep

TEMPLATES = Path(__file__).parent / "templates"
PAGES = ("/", "/story/", "/event/", "/actor/", "/article/")
LISTED = 500  # events shown on one story or actor page
STORY_ACTORS = 12  # actors shown on a story page

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
def index(corpus: CorpusDep) -> str:
    return render("index.html", title="Stories", stories=[s.as_dict() for s in corpus.stories().items],
                  actors=corpus.actors()[:30], status=corpus.status())  # fmt: skip


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> str:
    """Swagger UI over ``/openapi.json``: assets from the installed package, started by a static script."""
    return render("api_docs.html", title="API")


@router.get("/story/{ref}", response_class=HTMLResponse)
def story(corpus: CorpusDep, ref: str, offset: Annotated[int, Query(ge=0)] = 0) -> str:
    chosen = corpus.story(ref).as_dict()
    chosen["top_actors"] = [a.as_dict() for a in corpus.key_actors(chosen["article_ids"], top=STORY_ACTORS)]
    page = corpus.timeline(corpus.event_filter(story=ref), limit=LISTED, offset=offset)
    members = set(chosen["article_ids"])
    clashes = [c.as_dict() for c in corpus.conflicts() if members & {a for v in c.values for a in v.article_ids}]
    return render("story.html", title=chosen["label"] or ref, story=chosen, timeline=page.items, total=page.total,
                  offset=offset, listed=LISTED, conflicts=clashes, copies=_copies(corpus, members))  # fmt: skip


def _copies(corpus: Corpus, members: set[str]) -> list[dict[str, Any]]:
    """The story's copies grouped under their original: ``{"original": id, "outlet": ..., "copies": [...]}``."""
    groups: dict[str, dict[str, Any]] = {}
    for copy in corpus.copies():
        if copy.article_id in members or copy.copy_of in members:
            group = groups.setdefault(copy.copy_of, {"original": copy.copy_of, "outlet": copy.original_outlet,
                                                     "copies": []})  # fmt: skip
            group["copies"].append(copy.as_dict())
    return list(groups.values())


@router.get("/event/{ref}", response_class=HTMLResponse)
def event(corpus: CorpusDep, ref: str) -> str:
    found = corpus.event(ref).as_dict()
    return render("event.html", title=f"{found['type']} {found['date'] or ''}", event=found,
                  columns=evidence_columns(corpus, found))  # fmt: skip


@router.get("/actor/{ref}", response_class=HTMLResponse)
def actor(corpus: CorpusDep, ref: str, offset: Annotated[int, Query(ge=0)] = 0) -> str:
    found = corpus.actor(ref)
    page = corpus.events(corpus.event_filter(actor=found["id"]), limit=LISTED, offset=offset)
    return render("actor.html", title=found["name"], actor=found, events=[e.as_dict() for e in page.items],
                  total=page.total, offset=offset, listed=LISTED)  # fmt: skip


@router.get("/article/{ref}", response_class=HTMLResponse)
def article(corpus: CorpusDep, ref: str) -> str:
    found = corpus.article(ref)
    own = corpus.events(corpus.event_filter(article=found["id"])).items
    return render("article.html", title=found["title"] or found["id"], article=found,
                  events=[e.as_dict() for e in own])  # fmt: skip


def evidence_columns(corpus: Corpus, event: dict[str, Any]) -> list[dict[str, Any]]:
    """One column per article reporting the event: its outlet, title, date and evidence sentences, marked."""
    ids = list(event["article_ids"])
    meta = corpus.texts(ids)
    modality = {m["article_id"]: m["modality"] for m in event.get("members", [])}
    columns = []
    for article_id in ids:
        spans = [marked(span) for span in event["evidence"] if span["article_id"] == article_id]
        facts = {k: v for k, v in meta.get(article_id, {}).items() if k in ("outlet", "title", "published", "url")}
        columns.append({**facts, "id": article_id, "spans": spans,
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
