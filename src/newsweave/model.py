"""Plain records that flow through the pipeline. Imports nothing of ours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
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
# Most precise first: a date stated to the day outranks a week, a month, a year, then a publication date.
PRECISION_RANK: dict[str | None, int] = {name: rank for rank, name in enumerate(PRECISIONS)}
UNRANKED = len(PRECISIONS)
COPY_KINDS: tuple[CopyKind, ...] = ("verbatim", "edited", "paraphrase")


def precision_rank(precision: str | None) -> int:
    """Where a precision sorts (day first); unknown precisions last."""
    return PRECISION_RANK.get(precision, UNRANKED)


def event_id(article_id: str, event: int) -> str:
    """The id of an article's ``event``-th event: ``evt_<article>_<n>`` (a real event takes its first member's)."""
    return f"evt_{article_id}_{event}"


def split_event_id(ref: str) -> tuple[str, int] | None:
    """``evt_<article>_<n>`` → (article id, event number); ``None`` for anything else."""
    head, _, number = ref.rpartition("_")
    if not head.startswith("evt_") or not number.isdigit():
        return None
    return head.removeprefix("evt_"), int(number)


def json_default(value: Any) -> Any:
    """``json.dumps(default=...)`` for records: dates as ISO text."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


SUMMARY_CHARS = 200


def summary_line(sentence: str, *, limit: int = SUMMARY_CHARS) -> str:
    """A short extractive line for a timeline (from an event's first evidence sentence), trimmed at a word."""
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + " …"


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


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

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorRef:
        return cls(d["id"], d["name"])


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened; ``from_text`` when a sentence names the place (else it was inferred)."""

    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    from_text: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "from_text": self.from_text}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Location | None:
        return None if d is None else cls(d["name"], d["country"], d["lat"], d["lon"], bool(d["from_text"]))


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that reports an event, with its trigger's offsets (all into ``Article.text``)."""

    article_id: str
    start: int
    end: int
    text: str
    trigger_start: int
    trigger_end: int

    def as_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["article_id"], d["start"], d["end"], d["text"], d["trigger_start"], d["trigger_end"])


@dataclass(frozen=True, slots=True)
class EventDateChoice:
    """The date an event gets, the words that state it (``text`` is None when no words date it), their offsets
    (``span``: article id, start, end) and whether the publication date it was resolved against was inferred."""

    value: date | None
    precision: Precision | None
    text: str | None = None
    span: tuple[str, int, int] | None = None
    uncertain: bool = False

    @property
    def rank(self) -> int:
        return precision_rank(self.precision)

    def as_dict(self) -> dict[str, Any]:
        span = self.span
        return {"date": self.value, "date_precision": self.precision, "date_text": self.text,
                "date_uncertain": self.uncertain,
                "date_span": {"article_id": span[0], "start": span[1], "end": span[2]} if span else None}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventDateChoice:
        span = d.get("date_span")
        return cls(_day(d["date"]), d["date_precision"], d["date_text"],
                   (span["article_id"], span["start"], span["end"]) if span else None,
                   bool(d["date_uncertain"]))  # fmt: skip


