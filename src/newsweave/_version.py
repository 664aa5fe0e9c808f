"""The package version (its own module, so anything can import it without importing the package root)."""

__version__ = "0.1.0"
