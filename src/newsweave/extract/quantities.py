"""How many: numeric claims (what is counted, how many, approximate or not, as of when, says whom).

Numbers come from the tagger's CARDINAL/MONEY/QUANTITY/DATE spans and from vague
counts ("hundreds of"), read with their approximation words; vague counts map to
conservative numbers as ACLED does ("dozens" → 12, "hundreds" → 100).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.actor_mentions import country_of
from newsweave.extract.dates import resolve
from newsweave.model import Claim, Quote, Span
from newsweave.nlp import entities, entities_in, sentence_of, text_of
from newsweave.ontology.lexicons import read_csv

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
         "half": 0.5, "dozen": 12, "decade": 10, "century": 100, "quarter": 25, "third": 33.3}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
VAGUE = (("hundreds of thousands", 100_000), ("tens of thousands", 10_000), ("hundreds of millions", 100_000_000),
         ("billions", 1_000_000_000), ("millions", 1_000_000), ("thousands", 1_000), ("several hundred", 100),
         ("hundreds", 100), ("dozens", 12), ("scores", 20), ("a handful", 3))  # fmt: skip
CONTEXT = (("evacuated", {"evacuate", "evacuation", "fly", "land", "landing", "arrive", "airlift", "board", "flight",
                          "depart", "relocate", "repatriate"}),
           ("protesters", {"rally", "gather", "march", "protest", "demonstrate", "attend", "fill", "crowd",
                           "demonstration", "chant", "turn", "support", "organizer", "organiser",
                           "attendee"}),
           ("deaths", {"kill", "die", "dead"}), ("injured", {"injure", "wound"}),
           ("detained", {"detain", "arrest"}), ("displaced", {"displace", "flee"}))  # fmt: skip
GENERIC_PEOPLE = frozenset({"people", "person", "citizen", "national", "passenger", "civilian", "resident", "family",
                            "child", "infant"})  # fmt: skip
APPROX = (("at least", "at_least"), ("more than", "at_least"), ("over", "at_least"), ("nearly", "at_most"),
          ("almost", "at_most"), ("up to", "at_most"), ("as many as", "at_most"), ("fewer than", "at_most"),
          ("less than", "at_most"), ("about", "about"), ("around", "about"), ("roughly", "about"),
          ("some", "about"), ("approximately", "about"), ("an estimated", "about"))  # fmt: skip
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_VAGUE = re.compile(
    r"\b(" + "|".join(re.escape(v) for v, _ in VAGUE) + r")\b(?= of)(?: of (?:millions|dollars))?", re.I
)
# Nouns that stand for the thing they count: "the total number of people", "the death toll".
MEASURES = frozenset({"number", "total", "tally", "count", "figure", "toll"})
# "a mother of 12": nouns whose "of N" counts children.
PARENTS = frozenset({"mother", "father", "parent", "grandmother", "grandfather", "grandparent"})
# People a place is home to: "a population of 120,000", "home to 100,000 people", "which has 200,000 residents".
DWELLERS = frozenset({"resident", "inhabitant"})
# Verbs whose participle after a noun of people says what happened to them: "99 members seized", "12 people killed".
_AFTER_NOUN = {
    "detained": frozenset({"detain", "arrest", "seize", "capture", "round"}),
    "deaths": frozenset({"kill", "die"}),
    "injured": frozenset({"injure", "wound", "hurt"}),
    "evacuated": frozenset({"evacuate", "airlift", "rescue"}),
    "displaced": frozenset({"displace"}),
}
# Quantities counting people that something happened to.
TOLL_WORDS = frozenset({"deaths", "injured", "missing", "displaced", "detained", "evacuated"})
# Quantities whose unit a measure carries inside its own span ("35 miles"): read from the span first.
MEASURED = frozenset({"distance", "weight", "temperature"})
# A running total rather than a count of one event ("so far", "bringing to 1,079 the total number").
_CUMULATIVE = re.compile(
    r"\b(?:so far|in total|in all\b(?! of)|to date|altogether|cumulative|total number|a total of|the total|"
    r"(?:stood|stands|standing|rose|risen|climbed) (?:at|to)|bringing (?:to|the)|brought the total|since the|toll)\b",
    re.I,
)
_BOUNDARY = frozenset({",", ";", ":", "—", "–", "(", ")"})
# Verbs whose subject owns the counted object ("France has around 1,500 soldiers"); not "host".
_OWNING = frozenset({"have", "keep", "maintain", "deploy", "station", "send", "contribute", "pledge", "commit"})
_PLURAL = {"person": "people", "child": "children", "man": "men", "woman": "women", "people": "people",
           "personnel": "personnel", "police": "police", "staff": "staff"}  # fmt: skip
_DURATION = re.compile(r"\b(days?|weeks?|months?|years?|hours?|minutes?|seconds?|decades?|century)\b")
# Clock times and dates written in digits: "17:06 hours", "11 / 28 / 05"; and what marks a clock time after it.
_CLOCK_OR_DATE = re.compile(r"\d\s*[:/]\s*\d")
_CLOCK = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "bst", "edt", "est", "pdt", "utc", "ist"})
# A magnitude the tagger may leave untagged: "magnitude-5.9", "a magnitude of 6.4", "a 7.5-magnitude quake".
_MAGNITUDE = re.compile(
    r"(?i)(?<=magnitude)(?:\s*-\s*|\s+of\s+|\s+)(\d{1,2}(?:\.\d)?)\b|\b(\d{1,2}\.\d)(?=\s*-?\s*magnitude)"
)
_FRACTION = re.compile(r"\b(?:(?:roughly|about|nearly|almost|some) )?(?:a|one) (?:quarter|third)\b", re.I)


@cache
def _nouns() -> dict[str, tuple[str, str]]:
    return {r["lemma"]: (r["quantity"], r["unit"]) for r in read_csv("quantities.csv")}


def parse_number(text: str) -> tuple[float, float, str] | None:
    """``(low, high, approx)`` of a number expression ("at least 3,000", "between 5,000 and 6,000")."""
    lower = text.lower().replace("$", "").replace("€", "").strip()
    approx = "exact"
    for words, kind in APPROX:
        if lower.startswith(words + " "):
            approx, lower = kind, lower[len(words) + 1 :]
            break
    for words, value in VAGUE:
        if lower.startswith(words):
            return float(value), float(value), "vague"
    parts = re.split(r"\s+(?:and|to)\s+|\s*[-–]\s*(?=\d)", lower.removeprefix("between "), maxsplit=1)
    values = [v for v in (_value(p) for p in parts) if v is not None]
    if not values:
        return None
    if len(values) == 2:
        return min(values), max(values), "range"
    return values[0], values[0], approx


def _value(text: str) -> float | None:
    words = re.findall(r"[\d.,]+|[a-z]+", text)
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if _NUMBER.fullmatch(word):
            current += float(word.replace(",", ""))
            seen = True
        elif word in {"a", "an"}:
            continue
        elif word in UNITS:
            current = (
                current * UNITS[word] if word in {"dozen", "decade", "century"} and current else current + UNITS[word]
            )
            seen = True
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
    if not seen and re.search(r"\b(a|an)\b", text):
        return 1.0
    return total + current if seen else None


def extract_claims(doc: Doc, article_id: str, published: date | None, quotes: Sequence[Quote]) -> list[Claim]:
    """Numeric claims in a parsed article."""
    claims = []
    labels = {(e.start_char, e.end_char): e.label_ for e in entities(doc)}
    for start, end in _candidates(doc):
        span = doc.char_span(start, end, label=labels.get((start, end), ""), alignment_mode="expand")
        if span is None:
            continue
        claim = _claim(span, article_id, published, quotes)
        if claim is not None:
            claims.append(claim)
    return claims


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    labels = {"CARDINAL", "MONEY", "QUANTITY", "DATE", "TIME", "PERCENT"}
    spans = [(e.start_char, e.end_char) for e in entities(doc) if e.label_ in labels]
    spans += [m.span() for m in _VAGUE.finditer(text_of(doc))] + [m.span() for m in _FRACTION.finditer(text_of(doc))]
    spans += [m.span(1 if m.group(1) else 2) for m in _MAGNITUDE.finditer(text_of(doc))]
    spans = [_extend_range(text_of(doc), start, end) for start, end in spans]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _extend_range(text: str, start: int, end: int) -> tuple[int, int]:
    """ "between 850" + " and 1,100" → one span."""
    if text[start:end].lower().startswith("between"):
        tail = re.match(r"\s+and\s+\d[\d,.]*", text[end:])
        if tail:
            return start, end + tail.end()
    return start, end


def _claim(span: SpacySpan, article_id: str, published: date | None, quotes: Sequence[Quote]) -> Claim | None:
    text = span.text
    if _is_calendar(span):
        return None
    parsed = parse_number(text)
    if parsed is None:
        return None
    low, high, approx = parsed
    if _part_of(span):
        return None
    quantity, unit, noun = _counted(span)
    if quantity is None:
        return None
    currency = _currency(span) if quantity != "duration" else None
    if currency or span.label_ == "MONEY":
        quantity, unit = "money", currency or "other"
    if span.label_ == "PERCENT" or "quarter" in text or "third" in text:
        quantity, unit = "other", "other"
    lemma = noun.lemma_.lower() if noun is not None else ""
    if noun is not None and noun.ent_type_ == "NORP":
        quantity, unit = "people", "people"
    if quantity in {"people", "members", "evacuated"} and noun is not None and (happened := _happened_to(noun)):
        quantity, unit = happened, "people"
    elif quantity == "people" and noun is not None and _dwellers(noun):
        quantity = "population"
    elif quantity in {"people", "other"} and (noun is None or lemma in GENERIC_PEOPLE | {"total", "other"}):
        quantity = _from_context(span, quantity)
    preceded_by_of = span.start > 0 and span.doc[span.start - 1].lower_ == "of"
    if lemma in {"country", "state", "nation"} and preceded_by_of and approx != "vague":
        quantity = "members"
    as_of = _as_of(span, published)
    sources = next((q.speakers for q in quotes if q.span.start <= span.start_char < q.span.end), ())
    subject = (
        sentence_of(noun).text[noun.left_edge.idx - sentence_of(noun).start_char :][: len(noun.text) + 40]
        if noun
        else _whose_age(span)
        if quantity == "age"
        else None
    ) or text
    return Claim(article_id, Span(article_id, span.start_char, span.end_char, text), quantity, subject.strip(),
                 low, high, unit, approx, as_of, tuple(sources), counted=_counted_noun(noun, quantity),
                 owner=_owner(span, noun), cumulative=is_cumulative(span))  # fmt: skip


def _counted_noun(noun: Token | None, quantity: str) -> str | None:
    """What a claim counts: its noun's plural, or people when the toll's own verb or adjective stands for the noun
    ("killing 5", "wounding 12", "5 dead")."""
    if noun is not None and noun.pos_ in {"VERB", "ADJ"} and quantity in TOLL_WORDS:
        return "people"
    return _plural(noun)


def _plural(noun: Token | None) -> str | None:
    """The counted noun as a lower-case plural ("troop" → "troops"), the same whatever number the text used."""
    if noun is None:
        return None
    lemma = noun.lemma_.lower()
    if lemma in PARENTS:
        return "children"
    if noun.tag_ in {"NNS", "NNPS"} or lemma in _PLURAL:
        return _PLURAL.get(lemma, noun.text.lower())
    if re.search(r"[^aeiou]y$", lemma):
        return lemma[:-1] + "ies"
    return lemma + ("es" if re.search(r"(s|x|ch|sh)$", lemma) else "s")


def _owner(span: SpacySpan, noun: Token | None) -> str | None:
    """Alpha-3 of whose the counted things are when the text says so: "1,100 U.S. troops", "France has 1,500 ..."."""
    if noun is None:
        return None
    doc = span.doc
    stop = next((t.i for t in doc[span.end : noun.i] if t.pos_ == "CCONJ"), noun.i)  # "1,100 American and 1,500 ..."
    modifiers = [c for c in noun.children if c.dep_ in {"poss", "amod", "compound", "nmod"} and c.i < span.start]
    subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
    owning = noun.dep_ == "dobj" and noun.head.lemma_.lower() in _OWNING
    for token in [*doc[span.end : stop], *modifiers, *(subjects if owning else [])]:
        if (code := _country(token)) is not None:
            return code
    return None


def _country(token: Token) -> str | None:
    ent = next((e for e in entities(token.doc) if e.start <= token.i < e.end), None)
    return country_of(ent) if ent is not None and ent.label_ in {"GPE", "NORP"} else None


def is_cumulative(span: SpacySpan) -> bool:
    """Whether the number's clause (its sentence between commas) marks a running total."""
    sentence = sentence_of(span.root)
    start = next((t.i + 1 for t in reversed(span.doc[sentence.start : span.start]) if t.text in _BOUNDARY),
                 sentence.start)  # fmt: skip
    end = next((t.i for t in span.doc[span.end : sentence.end] if t.text in _BOUNDARY), sentence.end)
    return bool(_CUMULATIVE.search(span.doc[start:end].text))