@dataclass(frozen=True, slots=True)
class EventMember:
    """One article's coding of a real event (all its mentions in that article; or one mention, as the store
    gives them to the builders in ``fuse/real_events.py``)."""

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

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``members[]`` in ``newsweave events --json``."""
        return {**_coding_dict(self), "evidence": [e.as_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> EventMember:
        return cls(**_coding_fields(d), evidence=tuple(Evidence.from_dict(e) for e in d["evidence"]))


def _coding_dict(r: EventMember | Event) -> dict[str, Any]:
    """How a member or a real event is coded, in the JSON shape both share."""
    return {
        "id": r.id, "type": r.type, "mode": r.mode, "modality": r.modality,
        "source": [a.as_dict() for a in r.source], "target": [a.as_dict() for a in r.target],
        **r.date.as_dict(), "location": r.location.as_dict() if r.location else None,
        "cameo": r.cameo, "cameo_root": r.cameo_root, "quad_class": r.quad_class, "goldstein": r.goldstein,
        "article_id": r.article_id, "outlet": r.outlet, "trigger": r.trigger,
    }  # fmt: skip


def _coding_fields(d: dict[str, Any]) -> dict[str, Any]:
    """The fields ``_coding_dict`` wrote, as record fields."""
    return {
        "id": d["id"], "type": d["type"], "mode": d["mode"], "modality": d["modality"],
        "source": tuple(ActorRef.from_dict(a) for a in d["source"]),
        "target": tuple(ActorRef.from_dict(a) for a in d["target"]), "date": EventDateChoice.from_dict(d),
        "location": Location.from_dict(d["location"]), "cameo": d["cameo"], "cameo_root": d["cameo_root"],
        "quad_class": d["quad_class"], "goldstein": d["goldstein"], "article_id": d["article_id"],
        "outlet": d["outlet"], "trigger": d["trigger"],
    }  # fmt: skip


@dataclass(frozen=True, slots=True)
class Event:
    """One real-world event after coreference: the choices made over its members, its support, every member.

    ``type`` is a PLOVER category or a crisis-extension type; the choices (date, place, modality, actors) are
    made once, when the record is built (``fuse/real_events.py``).
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

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsweave events --json`` and ``/events``."""
        return {
            **_coding_dict(self), "story": self.story, "evidence": [e.as_dict() for e in self.evidence],
            "article_ids": list(self.article_ids), "num_mentions": self.num_mentions,
            "num_articles": self.num_articles, "num_outlets": self.num_outlets,
            "num_independent_sources": self.num_independent_sources, "confidence": self.confidence,
            "denied": self.denied, "members": [m.as_dict() for m in self.members],
        }  # fmt: skip

    def timeline_dict(self) -> dict[str, Any]:
        """The JSON shape of this event's row in ``newsweave timeline --json`` and ``/timeline``."""
        return {
            "date": self.date.value, "precision": self.date.precision, "event_id": self.id, "type": self.type,
            "modality": self.modality, "summary": summary_line(self.evidence[0].text),
            "article_ids": list(self.article_ids), "num_independent_sources": self.num_independent_sources,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            **_coding_fields(d), story=d.get("story"), article_ids=tuple(d["article_ids"]),
            evidence=tuple(Evidence.from_dict(e) for e in d["evidence"]), num_mentions=d["num_mentions"],
            num_articles=d["num_articles"], num_outlets=d["num_outlets"],
            num_independent_sources=d["num_independent_sources"], confidence=d["confidence"], denied=d["denied"],
            members=tuple(EventMember.from_dict(m) for m in d["members"]),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class StoryActor:
    id: str
    name: str
    kind: str
    mentions: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "mentions": self.mentions}


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

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsweave stories --json`` and ``/stories``."""
        return {"id": self.id, "label": self.label, "first_date": self.first_date, "last_date": self.last_date,
                "article_ids": list(self.article_ids), "outlets": list(self.outlets),
                "top_actors": [a.as_dict() for a in self.top_actors]}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Story:
        return cls(d["id"], d["label"], tuple(d["article_ids"]), tuple(d["outlets"]), _day(d["first_date"]),
                   _day(d["last_date"]), tuple(StoryActor(**a) for a in d["top_actors"]))  # fmt: skip


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

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsweave duplicates --json`` and ``/duplicates``."""
        return {"article_id": self.article_id, "copy_of": self.copy_of, "kind": self.kind,
                "similarity": self.similarity, "outlet": self.outlet, "original_outlet": self.original_outlet,
                "title": self.title}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConflictValue:
    """One value of a disputed figure, with every article and span that gives it."""

    value_low: float
    value_high: float
    as_of: str | None
    outlets: tuple[str, ...]
    article_ids: tuple[str, ...]
    spans: tuple[dict[str, Any], ...]

    def as_dict(self) -> dict[str, Any]:
        return {"value_low": self.value_low, "value_high": self.value_high, "as_of": self.as_of,
                "outlets": list(self.outlets), "article_ids": list(self.article_ids),
                "spans": list(self.spans)}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ConflictValue:
        return cls(d["value_low"], d["value_high"], d["as_of"], tuple(d["outlets"]), tuple(d["article_ids"]),
                   tuple(d["spans"]))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Conflict:
    """Figures about one quantity that independent reports disagree on (``conflict``) or revise (``series``).

    ``extra`` keeps any further field the conflict finder gives, so the JSON shape is never cut short."""

    kind: ConflictKind
    subject: str
    quantity: str
    values: tuple[ConflictValue, ...]
    conservative: dict[str, Any]
    latest: dict[str, Any]
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of ``newsweave conflicts --json`` and ``/conflicts``."""
        return {"kind": self.kind, "subject": self.subject, "quantity": self.quantity, **self.extra,
                "values": [v.as_dict() for v in self.values], "conservative": self.conservative,
                "latest": self.latest}  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Conflict:
        named = {"kind", "subject", "quantity", "values", "conservative", "latest"}
        return cls(d["kind"], d["subject"], d["quantity"], tuple(ConflictValue.from_dict(v) for v in d["values"]),
                   d["conservative"], d["latest"], {k: v for k, v in d.items() if k not in named})  # fmt: skip


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
