"""The web API and dashboard: a FastAPI app over a store opened read-only (``create_app``)."""

from newsweave.web.app import create_app

__all__ = ["create_app"]
