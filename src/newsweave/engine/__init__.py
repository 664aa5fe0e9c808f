"""Engines run the per-article stages over many inputs and write the store."""
