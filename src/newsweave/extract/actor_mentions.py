"""Find actor mentions in a parsed article: names from NER, role nouns from a lexicon.

Each mention carries what its context says: titles before a person's name,
the country a possessive or demonym attaches ("Niger's junta", "Malian
Foreign Minister ..."), an appositive role (", the commander of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

import pycountry
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.actor_types import known
from newsweave.extract.names import acronym_long_forms
from newsweave.nlp import entities, entities_in, sentence_of, text_of
from newsweave.ontology.countries import country_names
from newsweave.ontology.lexicons import role_nouns, titles

QUALIFIERS = frozenset({"ousted", "former", "deposed", "toppled", "detained", "acting", "self-proclaimed", "new",
                        "interim", "coup", "military", "transitional", "deputy"})  # fmt: skip
MEDIA_TAIL = frozenset({"wire", "news", "post", "times", "herald", "gazette", "ledger", "courier", "sentinel",
                        "report", "desk", "tribune", "agency", "press", "radio", "tv"})  # fmt: skip
_STOP_LEFT = {",", ";", ":", "(", ")", '"', "“", "”", "[", "]", "—", "–"}
_RELATIVE = {"who", "which", "that", "whose"}
WINDOW = 10


@dataclass(slots=True)
class RawMention:
    """A candidate actor mention with the context clues the linker needs."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, STATE, NOM
    token: int
    code: str | None = None
    refers: str | None = None
    nominal_kind: str | None = None
    country: str | None = None
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    first: str | None = None
    last: str | None = None


def country_of(token_or_span: Token | SpacySpan) -> str | None:
    """Alpha-3 code of a country name or demonym entity (from the gazetteer ruler), if any."""
    ent_id = token_or_span.ent_id_
    if ent_id and len(ent_id) == 3 and ent_id.isupper():
        return str(ent_id)
    if isinstance(token_or_span, SpacySpan) and token_or_span.label_ == "GPE":
        return country_names().get(token_or_span.text) or _lookup(token_or_span.text)
    return None


def _lookup(name: str) -> str | None:
    try:
        return str(pycountry.countries.lookup(name).alpha_3)
    except LookupError:
        return None


def find(doc: Doc) -> list[RawMention]:
    """Named and role-noun actor mentions in document order, without overlaps."""
    named = [m for ent in entities(doc) if (m := _named(doc, ent)) is not None]
    for long_form in defined_long_forms(doc):
        named = [m for m in named if not (m.start < long_form.end and long_form.start < m.end)] + [long_form]
    nominal = [m for m in _nominals(doc) if not any(n.start < m.end and m.start < n.end for n in named)]
    return sorted(named + nominal, key=lambda m: m.start)


def defined_long_forms(doc: Doc) -> list[RawMention]:
    """ORG mentions for long forms defined by a bracketed acronym, even when the tagger saw only part."""
    return [RawMention(start, end, phrase, "ORG", -1) for start, end, phrase, _ in acronym_long_forms(text_of(doc))]


def _named(doc: Doc, ent: SpacySpan) -> RawMention | None:
    if ent.label_ in {"GPE", "NORP"}:
        code = country_of(ent)
        if code is None:
            return None
        return RawMention(ent.start_char, ent.end_char, ent.text, "STATE", ent.start, code=code)
    if ent.label_ == "PERSON" or _titled_name(ent):
        return _person(doc, ent)
    if ent.label_ == "ORG":
        span = _strip_article(ent)
        if span is None or _generic(span):
            return None
        mention = RawMention(span.start_char, span.end_char, span.text, "ORG", span.start)
        mention.country = _country_before(doc, span.start)
        return mention
    return None


GENERIC_ORGS = frozenset({"state", "government", "council", "department", "ministry", "army", "military",
                          "parliament", "assembly", "police", "congress", "senate", "court", "presidency",
                          "junta"})  # fmt: skip


def _generic(span: SpacySpan) -> bool:
    """A one-word "organisation" that is a common noun ("State" of "Secretary of State")."""
    if len(span) != 1:
        return False
    text = span.text
    return text[0].islower() or text.lower() in GENERIC_ORGS


def _titled_name(ent: SpacySpan) -> bool:
    """ "General Abdourahmane Tchiani" tagged LAW or ORG: a capitalised title then capitalised names."""
    if len(ent) < 2 or ent.label_ in {"GPE", "NORP", "DATE", "TIME", "MONEY", "CARDINAL", "PERCENT", "ORDINAL"}:
        return False
    first = ent[0]
    rest = [t for t in ent[1:] if t.text not in {".", "'s", "’s"}]
    is_title = first.text[:1].isupper() and first.lower_.rstrip(".") in _title_words()
    return (
        is_title and bool(rest) and all(t.text[:1].isupper() and t.is_alpha for t in rest) and known(ent.text) is None
    )


