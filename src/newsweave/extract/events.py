"""Events: who did what to whom, coded in PLOVER, from the dependency parse of one article.

Triggers are verbs and event nouns from ``ontology/event_triggers.csv``; the
source is the subject (or agent, or possessor), the target the object or the
object of "against/on/to/with"; each is mapped to the article's local actors.
Mentions of one event within the article share an ``index`` (same type,
compatible actors and dates).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsweave.extract.actor_types import is_bloc
from newsweave.extract.arguments import RECIPIENT_PREPS, ActorIndex, objects_of, subject_of
from newsweave.extract.dates import durative, event_date, sentence_date
from newsweave.extract.detect import eventive, predicate_candidates
from newsweave.extract.modality import PLANNING, SPEECH, modality
from newsweave.extract.phrases import verb_pattern
from newsweave.extract.places import country_place, event_place, scene_country
from newsweave.extract.quotes import quoted_spans
from newsweave.extract.senses import sense
from newsweave.model import ActorMention, Article, DocActor, EventDate, EventMention, Place, Span
from newsweave.nlp import per_document, sentence_of, sentences, text_of
from newsweave.ontology import plover

OUSTED_TITLE = re.compile(r"(ousted|deposed|toppled|detained|overthrown)\b.*\b(president|leader)\b")
FLIP_WHEN_NEGATED = frozenset({"AGREE", "SUPPORT", "CONCEDE"})
# PLOVER: cooperative actions stated as intentions are AGREE; conflictual ones stated as intentions are THREATEN.
COOPERATIVE = frozenset({"SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})


# Verbs whose subject performs the event their object names ("imposed sanctions", "held talks").
LIGHT_VERBS = frozenset({"impose", "announce", "adopt", "hold", "launch", "issue", "make", "give", "stage", "take",
                         "carry", "conduct", "lead", "organise", "organize", "begin", "start", "order", "declare",
                         "extend", "deliver", "send", "pay", "host", "call", "set", "mount", "lift",
                         "tighten", "grant", "continue", "complete", "resume", "undertake", "wage", "perform",
                         "intensify", "escalate", "speed", "step", "commit"})  # fmt: skip
REQUESTING = frozenset({"urge", "call", "demand", "ask", "appeal", "press", "request", "plead"})
# Prepositions that make an event noun the occasion or purpose of its clause's act ("flew in for talks").
OCCASION_PREPS = frozenset({"for", "after", "during"})
# Armed men a passive moves ("Wagner fighters have been deployed"): their owner is who moved them.
FORCES = frozenset({"troop", "troops", "soldier", "fighter", "force", "forces", "mercenary", "unit", "contingent",
                    "battalion", "personnel", "army"})  # fmt: skip
DOCUMENT_NOUNS = frozenset({"letter", "statement", "communique", "declaration", "decree", "note", "document"})


def find_trigger(token: Token) -> plover.Trigger | None:
    """What a token codes, if it names an event: its sense in context, else its lexicon entry (companion words
    checked), else, when the detector calls it eventive, the CAMEO verb phrase pattern it matches, else the
    general verb lexicon's type (unless the verb's infinitive complement names an interaction, which the verb
    then only carries), else OTHER."""
    pos = token.pos_
    if (pos != "VERB" and pos != "NOUN") or _not_an_event(token):
        return None
    lemma = token.lemma_.lower()
    rule = sense(token)
    if rule is not None:
        return None if rule.type == "-" else plover.Trigger(lemma, None, pos, rule.type, rule.mode)
    known = lexicon_trigger(token, pos)
    if known is not None:
        return known
    if not eventive(token) or _light(token):
        return None
    kind = (_phrase_type(token) or _general_type(lemma, token.lower_)) if pos == "VERB" else "OTHER"
    if kind != "OTHER" and _governs_an_act(token) and _phrase_type(token) is None:
        kind = "OTHER"  # "struggled to contain", "managed to free": the act is the complement's
    return plover.Trigger(lemma, None, pos, kind, None)


def _governs_an_act(verb: Token) -> bool:
    """The verb's infinitive complement names a PLOVER interaction of its own."""
    return any(
        c.dep_ == "xcomp" and (t := find_trigger(c)) is not None and plover.is_plover(t.type) for c in verb.children
    )


