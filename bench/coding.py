"""Code one sentence the way newsweave codes articles (for the PLOVER and CAMEO gold standards)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from newsweave import nlp
from newsweave.extract.actors import extract_actors
from newsweave.extract.events import extract_events
from newsweave.model import Article, DocActor
from newsweave.ontology import plover
from newsweave.ontology.plover import is_plover


@dataclass(frozen=True)
class Coded:
    type: str | None
    cameo_root: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def article_for(text: str, article_id: str = "s") -> Article:
    """An article with no outlet, URL or publication date, for a bench text."""
    return Article(
        id=article_id, url=None, outlet=None, title=None, published=None, published_source="unknown",
        published_evidence="", published_flag=None, text=text, raw_hash="", lang="en", origin="bench",
    )  # fmt: skip


def code_sentences(texts: list[str]) -> list[Coded]:
    """The main political event of each sentence: the PLOVER-typed trigger highest in the parse (nearest the
    root); events of the crisis extension are left out (these gold standards code PLOVER/CAMEO only)."""
    out = []
    for doc, _ in nlp.parse((text, None) for text in texts):
        local, linked = extract_actors(doc, "s")
        events = [e for e in extract_events(doc, article_for(doc.text), local, linked) if is_plover(e.type)]
        if not events:
            out.append(Coded(None, None, (), ()))
            continue
        depth = {t.idx: len(list(t.ancestors)) for t in doc}
        main = min(events, key=lambda e: (depth.get(e.trigger.start, 99), e.trigger.start))
        codes = {a.local_id: _code(a) for a in local}
        out.append(Coded(main.type, main.cameo_root, tuple(c for s in main.sources if (c := codes[s])),
                         tuple(c for t in main.targets if (c := codes[t]))))  # fmt: skip
    return out


def _code(actor: DocActor) -> str | None:
    """An actor's country code, or an IGO code's first six letters (IGOUNO, IGOWAF, ...)."""
    if actor.country:
        return actor.country
    return actor.cameo[:6] if actor.cameo else None


ABLATION = {(True, True): "", (True, False): ", without the verb phrase patterns",
            (False, False): ", without the general verb lexicon and its phrase patterns"}  # fmt: skip


@contextmanager
def general_verbs(*, on: bool, patterns: bool | None = None) -> Iterator[None]:
    """An ablation: with ``on=False`` the general verb lexicon (``ontology/cameo_verbs.csv``) and the verb phrase
    patterns (``ontology/cameo_patterns.csv``) are empty while the block runs, with ``patterns=False`` only the
    patterns, so a bench can print its figures with and without them in one run."""
    kept, kept_patterns = plover.general_verbs, plover.verb_patterns
    if not on:
        plover.general_verbs = dict  # type: ignore[assignment]
    if not (on if patterns is None else patterns):
        plover.verb_patterns = dict  # type: ignore[assignment]
    try:
        yield
    finally:
        plover.general_verbs = kept  # type: ignore[method-assign]
        plover.verb_patterns = kept_patterns  # type: ignore[method-assign]
