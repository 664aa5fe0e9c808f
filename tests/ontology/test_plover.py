"""The PLOVER data files agree with the specification shipped in ../shared/bench/plover."""

from __future__ import annotations

import html
import re

import pytest
from conftest import SHARED

from newsweave.ontology import plover


def _spec_categories() -> list[str]:
    page = (SHARED / "bench" / "plover" / "plover_reference.html").read_text(encoding="utf-8")
    return list(dict.fromkeys(html.unescape(name) for name in re.findall(r'href="#([A-Z]+)"', page)))


@pytest.mark.shared
def test_type_list_matches_the_spec() -> None:
    spec = _spec_categories()
    assert len(spec) == 18 and "AGREE" in spec and "ASSAULT" in spec
    plover_types = {name for name in plover.categories() if plover.is_plover(name)}
    assert {plover.canonical(name) for name in spec} == plover_types


def test_the_crisis_extension_is_apart_from_plover() -> None:
    extension = {name for name in plover.categories() if not plover.is_plover(name)}
    assert extension == {"DISASTER", "ACCIDENT", "CASUALTY", "DISPLACEMENT", "ELECTION", "LEGAL", "ECONOMIC", "OTHER"}
    for name in extension:
        coding = plover.coding(name, None)
        assert (coding.cameo, coding.cameo_root, coding.quad_class) == (None, None, 0)  # no GDELT/ACLED counterpart


@pytest.mark.shared
def test_polecat_names_and_codings() -> None:
    assert plover.canonical("DEMAND") == "REQUEST" and plover.canonical("DISAPPROVE") == "ACCUSE"
    coup = plover.coding("COERCE", "seize")
    assert (coup.cameo_root, coup.quad_class) == ("17", 4) and coup.goldstein is not None and coup.goldstein < 0
    assert plover.coding("REJECT", None).cameo_root == "12"
    assert plover.coding("THREATEN", "violence").quad_class == 3


def test_every_trigger_codes_to_a_known_type() -> None:
    types = set(plover.categories())
    for entries in plover.triggers().values():
        assert all(entry.type in types for entry in entries)


def test_data_files_name_their_source_and_licence() -> None:
    from importlib import resources

    for name in ("plover.csv", "plover_modes.csv", "event_triggers.csv", "roles.csv", "known_actors.csv",
                 "crisis_types.csv", "crisis_triggers.csv", "senses.csv", "argument_kinds.csv", "event_nouns.csv",
                 "demonyms.csv", "event_defaults.csv"):  # fmt: skip
        head = resources.files("newsweave.ontology").joinpath(name).read_text("utf-8")[:1200]
        assert "Source" in head or "source" in head, name
        assert "Licence" in head or "CC BY-SA" in head or "public domain" in head, name


def test_the_general_verb_lexicon_maps_into_plover_or_statements() -> None:
    verbs = plover.general_verbs()
    assert len(verbs) > 900
    assert {t for t in verbs.values() if t} <= {name for name in plover.categories() if plover.is_plover(name)}
    assert verbs["emphasize"] == ""  # CAMEO 010, a statement PLOVER leaves out
    assert verbs["finance"] == "COOPERATE"  # CAMEO 061


def test_the_general_verb_lexicon_keeps_single_verbs_with_their_block_code() -> None:
    from bench.cameo_lexicon import rows

    text = """####### VERB PATTERNS #######
---  PRAISE   [051]  ---
PRAISE
EXTOL {EXTOLS EXTOLLED }
+PAY_TRIBUTE
- * (FOR COURAGE)                                  [055]         # PRAISE

---  ADD   [---]  ---
ADD
PRAISE
"""
    assert rows(text) == [("extol", "051", "SUPPORT"), ("extolled", "051", "SUPPORT"), ("extols", "051", "SUPPORT"),
                          ("praise", "051", "SUPPORT")]  # fmt: skip