def _phrase_type(verb: Token) -> str | None:
    """The type of the CAMEO verb dictionary's phrase pattern a verb matches ("placed him on trial", "abandoned
    ship"): OTHER for the null code (the phrase names no political interaction), None when no pattern matches or
    the pattern's is a statement or an appeal (the single-verb lexicon decides)."""
    pattern = verb_pattern(verb)
    if pattern is None or pattern.type == "":
        return None
    return "OTHER" if pattern.type == "-" else pattern.type


# Verbs whose role is grammatical here (they carry, report or plan another act): the general verb
# lexicon never types them.
CARRYING = LIGHT_VERBS | SPEECH | PLANNING


def _general_type(lemma: str, form: str) -> str:
    """A verb no sense rule or trigger lexicon types: its PLOVER category in the general verb lexicon (by lemma,
    else by the inflected form the lexicon lists), else OTHER (statements and appeals, which PLOVER leaves out,
    stay OTHER)."""
    if lemma in CARRYING:
        return "OTHER"
    verbs = plover.general_verbs()
    return verbs.get(lemma, verbs.get(form)) or "OTHER"


def lexicon_trigger(token: Token, pos: str) -> plover.Trigger | None:
    """The trigger lexicons' entry for a token, the ones needing a companion word first."""
    for trigger in plover.triggers().get((token.lemma_.lower(), pos), ()):
        if trigger.with_ is None or _companion(token, trigger.with_):
            return trigger
    return None


def _light(verb: Token) -> bool:
    """ "held talks", "imposed sanctions": the event is the object's; the verb only carries it."""
    return verb.lemma_.lower() in LIGHT_VERBS and any(
        c.dep_ == "dobj" and c.pos_ == "NOUN" and lexicon_trigger(c, "NOUN") is not None for c in verb.children
    )


def _not_an_event(token: Token) -> bool:
    """Modifiers ("coup leaders"), requested acts ("urged them to free Bazoum"), a letter "signed by" ..."""
    dep = token.dep_
    if dep == "compound":
        return True
    if dep == "acl" and token.tag_ == "VBN" and token.head.lemma_.lower() in DOCUMENT_NOUNS:
        return True
    if dep not in COMPLEMENT_DEPS:
        return False
    head = token.head
    if dep == "dobj" and head.lemma_.lower() == "call":
        return False  # "called a strike", "called a meeting": convened, not requested
    if head.lower_ in {"for", "on"}:
        head = head.head
    return head.lemma_.lower() in REQUESTING and head.i != token.i


COMPLEMENT_DEPS = frozenset({"xcomp", "dobj", "pobj", "ccomp"})


def _companion(token: Token, word: str) -> bool:
    if word.startswith("^"):
        head = token.head.head if token.head.dep_ == "prep" else token.head
        return word[1:] in {token.head.lemma_.lower(), head.lemma_.lower()}
    near = [*token.children, *(g for c in token.children if c.dep_ == "prep" for g in c.children)]
    if any(t.lemma_.lower() == word for t in near):
        return True
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return following is not None and following.lemma_.lower() == word


