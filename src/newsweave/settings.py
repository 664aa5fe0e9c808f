"""One Settings object, read from ``NEWSWEAVE_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

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


def get_settings() -> Settings:
    """Fresh settings from the environment (cheap; no caching surprises in tests)."""
    return Settings()
