"""Plain records that flow through the pipeline. Imports nothing of ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

InputKind = Literal["text", "html"]
PublishedSource = Literal["metadata", "given", "byline", "inferred", "unknown"]
# How a source states an event (PLOVER's modality, extended with what news reporting adds).
Modality = Literal["asserted", "reported", "threatened", "denied", "negated", "conditional", "planned"]
# How precisely an event is dated; ``publication`` means no words date it: its article's publication date stands in.
Precision = Literal["day", "week", "month", "year", "publication"]
# How an article copies another: word for word, the same story edited, or the same report reworded.
CopyKind = Literal["verbatim", "edited", "paraphrase"]
ConflictKind = Literal["conflict", "series"]
MODALITIES: tuple[Modality, ...] = ("asserted", "reported", "threatened", "denied", "negated", "conditional", "planned")
PRECISIONS: tuple[Precision, ...] = ("day", "week", "month", "year", "publication")
COPY_KINDS: tuple[CopyKind, ...] = ("verbatim", "edited", "paraphrase")


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input read from a source, before cleaning.

    ``origin`` names where it came from (a path, ``path:line`` for JSONL).
    ``meta`` holds what the source knew: url, outlet, title, published, id.
    """

    origin: str
    kind: InputKind
    content: str
    raw_hash: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that was refused, with a one-line reason."""

    origin: str
    reason: str
    code: str = "invalid"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found while walking a directory that is not an input format."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A boilerplate line removed by the cleaner, with the rule that removed it."""

    number: int
    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class DateMarker:
    """A publication date written in the text itself (a leading marker or byline)."""

    value: date
    text: str


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The article body after boilerplate removal."""

    text: str
    title: str | None
    dropped: tuple[DroppedLine, ...] = ()
    marker: DateMarker | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date and how it was obtained (never a silent guess)."""

    value: date | None
    source: PublishedSource
    evidence: str
    flag: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``id`` is a content hash: re-ingesting is idempotent."""

    id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: date | None
    published_source: PublishedSource
    published_evidence: str
    published_flag: str | None
    text: str
    raw_hash: str
    lang: str
    origin: str
    external_id: str | None = None
    dropped: tuple[DroppedLine, ...] = ()  # what cleaning removed, each line with its rule

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into ``Article.text``."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity surface form in an article."""

    span: Span
    label: str
    sentence: int
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention (named or a role noun such as "the junta") linked to a local actor of its article."""

    span: Span
    label: str
    local_id: int
    sentence: int = 0


@dataclass(frozen=True, slots=True)
class DocActor:
    """One actor as seen within one article, before cross-article resolution.

    ``keys`` are the blocking keys the corpus stage matches on; ``first`` and
    ``last`` are a person's name parts (folded) so that two people who share a
    surname are never merged.
    """

    article_id: str
    local_id: int
    kind: str
    name: str
    country: str | None
    names: tuple[str, ...]
    keys: tuple[str, ...]
    roles: tuple[str, ...] = ()
    first: str | None = None
    last: str | None = None
    cameo: str | None = None
    named: bool = True


@dataclass(frozen=True, slots=True)
class Actor:
    """A real-world actor across the corpus: every spelling, one id."""

    id: str
    canonical_name: str
    kind: str
    country: str | None
    cameo_code: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    members: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: name as written, ISO country, coordinates when a city is known."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened, how precisely, from which words; ``uncertain`` when the
    publication date it was resolved against was itself inferred."""

    value: date | None
    precision: str | None
    text: str | None = None
    span: Span | None = None
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class EventMention:
    """One event as one article states it: PLOVER-coded, with modality, actors, date and place."""

    article_id: str
    index: int
    trigger: Span
    sentence: int
    type: str
    mode: str | None
    modality: str
    sources: tuple[int, ...]
    targets: tuple[int, ...]
    date: EventDate
    place: Place | None
    cameo: str | None
    cameo_root: str | None
    quad_class: int
    goldstein: float | None
    evidence: Span


@dataclass(frozen=True, slots=True)
class Quote:
    """Direct or indirect speech with its speaker (local actor ids of its article)."""

    article_id: str
    span: Span
    speakers: tuple[int, ...]
    cue: str | None
    direct: bool


@dataclass(frozen=True, slots=True)
class Claim:
    """A number that can contradict another outlet's: what is counted, how many, as of when, says whom."""

    article_id: str
    span: Span
    quantity: str
    subject: str
    value_low: float
    value_high: float
    unit: str
    approx: str
    as_of: date | None
    sources: tuple[int, ...]
    counted: str | None = None  # what is counted, as a plural noun: "people", "troops", "infants"
    owner: str | None = None  # ISO alpha-3 of whose they are, when the text says: "1,100 U.S. troops" → USA
    cumulative: bool = False  # a running total ("so far", "the total number", "stood at")


