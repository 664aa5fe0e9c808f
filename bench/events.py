"""Extraction cost beside spaCy's own, on distinct real texts: the extractors' share of parse time.

Run: ``python -m bench.events [--articles 300]``. Takes that many distinct real articles (English AEB pages
and ECB+ documents, ``bench/realtexts.py``), parses each once with newsweave's spaCy pipeline, then times
actors + events + quotes + claims on the parsed documents. Target: extraction adds at most 20% to spaCy's
time.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench import realtexts
from newsweave import nlp
from newsweave.article import build
from newsweave.engine.local import extract_parsed
from newsweave.extract.places import city

TARGET = 0.20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    if not realtexts.available():
        sys.exit("bench.events needs ../shared/bench (aeb and ecbplus); set NEWSWEAVE_SHARED")
    articles = [build(realtexts.raw_input(record)) for record in realtexts.articles(args.articles)]
    nlp.load()
    city("Niamey")  # load the gazetteer before timing, as the spaCy model is loaded before timing
    start = time.perf_counter()
    docs = list(nlp.parse((a.text, a) for a in articles))
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for doc, article in docs:
        extract_parsed(doc, article)
    extract = time.perf_counter() - start
    sentences = sum(len(nlp.sentences(doc)) for doc, _ in docs)
    print(
        f"extraction ({realtexts.summary([a.text for a in articles])}, {sentences} sentences): "
        f"spaCy {parse:.1f}s, extraction {extract:.1f}s ({sentences / extract:.0f} sentences/s) | "
        f"extraction adds {extract / parse:.1%} to spaCy's time (target <= {TARGET:.0%})"
    )


if __name__ == "__main__":
    main()
