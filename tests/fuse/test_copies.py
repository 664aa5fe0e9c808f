"""Copies on plain records: an edited wire story is found, two reports quoting one statement are not copies."""

from __future__ import annotations

from datetime import date

from newsweave.fuse import dedup

STATEMENT = (
    '"The water rose faster than any of our models predicted, and we had to move people in the dark," '
    "the regional governor said in a statement. "
    '"Every family that lost a home will receive temporary shelter before the end of the week."'
)

WIRE = (
    "Floodwaters swept through the river town of Kelmora overnight, forcing more than 4,000 residents from "
    "their homes, regional officials said on Tuesday.\n"
    "The Varn river burst its banks shortly after midnight following three days of unbroken rain across the "
    "northern hills.\n"
    "Emergency crews used boats to reach families stranded on rooftops in the lower districts, where the water "
    "stood nearly two metres deep by dawn.\n"
    f"{STATEMENT}\n"
    "Two bridges linking Kelmora to the provincial capital were closed after engineers found cracks in their "
    "supports.\n"
    "The national weather office said more rain was expected until Thursday and warned of landslides on the "
    "mountain roads.\n"
    "Kelmora, a market town of about 30,000 people, last flooded on this scale in 1998, when the river "
    "destroyed its old grain warehouses.\n"
)

EDITED = (
    "Residents of Kelmora spent Tuesday morning wading through brown water to salvage what they could from "
    "ruined shops and houses.\n"
    "Many had fled with nothing but their documents.\n"
    "The Varn river burst its banks shortly after midnight following three days of unbroken rain across the "
    "northern hills, officials said.\n"
    "Emergency crews used boats to reach families stranded on rooftops in the lower districts, where the water "
    "stood nearly two metres deep by dawn.\n"
    f"{STATEMENT}\n"
    "Two bridges linking Kelmora to the provincial capital were closed after engineers found cracks in their "
    "supports.\n"
    "Local traders said the market square would stay shut for at least a week while the mud is cleared.\n"
    "Aid groups have begun sending water purification tablets to the shelters set up in three schools.\n"
)

OWN_REPORT = (
    "Hundreds of volunteers filled sandbags along the Varn embankment on Tuesday as the river kept rising "
    "through the afternoon.\n"
    "Our reporter in Kelmora saw soldiers carry elderly patients out of the district hospital on stretchers.\n"
    f"{STATEMENT}\n"
    "Shopkeepers in the old quarter said they had received no warning before the water reached their doors.\n"
    "The mayor, speaking outside the town hall, asked residents of the western streets to leave before nightfall.\n"
    "Farmers downstream fear that the rice harvest, due in two weeks, has been lost.\n"
)


def _doc(article_id: str, text: str, outlet: str) -> dedup.Doc:
    return dedup.Doc(article_id, 0, outlet, date(2024, 10, 8), text)


def test_a_wire_story_with_a_new_lede_and_two_added_paragraphs_is_an_edited_copy() -> None:
    wire, copy = _doc("wire", WIRE, "Northern Wire"), _doc("copy", EDITED, "Kelmora Courier")
    assert set(dedup.band_keys(dedup.signature(WIRE))) & set(dedup.band_keys(dedup.signature(EDITED)))
    assert dedup.label(wire, copy)[0] == "edited"
    found = dedup.syndications({d.article_id: d for d in (wire, copy)}, dedup.label_pairs([(copy, wire)]))
    assert [(s.article_id, s.copy_of, s.kind) for s in found] == [("copy", "wire", "edited")]


def test_two_reports_quoting_one_statement_are_not_copies() -> None:
    wire, own = _doc("wire", WIRE, "Northern Wire"), _doc("own", OWN_REPORT, "Valley Herald")
    assert set(dedup.band_keys(dedup.signature(WIRE))) & set(dedup.band_keys(dedup.signature(OWN_REPORT)))
    assert dedup.label(wire, own)[0] == "unrelated"
    assert dedup.label_pairs([(own, wire)]) == []


def test_quoted_sentences_are_marked_and_a_stray_mark_does_not_run_on() -> None:
    headline = 'Residents of the old quarter call the flood "a disaster'
    found = dedup.sentences(f"{headline}\nShops stayed shut across the old quarter today.\n{STATEMENT}")
    assert [s.quoted for s in found] == [False, False, True, True]
