"""Per-article extractors: each takes a parsed article and returns typed records with spans."""