def _from_context(span: SpacySpan, default: str) -> str:
    lemmas = {t.lemma_.lower() for t in sentence_of(span.root)}
    for quantity, words in CONTEXT:
        if lemmas & words:
            return quantity
    return default


def _is_calendar(span: SpacySpan) -> bool:
    text = span.text.lower()
    if _FRACTION.fullmatch(text) or _appositive(span):  # "roughly a quarter" (of the budget); "Lopez, 20,"
        return False
    if _CLOCK_OR_DATE.search(text):
        return True
    if span.label_ in {"DATE", "TIME"}:
        if "-year-old" in text or "year-old" in span.doc[span.end : span.end + 2].text:
            return False
        return not _DURATION.search(text) or bool(
            re.search(r"\b(ago|last|this|next|since|january|february|march|april|may|june|july|august|september|"
                      r"october|november|december)\b", text))  # fmt: skip
    after = span.doc[span.end : span.end + 1].text.lower().replace(" ", "")
    return bool(re.fullmatch(r"(19|20)\d{2}s?", text.strip())) or after in _CLOCK


def _counted(span: SpacySpan) -> tuple[str | None, str, Token | None]:
    nouns = _nouns()
    text = span.text.lower()
    if span.label_ == "PERCENT" or _FRACTION.fullmatch(span.text):
        return "other", "other", None
    currency = _currency(span)
    if currency:
        return "money", currency, None
    following = span.doc[span.end : span.end + 2].text.lower()
    if "year-old" in text or following.startswith(("-year-old", "year-old", "years old")) or _appositive(span):
        return "age", "years", None
    if _magnitude(span):
        return "magnitude", "richter", None
    for word, (quantity, unit) in nouns.items():
        if quantity == "duration" and re.search(rf"\b{word}s?\b", text):
            return quantity, unit, None
    if span.label_ == "MONEY" or "$" in text:
        return "money", _currency(span) or "USD", None
    doc = span.doc
    for token in span:  # the unit a measure carries: "35 miles", "about 28 degrees Celsius", "600m"
        if not token.like_num and nouns.get(token.lemma_.lower(), ("",))[0] in MEASURED:
            quantity, unit = nouns[token.lemma_.lower()]
            if quantity == "temperature" and _scale(token) is None:
                return "other", "other", token
            return quantity, _scale(token) or unit, token
    end = min(len(doc), span.end + 4, sentence_of(span.root).end)  # the counted noun is in the number's clause
    end = next((t.i for t in doc[span.end : end] if t.pos_ in {"CCONJ", "PUNCT"} and t.text != "-"), end)
    if (kin := _parent_of(span)) is not None:
        return "people", "people", kin
    if (place := _population_of(span)) is not None:
        return "population", "people", place
    candidates = [*(doc[i] for i in range(span.end, end)), span.root.head]
    for token in [*_elliptic(span), *(_measured(t) for t in candidates), *_measured_subject(span)]:
        lemma = token.lemma_.lower()
        if lemma in nouns:
            quantity, unit = nouns[lemma]
            if quantity == "temperature" and _scale(token) is None:  # degrees of an angle or a map
                return "other", "other", token
            return quantity, _scale(token) or unit, token
        if token.pos_ == "NOUN" and token.dep_ not in {"compound"}:
            return ("people", "people", token) if token.lemma_.lower() == "total" else ("other", "other", token)
    return None, "", None


