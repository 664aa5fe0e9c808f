"""One Settings object, read from ``NEWSWEAVE_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Paths, limits and model choices. Every field is ``NEWSWEAVE_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="NEWSWEAVE_")

    db: Path = Path("newsweave.duckdb")
    max_bytes: int = 5 * 1024 * 1024
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
