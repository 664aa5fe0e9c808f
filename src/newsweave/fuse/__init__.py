"""Corpus stages: they see many articles at once and stay sub-quadratic (blocking keys)."""
