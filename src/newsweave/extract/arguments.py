"""Who: map syntactic arguments (subject, object, possessor) to the article's local actors."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Token

from newsweave.model import ActorMention, DocActor

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
TARGET_PREPS = frozenset({"against", "on", "to", "with", "at", "toward", "towards", "into", "from", "for"})
MAX_ACTORS = 3


class ActorIndex:
    """The actor mentions of one article, searchable by character span."""

    def __init__(self, mentions: Sequence[ActorMention], actors: Sequence[DocActor]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.mentions]
        self.kinds = {a.local_id: a.kind for a in actors}

    def at(self, token: Token) -> list[int]:
        """Local actors whose mention covers this token."""
        start = token.idx
        i = bisect_left(self.starts, start + 1) - 1
        found = []
        while i >= 0 and self.mentions[i].span.start <= start:
            if self.mentions[i].span.end > start:
                found.append(self.mentions[i].local_id)
            i -= 1
        return found

    def within(self, start: int, end: int) -> list[int]:
        """Local actors mentioned inside ``[start, end)``, in text order, without repeats."""
        i = bisect_left(self.starts, start)
        found: list[int] = []
        while i < len(self.mentions) and self.mentions[i].span.start < end:
            if self.mentions[i].span.end <= end and self.mentions[i].local_id not in found:
                found.append(self.mentions[i].local_id)
            i += 1
        return found

    def before(self, position: int, *, person: bool) -> list[int]:
        """The nearest actor mentioned before ``position`` (a person, or anything but a person)."""
        i = bisect_left(self.starts, position) - 1
        while i >= 0:
            local = self.mentions[i].local_id
            if (self.kinds.get(local) == "person") == person:
                return [local]
            i -= 1
        return []

    def of_phrase(self, head: Token) -> list[int]:
        """Actors a noun phrase headed by ``head`` names: the head, its conjuncts, else inside it."""
        lower = head.lower_
        if lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
            return self.before(head.idx, person=lower in PERSON_PRONOUNS)
        heads = [head, *[t for t in head.conjuncts if t.i > head.i]]
        found = [local for h in heads for local in self.at(h)]
        if not found:
            subtree = list(head.subtree)
            found = self.within(subtree[0].idx, subtree[-1].idx + len(subtree[-1]))
        return list(dict.fromkeys(found))[:MAX_ACTORS]


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjoined verbs, xcomp/relative clauses and auxiliaries."""
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in {"who", "which", "that"} and token.dep_ == "relcl":
                return token.head
            return subject
        agents = [c for c in token.children if c.dep_ == "agent"]
        if agents:
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            return objects[0] if objects else None
        if token.dep_ == "relcl":
            return token.head
        if token.dep_ == "acl" and token.head.dep_ in {"dobj", "pobj", "attr"}:
            token = token.head.head  # "issued a statement urging ..." → issued
            continue
        climb = {"conj", "xcomp", "advcl", "ccomp", "acl"}
        token = token.head if token.dep_ in climb and token.head.i != token.i else None
    return None


def objects_of(trigger: Token) -> list[Token]:
    """Direct objects, passive subjects and the objects of target prepositions."""
    found = [c for c in trigger.children if c.dep_ in {"dobj", "dative", "nsubjpass", "attr"}]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
        found += [c for c in prep.children if c.dep_ == "pobj"]
    if not found:  # "refused to let the envoys in": the object of the verb it governs
        for clause in (c for c in trigger.children if c.dep_ in {"xcomp", "ccomp"} and c.pos_ == "VERB"):
            found += [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
    return found
