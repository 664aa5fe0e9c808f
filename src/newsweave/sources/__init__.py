"""Input sources: one module per input kind; ``files`` walks paths and dispatches."""

from newsweave.sources.files import count_files, iter_inputs
from newsweave.sources.web import FetchOptions, read_url_list

__all__ = ["FetchOptions", "count_files", "iter_inputs", "read_url_list"]