@dataclass(frozen=True, slots=True)
class OutletLines:
    """An article's lines as its outlet's memory of repeated boilerplate keeps them: the key of every line of its
    cleaned text before the ``repeated`` rule, whether the article adds to the counts (a near-copy of a recent
    article of its outlet does not), its keys that are the outlet's boilerplate, and those it no longer prints."""

    outlet: str
    keys: frozenset[int]
    counted: bool
    boilerplate: frozenset[int] = frozenset()
    dropped: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Parsed:
    """Everything the per-article stages produced for one article, written together."""

    article: Article
    mentions: list[Mention]
    actors: list[DocActor] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    lines: OutletLines | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as an event or story names it."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened; ``from_text`` when a sentence names the place (else it was inferred)."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    from_text: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that reports an event, with its trigger's offsets (all into ``Article.text``)."""

    article_id: str
    start: int
    end: int
    text: str
    trigger_start: int
    trigger_end: int


@dataclass(frozen=True, slots=True)
class EventDateChoice:
    """The date an event gets, the words that state it (``text`` is None for a publication date) and their span."""

    value: date | None
    precision: Precision | None
    text: str | None = None
    span: Span | None = None
    uncertain: bool = False


@dataclass(frozen=True, slots=True)
class EventMember:
    """One article's coding of a real event (all its mentions in that article)."""

    id: str
    article_id: str
    outlet: str | None
    type: str
    mode: str | None
    modality: Modality
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    date: EventDateChoice
    location: Location | None
    cameo: str | None
    cameo_root: str | None
    quad_class: int
    goldstein: float | None
    trigger: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event after coreference: the choices made over its members, its support, every member.

    ``type`` is a PLOVER category or a crisis-extension type; the choices (date, place, modality, actors) are
    made once, when the record is built.
    """

    id: str
    type: str
    mode: str | None
    modality: Modality
    source: tuple[ActorRef, ...]
    target: tuple[ActorRef, ...]
    date: EventDateChoice
    location: Location | None
    cameo: str | None
    cameo_root: str | None
    quad_class: int
    goldstein: float | None
    trigger: str
    article_id: str  # the first article that reported it
    outlet: str | None
    story: str | None
    article_ids: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    num_mentions: int
    num_articles: int
    num_outlets: int
    num_independent_sources: int
    confidence: float | None
    denied: bool
    members: tuple[EventMember, ...]


@dataclass(frozen=True, slots=True)
class StoryActor:
    id: str
    name: str
    kind: str
    mentions: int


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one developing situation."""

    id: str
    label: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...] = ()
    first_date: date | None = None
    last_date: date | None = None
    top_actors: tuple[StoryActor, ...] = ()


@dataclass(frozen=True, slots=True)
class Copy:
    """An article that copies another (``copy_of``, the original): verbatim, edited or reworded."""

    article_id: str
    copy_of: str
    kind: CopyKind
    similarity: float
    outlet: str | None = None
    original_outlet: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """One value of a disputed figure, with every article and span that gives it."""

    value_low: float
    value_high: float
    as_of: str | None
    outlets: tuple[str, ...]
    article_ids: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Conflict:
    """Figures about one quantity that independent reports disagree on (``conflict``) or revise (``series``)."""

    kind: ConflictKind
    subject: str
    quantity: str
    counted: str | None
    owner: str | None
    cumulative: bool
    values: tuple[ConflictValue, ...]
    conservative: dict[str, Any]
    latest: dict[str, Any]
    story: str | None = None


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    ingested: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    analysis: dict[str, int] = field(default_factory=dict)
    parsed: int = 0
    words: int = 0
    seconds: float = 0.0
    recleaned: int = 0  # stored articles cleaned and extracted again: they print a line their outlet now repeats

    def stats(self) -> dict[str, Any]:
        """Throughput of the run: articles parsed, their words, wall time and articles per second."""
        rate = self.parsed / self.seconds if self.seconds else 0.0
        return {"articles": self.parsed, "words": self.words, "seconds": round(self.seconds, 3),
                "articles_per_s": round(rate, 2), "rejected": len(self.rejected)}  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "recleaned": self.recleaned,
            "analysis": self.analysis,
            "stats": self.stats(),
            "rejected": [{"path": r.origin, "reason": r.reason, "code": r.code} for r in self.rejected],
            "skipped": [{"path": s.origin, "reason": s.reason} for s in self.skipped],
        }
