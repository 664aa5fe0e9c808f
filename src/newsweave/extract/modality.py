"""Modality: did the event happen, by whose account, or is it threatened, planned, conditional, denied?"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newsweave.nlp import sentence_of

SPEECH = frozenset({"say", "tell", "claim", "report", "state", "add", "announce", "insist", "allege", "confirm",
                    "write", "post", "note", "explain", "argue", "acknowledge", "suggest", "indicate"})  # fmt: skip
# Verbs that plan another act; "want" as the CAMEO verb dictionary's transformations read it ("a wants to attack
# b" is a threat, 138).
PLANNING = frozenset({"plan", "expect", "intend", "prepare", "aim", "schedule", "due", "set", "propose", "seek", "vow",
                      "swear", "pledge", "promise", "want"})  # fmt: skip
THREATS = frozenset({"threaten", "warn"})
MOVING = frozenset({"fly", "travel", "arrive", "come", "head", "go", "return", "land"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may"})
CONDITIONS = frozenset({"if", "unless"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
FAILING = frozenset({"fail", "unable", "refuse"})
CLAUSE_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "pcomp", "pobj", "prep", "dobj", "acl", "attr"})


def governors(trigger: Token, limit: int = 4) -> list[Token]:
    """The trigger and the verbs above it in its clause chain (nearest first)."""
    chain = [trigger]
    token = trigger
    for _ in range(limit):
        if token.dep_ not in CLAUSE_DEPS or token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
    return chain


def modality(trigger: Token, event_type: str, *, quoted: bool = False) -> str:
    """asserted, reported, threatened, planned, conditional, denied or negated (first rule that applies).

    ``quoted``: the trigger sits inside a direct quote (then it is someone's account: reported).
    """
    chain = governors(trigger)
    sentence = sentence_of(trigger)
    if _negated(trigger, chain):
        return "negated"
    if any(t.lemma_ == "deny" and t.i != trigger.i and any(c.dep_ == "ccomp" for c in t.children) for t in chain[1:]):
        return "denied"
    if _conditional(_with_subjects(trigger), _lowered(sentence)):
        return "conditional"
    if _planned(trigger, chain):
        return "planned"
    if event_type == "THREATEN" or _complement_of(trigger, THREATS):
        return "threatened"
    if quoted or (trigger.pos_ != "NOUN" and (_complement_of(trigger, SPEECH) or _according_to(trigger))):
        return "reported"
    return "asserted"


def _with_subjects(trigger: Token) -> list[Token]:
    """The trigger's clause chain, climbing from a subject to its verb ("the use of force would be ... if"),
    plus the clauses it governs ("vowed to come ... if", "warned that any attack would ...")."""
    chain = [trigger]
    token = trigger
    climb = CLAUSE_DEPS | ({"nsubj", "nsubjpass"} if trigger.pos_ == "NOUN" else set())
    for _ in range(3):
        if token.dep_ not in climb or token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
    return chain + [c for c in trigger.children if c.dep_ == "xcomp"]


def _negated(trigger: Token, chain: list[Token]) -> bool:
    if trigger.dep_ == "nsubjpass" and any(c.dep_ == "neg" for c in trigger.head.children):
        return True  # "military interference has not been ruled out"
    own = [trigger, *chain[1:2]] if trigger.dep_ == "xcomp" else [trigger]
    for token in own:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in token.children):
            return True
    return any(t.lemma_ in FAILING and t.i != trigger.i and t.lemma_ != "refuse" for t in chain[1:2])


def _conditional(chain: list[Token], sentence: str) -> bool:
    """A condition hangs on the act ("if", "unless"), or a would/could/might with a conditional cue in the sentence."""
    if not any(w in sentence for w in ("if", "unless", "any", "otherwise", "last resort")):
        return False  # no word of a condition anywhere: nothing to look for in the parse
    children = [c for t in chain for c in t.children]
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in children):
        return True
    if any(c.dep_ == "advcl" and any(m.lower_ in CONDITIONS for m in c.children) for c in children):
        return True
    auxes = {c.lower_ for c in children if c.dep_ == "aux"}
    padded = f" {sentence} "
    cue = any(f" {w} " in padded for w in ("if", "unless", "any", "otherwise")) or "last resort" in sentence
    return bool(auxes & {"would", "could", "might"}) and cue


def _planned(trigger: Token, chain: list[Token]) -> bool:
    auxes = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
    if auxes & FUTURE_AUX or "going" in auxes:
        return True
    if "would" in auxes and _complement_of(trigger, SPEECH):  # "said his country would contribute": a reported will
        return True
    if any(t.lemma_ in PLANNING for t in chain[1:4]):
        return True
    if trigger.pos_ != "NOUN":
        # "two days before the bloc's leaders meet": a present tense in a "before/until" clause
        return trigger.tag_ in {"VBP", "VBZ"} and any(c.dep_ == "mark" and c.lower_ in {"before", "until"}
                                                        for c in trigger.children)  # fmt: skip
    head = trigger.head
    if head.lower_ == "for" and head.head.lemma_ in MOVING:
        return True  # "flew into Niamey for talks"
    before = trigger.doc[max(sentence_of(trigger).start, trigger.i - 6) : trigger.i]
    return any(t.lower_ in {"ahead", "upcoming", "planned", "next"} for t in before)


def _complement_of(trigger: Token, verbs: frozenset[str]) -> bool:
    """The trigger sits in the clausal complement of one of ``verbs`` ("X said that ...", "warned that ...")."""
    token = trigger
    for _ in range(6):
        if token.head.i == token.i:
            return False
        if token.dep_ in {"ccomp", "parataxis"} and token.head.lemma_ in verbs:
            return True
        if token.dep_ in {"advcl", "relcl", "conj"}:
            return False
        token = token.head
    return False


def _according_to(trigger: Token) -> bool:
    return "according to" in _lowered(sentence_of(trigger))


def _lowered(sentence: SpacySpan) -> str:
    """A sentence's text in lower case, built once per sentence (``span.text`` joins its tokens on every call)."""
    cache: dict[int, str] = sentence.doc.user_data.setdefault("newsweave_lowered", {})
    if sentence.start not in cache:
        cache[sentence.start] = sentence.text.lower()
    return cache[sentence.start]
