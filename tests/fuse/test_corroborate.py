"""Corroboration on plain records: copies count once, claims weigh less than statements, denials halve."""

from __future__ import annotations

from newsweave.fuse.corroborate import Member, support


def test_copies_count_once_and_outlets_twice() -> None:
    members = [Member("a", "Wire", "asserted", 2), Member("b", "Ledger", "asserted", 1)]
    result = support(members, source_of={"a": "Wire", "b": "Wire"})
    assert (result.num_articles, result.num_outlets, result.num_independent_sources) == (2, 2, 1)
    assert result.num_mentions == 3 and result.confidence == 0.5


def test_more_independent_sources_raise_confidence() -> None:
    one = support([Member("a", "A", "asserted", 1)], source_of={})
    two = support([Member("a", "A", "asserted", 1), Member("b", "B", "asserted", 1)], source_of={})
    assert one.confidence < two.confidence == 0.75


def test_reported_claims_weigh_less_and_denials_halve() -> None:
    asserted = support([Member("a", "A", "asserted", 1), Member("b", "B", "asserted", 1)], source_of={})
    reported = support([Member("a", "A", "asserted", 1), Member("b", "B", "reported", 1)], source_of={})
    denied = support([Member("a", "A", "asserted", 1), Member("b", "B", "denied", 1)], source_of={})
    assert denied.confidence < reported.confidence < asserted.confidence
    assert denied.denied and not reported.denied
    assert support([Member("a", "A", "negated", 1)], source_of={}).confidence == 0
