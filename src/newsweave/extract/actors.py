"""Actors within one article: link every mention of the same entity, then type each local actor.

Names: full name → surname → typo'd surname; acronym ↔ expansion (defined in
the text, or by initials); a shorter name that ends a longer one ("Security
Council"). Role nouns ("the junta", "the bloc", "the ousted president") link
to the nearest compatible named antecedent. A pure function of the parsed
article; the corpus stage (``fuse.actors``) joins local actors across articles.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc

from newsweave.extract import actor_types as types
from newsweave.extract.actor_mentions import RawMention, find
from newsweave.extract.names import (
    STOP,
    acronym_long_forms,
    initials,
    is_acronym,
    norm,
    similar,
    skeleton,
    stems_match,
    whole_word_spans,
    words,
)
from newsweave.model import ActorMention, DocActor, Span
from newsweave.nlp import sentences, text_of
from newsweave.ontology.lexicons import GENERIC_TAIL

_DEFINED = re.compile(
    r"((?:[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|of|the|for|and|de|la|pour|du|des|le|les|d'|l')){1,10})"
    r"\s*\(([A-Z][A-Za-z]{1,7})\)"
)
OUSTED = re.compile(r"\b(ousted|deposed|toppled|detained|overthrown|elected)\b.*\b(president|leader)\b")
COUP_LEADER = re.compile(r"\b(coup leader|head of the junta|junta leader|military ruler|head of state)\b")
SURNAME_SIMILARITY = 85
FIRST_NAME_SIMILARITY = 75


@dataclass(slots=True)
class _Local:
    kind: str
    names: list[str] = field(default_factory=list)
    nominals: list[str] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)
    first: str | None = None
    last: str | None = None
    countries: Counter[str] = field(default_factory=Counter)
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    code: str | None = None
    named: bool = True
    ruling: bool = False
    role_key: str | None = None
    body_kind: str | None = None

    def add(self, mention: RawMention) -> None:
        (self.nominals if mention.label == "NOM" else self.names).append(mention.text)
        self.positions.append(mention.start)
        if mention.country:
            self.countries[mention.country] += 1
        self.titles += mention.titles
        self.roles += [r for r in mention.roles if r not in self.roles]


def acronym_definitions(text: str) -> list[tuple[str, str]]:
    """``[("CNSP", "national council for the safeguard of the homeland")]`` from "Long Name (ACR)" in the text.

    What comes before a possessive is not part of the name ("Niger's National Council ... (CNSP)").
    """
    found = []
    pairs = [*_DEFINED.findall(text), *((phrase, acronym) for _, _, phrase, acronym in acronym_long_forms(text))]
    for long, acronym in pairs:
        words = long.split()
        words = words[max((i + 1 for i, w in enumerate(words) if re.search(r"['’]s$", w)), default=0) :]
        while words and words[0].lower() in {"the", "a", "an"}:
            words = words[1:]
        if len(words) >= 2:
            found.append((acronym, norm(" ".join(words))))
    return list(dict.fromkeys(found))


def defined_acronyms(text: str) -> dict[str, str]:
    """``{"ecowas": "economic community of west african states"}`` from "Long Name (ACR)" in the text."""
    return {norm(acronym): long for acronym, long in acronym_definitions(text)}


def extract_actors(
    doc: Doc, article_id: str, *, captions: Sequence[str] = ()
) -> tuple[list[DocActor], list[ActorMention]]:
    """Local actors of one article and the mentions linked to them.

    An acronym defined in the text or in a photo caption cut from it ("... Homeland (CNSP)") becomes an
    alias of the organisation it abbreviates, even where the acronym itself is never used.
    """
    raw = find(doc)
    _relabel_surnames(raw)
    definitions = acronym_definitions("\n".join([text_of(doc), *captions]))
    linker = _Linker(definitions, _focus_country(raw), _coup_country(doc, raw))
    links: list[tuple[RawMention, int | None]] = [(m, linker.link(m)) for m in raw if m.label != "NOM"]
    links += _propagate(text_of(doc), links, linker)
    links += [(m, linker.link_nominal(m)) for m in raw if m.label == "NOM" and not _covered(m, links)]
    starts = [sent.start_char for sent in sentences(doc)]
    mentions = [
        ActorMention(Span(article_id, m.start, m.end, m.text), m.label, local, bisect_right(starts, m.start) - 1)
        for m, local in sorted(links, key=lambda pair: pair[0].start)
        if local is not None
    ]
    return [linker.doc_actor(article_id, i) for i in range(len(linker.locals))], mentions


def _covered(m: RawMention, links: list[tuple[RawMention, int | None]]) -> bool:
    return any(o.start < m.end and m.start < o.end for o, _ in links)


def _propagate(
    text: str, links: list[tuple[RawMention, int | None]], linker: _Linker
) -> list[tuple[RawMention, int | None]]:
    """Other occurrences in the article of names already linked (NER misses some): one sense per article."""
    names: dict[str, int] = {}
    for m, local in links:
        if local is None or m.label == "STATE":
            continue
        loc = linker.locals[local]
        for name in [m.text] + ([loc.last] if loc.kind == "person" and loc.last else []):
            if len(name) >= 4 and name[0].isupper():
                names.setdefault(name, local)
    found: list[tuple[RawMention, int | None]] = []
    taken = [(m.start, m.end) for m, _ in links]
    for name in sorted(names, key=len, reverse=True):
        for start, end in whole_word_spans(text, name):
            if any(a < end and start < b for a, b in taken):
                continue
            local = names[name]
            label = "PERSON" if linker.locals[local].kind == "person" else "ORG"
            mention = RawMention(start, end, name, label, -1)
            linker.locals[local].add(mention)
            found.append((mention, local))
            taken.append((start, end))
    return found


def _relabel_surnames(raw: list[RawMention]) -> None:
    """An ORG that is the surname of a person named in the same article is that person ("Bazoum")."""
    surnames = {m.last for m in raw if m.label == "PERSON" and m.first and m.last}
    for m in raw:
        if m.label == "ORG" and " " not in m.text and m.text in surnames:
            m.label, m.last = "PERSON", m.text


def _focus_country(raw: list[RawMention]) -> str | None:
    counts = Counter(m.code for m in raw if m.label == "STATE" and m.code)
    return counts.most_common(1)[0][0] if counts else None


COUP_WORDS = re.compile(r"\b(coup|junta|putsch|mutin\w*|seized power|military rulers?)\b", re.I)


def _coup_country(doc: Doc, raw: list[RawMention]) -> str | None:
    """The country a coup word attaches to ("Niger's junta", "the coup in Niger"): who "the junta" is."""
    text = text_of(doc)
    states = [m for m in raw if m.label == "STATE" and m.code]
    votes: Counter[str] = Counter()
    for match in COUP_WORDS.finditer(text):
        for m in states:
            before = 0 <= match.start() - m.end <= 4 and text[m.end : match.start()].strip() in {"", "'s", "’s"}
            after = 0 <= m.start - match.end() <= 12 and re.fullmatch(
                r"\s+in\s+(?:\w+\s+)?", text[match.end() : m.start]
            )
            if before or after:
                votes[m.code or ""] += 1
    return votes.most_common(1)[0][0] if votes else None


class _Linker:
    def __init__(self, definitions: list[tuple[str, str]], focus: str | None, coup: str | None) -> None:
        self.definitions = definitions
        self.acronyms = {norm(acronym): long for acronym, long in definitions}
        self.focus = focus
        self.coup = coup
        self.locals: list[_Local] = []
        self.states: dict[str, int] = {}

    def link(self, m: RawMention) -> int:
        if m.label == "STATE":
            assert m.code is not None
            index = self.states.get(m.code)
            if index is None:
                index = self._new("state", m)
                self.locals[index].code = m.code
                self.states[m.code] = index
            else:
                self.locals[index].add(m)
            return index
        index = self._find_person(m) if m.label == "PERSON" else self._find_org(m)
        if index is None:
            return self._new("person" if m.label == "PERSON" else "org", m)
        local = self.locals[index]
        local.add(m)
        if m.label == "PERSON" and m.first and not local.first:
            local.first = m.first
        return index

    def _new(self, kind: str, m: RawMention) -> int:
        local = _Local(kind=kind, first=m.first, last=m.last)
        local.add(m)
        self.locals.append(local)
        return len(self.locals) - 1

    def _find_person(self, m: RawMention) -> int | None:
        assert m.last is not None
        candidates = [
            i for i, loc in enumerate(self.locals)
            if loc.kind == "person" and loc.last and similar(loc.last, m.last, threshold=SURNAME_SIMILARITY)
            and (not m.first or not loc.first or similar(loc.first, m.first, threshold=FIRST_NAME_SIMILARITY))
        ]  # fmt: skip
        if not candidates and not m.first:
            candidates = [i for i, loc in enumerate(self.locals) if loc.kind == "person" and loc.first == m.last]
        return max(candidates, key=lambda i: self.locals[i].positions[-1]) if candidates else None

    def _find_org(self, m: RawMention) -> int | None:
        for i, loc in enumerate(self.locals):
            if loc.kind == "org" and any(_same_org(m.text, name, self.acronyms) for name in loc.names):
                return i
        return None

    def link_nominal(self, m: RawMention) -> int | None:
        refers = m.refers or ""
        if refers.startswith("body:"):
            return self._link_body(m, refers[5:])
        country = m.country or (self.coup if refers in {"ruling", "ousted", "coupleader"} else self.focus)
        checks = {"ruling": self._is_ruling, "igo": self._is_igo, "president": self._titled("president"),
                  "general": self._titled("general", "gen", "brig", "brigadier"),
                  "ousted": self._role_like(OUSTED), "coupleader": self._role_like(COUP_LEADER)}  # fmt: skip
        candidates = [i for i, loc in enumerate(self.locals) if checks[refers](loc, country)]
        if candidates:
            index = _appositive_of(candidates, self.locals, m.end) or _nearest(candidates, self.locals, m.start)
        elif refers in {"ruling", "ousted", "coupleader"}:
            index = self._new("ruling" if refers == "ruling" else "person", m)
            self.locals[index].named = False
            if country:
                self.locals[index].countries[country] += 1
            self.locals[index].role_key = f"role:{refers}:{country or '?'}"
            return index
        else:
            return None
        self.locals[index].add(m)
        if refers == "ruling":
            self.locals[index].ruling = True
        elif refers in {"ousted", "coupleader"}:
            self.locals[index].roles.append(m.text.lower())
        return index

    def _link_body(self, m: RawMention, body: str) -> int:
        country = m.country or (self.coup or self.focus if m.nominal_kind == "military" else self.focus)
        key = f"body:{body}:{country}"
        for index, loc in enumerate(self.locals):
            if loc.role_key == key:
                loc.add(m)
                return index
        index = self._new("body", m)
        local = self.locals[index]
        local.named, local.role_key, local.body_kind = False, key, m.nominal_kind
        if country:
            local.countries[country] += 1
        return index

    def _role_like(self, pattern: re.Pattern[str]):  # type: ignore[no-untyped-def]
        def check(loc: _Local, country: str | None) -> bool:
            return loc.kind == "person" and loc.named and any(pattern.search(r) for r in loc.roles)

        return check

    def _is_ruling(self, loc: _Local, country: str | None) -> bool:
        if loc.kind == "ruling":
            return bool(loc.countries) and loc.countries.most_common(1)[0][0] == country
        if loc.kind != "org" or not loc.named:
            return False
        entry = next((e for n in loc.names if (e := types.known(n)) is not None), None)
        if entry is not None:
            return entry.ruling and entry.country in {country, None}
        name = _best_org_name(loc.names)
        local_country = loc.countries.most_common(1)[0][0] if loc.countries else self.focus
        return types.is_ruling(name, types.org_kind(name)) and local_country == country

    def _is_igo(self, loc: _Local, country: str | None) -> bool:
        return loc.kind == "org" and any(types.is_bloc(n) for n in loc.names)

    def _titled(self, *wanted: str):  # type: ignore[no-untyped-def]
        def check(loc: _Local, country: str | None) -> bool:
            return loc.kind == "person" and any(t in wanted for t in loc.titles)

        return check

    def doc_actor(self, article_id: str, index: int) -> DocActor:
        loc = self.locals[index]
        if loc.kind == "org" and loc.named:
            loc.names += [
                acronym
                for acronym, long in self.definitions
                if acronym not in loc.names and any(_same_org(long, n, self.acronyms) for n in loc.names)
            ]
        return _finish(article_id, index, loc, self.focus)


def _appositive_of(candidates: list[int], locals_: list[_Local], end: int) -> int | None:
    """A candidate named right after the role noun ("the regional bloc, the Economic Community ...")."""
    close = [(p, i) for i in candidates for p in locals_[i].positions if end <= p <= end + 12]
    return min(close)[1] if close else None


def _nearest(candidates: list[int], locals_: list[_Local], position: int) -> int:
    before = [(max(p for p in locals_[i].positions if p < position), i) for i in candidates
              if any(p < position for p in locals_[i].positions)]  # fmt: skip
    if before:
        return max(before)[1]
    after = [(min(p for p in locals_[i].positions if p > position), i) for i in candidates]
    return min(after)[1]


def _same_org(a: str, b: str, acronyms: dict[str, str]) -> bool:
    na, nb = norm(a), norm(b)
    if na == nb or acronyms.get(na) == nb or acronyms.get(nb) == na:
        return True
    for short, long in ((a, b), (b, a)):
        if is_acronym(short) and len(norm(long).split()) >= 2 and initials(long) == short.replace(".", ""):
            return True
    ta, tb = _core(na), _core(nb)
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if shorter and (shorter == longer or (len(shorter) >= 2 and longer[-len(shorter) :] == shorter)):
        return True
    return len(ta) >= 3 and len(tb) >= 3 and stems_match(na, nb)


def _core(name: str) -> list[str]:
    """Name words without a generic last word ("Wagner Group" → wagner)."""
    tokens = name.split()
    return tokens[:-1] if len(tokens) > 1 and tokens[-1] in GENERIC_TAIL else tokens


def _best_org_name(names: list[str]) -> str:
    long = [n for n in names if not is_acronym(n)]
    pool = long or names
    return max(pool, key=lambda n: (Counter(pool)[n], len(n)))


def _finish(article_id: str, index: int, loc: _Local, focus: str | None) -> DocActor:
    country = loc.countries.most_common(1)[0][0] if loc.countries else None
    if loc.kind == "state":
        country = loc.code
        name = _country_name(loc.code or "")
        return DocActor(article_id, index, "state", name, country, tuple(dict.fromkeys(loc.names)),
                        (f"state:{country}",), cameo=country)  # fmt: skip
    if loc.kind == "person":
        return _finish_person(article_id, index, loc, country or (focus if not loc.named else None))
    if loc.kind == "body":
        kind = loc.body_kind or "other"
        return DocActor(article_id, index, kind, Counter(loc.nominals).most_common(1)[0][0], country,
                        tuple(dict.fromkeys(loc.nominals)), (loc.role_key or "",), cameo=types.org_cameo(kind, country),
                        named=False)  # fmt: skip
    return _finish_org(article_id, index, loc, country, focus)


def _finish_person(article_id: str, index: int, loc: _Local, country: str | None) -> DocActor:
    names = tuple(dict.fromkeys(loc.names + loc.nominals))
    if not loc.named:
        return DocActor(article_id, index, "person", loc.nominals[0], country, names, (loc.role_key or "",),
                        named=False)  # fmt: skip
    name = max(loc.names, key=lambda n: (len(n.split()), Counter(loc.names)[n], len(n)))
    keys = [f"person:{skeleton(loc.last or name)}"]
    for family, pattern in (("ousted", OUSTED), ("coupleader", COUP_LEADER)):
        if country and any(pattern.search(role) for role in loc.roles):
            keys.append(f"role:{family}:{country}")
    return DocActor(
        article_id, index, "person", name, country, names, tuple(keys), tuple(loc.roles),
        first=norm(loc.first) if loc.first else None, last=norm(loc.last or name),
        cameo=types.person_cameo(country, loc.titles),
    )  # fmt: skip


def _finish_org(article_id: str, index: int, loc: _Local, country: str | None, focus: str | None) -> DocActor:
    named = loc.names if loc.named else []
    name = _best_org_name(named) if named else loc.nominals[0]
    entry = next((e for n in named if (e := types.known(n)) is not None), None)
    if entry is not None:
        kind, country, cameo, ruling = entry.kind, entry.country or country, entry.cameo, entry.ruling
        name = entry.name if not is_acronym(name) and stems_match(name, entry.name) else name
    elif loc.kind == "ruling":
        kind, ruling = "military", True
        cameo = types.org_cameo(kind, country)
    else:
        kind = types.org_kind(name)
        country = country if kind != "igo" else None
        ruling = loc.ruling or types.is_ruling(name, kind)
        cameo = types.org_cameo(kind, country)
    keys = _org_keys(named, entry)
    if ruling:
        keys.append(f"role:ruling:{country or '?'}")
    if kind == "other" and len(named) and all(" " not in n and n[:1].isupper() and not is_acronym(n) for n in named):
        keys.append(f"person:{skeleton(named[0])}")  # a lone capitalised word may be a person's surname
    names = tuple(dict.fromkeys(loc.names + loc.nominals))
    last = norm(named[0]) if named else None
    return DocActor(article_id, index, kind, name, country, names, tuple(dict.fromkeys(keys)),
                    tuple(loc.roles), cameo=cameo, named=bool(named), last=last)  # fmt: skip


def _org_keys(names: list[str], entry: object) -> list[str]:
    keys: list[str] = []
    if entry is not None:
        keys.append(f"known:{norm(entry.name)}")  # type: ignore[attr-defined]
    for name in names:
        keys.append(f"org:{norm(name)}")
        if is_acronym(name):
            keys.append(f"acr:{name.replace('.', '')}")
        elif len(norm(name).split()) >= 2:
            keys.append(f"acr:{initials(name)}")
            content = [w[:5] for w in words(name) if w not in STOP and len(w) >= 3]
            if len(content) >= 3:
                keys.append("stem:" + "|".join(content[:3]))
    return keys


def _country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)
