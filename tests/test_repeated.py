"""The decisions about repeated boilerplate, on plain values: keys, thresholds, near-copies, dropping."""

from __future__ import annotations

from newsweave.article import content_id
from newsweave.model import Article
from newsweave.repeated import MIN_ARTICLES, Lines, drop, line_key, near_copy, repeated, screen

POLICY = "We welcome comments on our articles; please keep them civil."
PLUG = "Download our app for breaking news alerts."
BODY = "Police arrested two opposition leaders in the capital on Monday, their party said."


def article(*lines: str) -> Article:
    text = "\n\n".join(lines)
    return Article(content_id(text, url=None, outlet="Wire"), None, "Wire", None, None, "unknown", "", None, text,
                   "raw", "en", "test")  # fmt: skip


def test_a_line_key_ignores_case_and_spacing_only() -> None:
    assert line_key(POLICY) == line_key("  we WELCOME comments on our\narticles;  please keep them civil. ")
    assert line_key(POLICY) != line_key(POLICY.rstrip("."))


def test_a_line_is_boilerplate_from_the_fifth_article_that_prints_it() -> None:
    key = line_key(POLICY)
    assert repeated(frozenset({key}), {key: MIN_ARTICLES - 2}, plus=1) == frozenset()
    assert repeated(frozenset({key}), {key: MIN_ARTICLES - 1}, plus=1) == {key}


def test_an_update_that_shares_most_lines_with_an_earlier_article_is_a_near_copy() -> None:
    assert near_copy(4, [(3, 4)])  # three of four lines in common: an update
    assert not near_copy(5, [(3, 5)])  # a shared three-line footer under two different stories
    assert not near_copy(5, [])


def test_a_near_copy_does_not_count_towards_its_outlets_boilerplate() -> None:
    lines = Lines.of(article(BODY, POLICY))
    seen = {line_key(POLICY): MIN_ARTICLES - 1, line_key(BODY): 1}
    update = screen("Wire", lines, seen, [(2, 2)])
    assert not update.counted and update.dropped == frozenset()
    fresh = screen("Wire", lines, seen, [(1, 3)])
    assert fresh.counted and fresh.dropped == {line_key(POLICY)}


def test_dropping_keeps_the_id_and_records_the_rule() -> None:
    before = article(BODY, POLICY, PLUG)
    after = drop(before, frozenset({line_key(POLICY), line_key(PLUG)}))
    assert (after.id, after.text) == (before.id, BODY)
    assert [(d.rule, d.text) for d in after.dropped] == [("repeated", POLICY), ("repeated", PLUG)]
    assert Lines.of(after).keys == Lines.of(before).keys
