"""Named speakers: a person the article names (full name, surname, honorific, a name after a title) resolved
through ``PeopleIndex``, and the paragraph and description checks that tie a name to what was said."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.people import (
    HONORIFICS,
    NAME_MODIFIERS,
    TITLE_WORDS,
    Person,
    first_name_gender,
    inverted_cue,
    time_zone,
)
from bot.extract.quotes.lexicon import (
    KIN_NOUNS,
    NOT_PEOPLE,
    ORG_NOUNS,
    Speaker,
)
from bot.extract.quotes.organisations import OrganisationSpeakers


class NamedSpeakers(OrganisationSpeakers):
    """Resolution of a speaker written as, or right after, a name."""

    def name_after_title(self, h: Token) -> tuple[int, int] | None:
        """C4: the name at the end of a title phrase the parser headed by the title word:
        "Inspector General of Police K.L. Raman said" -> (first, last) token of "K.L. Raman"."""
        run: list[int] = []
        best = None
        for j in range(h.i + 1, min(len(self.toks), h.i + 10)):
            t = self.toks[j]
            if self.inside[j] >= 0:
                break
            low = t.lower_
            if t.pos_ == "PROPN" and low not in TITLE_WORDS and low not in ORG_NOUNS and t.text[:1].isupper():
                run.append(j)
                continue
            if run:
                best = (run[0], run[-1])
                run = []
            if t.pos_ in ("PROPN", "ADP", "DET") or t.text in ("(", ")", "'s", "\u2019s"):
                continue
            break
        if run:
            best = (run[0], run[-1])
        if best is None:
            return None
        last = self.toks[best[1]]
        if last.ent_type_ in ("GPE", "NORP", "LOC", "ORG", "FAC"):
            return None
        if self.toks[best[0] - 1].pos_ in ("ADP", "DET"):
            return None  # "spokeswoman for Southern Water": an affiliation, not a name
        nxt = best[1] + 1
        if (
            nxt < len(self.toks)
            and self.toks[nxt].pos_ not in ("VERB", "AUX", "PUNCT")
            and not self.is_cue(self.toks[nxt])
        ):
            return None
        return best

    def named(self, h: Token, at: int, lo: int | None = None) -> Speaker | None:
        doc = self.doc
        if lo is not None:
            lo, hi = lo, h.i + 1
        elif h.ent_type_ == "PERSON":
            ent = next((e for e in self.ents if e.start <= h.i < e.end), None)
            lo, hi = (ent.start, ent.end) if ent is not None else (h.i, h.i + 1)
        else:
            lo, hi = h.i, h.i + 1
            while lo > 0 and self.inside[lo - 1] < 0:
                t = doc[lo - 1]
                if (
                    t.pos_ == "PROPN"
                    and t.lower_ not in TITLE_WORDS
                    and t.ent_type_ not in ("ORG", "GPE", "NORP")
                ):
                    lo -= 1
                elif (
                    t.text == "-"
                    and not t.whitespace_
                    and lo > 1
                    and not doc[lo - 2].whitespace_
                    and doc[lo - 2].pos_ == "PROPN"
                ):
                    lo -= 2  # a hyphenated name: Sanwo-Olu
                else:
                    break
        while lo < hi - 1 and (
            doc[lo].lower_ in HONORIFICS
            or doc[lo].lower_ in TITLE_WORDS
            or doc[lo].lower_ in NAME_MODIFIERS
            or inverted_cue(doc[lo])  # "Said Ortiz:" - the verb is not part of the name
        ):
            lo += 1
        written = doc[lo:hi].text
        words = written.split()
        if words and words[-1].endswith(("'s", "\u2019s")):
            words[-1] = words[-1][:-2]
        name = " ".join(w for w in words if w).strip()
        if not name:
            name = written
        if time_zone(doc[lo:hi]):
            return None  # "before 11 a.m. PT, a fan site posted …": the parser's subject is a time zone
        org = self.company_by_first_word(name, at) if len(words) == 1 else None
        if org is not None:
            return Speaker(org, "organisation", written)
        owner = self.surname_owner(name) if len(words) == 1 else None
        if owner is not None:
            return Speaker(owner.name, "person", written, owner.title or None, owner)
        person = self.people.resolve(name, at)
        if person is not None:
            return Speaker(person.name, "person", written, person.title or None, person)
        lower_words = {w.lower() for w in words}
        titled = lo > 0 and (doc[lo - 1].lower_ in TITLE_WORDS or doc[lo - 1].lower_ in HONORIFICS)
        acronym = name.isupper() and len(name) > 1
        if acronym and self.expand_acronym(name) == name and hi - lo == 1:
            # "the CM said": the holder of the title whose initials these are, when the article defines no
            # organisation by them
            holders = self.people.role_holders(name, set(), set(), acronym=True)
            if len(holders) == 1:
                return Speaker(holders[0].name, "person", written, holders[0].title or None, holders[0])
        person_tagged = h.ent_type_ == "PERSON"
        slip = (
            h.ent_type_ == "ORG"
            and not titled
            and not self.described_person(h, words)
            and not self.spoke_as_person(name, at)
        )
        if lower_words & ORG_NOUNS or slip or acronym:
            return Speaker(self.expand_acronym(name), "organisation", written)
        article = doc[lo - 1] if lo > 0 else None
        if article is not None and article.lower_ == "the" and article.dep_ == "det" and not person_tagged:
            # "according to The Courier", "the Kremlin said": a proper noun with a definite article names a
            # publication, an institution or a place, never a person; a capital "The" belongs to the name
            full = doc[lo - 1 : hi].text if article.text == "The" and article.i > 0 else name
            return Speaker(full, "organisation", written)
        if h.ent_type_ != "PERSON" and not titled and self.not_a_name(lo, hi):
            return None
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            # a full name the NER missed: remember it so that a later surname finds it
            person = self.people.add(name, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text))
            if not person.gender:
                person.gender = first_name_gender(words[0])
            return Speaker(person.name, "person", written, person.title or None, person)
        return Speaker(name, "person", written)

    def company_by_first_word(self, word: str, at: int) -> str | None:
        """The company a one-word name stands for (``org_short_name``) when nobody the article names in full
        has that word in their name and no person has spoken under it before: the NER's PERSON tag on a
        company's first word ("asked Brightwave to …") is a slip then."""
        org = self.org_short_name(word)
        if org is None or any(len(p.tokens) > 1 and word in p.tokens for p in self.people.people):
            return None
        return None if self.spoke_as_person(word, at) else org

    def surname_owner(self, word: str) -> Person | None:
        """The one person a bare surname stands for when two people the article names in full share it and
        all but one are introduced as someone's relative ("his brother, Daniel Okafor", "her son Eric
        Hale"): a reporter writes the relative's full name and keeps the bare surname for the subject. None
        when the surname is not shared, nobody is called by it alone, or the kin words leave no single owner
        (then the nearest full name decides, as for any surname)."""
        holders = [p for p in self.people.people if len(p.tokens) > 1 and p.tokens[-1] == word]
        if len(holders) < 2 or any(p.tokens == [word] for p in self.people.people):
            return None
        others = [p for p in holders if not self.introduced_as_kin(p)]
        return others[0] if len(others) == 1 else None

    def introduced_as_kin(self, person: Person) -> bool:
        """True when a mention of ``person`` is in apposition to, or titled by, a family word."""
        for start, _end in person.mentions:
            t = self.toks[self.tok_at(start)]
            while t.dep_ in ("compound", "flat") and t.head is not t and t.head.pos_ == "PROPN":
                t = t.head
            if t.dep_ == "appos" and t.head.lemma_.lower() in KIN_NOUNS:
                return True
            if any(c.lemma_.lower() in KIN_NOUNS and c.dep_ in ("compound", "nmod", "amod") for c in t.lefts):
                return True
            if t.head.lemma_.lower() in KIN_NOUNS and t.dep_ == "compound":
                return True
        return False

    def name_after_bare_title(self, h: Token, cue: Token | None) -> Token | None:
        """The name ending a coordinated title with no article, right before the verb: "Former FBI agent and
        profiler Jo Finch told …" (a singular noun without a determiner is a title here, not a description of
        someone else; the parser makes the name its conjunct)."""
        if h.pos_ != "NOUN" or h.tag_ != "NN" or any(c.dep_ in ("det", "poss") for c in h.lefts):
            return None
        names = [
            c for c in h.children if c.dep_ == "conj" and c.ent_type_ == "PERSON" and self.inside[c.i] < 0
        ]
        if len(names) != 1 or (cue is not None and names[0].i + 1 != cue.i):
            return None
        return names[0]

    def addressed(self, cue: Token, h: Token, person: Person) -> bool:
        """True when ``person`` is named in the cue's own clause outside its subject ``h``: "the officer tells
        Marsh …" - whom the officer speaks to is not the officer."""
        lo, hi = cue.left_edge.idx, cue.right_edge.idx + len(cue.right_edge.text)
        own = range(h.left_edge.idx, h.right_edge.idx + len(h.right_edge.text))
        return any(
            lo <= start < hi and start not in own and p is person for start, p in self.people._mentions
        )

    def paragraph_speaker(self, at: int, opens: bool = False) -> Person | None:
        """The person who spoke last in this paragraph, when nobody else has been named since: "Discipline
        matters, he said. '…,' said the billionaire" - an epithet that continues the paragraph's speaker. With
        ``opens`` (the epithet's sentence opens its paragraph) also the last speaker of the paragraph before:
        "'…,' Roe added. / '…,' the engineer said"."""

        def named(s: Speaker) -> bool:  # written as a name or a pronoun, not itself a description's guess
            return (
                s.kind == "person"
                and s.person is not None
                and not (s.text or "").lower().startswith(("the ", "this ", "that "))
            )

        ev = self.last_event(at, named, max_paras=1 if opens else 0)
        if ev is None or ev.para != self.ord_of(at) and not (opens and ev.para == self.ord_of(at) - 1):
            return None
        others = {
            id(p)
            for start, p in self.people._mentions
            if ev.at < start < at and (not opens or self.inside[self.tok_at(start)] < 0)
        }
        return ev.speaker.person if others <= {id(ev.speaker.person)} else None

    def spoke_as_person(self, name: str, at: int) -> bool:
        """True when the cascade already gave a person of that name or surname as a speaker before ``at``: a
        one-word name the NER tags PERSON in one sentence and ORG in the next ("Varga said") stays one."""
        return (
            self.last_event(
                at, lambda s: s.kind == "person" and (s.name or "").split()[-1:] == [name], max_paras=10**6
            )
            is not None
        )

    def described_person(self, h: Token, words: list[str]) -> bool:
        """A name of two or more words the NER tagged ORG that the sentence itself describes as a person by
        an appositive person noun: a scientist ("-ist", "-ian") or a title ("says Nora Falk, a geologist at
        …", "Lee Park, the director"). Agent nouns in "-er" are left out: companies are "the lender", "the
        carmaker" too."""
        if len(words) < 2 or not all(w[:1].isupper() and not w.isupper() for w in words):
            return False
        for c in h.children:
            lemma = c.lemma_.lower()
            if c.dep_ != "appos" or c.pos_ != "NOUN" or lemma in ORG_NOUNS or lemma in NOT_PEOPLE:
                continue
            if lemma.endswith(("ist", "ian")) or lemma in TITLE_WORDS:
                return True
        return False