def _whose_age(span: SpacySpan) -> str | None:
    """Whose age a number gives: the name before it ("Nichols, 37,"), the name or noun after it ("36-year-old
    Duncan Rait", "a 31-year-old Brooklyn mom")."""
    doc = span.doc
    if _appositive(span):
        return next((e.text for e in entities(doc) if e.end == span.start - 1 and e.label_ == "PERSON"), None)
    after = [t for t in doc[span.end : min(len(doc), span.end + 6)] if t.text not in {"-", "year", "old", "years"}]
    person = next((e.text for e in entities(doc) if after and e.start == after[0].i and e.label_ == "PERSON"), None)
    if person:
        return person
    noun = next((t for t in after if t.pos_ in {"NOUN", "PROPN"}), None)
    return doc[noun.left_edge.i : noun.i + 1].text if noun is not None and noun.left_edge.i >= span.end else None


def _parent_of(span: SpacySpan) -> Token | None:
    """ "a mother of 12": the parent, whose number counts children."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PARENTS:
        return head.head
    doc = span.doc  # "Mother of 13 Zurana Horton": the parser may hang the number on the name after it
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in PARENTS:
        return doc[span.start - 2]
    return None


def _part_of(span: SpacySpan) -> bool:
    """ "one of 99 members", "two of the 12 victims": a part of a count, not a count of its own."""
    after = [t for t in span.doc[span.end : span.end + 3] if t.lower_ != "the"]
    return len(after) >= 2 and after[0].lower_ == "of" and after[1].like_num


def _population_of(span: SpacySpan) -> Token | None:
    """ "a population of 120,000": the noun ``population``, whose number counts the people living somewhere."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() == "population":
        return head.head
    return None


