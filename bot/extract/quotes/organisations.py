"""Speakers that are organisations or phrases: an organisation entity or noun ("the ministry said"), an
acronym spelled out from the article, a bracketed alias, and the written span or descriptor of an unnamed
source."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.people import first_name_gender
from bot.extract.quotes.descriptions import UNRESOLVED, Descriptions
from bot.extract.quotes.lexicon import (
    ACRONYM,
    COMPANY_NOUNS,
    ORG_NOUNS,
    SUBJ,
    Speaker,
)

_INSTITUTION_NOUNS = ORG_NOUNS - COMPANY_NOUNS  # "agency", "council", "ministry": not what "the company" is


def topic_org(root: Token) -> bool:
    """An organisation "it" or "the company" can stand for: one the text makes a topic - the subject of a
    clause, a possessor, or a noun inside the subject ("officials at Acme said") - not one named in passing as
    an object or an aside: "… ended at 9:30 (0730 GMT)" then "'…,' it added" is not GMT speaking."""
    t = root
    for _ in range(4):
        if t.dep_ in SUBJ or t.dep_ == "poss":
            return True
        if t.dep_ not in ("compound", "appos", "pobj", "prep", "conj") or t.head is t:
            return False
        t = t.head
    return False


class OrganisationSpeakers(Descriptions):
    """Organisation speakers, acronyms and the text of a speaker phrase; shared by the name resolution."""

    def span_text(self, h: Token) -> str:
        left = h
        for c in h.lefts:
            if (
                c.dep_ in ("det", "compound", "amod", "poss", "nmod")
                or c.is_punct
                and c.text in ("'s", "\u2019s")
            ):
                left = c
                break
        return self.doc[left.i : h.i + 1].text

    def descriptor(self, h: Token) -> str:
        """The noun phrase of an unnamed source, without asides ("Officials familiar with the talks")."""
        doc = self.doc
        keep = {h.i}
        for c in h.children:
            if c.dep_ in ("relcl", "appos", "acl", "punct", "cc", "conj", "advcl") and c.i > h.i:
                continue
            if c.i > h.i and any(doc[k].text == "," for k in range(h.i + 1, c.i)):
                continue
            keep.update(t.i for t in c.subtree)
        lo, hi = min(keep), max(keep)
        # stop at the first comma or quote after the head
        for k in range(h.i + 1, hi + 1):
            if doc[k].text in (",", ";", ":", "(") or self.inside[k] >= 0:
                hi = k - 1
                break
        for k in range(h.i - 1, lo - 1, -1):
            if doc[k].text in (",", ";", ":") or self.inside[k] >= 0:
                lo = k + 1
                break
        while lo < h.i and (doc[lo].is_punct or doc[lo].pos_ in ("CCONJ",)):
            lo += 1
        if hi - lo > 9:
            hi = min(hi, h.i + 5)
            lo = max(lo, h.i - 4)
        while hi > h.i and (doc[hi].is_punct or doc[hi].pos_ in ("ADP", "CCONJ", "DET")):
            hi -= 1
        return doc[lo : hi + 1].text

    def organisation(self, h: Token, at: int) -> Speaker | None:
        doc = self.doc
        ent = next((e for e in self.ents if e.start <= h.i < e.end), None) if h.ent_type_ else None
        if ent is not None and ent.label_ in ("ORG", "NORP", "GPE", "FAC"):
            words = [t for t in ent if t.lower_ not in ("the",)]
            name = doc[words[0].i : words[-1].i + 1].text if words else ent.text
            if name.endswith(("'s", "\u2019s")):
                name = name[:-2]
            return Speaker(self.expand_acronym(name), "organisation", ent.text)
        # "the ministry", "police": the nearest organisation whose name has that word
        word = h.lower_
        best = None
        for e in self.ents:
            if e.start_char >= at:
                break
            if e.label_ == "ORG" and word in e.text.lower().split():
                best = e
        written = self.span_text(h)
        if best is not None:
            name = best.text[4:] if best.text.lower().startswith("the ") else best.text
            return Speaker(name, "organisation", written)
        if word in ORG_NOUNS or h.lemma_.lower() in ORG_NOUNS:
            bare = self.definite_singular(h) and all(c.dep_ == "det" for c in h.lefts)
            named = self.named_before(h) if bare else None
            if named is not None:
                return Speaker(named, "organisation", written)
            if bare and h.lemma_.lower() in COMPANY_NOUNS:
                # "the company said": the organisation that spoke just before, else unresolved
                ev = self.last_event(
                    at,
                    lambda s: (
                        s.kind == "organisation"
                        and bool(s.name)
                        and s.name[:1].isupper()
                        and not self.public_body(s.name)
                    ),
                    max_paras=3,
                )
                if ev is not None:
                    return Speaker(ev.speaker.name, "organisation", written)
                only = self.only_org_named(at) or self.previous_company_subject(h)
                if only is not None:
                    return Speaker(only, "organisation", written)
                return Speaker(self.descriptor(h), UNRESOLVED, written)
            return Speaker(self.descriptor(h), "organisation", written)
        return None

    @staticmethod
    def public_body(name: str) -> bool:
        """A name with an institution word ("Food Standards Agency", "City Council", "Ministry of Health"):
        a public body or institution, never what "the company" stands for."""
        return bool({w.lower() for w in name.split()} & _INSTITUTION_NOUNS)

    def only_org_named(self, at: int, paras: int = 3) -> str | None:
        """The one organisation the article names (as an entity, outside quotes, as a topic: a subject, or
        inside one) in the last few paragraphs before ``at``: "Jo Lee, a spokesperson for Acme Foods, said …"
        then "the company said" is Acme Foods, though Acme itself had not spoken. None when none or several
        are named."""
        para = self.ord_of(at)
        names = set()
        for e in self.ents:
            if e.start_char >= at:
                break
            if e.label_ != "ORG" or self.inside[e.start] >= 0 or self.ord_of(e.start_char) < para - paras:
                continue
            if e.root.dep_ == "compound" or not topic_org(e.root):
                continue  # "the Wolverine game", a name in passing: not the organisation talked about
            name = self.expand_acronym(e.text[4:] if e.text.lower().startswith("the ") else e.text)
            if self.public_body(name):
                return None
            names.add(name)
        return names.pop() if len(names) == 1 else None

    def previous_company_subject(self, h: Token) -> str | None:
        """ "Harbour Games has apologised … The studio posted that it was 'sorry'": the company named as the
        subject of the sentence just before, in the same paragraph, written as a company name ends (in a
        capitalised plural: "Harbour Games", "Lantern Works") where the NER tagged it as nothing. None when
        that sentence names a person, or its subject is no such name or starts with a first name."""
        lo = h.i
        while lo > 0 and self.sent_id[lo - 1] == self.sent_id[h.i]:
            lo -= 1
        if lo == 0 or self.tok_para[lo - 1] != self.tok_para[h.i]:
            return None
        start = lo - 1
        while start > 0 and self.sent_id[start - 1] == self.sent_id[lo - 1]:
            start -= 1
        prev = self.toks[start:lo]
        if any(t.ent_type_ == "PERSON" for t in prev):
            return None
        root = next((t for t in prev if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
        if (
            subj is None
            or self.inside[subj.i] >= 0
            or subj.pos_ != "PROPN"
            or subj.ent_type_ not in ("", "ORG")
        ):
            return None
        words = [c for c in subj.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.text[:1].isupper()]
        if not words or words[0].i != subj.left_edge.i and subj.left_edge.lower_ != "the":
            return None
        name = self.doc[words[0].i : subj.i + 1].text
        if (
            not subj.text.endswith("s")
            or first_name_gender(words[0].text)
            or self.people.resolve(name, subj.idx) is not None
        ):
            return None
        return name

    def named_before(self, h: Token) -> str | None:
        """ "the campaign" after "the Harlan campaign": the last earlier mention of the same noun that a
        proper name qualifies, as written without its article; None when there is none."""
        lemma = h.lemma_.lower()
        for t in reversed(self.toks[: h.i]):
            if t.lemma_.lower() != lemma or self.inside[t.i] >= 0 or t.pos_ not in ("NOUN", "PROPN"):
                continue
            mods = [c for c in t.lefts if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"]
            if not mods:
                continue
            lo = min(m.left_edge.i for m in mods)
            return self.doc[lo : t.i + 1].text
        return None

    def org_short_name(self, word: str) -> str | None:
        """The full name of a company written by its first word: "Brightwave wrote" where the article names
        "Brightwave Games" (the word as the compound of a capitalised plural, "Kessel Motors", "Orbit Labs")
        where the NER does not tag that pair as a person. None otherwise: a one-word name the NER sometimes
        tags ORG ("Varellotti said") stays a person."""
        forms = self._company_forms
        if forms is None:
            forms = {}
            for t in self.toks:
                nxt = t.head
                if (
                    t.dep_ == "compound"
                    and nxt.i == t.i + 1
                    and t.pos_ == "PROPN"
                    and t.text[:1].isupper()
                    and self.inside[t.i] < 0
                    and nxt.tag_ == "NNPS"
                    and nxt.ent_type_ in ("", "ORG")
                    and t.ent_type_ in ("", "ORG")
                ):
                    forms.setdefault(t.text, f"{t.text} {nxt.text}")
            self._company_forms = forms
        return forms.get(word)

    def expand_acronym(self, name: str) -> str:
        if not (name.isupper() and 2 <= len(name) <= 10):
            return name
        if self._acronyms is None:
            self._acronyms = {}
            for m in ACRONYM.finditer(self.text):
                acr = m.group(1)
                before = self.text[max(0, m.start() - 120) : m.start()].split()
                letters = [c for c in acr if c.isupper()]
                for k in range(1, min(len(before), len(letters) + 4) + 1):
                    cand = before[-k:]
                    initials = [w[0] for w in cand if w[:1].isupper()]
                    if initials == letters and cand[0][:1].isupper():
                        self._acronyms.setdefault(acr, " ".join(cand))
                        break
            # an organisation the article names in full and later only by its initials, without brackets
            # ("the Black Farmers Caucus" … "the BFC"); two organisations with the same initials: neither
            spelled: dict[str, set[str]] = {}
            for e in self.ents:
                if e.label_ != "ORG":
                    continue
                words = [t for t in e if t.lower_ not in ("the", "of", "and", "for", "&", "on", "in")]
                if len(words) >= 2 and all(t.text[:1].isupper() and not t.text.isupper() for t in words):
                    full = e.text[4:] if e.text.lower().startswith("the ") else e.text
                    spelled.setdefault("".join(t.text[0] for t in words), set()).add(full)
            for acr, fulls in spelled.items():
                if len(fulls) == 1:
                    self._acronyms.setdefault(acr, fulls.pop())
        return self._acronyms.get(name, name)

    def bracket_alias(self, h: Token) -> Speaker | None:
        doc = self.doc
        if h.i + 2 < len(doc) and doc[h.i + 1].text == "[":
            close = next((k for k in range(h.i + 2, min(len(doc), h.i + 8)) if doc[k].text == "]"), None)
            if close is not None and close > h.i + 2:
                inner = doc[h.i + 2 : close]
                person = self.people.resolve(inner.text, h.idx)
                if person is not None:
                    return Speaker(
                        person.name, "person", doc[h.i : close + 1].text, person.title or None, person
                    )
                if inner[0].text[:1].isupper():
                    return Speaker(inner.text, "person", doc[h.i : close + 1].text)
        return None