def extract_events(
    doc: Doc, article: Article, actors: Sequence[DocActor], mentions: Sequence[ActorMention]
) -> list[EventMention]:
    """Every event mention in a parsed article."""
    index = ActorIndex(_participants(text_of(doc), article.outlet, mentions), actors)
    index.learn_spokespeople(doc)
    countries = {a.local_id: a.country for a in actors}
    prefer = frozenset(a.country for a in actors if a.kind == "state" and a.country)
    uncertain = article.published_source == "inferred" or bool(article.published_flag)
    counts = Counter(m.local_id for m in mentions)
    home = _home_country(actors, counts)
    roles = article_roles(actors, counts, home)
    kinds = {a.local_id: a.kind for a in actors}
    scene = _Scene(article.id, prefer, countries, home, _junta_country(roles, countries, doc, prefer) or home)
    found: list[EventMention] = []
    placed: list[bool] = []
    quoted = quoted_spans(text_of(doc))
    anchor: date | None = None
    anchor_paragraph = -1
    candidates = predicate_candidates(doc)
    cast = _Cast(roles, kinds, story_kinds(doc, candidates, roles))
    text = text_of(doc)
    breaks = [m.start() for m in re.finditer("\n\n", text)]
    for number, sentence in enumerate(sentences(doc)):
        evidence = Span(
            article.id, sentence.start_char, sentence.end_char, text[sentence.start_char : sentence.end_char]
        )  # ``sentence.text`` joins its tokens each time
        words = candidates[bisect_left(candidates, sentence.start) : bisect_left(candidates, sentence.end)]
        triggered = [
            (token, trigger) for token in map(doc.__getitem__, words) if (trigger := find_trigger(token)) is not None
        ]
        claimed = frozenset(token.i for token, trigger in triggered if trigger.type != "OTHER")
        paragraph = bisect_right(breaks, sentence.start_char - 2)  # breaks ending before the sentence
        occasion = sentence_date(sentence, article.published, anchor)
        if occasion is not None:  # "The envoy had come away empty-handed on Monday." dates what follows
            anchor, anchor_paragraph = occasion, paragraph
        drafts = _reacting([_draft(token, trigger, index, cast, quoted) for token, trigger in triggered])
        for token, event_type, mode, state, sources, targets in drafts:
            when = event_date(token, sentence, article.id, article.published, state=state,
                              uncertain=uncertain, claimed=claimed - {token.i}, anchor=anchor)  # fmt: skip
            if when.text is not None and when.precision == "day" and token.i in claimed and not _durative(when, doc):
                anchor, anchor_paragraph = when.value, paragraph
            elif (
                when.text is None
                and anchor is not None
                and _carries(token, state, paragraph - anchor_paragraph, claimed)
            ):
                when = replace(when, value=anchor, precision="day")  # the paragraph's occasion carries on
            where, stated = _locate(token, sentence, scene, event_type, mode, sources, targets)
            code = plover.coding(event_type, mode)
            found.append(EventMention(
                article.id, len(found), Span(article.id, token.idx, token.idx + len(token), token.text), number,
                event_type, mode, state, tuple(sources), tuple(t for t in targets if t not in sources), when, where,
                code.cameo, code.cameo_root, code.quad_class, code.goldstein, evidence,
            ))  # fmt: skip
            placed.append(stated)
    return _group(found, placed)


# "NIAMEY, Aug 9 (Sahel Wire) - " and "By Hadiza Garba, Niamey": who wrote the story, not who acted in it.
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^\n()]{0,20})?(?:\s*\([^()\n]{1,40}\))?\s+[-–—]{1,2}\s", re.M)
BYLINE = re.compile(r"^By [^\n]{1,80}$", re.M)


def _participants(text: str, outlet: str | None, mentions: Sequence[ActorMention]) -> list[ActorMention]:
    """The mentions that can take part in events: not an outlet credited in a dateline or byline, nor the
    article's own outlet."""
    credits = [m.span() for pattern in (DATELINE, BYLINE) for m in pattern.finditer(text)]
    own = outlet.casefold() if outlet else None
    return [m for m in mentions if m.span.text.casefold() != own
            and not any(a <= m.span.start < b for a, b in credits)]  # fmt: skip


BACKGROUND_MARKS = frozenset({"since", "after", "until", "once"})


PRONOUN_SUBJECTS = frozenset({"he", "she", "they"})
# Nouns that, made definite, point back at the occasion the article last dated ("the summit also called for").
OCCASIONS = frozenset({"summit", "meeting", "talks", "visit", "letter", "statement", "address", "decision",
                       "announcement", "session", "conference", "speech", "communique", "rally", "crowd",
                       "gathering", "ceremony"})  # fmt: skip


def _durative(when: EventDate, doc: Doc) -> bool:
    """ "since July 26" starts a state; it is not the occasion later sentences speak of."""
    expression = doc.char_span(when.span.start, when.span.end) if when.span is not None else None
    return expression is not None and durative(expression)


def _carries(trigger: Token, state: str, paragraphs_on: int, claimed: frozenset[int] = frozenset()) -> bool:
    """An undated event is dated by the occasion the text last dated (in the same paragraph, or further on when
    its sentence points back to it), unless it is backgrounded ("had vowed", "since soldiers detained ..."), still
    to come, or an event another act answers ("rejected these sanctions": those were imposed before)."""
    if state == "planned" or (paragraphs_on > 0 and not _points_back(trigger)):
        return False
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj" and trigger.head.i in claimed:
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in trigger.children):  # "had vowed", "have backed"
        return False
    return not any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in trigger.children)