def _strip_article(span: SpacySpan) -> SpacySpan | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and span.doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    return span.doc[start:end] if start < end else None


def _person(doc: Doc, ent: SpacySpan) -> RawMention | None:
    title_words = _title_words()
    start = ent.start
    stripped = []
    while start < ent.end and doc[start].lower_.rstrip(".") in title_words:
        stripped.append(doc[start].lower_.rstrip("."))
        start += 1
    end = ent.end
    while end > start and doc[end - 1].text in {"'s", "’s"}:
        end -= 1
    while start < end and doc[start].text[:1].islower():
        start += 1
    name = [t for t in doc[start:end] if re.search(r"\w", t.text)]
    if not name:
        return None
    span = doc[name[0].i : name[-1].i + 1]
    if len(name) == 1 and name[0].text[:1].islower():
        return None
    if name[-1].lower_ in MEDIA_TAIL or known(span.text) is not None:
        mention = RawMention(span.start_char, span.end_char, span.text, "ORG", span.start)
        mention.country = _country_before(doc, span.start)
        return mention
    mention = RawMention(span.start_char, span.end_char, span.text, "PERSON", span.start)
    parts = [t.text for t in name if t.text not in {"-", "'"}]
    mention.last = parts[-1]
    mention.first = parts[0] if len(parts) > 1 else None
    _person_context(doc, ent.start, ent.end, mention, stripped)
    return mention


def _person_context(doc: Doc, start: int, end: int, mention: RawMention, stripped: list[str]) -> None:
    left = _left_window(doc, start)
    mention.country = next((c for t in reversed(left) if (c := _token_country(t))), None)
    mention.titles = _titles_in(left) + stripped
    role = _role_phrase(left, stripped)
    if role:
        mention.roles.append(role)
    if mention.country is None:
        mention.country = _sentence_org_country(doc, start)
    appositive = _appositive(doc, end)
    if appositive is not None:
        if mention.country is None:
            mention.country = next((c for t in appositive if (c := _token_country(t))), None)
        named = _titles_in(list(appositive))
        if named:
            mention.roles.append(_phrase(appositive))
            mention.titles += named


def _sentence_org_country(doc: Doc, start: int) -> str | None:
    """Country of the nearest known organisation earlier in the sentence ("Wagner, the group's founder, ...")."""
    sent = sentence_of(doc[start])
    for ent in reversed([e for e in entities_in(sent) if e.label_ == "ORG" and e.end <= start]):
        entry = known(ent.text)
        if entry is not None and entry.country:
            return entry.country
    return None


def _left_window(doc: Doc, start: int) -> list[Token]:
    sent_start = sentence_of(doc[start]).start
    tokens: list[Token] = []
    i = start - 1
    while i >= max(sent_start, start - WINDOW):
        token = doc[i]
        if token.text in _STOP_LEFT or (token.ent_type_ == "PERSON" and token.lower_.rstrip(".") not in _title_words()):
            break
        tokens.insert(0, token)
        i -= 1
    return tokens


@cache
def _title_words() -> frozenset[str]:
    return frozenset(t.rstrip(".") for t in titles())


def _appositive(doc: Doc, end: int) -> SpacySpan | None:
    if end >= len(doc) or doc[end].text != ",":
        return None
    i = end + 1
    stop = min(len(doc), end + 13)
    while i < stop and doc[i].text not in {",", ".", ";", ":"} and doc[i].lower_ not in _RELATIVE:
        i += 1
    span = doc[end + 1 : i]
    if not len(span) or span[0].lower_ not in {"the", "a", "an"}:
        return None
    return span


def _token_country(token: Token) -> str | None:
    if token.ent_type_ in {"GPE", "NORP"} and token.ent_id_ and len(token.ent_id_) == 3:
        return str(token.ent_id_)
    return None


@cache
def _title_pattern(title: str) -> re.Pattern[str]:
    """The title as a whole word (compiled once: the ``re`` module's own cache is shared with every other
    pattern of a run)."""
    return re.compile(rf"(?<![\w-]){re.escape(title)}(?![\w-])")


def _titles_in(tokens: list[Token]) -> list[str]:
    words = [t.lower_.rstrip(".") for t in tokens]
    text = " ".join(words)
    found = {title for title in _title_words() if title in text and _title_pattern(title).search(text)}
    return sorted(t for t in found if not any(t != o and re.search(rf"\b{re.escape(t)}\b", o) for o in found))