def _dwellers(noun: Token) -> bool:
    """People counted as living somewhere: "(is) home to 100,000 people", "which has / with 200,000 residents"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.i > 0 and noun.doc[head.i - 1].lower_ == "home":
        return True
    lemma = noun.lemma_.lower()
    return lemma in DWELLERS and (
        (noun.dep_ == "dobj" and head.lemma_.lower() == "have") or (noun.dep_ == "pobj" and head.lower_ == "with")
    )


def _happened_to(noun: Token) -> str | None:
    """What a participle after a noun of people says happened to them: "99 members seized" → detained."""
    head = noun.head  # "41 members arrested in the raids": the parser may make the participle the noun's verb
    right_after = head.i == noun.i + 1 and head.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in head.children)
    for child in [*(c for c in noun.children if c.dep_ == "acl"), *([head] if right_after else [])]:
        if child.tag_ in {"VBN", "VBD"}:
            lemma = child.lemma_.lower()
            found = next((quantity for quantity, verbs in _AFTER_NOUN.items() if lemma in verbs), None)
            if found is not None:
                return found
    return None


def _appositive(span: SpacySpan) -> bool:
    """An age set off after a name: "Nichols, 37, was found guilty", "Zurana Horton, 34, a mother of 12"."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text != "," or not span.text.isdigit() or not 0 < int(span.text) < 120:
        return False
    after = doc[span.end].text if span.end < len(doc) else "."
    return doc[span.start - 2].ent_type_ == "PERSON" and after in {",", ".", ";", ")"}