def _points_back(trigger: Token) -> bool:
    """ "He labelled ...", "They said they were committed ...", "told reporters after the meeting ..."."""
    subject = subject_of(trigger) if trigger.pos_ != "NOUN" else None
    if subject is not None and subject.lower_ in PRONOUN_SUBJECTS:
        return True
    return sentence_of(trigger).start in _occasion_sentences(trigger.doc)


@per_document
def _occasion_sentences(doc: Doc) -> frozenset[int]:
    """Where the sentences that name a definite occasion ("the summit", "this meeting") start."""
    return frozenset(sentence_of(t).start for t in doc if t.lemma_.lower() in OCCASIONS and any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children))  # fmt: skip


Draft = tuple[Token, str, str | None, str, list[int], list[int]]


@dataclass(frozen=True, slots=True)
class _Cast:
    """Who plays the article's roles (ruling body, bloc, ousted leader, ...), each actor's kind, and the kinds of
    story the article tells (``coup``): a story-specific default fills an event's actors only in its story."""

    roles: dict[str, int]
    kinds: dict[int, str]
    stories: frozenset[str]


def story_kinds(doc: Doc, candidates: Sequence[int], roles: dict[str, int]) -> frozenset[str]:
    """The kinds of story an article tells, from the article itself: a coup story names a seizure of power
    ("coup", "ousted", "seized power") or has a ruling body that came to power that way (a junta)."""
    seized = any(t is not None and t.type == "COERCE" and t.mode == "seize"
                 for i in candidates if (t := lexicon_trigger(doc[i], doc[i].pos_)) is not None)  # fmt: skip
    return frozenset({"coup"}) if seized or "ruling" in roles else frozenset()


def _draft(
    token: Token,
    trigger: plover.Trigger,
    index: ActorIndex,
    cast: _Cast,
    quoted: list[tuple[int, int]],
) -> Draft:
    """One trigger's type, mode, modality and actors, before its date and place."""
    carrier = token.head if token.pos_ == "NOUN" and token.dep_ == "dobj" and _light(token.head) else token
    state = modality(carrier, trigger.type, quoted=any(a <= token.idx < b for a, b in quoted))
    event_type, mode, state = _recode(trigger.type, trigger.mode, state, carrier)
    sources, targets = _arguments(token, index)
    if not sources and subject_of(token) is None and token.pos_ != "NOUN" and token.dep_ != "amod":
        sources = _sentence_subject(token, index)  # not for "the detained president": that says who, not by whom
    demand = _demanded_by(token, index)
    if demand is not None:  # "X said that Y must withdraw": X demands it of Y
        demanders, bearer = demand
        held = subject_of(bearer)  # who must act: "Israel must be ready to withdraw"
        of = index.of_phrase(held) if held is not None else sources
        event_type, mode, state, sources, targets = "REQUEST", None, "asserted", demanders, of
    sources, targets = _defaults(event_type, mode, sources, targets, cast)
    if not targets and event_type == "THREATEN":  # "threatened to strike unless Israel rescinded ...": who must yield
        targets = [t for t in _conditioned(token, index) if t not in sources]
    if not targets and event_type in DONE_IN_A_COUNTRY:  # "demonstrated in Serbia", "lifted a curfew in Montenegro"
        targets = [t for t in _country_of_scene(token, index) if t not in sources]
    return token, event_type, mode, state, sources, targets


# Acts PLOVER codes against the country they are done in when no one else is named.
DONE_IN_A_COUNTRY = frozenset({"PROTEST", "COERCE", "CONCEDE", "ASSAULT"})
SCENE_PREPS = frozenset({"in", "inside", "across", "throughout"})


def _country_of_scene(token: Token, index: ActorIndex) -> list[int]:
    """The state whose country the act is said to take place in: "in X" on the trigger or on the noun it carries
    ("imposed a curfew in X"); not a city ("marched in the capital" says where, not against whom)."""
    hosts = [token, *(c for c in token.children if c.dep_ == "dobj")]
    places = [o for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ in SCENE_PREPS
              for o in p.children if o.dep_ == "pobj" and o.ent_type_ in {"GPE", "LOC"}]  # fmt: skip
    return [local for o in places for local in index.at(o) if index.kinds.get(local) == "state"]


