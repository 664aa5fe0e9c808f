"""Country names (ISO 3166 via pycountry, plus common English aliases) → alpha-3 codes."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import pycountry

# Country names that are also frequent English words or given names in news text.
_AMBIGUOUS = {"Jersey", "Chad", "Georgia", "Jordan", "Guernsey", "Man", "Turkey"}


def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names[value] = country.alpha_3
    return names


def _aliases() -> dict[str, str]:
    text = resources.files("newsweave.ontology").joinpath("country_aliases.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["name"]: row["alpha3"] for row in rows}


@cache
def country_names() -> dict[str, str]:
    """Every English country name we recognise, mapped to its ISO alpha-3 code."""
    names = _pycountry_names()
    names.update(_aliases())
    return {name: code for name, code in names.items() if name not in _AMBIGUOUS}


@cache
def gazetteer() -> list[tuple[str, str, str]]:
    """Demonyms and cities as ``(name, spaCy label, id)`` from ``gazetteer.csv``, then the world's demonyms
    (``demonyms.csv``) the first file does not already name."""
    rows = [(row["name"], row["label"], row["id"]) for row in _rows("gazetteer.csv")]
    named = {name for name, _, _ in rows}
    for row in _rows("demonyms.csv"):
        forms = [row["name"]] + ([row["name"] + "s"] if row["name"].endswith(("an", "i", "ite")) else [])
        rows += [(form, "NORP", row["alpha3"]) for form in forms if form not in named]
    return rows


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("newsweave.ontology").joinpath(name).read_text("utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
