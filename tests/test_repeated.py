"""The decisions about repeated boilerplate, on plain values: keys, thresholds, near-copies, windows, dropping."""

from __future__ import annotations

from newsweave.article import content_id
from newsweave.model import Article
from newsweave.repeated import MIN_ARTICLES, OutletWindow, drop, keys_of, line_key, near_copy

POLICY = "We welcome comments on our articles; please keep them civil."
PLUG = "Download our app for breaking news alerts."
BODY = "Police arrested two opposition leaders in the capital on Monday, their party said."


def article(*lines: str) -> Article:
    text = "\n\n".join(lines)
    return Article(content_id(text, url=None, outlet="Wire"), None, "Wire", None, None, "unknown", "", None, text,
                   "raw", "en", "test")  # fmt: skip


def story(n: int) -> frozenset[int]:
    """The keys of the n-th of many different stories printed over the outlet's footer."""
    return frozenset({line_key(f"Lead paragraph of story {n}."), line_key(f"Second paragraph of story {n}."),
                      line_key(POLICY), line_key(PLUG)})  # fmt: skip


def test_a_line_key_ignores_case_and_spacing_only() -> None:
    assert line_key(POLICY) == line_key("  we WELCOME comments on our\narticles;  please keep them civil. ")
    assert line_key(POLICY) != line_key(POLICY.rstrip("."))


def test_a_footer_is_boilerplate_from_the_fifth_story_that_prints_it() -> None:
    window = OutletWindow("Wire")
    decided = [window.screen(story(n)) for n in range(MIN_ARTICLES + 2)]
    assert all(d.counted for d in decided)
    footer = {line_key(POLICY), line_key(PLUG)}
    assert [d.boilerplate == footer for d in decided] == [False] * (MIN_ARTICLES - 1) + [True] * 3


def test_an_update_that_shares_most_lines_with_an_earlier_article_is_a_near_copy() -> None:
    assert near_copy(4, [(3, 4)])  # three of four lines in common: an update
    assert not near_copy(5, [(3, 5)])  # a shared three-line footer under two different stories
    assert not near_copy(5, [])


def test_updates_of_one_story_never_make_its_body_boilerplate() -> None:
    window = OutletWindow("Wire")
    body = {line_key(f"Paragraph {i} of the story.") for i in range(4)}
    decided = [window.screen(frozenset({line_key(f"New lead number {n}."), *body})) for n in range(10)]
    assert decided[0].counted and not any(d.counted for d in decided[1:])
    assert all(not d.boilerplate for d in decided)


def test_a_line_seen_only_long_ago_is_forgotten() -> None:
    window = OutletWindow("Wire", size=3)
    for n in range(MIN_ARTICLES - 1):
        window.screen(story(n))
        for m in range(3):
            window.screen(frozenset({line_key(f"Filler {n}-{m}.")}))
    assert not window.screen(story(99)).boilerplate


def test_dropping_keeps_the_id_and_records_the_rule() -> None:
    before = article(BODY, POLICY, PLUG)
    after = drop(before, frozenset({line_key(POLICY), line_key(PLUG)}))
    assert (after.id, after.text) == (before.id, BODY)
    assert [(d.rule, d.text) for d in after.dropped] == [("repeated", POLICY), ("repeated", PLUG)]
    assert keys_of(after) == keys_of(before)