DEONTIC = frozenset({"must", "should"})
DECLARING = frozenset({"say", "declare", "conclude", "insist", "announce", "state", "tell", "add", "stress",
                       "warn", "write", "argue", "reiterate"})  # fmt: skip


def _demanded_by(verb: Token, index: ActorIndex) -> tuple[list[int], Token] | None:
    """An act stated with "must" or "should" is a demand (PLOVER codes it REQUEST): who demands it (the speaker of
    the clause it is declared in, "X said that Y must withdraw", else no one named) and the verb bearing the
    "must", which may be a "be ready/able to" the act hangs from ("Y must be ready to mediate"); None when the act
    is no demand."""
    if verb.pos_ != "VERB":
        return None
    bearer = verb.head if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" else verb
    bearer = bearer.head if bearer.dep_ == "acomp" else bearer
    if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in bearer.children):
        return None
    speaker = subject_of(bearer.head) if bearer.dep_ == "ccomp" and bearer.head.lemma_.lower() in DECLARING else None
    return (index.spoken_for(index.of_phrase(speaker)) if speaker is not None else []), bearer


def _reacting(drafts: list[Draft]) -> list[Draft]:
    """Who an act answers is who did what it answers: "rejected the sanctions", "will not accept military
    intervention", "her requests ... were turned down" target the sanctions', intervention's, requests' source."""
    by_token = {d[0].i: d for d in drafts}
    out: list[Draft] = []
    for token, event_type, mode, state, sources, targets in drafts:
        answered = [by_token[o.i] for o in objects_of(token)
                    if o.i in by_token and o.i != token.i and plover.is_plover(by_token[o.i][1])]  # fmt: skip
        doers = [a for d in answered if d[1] != event_type for a in d[4] if a not in sources]
        out.append((token, event_type, mode, state, sources, list(dict.fromkeys(doers)) or targets))
    return out


def _recode(event_type: str, mode: str | None, state: str, token: Token) -> tuple[str, str | None, str]:
    """PLOVER's reading of negation and intent: "did not support" is REJECT, "will impose" is THREATEN."""
    if event_type in FLIP_WHEN_NEGATED and state == "negated":
        return "REJECT", None, "asserted"
    if state == "conditional" and event_type in COOPERATIVE | CONFLICTUAL and _unless(token):
        return "THREATEN", None, state  # "will withdraw its force unless ...": a threat
    intent = state == "planned" or any(c.lower_ in {"willing", "ready", "prepared"} for c in token.ancestors)
    if (intent or state == "conditional") and event_type in COOPERATIVE:
        return "AGREE", None, state  # "would allow inspectors back (if ...)": an offer
    if intent and event_type in CONFLICTUAL:
        return "THREATEN", None, "threatened"
    return event_type, mode, state


def _conditioned(token: Token, index: ActorIndex) -> list[int]:
    """Who a threat's condition is on: the subject of an "unless" or "if" clause of the threat or of the act it
    threatens."""
    clauses = [token, *(c for c in token.children if c.dep_ in {"xcomp", "ccomp"})]
    found: list[int] = []
    for clause in (a for t in clauses for a in t.children if a.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in clause.children):
            subject = subject_of(clause)
            found += index.of_phrase(subject) if subject is not None else []
    return list(dict.fromkeys(found))


CONDITION_MARKS = frozenset({"unless", "if"})


def _unless(token: Token) -> bool:
    """The act hangs on a condition the other side must meet ("unless", "if ... not")."""
    return any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children) for c in token.children)


def _arguments(token: Token, index: ActorIndex) -> tuple[list[int], list[int]]:
    if token.pos_ == "NOUN":
        return _noun_arguments(token, index)
    subject = subject_of(token)
    sources = (index.of_phrase(subject) or index.seat_of(subject)) if subject is not None else []
    objects = objects_of(token)
    forces = [o for o in objects if o.dep_ == "nsubjpass" and o.lemma_.lower() in FORCES] if subject is None else []
    if forces:  # "Wagner fighters have been deployed": whose forces moved them
        sources = [local for o in forces for local in index.of_phrase(o)]
    targets = [local for obj in objects if obj not in forces for local in index.of_phrase(obj) or index.seat_of(obj)]
    return sources, list(dict.fromkeys(t for t in targets if t not in sources))


