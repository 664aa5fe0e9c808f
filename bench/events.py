"""Extraction cost beside spaCy's own: sentences/s of the extractors and their share of parse time.

Run: ``python -m bench.events [--repeat 4]``. Parses the seeds and the sample corpus
(repeated) once with spaCy, then times actors + events + quotes + claims on the
parsed documents. Target: extraction adds at most 15% to spaCy's time.
"""

from __future__ import annotations

import argparse
import time

from bench.ingest import base_inputs
from newsweave import nlp
from newsweave.article import build
from newsweave.extract.actors import extract_actors
from newsweave.extract.events import extract_events
from newsweave.extract.places import city
from newsweave.extract.quantities import extract_claims
from newsweave.extract.quotes import extract_quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args()
    articles = [build(raw) for raw in base_inputs()] * args.repeat
    model = nlp.load()
    city("Niamey")  # load the gazetteer before timing, as the spaCy model is loaded before timing
    start = time.perf_counter()
    docs = list(model.pipe((a.text for a in articles), batch_size=64))
    parse = time.perf_counter() - start
    start = time.perf_counter()
    for doc, article in zip(docs, articles, strict=True):
        local, linked = extract_actors(doc, article.id)
        extract_events(doc, article, local, linked)
        quotes = extract_quotes(doc, article.id, local, linked)
        extract_claims(doc, article.id, article.published, quotes)
    extract = time.perf_counter() - start
    sentences = sum(1 for doc in docs for _ in doc.sents)
    print(
        f"extraction: {sentences / extract:.0f} sentences/s ({sentences} sentences, {len(docs)} articles) | "
        f"spaCy {parse:.2f}s, extraction {extract:.2f}s | extraction adds {extract / parse:.1%} to spaCy's time "
        "(target <= 15%)"
    )


if __name__ == "__main__":
    main()
