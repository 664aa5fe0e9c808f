"""Publication dates: metadata, given, marker (flagged when suspicious), inferred, unknown."""

from __future__ import annotations

from datetime import date

from newsweave import pubdate
from newsweave.store import Store


def test_seed_dates_are_never_silent_guesses(seeds_store: Store) -> None:
    rows = seeds_store.query(
        "SELECT origin, published, published_source, published_evidence, published_flag FROM articles"
    )
    by_file = {row["origin"].rsplit("/", 1)[-1][:3]: row for row in rows}
    assert by_file["003"]["published_source"] == "byline"
    assert by_file["003"]["published"] == date(2023, 11, 6)
    assert "103 days after" in by_file["003"]["published_flag"]
    for key in ("000", "001", "002", "004"):
        row = by_file[key]
        assert row["published_source"] in {"inferred", "unknown"}
        assert row["published_evidence"]
        assert (row["published"] is None) == (row["published_source"] == "unknown")
    assert by_file["002"]["published"] == date(2023, 8, 7)
    assert "Aug. 6, 2023" in by_file["002"]["published_evidence"]


def test_inference_moves_to_the_weekday_cue() -> None:
    result = pubdate.infer("The deadline expired on 6 August 2023. On Tuesday the junta refused entry.")
    assert result.value == date(2023, 8, 8) and result.source == "inferred"


def test_yearless_dates_give_unknown_with_evidence() -> None:
    result = pubdate.infer("Soldiers seized power on July 26 and closed the borders on Sunday.")
    assert result.value is None and result.source == "unknown" and "July 26" in result.evidence


def test_order_metadata_given_marker() -> None:
    marker, _ = pubdate.find_marker("Published: 9 August 2023 - Niamey residents queued for fuel.")
    assert marker is not None and marker.value == date(2023, 8, 9)
    text = "It happened on 8 August 2023."
    assert (
        pubdate.resolve(metadata="2023-08-10T09:00:00Z", given=date(2023, 1, 1), marker=marker, text=text).source
        == "metadata"
    )
    assert pubdate.resolve(metadata=None, given=date(2023, 8, 11), marker=marker, text=text).value == date(2023, 8, 11)
    resolved = pubdate.resolve(metadata=None, given=None, marker=marker, text=text)
    assert resolved.source == "byline" and resolved.flag is None


def test_marker_needs_a_keyword_an_iso_date_or_a_line_of_its_own() -> None:
    assert pubdate.find_marker("26 July 2023 was the day the guard moved")[0] is None
    assert pubdate.find_marker("2023-08-09 Niamey -")[0] is not None
    assert pubdate.find_marker("August 9, 2023")[0] is not None
