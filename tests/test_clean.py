"""Boilerplate removal scored line by line against tests/gold/boilerplate.jsonl."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from conftest import GOLD, SEEDS
from floors import check

from newsweave.clean import clean_text, is_timestamp


def _gold() -> dict[str, dict[int, str]]:
    gold: dict[str, dict[int, str]] = defaultdict(dict)
    for line in (GOLD / "boilerplate.jsonl").read_text().splitlines():
        row = json.loads(line)
        gold[row["file"]][row["line"]] = row["label"]
    return gold


def _predicted(name: str) -> dict[int, str]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    dropped = {d.number for d in cleaned.dropped}
    return {n: "drop" if n in dropped else "keep" for n, line in enumerate(text.split("\n"), 1) if line.strip()}


@pytest.mark.shared
def test_gold_covers_every_seed_line() -> None:
    gold = _gold()
    assert sorted(gold) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, labels in gold.items():
        assert set(labels) == set(_predicted(name)), name


@pytest.mark.shared
def test_boilerplate_line_f1_on_seeds() -> None:
    tp = fp = fn = 0
    gold = _gold()
    for name, labels in gold.items():
        predicted = _predicted(name)
        for number, truth in labels.items():
            kept = predicted[number] == "keep"
            tp += kept and truth == "keep"
            fp += kept and truth == "drop"
            fn += (not kept) and truth == "keep"
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    check("boilerplate_line_f1", f1, f"P {precision:.3f} R {recall:.3f}, n={sum(map(len, gold.values()))} lines")


@pytest.mark.shared
def test_no_gold_boilerplate_line_survives() -> None:
    for name, labels in _gold().items():
        lines = (SEEDS / name).read_text(encoding="utf-8").split("\n")
        cleaned = clean_text("\n".join(lines))
        body = f"{cleaned.title}\n{cleaned.text}"
        for number, label in labels.items():
            line = lines[number - 1].strip()
            if label == "drop" and len(line) > 3:
                assert line not in body, f"{name}:{number} survived: {line[:60]}"


@pytest.mark.shared
def test_headline_becomes_title_only_when_it_is_one() -> None:
    assert clean_text((SEEDS / "001_ceb58701a3f40a80.txt").read_text()).title.startswith("Mali, Burkina Faso")
    assert clean_text((SEEDS / "000_c918b9188006d739.txt").read_text()).title is None


@pytest.mark.shared
def test_leading_date_marker_is_lifted_from_seed_003() -> None:
    cleaned = clean_text((SEEDS / "003_6f83b1c362579dc0.txt").read_text())
    assert cleaned.marker is not None and cleaned.marker.value.isoformat() == "2023-11-06"
    assert cleaned.text.startswith("Following the recent coup")


def test_captions_are_dropped_with_their_credit() -> None:
    caption = "Soldiers stand guard in Niamey, Niger, on Aug. 6, 2023."
    text = f"Body line one is here.\n{caption}\nIssa Moussa/Sahel Wire\nBody two."
    cleaned = clean_text(text)
    assert [d.rule for d in cleaned.dropped] == ["caption", "photo-credit"]
    assert "Soldiers stand guard" not in cleaned.text


def test_a_footer_heading_mid_article_keeps_the_prose_after_it() -> None:
    prose = " ".join(["The junta said the talks would continue over the coming weeks in Niamey."] * 3)
    text = "\n".join(["Intro paragraph of the report.", "Related stories", prose, prose, prose, prose])
    assert clean_text(text).text.count("The junta said") == 12


BODY = [
    "Niger's military rulers refused on Tuesday to let a delegation of West African envoys into the capital.",
    "The envoys had hoped to meet the coup leaders before a summit of the regional bloc later this week.",
    "A spokesman for the bloc said all options remained on the table, including the use of force.",
]
COMMENTS = [
    "3 Comments",
    "Moussa K. says:",
    "August 9, 2023 at 4:36 pm",
    "The soldiers attacked the palace and nobody in Abuja lifted a finger. Shame on all of them.",
    "Reply",
    "Aicha D.",
    "August 10, 2023 at 9:12 am",
    "ECOWAS will invade on Monday, mark my words.",
]


def test_a_reader_comment_section_after_the_body_is_cut() -> None:
    cleaned = clean_text("\n".join([*BODY, *COMMENTS]))
    assert cleaned.text == "\n\n".join(BODY)
    assert [d.rule for d in cleaned.dropped] == ["comments"] * len(COMMENTS)


def test_comments_without_a_heading_are_cut_by_their_signed_timestamped_shape() -> None:
    cleaned = clean_text("\n".join([*BODY, *COMMENTS[1:]]))
    assert cleaned.text == "\n\n".join(BODY)


def test_a_reply_form_after_the_body_is_cut() -> None:
    form = ["Leave a Reply", "Your email address will not be published.", "Required fields are marked *"]
    assert clean_text("\n".join([*BODY, *form])).text == "\n\n".join(BODY)


def test_a_comments_word_in_the_body_is_no_comment_section() -> None:
    prose = ["Comments", "The minister declined to comment on the talks, which he said were continuing."]
    text = "\n".join([BODY[0], *prose, BODY[1]])
    assert "declined to comment" in clean_text(text).text


def test_bylines_and_timestamps_at_the_head_are_dropped() -> None:
    head = ["By Hadiza Garba | 10 August 2023, 4:36 pm", "Updated: 11 August 2023 08:02 GMT"]
    cleaned = clean_text("\n".join([*head, *BODY]))
    assert cleaned.text == "\n\n".join(BODY)
    assert [d.rule for d in cleaned.dropped] == ["byline", "timestamp"]


@pytest.mark.parametrize(
    ("line", "stamp"),
    [("Published 9 August 2023, 16:36 GMT", True), ("Updated: 4:36 pm", True), ("3 hours ago", True),
     ("Wed 9 Aug 2023 04.36 BST", True), ("2023-08-09T16:36:00Z", True), ("36 killed in the attack", False),
     ("The junta met on August 9, 2023.", False), ("Niamey, 9 August 2023", False)],
)  # fmt: skip
def test_timestamps_are_lines_that_only_say_when(line: str, stamp: bool) -> None:
    assert is_timestamp(line) is stamp
