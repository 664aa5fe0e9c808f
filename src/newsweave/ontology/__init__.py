"""Ontology data: country names, and later PLOVER/CAMEO lexicons (data files, not code)."""
