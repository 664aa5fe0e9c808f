"""Input sources: one module per input kind; ``files`` walks paths and dispatches."""

from newsweave.sources.files import count_files, iter_inputs

__all__ = ["count_files", "iter_inputs"]