def _magnitude(span: SpacySpan) -> bool:
    """A quake's magnitude: "a magnitude of 5.9", "magnitude-6.1", "a 7.5-magnitude quake", "6.4 on the Richter
    scale"."""
    doc = span.doc
    before = {t.lower_ for t in doc[max(0, span.start - 3) : span.start]}
    after = doc[span.end : span.end + 5].text.lower()
    inside = span.text.lower()
    return (
        "magnitude" in before | {inside}
        or "magnitude" in inside
        or after.lstrip("- ").startswith("magnitude")
        or "richter" in after
    )


def _scale(token: Token) -> str | None:
    """The scale a temperature is given in: "28 degrees Celsius"."""
    following = token.doc[token.i + 1 : token.i + 2].text.lower()
    return following if following in {"celsius", "fahrenheit"} else None


def _measured(token: Token) -> Token:
    """What a measure noun counts: "number of people" → people, "death toll" → death; else the token itself."""
    if token.lemma_.lower() not in MEASURES:
        return token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), token)
        if child.dep_ == "compound" and token.lemma_.lower() == "toll":
            return child
    return token


def _measured_subject(span: SpacySpan) -> list[Token]:
    """ "the number of people ... stood at 262", "bringing the total to 1,079", "put the number of people killed
    at 12": the measure the verb sets (the parser may hang "at 12" on a verb below it)."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in {"at", "to"}:
        return []
    for verb in [prep.head, *prep.head.ancestors][:6]:
        if verb.pos_ in {"VERB", "AUX"}:
            measures = [c for c in verb.children if c.dep_ in {"nsubj", "dobj"} and c.lemma_.lower() in MEASURES]
            if measures:
                return [_measured(m) for m in measures]
    return []


def _elliptic(span: SpacySpan) -> list[Token]:
    """ "1,100 American and 1,500 French troops": the first number shares the second one's noun."""
    doc, i = span.doc, span.end
    while i < len(doc) and doc[i].pos_ in {"ADJ", "PROPN"}:
        i += 1
    if i == span.end or i + 1 >= len(doc) or doc[i].pos_ != "CCONJ" or doc[i + 1].like_num is False:
        return []
    i += 1
    while i < len(doc) and (doc[i].like_num or doc[i].pos_ in {"ADJ", "PROPN", "ADV", "NUM"}):
        i += 1
    return [doc[i]] if i < len(doc) and doc[i].pos_ == "NOUN" else []


def _currency(span: SpacySpan) -> str | None:
    text = (span.text + " " + span.doc[span.end : span.end + 2].text).lower()
    if "naira" in text:
        return "other"
    if "$" in text or "dollar" in text:
        return "USD"
    if "€" in text or "euro" in text:
        return "EUR"
    if "cfa" in text or "franc" in text:
        return "XOF"
    return None


def _as_of(span: SpacySpan, published: date | None) -> date | None:
    points = [
        e
        for e in entities_in(sentence_of(span.root))
        if e.label_ == "DATE" and e.start_char != span.start_char and _is_calendar(e)
    ]
    for point in points:
        value, _ = resolve(point.text, published)
        if value is not None:
            return value
    return published