def _sentence_subject(token: Token, index: ActorIndex) -> list[int]:
    """No syntactic source: the subject of the clause the trigger sits in, else of the sentence."""
    for verb in (token.head, sentence_of(token).root):
        subject = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
        if subject is not None:
            found = index.of_phrase(subject)
            if found:
                return index.spoken_for(found)
    return []


def _noun_arguments(noun: Token, index: ActorIndex) -> tuple[list[int], list[int]]:
    sources = [local for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"}
               for local in _owner(c, index)]  # fmt: skip
    occasion = noun.dep_ == "pobj" and noun.head.lower_ in OCCASION_PREPS
    carried = _measured(noun)  # "gave X $5 million of aid": the verb carries the aid through its amount
    light = carried.dep_ in {"dobj", "attr", "nsubjpass"} and _carrier(carried.head)
    framed = _framing(noun)
    named = framed.dep_ in {"ccomp", "xcomp", "oprd"}  # "they would consider that a declaration of war"
    verb = noun.head.head if occasion else framed.head if named else carried.head
    if named and verb.dep_ == "ccomp" and any(c.dep_ == "nsubjpass" for c in verb.children):
        verb = verb.head  # "warned that any intervention would be considered a declaration of war": who warned
    if not sources and (light or occasion or named) and verb.pos_ == "VERB":
        subject = subject_of(verb)  # "held talks", "flew into Niamey for talks", "said after a meeting with"
        sources = index.of_phrase(subject) if subject is not None else []
    targets = [local for obj in objects_of(noun) if obj.dep_ == "pobj" and not _purpose(obj, index)
               for local in index.of_phrase(obj)]  # fmt: skip
    if not targets:  # "talks lasting two hours with X", "held talks on Monday with X"
        around = [c for c in noun.children if c.dep_ == "acl"] + ([carried.head] if light else [])
        targets = [local for t in around for obj in objects_of(t) if obj.dep_ == "pobj" and obj.head.lower_ == "with"
                   for local in index.of_phrase(obj)]  # fmt: skip
    if not targets and light:  # "granted asylum to X", "imposed sanctions on X", "gave X aid"
        targets = [local for obj in _recipients(carried.head) for local in index.of_phrase(obj) if local not in sources]
    return list(dict.fromkeys(sources)), list(dict.fromkeys(targets))


# Verbs whose subject lets, sees or needs an act others perform ("allowed the evacuation", "watched the rally").
BYSTANDING = frozenset({"allow", "permit", "authorise", "authorize", "let", "see", "watch", "witness", "follow",
                        "need", "want", "expect", "fear", "face", "survive", "escape", "avoid", "await", "cover",
                        "monitor", "observe", "require", "prevent", "stop", "delay", "postpone",
                        "facilitate"})  # fmt: skip


def _carrier(verb: Token) -> bool:
    """A verb whose object names the act its subject performs: a light verb ("held talks"), or any verb that is
    no act of the lexicon itself and no bystander's ("granted asylum"; not "rejected the call", "allowed the
    evacuation")."""
    lemma = verb.lemma_.lower()
    if lemma in LIGHT_VERBS:
        return True
    return verb.pos_ == "VERB" and lemma not in BYSTANDING | SPEECH and lexicon_trigger(verb, "VERB") is None


