"""Extraction cost beside spaCy's own, on distinct real texts: the extractors' share of parse time.

Run: ``python -m bench.events [--articles 300] [--rounds 8]``. Takes that many distinct real articles (English
AEB pages and ECB+ documents, ``bench/realtexts.py``), parses each once with newsweave's spaCy pipeline and
times actors + events + quotes + claims on the parsed documents, a slice of the articles at a time (parse, then
extract) so that a busy machine slows both alike. One-time loads happen before timing, on two sample articles.
Target: extraction adds at most 20% to spaCy's time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from spacy.tokens import Doc

from bench import realtexts
from newsweave import nlp
from newsweave.article import build
from newsweave.engine.local import extract_parsed
from newsweave.extract.places import city
from newsweave.model import Article, RawInput

TARGET = 0.20
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def _warm_up() -> None:
    """The one-time loads (the spaCy model, the gazetteer, the lexicons and verb patterns, dateparser's language
    data) happen before timing: two sample articles, not among the timed ones, go through parse and extraction."""
    nlp.load()
    city("Niamey")
    sample = sorted(SAMPLE.glob("*.txt"))[:2]
    warm = [build(RawInput(str(path), "text", path.read_text(encoding="utf-8"), "")) for path in sample]
    for doc, article in nlp.parse((a.text, a) for a in warm):
        extract_parsed(doc, article)


def _timed(articles: list[Article], rounds: int) -> tuple[float, float, list[tuple[Doc, Article]]]:
    """spaCy's time and the extractors' time over the articles, a slice at a time (parse the slice, then extract
    it), so that a change in the machine's load during the run hits both alike."""
    parse = extract = 0.0
    docs: list[tuple[Doc, Article]] = []
    for i in range(rounds):
        part = articles[i * len(articles) // rounds : (i + 1) * len(articles) // rounds]
        start = time.perf_counter()
        parsed = list(nlp.parse((a.text, a) for a in part))
        parse += time.perf_counter() - start
        start = time.perf_counter()
        for doc, article in parsed:
            extract_parsed(doc, article)
        extract += time.perf_counter() - start
        docs += parsed
    return parse, extract, docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=8, help="slices of the articles, each parsed then extracted")
    args = parser.parse_args()
    if not realtexts.available():
        sys.exit("bench.events needs ../shared/bench (aeb and ecbplus); set NEWSWEAVE_SHARED")
    articles = [build(realtexts.raw_input(record)) for record in realtexts.articles(args.articles)]
    _warm_up()
    parse, extract, docs = _timed(articles, args.rounds)
    sentences = sum(len(nlp.sentences(doc)) for doc, _ in docs)
    print(
        f"extraction ({realtexts.summary([a.text for a in articles])}, {sentences} sentences): "
        f"spaCy {parse:.1f}s, extraction {extract:.1f}s ({sentences / extract:.0f} sentences/s) | "
        f"extraction adds {extract / parse:.1%} to spaCy's time (target <= {TARGET:.0%})"
    )


if __name__ == "__main__":
    main()
