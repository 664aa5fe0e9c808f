"""Outputs built from the store: summaries now, briefings and timelines later."""