def _recipients(verb: Token) -> list[Token]:
    """Who a verb's act is done to or for: its indirect object, or the object of "to", "on", "against", "with"."""
    found = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
    return found + [o for p in verb.children if p.dep_ in {"prep", "dative"} and p.lower_ in RECIPIENT_PREPS
                    for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"}]  # fmt: skip


def _purpose(obj: Token, index: ActorIndex) -> bool:
    """ "an ultimatum for the return of President Bazoum": what the act is for, not whom it is against."""
    return obj.head.lower_ == "for" and not any(index.at(t) for t in [obj, *obj.conjuncts])


AMOUNTS = frozenset({"MONEY", "QUANTITY", "CARDINAL"})


def _measured(noun: Token) -> Token:
    """The amount an event noun is "of" ("5 million dollars of aid", "two tonnes of food aid"), else the noun."""
    head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else noun
    amount = head.ent_type_ in AMOUNTS or any(c.dep_ == "nummod" for c in head.children)
    return head if head is not noun and head.pos_ == "NOUN" and amount else noun


def _framing(noun: Token) -> Token:
    """The noun an event noun is "of" ("a declaration of war"), else the event noun itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        return noun.head.head
    return noun


def _owner(modifier: Token, index: ActorIndex) -> list[int]:
    """Who a modifier names; "its", "their", "our" are the subject of the verb the noun hangs from ("The United
    States reiterates our call"), else the actor they point back to."""
    if modifier.dep_ != "poss" or modifier.pos_ != "PRON":
        return index.at(modifier)
    verb = modifier.head.head
    subject = subject_of(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subject is not None and subject.pos_ != "PRON":
        return index.of_phrase(subject)
    return index.of_phrase(modifier) if modifier.lower_ in {"its", "their", "his", "her"} else []


def _actor_place(sources: list[int], countries: dict[int, str | None]) -> Place | None:
    for local in sources:
        code = countries.get(local)
        if code:
            return country_place(code)
    return None


def _most_mentioned(candidates: list[DocActor], counts: Counter[int]) -> DocActor:
    return max(candidates, key=lambda a: counts[a.local_id])


def _home_country(actors: Sequence[DocActor], counts: Counter[int]) -> str | None:
    """The country the article is about: its most mentioned state."""
    states = [a for a in actors if a.kind == "state" and a.country]
    return _most_mentioned(states, counts).country if states else None


def article_roles(actors: Sequence[DocActor], counts: Counter[int], home: str | None) -> dict[str, int]:
    """The local actors playing the article's roles: ruling body, regional bloc, its state, the ousted leader."""
    roles: dict[str, int] = {}
    for role in ("ruling", "ousted", "bloc"):
        found = [a for a in actors if _plays(a, role)]
        if found:
            roles[role] = _most_mentioned(found, counts).local_id
    if "ousted" not in roles:  # "ousted leader Mohamed Bazoum" in an article that never says his country
        titled = [a for a in actors if a.kind == "person" and any(
            OUSTED_TITLE.match(r) and len(r.split()) <= 3 for r in a.roles)]  # fmt: skip
        if titled:
            roles["ousted"] = _most_mentioned(titled, counts).local_id
    ruling = next((a for a in actors if a.local_id == roles.get("ruling")), None)
    country = ruling.country if ruling is not None and ruling.country else home
    state = next((a for a in actors if a.kind == "state" and a.country == country), None)
    if state is not None:
        roles["coup_state"] = state.local_id
    return roles


def _plays(actor: DocActor, role: str) -> bool:
    if role == "bloc":
        return actor.kind == "igo" and is_bloc(actor.name)
    return any(key.startswith(f"role:{role}:") for key in actor.keys)


def _defaults(
    event_type: str, mode: str | None, sources: list[int], targets: list[int], cast: _Cast
) -> tuple[list[int], list[int]]:
    """Fill what the sentence leaves implicit from the article's roles (``ontology/event_defaults.csv``), in the
    kind of story the rule is for."""
    rule = plover.defaults().get((event_type, mode or "")) or plover.defaults().get((event_type, ""))
    if rule is None or rule.story not in cast.stories:
        return sources, targets
    roles, kinds = cast.roles, cast.kinds
    only_states = all(kinds.get(s) == "state" for s in sources)
    if rule.source in roles and (not sources or (rule.override and only_states)):
        sources = [roles[rule.source]]
    if rule.target in roles and not targets and roles[rule.target] not in sources:
        targets = [roles[rule.target]]
    return sources, targets


@dataclass(frozen=True, slots=True)
class _Scene:
    """What an article tells about where its events happen, beyond each sentence."""

    article_id: str
    prefer: frozenset[str]
    countries: dict[int, str | None]
    home: str | None
    junta: str | None


def _junta_country(roles: dict[str, int], countries: dict[int, str | None], doc: Doc,
                   prefer: frozenset[str]) -> str | None:  # fmt: skip
    """Where the article's ruling body rules: its own country, its ousted leader's, else the article's scene."""
    for role in ("ruling", "ousted"):
        code = countries.get(roles[role]) if role in roles else None
        if code:
            return code
    return scene_country(doc, prefer=prefer)


def _locate(
    token: Token,
    sentence: SpacySpan,
    scene: _Scene,
    event_type: str,
    mode: str | None,
    sources: list[int],
    targets: list[int],
) -> tuple[Place | None, bool]:
    """Where the event happened, and whether the sentence says so: a place hanging from the trigger, else the
    country of a coup's junta or of the source, else a place the sentence puts something in, else the scene."""
    visit = event_type == "CONSULT" and mode == "visit"
    stated = event_place(token, sentence, scene.article_id, prefer=scene.prefer, destination=visit)
    if stated is not None:
        return stated, True
    home = country_place(scene.home) if scene.home else None
    where = (_coup_place(event_type, mode, scene.junta) or _actor_place(sources, scene.countries)
             or event_place(token, sentence, scene.article_id, prefer=scene.prefer, attached_only=False)
             or home or _actor_place(targets, scene.countries))  # fmt: skip
    return where, False


def _coup_place(event_type: str, mode: str | None, junta: str | None) -> Place | None:
    """A coup with no place named happened where the article's junta rules."""
    return country_place(junta) if event_type == "COERCE" and mode in {"seize", "arrest"} and junta else None


def _group(events: list[EventMention], placed: list[bool]) -> list[EventMention]:
    """Mentions of the same event in one article share the index of its first mention, and the place one of
    them states ("a summit on Thursday" ... "at their summit in Abuja")."""
    grouped: list[EventMention] = []
    kinds: dict[tuple[str, str], list[EventMention]] = {}  # only mentions of one type (and word, for OTHER) can match
    for event in events:
        kind = kinds.setdefault((event.type, event.trigger.text.lower() if event.type == "OTHER" else ""), [])
        same = next((g for g in kind if _same_event(g, event)), None)
        event = event if same is None else _with_index(event, same.index)
        grouped.append(event)
        kind.append(event)
    stated = {e.index: e.place for e, s in zip(grouped, placed, strict=True) if s and e.place is not None}
    placed_events = [e if s or e.index not in stated else replace(e, place=stated[e.index])
                     for e, s in zip(grouped, placed, strict=True)]  # fmt: skip
    return _undated_as_reported(placed_events)


def _carried(when: EventDate) -> bool:
    """A day the mention took from an earlier sentence's occasion, not from words of its own."""
    return when.text is None and when.precision == "day"


def _undated_as_reported(events: list[EventMention]) -> list[EventMention]:
    """An event no mention dates in words, which the article reports undated somewhere, is not dated by an
    occasion one of its other mentions carried from a neighbouring sentence: all take the publication date."""
    dated = {e.index for e in events if e.date.text is not None}
    reported = {e.index: e.date for e in events if e.date.text is None and e.date.precision == "publication"}
    return [replace(e, date=replace(reported[e.index], uncertain=e.date.uncertain))
            if e.index not in dated and e.index in reported and _carried(e.date) else e for e in events]  # fmt: skip


def _same_event(a: EventMention, b: EventMention) -> bool:
    if a.type == b.type == "COERCE" and a.mode == b.mode == "seize":
        return True  # an article's coup is one event, however often it is named
    if a.type != b.type or a.modality != b.modality:
        return False
    if a.type == "OTHER" and a.trigger.text.lower() != b.trigger.text.lower():
        return False  # events of no known type are the same only when named by the same word
    if not ((a.sources and b.sources) or (a.targets and b.targets)):
        # a bare mention ("rejected another mission") belongs to a nearby event of its kind, and so does one whose
        # actors cannot be compared (only a source against only a target)
        return abs(a.sentence - b.sentence) <= 2 and _dates_compatible(a.date, b.date, loose=a.sentence == b.sentence)
    if a.sentence == b.sentence and set(a.sources) != set(b.sources):
        return False
    if a.sources and b.sources and not set(a.sources) & set(b.sources):
        return False
    if a.targets and b.targets and not set(a.targets) & set(b.targets):
        return False
    return _dates_compatible(a.date, b.date)


def _dates_compatible(a: EventDate, b: EventDate, *, loose: bool = False) -> bool:
    if a.value is None or b.value is None:
        return True
    inferred = loose and (a.text is None or b.text is None)  # an inferred date is no evidence within one sentence
    loose_precision = bool({"week", "publication"} & {a.precision, b.precision})
    return abs((a.value - b.value).days) <= (7 if inferred or loose_precision else 0)


def _with_index(event: EventMention, index: int) -> EventMention:
    return replace(event, index=index)
