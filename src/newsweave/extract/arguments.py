"""Who: map syntactic arguments (subject, object, possessor) to the article's local actors."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from newsweave.model import ActorMention, DocActor
from newsweave.nlp import per_token, sentence_of

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
# Participles that, after "be", describe their subject's stance, not something done to it.
STATES_OF_MIND = frozenset({"committed", "determined", "prepared", "resolved", "opposed", "ready", "willing",
                            "engaged", "poised", "set"})  # fmt: skip
DESCRIBING = frozenset({"relcl", "ccomp", "advcl", "punct"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
TARGET_PREPS = frozenset({"against", "on", "to", "with", "at", "toward", "towards", "into", "from", "for"})
RECIPIENT_PREPS = frozenset({"against", "on", "to", "with", "toward", "towards"})
MAX_ACTORS = 3
SPOKESPERSON_REACH = 10  # tokens between a spokesperson's title and his name ("spokesman Col. Maj. X")
# Verbs whose object does what the verb they govern says ("accused France of planning to intervene").
OBJECT_CONTROL = frozenset({"accuse", "suspect", "force", "compel", "oblige", "allow", "permit", "invite",
                            "persuade", "encourage", "order", "tell", "help", "authorise", "authorize"})  # fmt: skip
WHEN = frozenset({"DATE", "TIME"})


class ActorIndex:
    """The actor mentions of one article, searchable by character span."""

    def __init__(self, mentions: Sequence[ActorMention], actors: Sequence[DocActor]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.mentions]
        self.kinds = {a.local_id: a.kind for a in actors}
        self.speaks_for: dict[int, list[int]] = {}
        self.states = {a.country: a.local_id for a in actors if a.kind == "state" and a.country}

    def seat_of(self, subject: Token) -> list[int]:
        """A city acting stands for its country's state ("Paris has warned that ..."), when the article names it."""
        city = subject.ent_id_ if subject.ent_type_ == "GPE" else ""
        state = self.states.get(city[5:]) if city.startswith("city:") else None
        return [state] if state is not None else []

    def learn_spokespeople(self, doc: Doc) -> None:
        """Who each spokesperson speaks for: the actors his title names ("junta spokesman X", "a spokesman for
        the junta, X")."""
        lemmas = doc.to_array([LEMMA])
        wanted = [doc.vocab.strings[w] for word in SPOKESPEOPLE for w in (word, word.capitalize())]
        for title in (doc[int(i)] for i in np.flatnonzero(np.isin(lemmas, wanted))):
            whose = [c for c in title.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
            whose += [o for p in title.children if p.dep_ == "prep" and p.lower_ in {"for", "of"}
                      for o in p.children if o.dep_ == "pobj"]  # fmt: skip
            orgs = [local for t in whose for local in self.of_phrase(t) if self.kinds.get(local) != "person"]
            near = doc[max(0, title.i - SPOKESPERSON_REACH) : title.i + SPOKESPERSON_REACH + 1]
            people = [(abs(t.i - title.i), local) for t in near for local in self.at(t)
                      if self.kinds.get(local) == "person"]  # fmt: skip
            if orgs and people:
                self.speaks_for.setdefault(min(people)[1], list(dict.fromkeys(orgs)))

    def spoken_for(self, found: list[int]) -> list[int]:
        """A spokesperson reporting a deed ("spokesman X said the accords were revoked") reports his
        organisation's deed."""
        return self.speaks_for.get(found[0], found) if len(found) == 1 else found

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
        """Actors a noun phrase headed by ``head`` names: the head, its conjuncts, else inside it (not inside a
        clause that describes it: "leaders, who closed borders with Niger")."""
        lower = head.lower_
        if lower in PLURAL_PRONOUNS or lower in PERSON_PRONOUNS:
            return self.pointed_at(head, person=lower in PERSON_PRONOUNS)
        if lower in GROUP_PRONOUNS:
            return self.before(head.idx, person=False)
        heads = [head, *[t for t in head.conjuncts if t.i > head.i]]
        found = [local for h in heads for local in self.at(h)]
        if not found and head.lemma_.lower() not in SPOKESPEOPLE:  # "the head of delegations ..., Minister X"
            found = [local for c in head.children if c.dep_ == "appos" for local in self.at(c)]
        if not found:
            end = _phrase_end(head)
            found = self.within(head.left_edge.idx, end.idx + len(end))
        return list(dict.fromkeys(found))[:MAX_ACTORS]

    def pointed_at(self, pronoun: Token, *, person: bool) -> list[int]:
        """A pronoun points at the person ("she", "his") or group ("they": a plural one) the text last made a
        subject, earlier in its sentence or in the sentence before; a group that is no actor ("hundreds of
        protesters ... They also set fire") is no one. Else the nearest fitting actor before it."""
        plural = pronoun.lower_ in PLURAL_PRONOUNS
        for subject in _earlier_subjects(pronoun, person=person):
            if subject.pos_ == "PRON":
                continue
            found = self.of_phrase(subject)
            if plural and subject.tag_ == "NN" and not subject.conjuncts and len(found) < 2:
                continue  # "the regional bloc" is not "they"; "the letter signed by both countries' ministers" is
            people = bool(found) and all(self.kinds.get(local) == "person" for local in found)
            if person and people and len(found) == 1:
                return found
            if not person and ((found and not people) or len(found) > 1):
                return found
            if not person and not found and subject.tag_ in {"NNS", "NNPS"}:
                return []
        return self.before(pronoun.idx, person=person)


def _phrase_end(head: Token) -> Token:
    """The last token of a noun phrase, leaving out the clauses that describe it."""
    kept = [c for c in head.rights if c.dep_ not in DESCRIBING]
    return kept[-1].right_edge if kept else head


def _earlier_subjects(pronoun: Token, *, person: bool) -> list[Token]:
    """Subjects before a pronoun, nearest first: in its own sentence (for "he", "she", any name of a person
    there), then the main subject of the one before."""
    sentence = sentence_of(pronoun)
    named = {"PERSON"} if person else set()
    found = [t for t in reversed(sentence[: pronoun.i - sentence.start])
             if t.dep_ in {"nsubj", "nsubjpass"} or (t.ent_type_ in named and t.dep_ != "compound")]  # fmt: skip
    if sentence.start > 0:
        previous = sentence_of(pronoun.doc[sentence.start - 1])
        found += [t for t in previous.root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    return found


def antecedent(clause: Token) -> Token:
    """What a relative clause describes; "who" never describes a place, whatever the parse attached it to."""
    head = clause.head
    if any(c.lower_ == "who" for c in clause.children):
        while head.ent_type_ in {"GPE", "LOC", "FAC"} or head.pos_ not in {"NOUN", "PROPN", "PRON"}:
            if head.head == head:
                return clause.head
            head = head.head
    return head


@per_token
def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, climbing through conjoined verbs, xcomp/relative clauses and auxiliaries."""
    token: Token | None = verb
    came_by = ""
    for _ in range(4):
        if token is None:
            return None
        subjects = [c for c in token.children if c.dep_ in {"nsubj", "csubj"}]
        subjects = [c for c in subjects if not _dateline(c)] or subjects
        if subjects:
            subject = subjects[0]
            if subject.lower_ in {"who", "which", "that"} and token.dep_ == "relcl":
                return antecedent(token)
            return subject
        agents = [c for c in token.children if c.dep_ == "agent"]
        if agents:
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            return objects[0] if objects else None
        passive = [c for c in token.children if c.dep_ == "nsubjpass"]
        if passive and token.lower_ in STATES_OF_MIND:  # "they were committed to ...": the subject acts
            return passive[0]
        if passive:  # "it was pushed out" has no doer; "she was not allowed to see" is the one who would see
            return passive[0] if token is not verb and came_by == "xcomp" else None
        if token.dep_ == "relcl":
            return antecedent(token)
        controller = _controlling_object(token)
        if controller is not None:  # "accused France of planning to intervene": France would intervene
            return controller
        if token.dep_ == "acl" and token.head.dep_ in {"dobj", "pobj", "attr"}:
            token = token.head.head  # "issued a statement urging ..." → issued
            continue
        climb = {"conj", "xcomp", "advcl", "ccomp", "acl"}
        came_by = token.dep_
        token = token.head if token.dep_ in climb and token.head.i != token.i else None
    return None


def _controlling_object(verb: Token) -> Token | None:
    """The object of an object-control verb is the doer of the verb it governs ("accused France of planning to
    intervene", "forced the envoys to leave")."""
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ == "of":
        head = head.head
    elif verb.dep_ != "xcomp":
        return None
    if head.i == verb.i or head.lemma_.lower() not in OBJECT_CONTROL:
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _dateline(token: Token) -> bool:
    """ "NIAMEY, Aug 9 (Sahel Wire) - Niger's rulers refused": the capitalised place opening a story is no subject."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    first = token.i == 0 or token.doc[token.i - 1].is_space
    return first and token.is_upper and len(token) > 1 and following is not None and following.text == ","


def objects_of(trigger: Token) -> list[Token]:
    """Direct objects, passive subjects and the objects of target prepositions."""
    return list(_objects(trigger))


@per_token
def _objects(trigger: Token) -> list[Token]:
    found = [c for c in trigger.children if c.dep_ in {"dobj", "dative", "nsubjpass", "attr"}]
    for prep in (c for c in trigger.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS):
        found += [c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in WHEN]  # not "on Tuesday"
    if not found:  # "demanded that the government end curbs", "warned that police will ...": who is to act
        found = [
            s for c in trigger.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj" and _named(s)
        ]
    if not found:  # "refused to let the envoys in", "threatened to cut off power to X": the verb it governs
        for clause in (c for c in trigger.children if _governed(c)):
            found += [c for c in clause.children if c.dep_ in {"dobj", "dative"}]
            if clause.dep_ != "ccomp":
                found += [o for p in clause.children if p.dep_ == "prep" and p.lower_ in RECIPIENT_PREPS
                          for o in p.children if o.dep_ == "pobj" and o.ent_type_ not in WHEN]  # fmt: skip
    return found


def _named(head: Token) -> bool:
    """A noun phrase that names someone: a name, or a noun a country or name modifies ("the Sudanese government")."""
    if head.ent_type_ or head.pos_ == "PROPN":
        return True
    return head.pos_ == "NOUN" and any(c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"} for c in head.children)


def _governed(clause: Token) -> bool:
    """A clause a verb governs: its complement, or an infinitive the parser hung as an adverbial."""
    if clause.pos_ != "VERB":
        return False
    infinitive = clause.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    return clause.dep_ in {"xcomp", "ccomp"} or infinitive
