"""One Settings object, read from ``NEWSWEAVE_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Paths, limits and model choices. Every field is ``NEWSWEAVE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="NEWSWEAVE_")

    db: Path = Path("newsweave.duckdb")
    max_bytes: int = 5 * 1024 * 1024  # one input: a file, a JSONL line, a WARC record, a fetched page
    # Bounds for hostile inputs (see newsweave.limits and docs/reliability.md); an input past one is rejected.
    max_chars: int = Field(default=200_000, gt=0)  # cleaned article text given to spaCy (its own cap is 1,000,000)
    max_html_depth: int = Field(default=256, gt=0)  # element nesting in a page (libxml2 drops content past 256)
    max_html_tags: int = Field(default=50_000, gt=0)  # tags in a page
    max_html_attributes: int = Field(default=256, gt=0)  # attributes on one tag (the parser is quadratic in them)
    html_timeout: float = Field(default=30.0, ge=0)  # seconds to extract one page's body (0: no timer)
    max_json_depth: int = Field(default=32, gt=0)  # nesting of arrays/objects in one JSONL record
    min_words: int = 25
    workers: int = 1
    batch_size: int = 64
    languages: tuple[str, ...] = ("en",)
    http_timeout: float = Field(default=10.0, gt=0)  # seconds to connect, and at most between two reads of a response
    http_rate: float = Field(default=1.0, gt=0)  # at most this many requests per second to one host
    user_agent: str | None = None  # default: newsweave/<version> (+ what it is)


def get_settings() -> Settings:
    """Fresh settings from the environment (cheap; no caching surprises in tests)."""
    return Settings()