def _role_phrase(left: list[Token], stripped: list[str]) -> str | None:
    """The run of qualifier and title words right before the name ("ousted president")."""
    run: list[str] = []
    for token in reversed(left):
        word = token.lower_.rstrip(".")
        if _token_country(token) or word in {"'s", "’s"}:
            continue
        if word in QUALIFIERS or word in _title_words() or word in _ROLE_GLUE:
            run.insert(0, word)
        else:
            break
    while run and run[0] in _ROLE_GLUE:
        run = run[1:]
    words = run + [w for w in stripped if w not in run]
    return " ".join(x for x in (ABBREVIATIONS.get(w, w) for w in words) if x) or None


ABBREVIATIONS = {"gen": "general", "brig": "brigadier", "col": "colonel", "lt": "lieutenant", "maj": "major",
                 "dr": "doctor", "mr": "", "mrs": "", "ms": ""}  # fmt: skip
_ROLE_GLUE = {"of", "state", "foreign", "defence", "defense", "interior", "deputy", "chief"}


def _phrase(span: SpacySpan) -> str:
    text = span.text
    for article in ("the ", "a ", "an "):
        if text.lower().startswith(article):
            return text[len(article) :]
    return text


@lru_cache(maxsize=1)  # one vocabulary at a time: a pipeline loaded afresh (nlp.NEW_STRINGS) frees the old one
def _matcher(nlp_id: int, vocab: object) -> PhraseMatcher:
    from spacy.vocab import Vocab

    assert isinstance(vocab, Vocab)
    matcher = PhraseMatcher(vocab, attr="LOWER")
    tokenizer = Language(vocab).tokenizer
    for phrase in role_nouns():
        matcher.add(phrase, [tokenizer(phrase)])
    return matcher


def _nominals(doc: Doc) -> list[RawMention]:
    matches = _matcher(id(doc.vocab), doc.vocab)(doc, as_spans=True)
    spans = sorted(matches, key=lambda s: (s.start, -len(s)))
    found: list[RawMention] = []
    last_end = -1
    lexicon = role_nouns()
    for span in spans:
        role = lexicon[span.label_]
        if span.start < last_end or not _is_head(doc, span) or not (role.bare or _definite(doc, span)):
            continue
        mention = RawMention(span.start_char, span.end_char, span.text, "NOM", span.start, refers=role.refers)
        mention.nominal_kind = role.kind
        mention.country = _country_before(doc, _determiner_start(doc, span.start)) or _country_after(doc, span.end)
        found.append(mention)
        last_end = span.end
    return found


_STRICT = {"soldiers", "officers", "president", "guard", "army", "military"}
_HEAD_ONLY = _STRICT | {"general", "senate", "parliament", "regime", "bloc"}


def _is_head(doc: Doc, span: SpacySpan) -> bool:
    """The phrase is the head of its noun phrase ("the military", not "the military action")."""
    if span.label_ not in _HEAD_ONLY:
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return after is None or after.pos_ not in {"NOUN", "PROPN"} or after.ent_type_ in {"GPE", "NORP"}


def _determiner_start(doc: Doc, start: int) -> int:
    """Skip adjectives back to the determiner: "the new military rulers" → index of "new"."""
    i = start
    while i > 0 and doc[i - 1].pos_ == "ADJ" and not _token_country(doc[i - 1]):
        i -= 1
    return i


def _definite(doc: Doc, span: SpacySpan) -> bool:
    start = _determiner_start(doc, span.start)
    before = doc[start - 1] if start > 0 else None
    if before is None:
        return False
    if before.lower_ == "the":
        return True
    if span.label_ in _STRICT:  # "the Nigerien military", not "Nigerien soldiers"
        return _token_country(before) is not None and start >= 2 and doc[start - 2].lower_ == "the"
    if before.lower_ in {"this", "that", "its", "their"} or before.text in {"'s", "’s"}:
        return True
    return _token_country(before) is not None


def _country_after(doc: Doc, end: int) -> str | None:
    """Country of "the military leaders in neighbouring Mali", "the armed forces of Niger"."""
    if end < len(doc) and doc[end].lower_ in {"in", "of"}:
        for token in doc[end + 1 : min(len(doc), end + 4)]:
            if (code := _token_country(token)) is not None:
                return code
            if token.pos_ not in {"ADJ", "DET"}:
                break
    return None


def _country_before(doc: Doc, start: int) -> str | None:
    """Country of "Niger's X", "Nigerien X", "the Niger X" just before a mention."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in {"the", "'s", "’s"}:
        i -= 1
    if i >= 0 and start - i <= 3:
        return _token_country(doc[i])
    return None
