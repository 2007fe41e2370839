"""Speaker resolution: who the subject of a reporting verb stands for. Names, surnames and honorifics resolve
through ``PeopleIndex``; titles and descriptions ("the Defense Minister") to the person the article ties to
them; organisations, acronyms, documents and unnamed sources keep their own kind."""

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
from bot.extract.quotes.descriptions import UNRESOLVED, Descriptions
from bot.extract.quotes.lexicon import (
    ACRONYM,
    ANONYMOUS_NOUNS,
    COMPANY_NOUNS,
    DOCUMENT_NOUNS,
    EPITHET_CUES,
    GENERIC_SOURCES,
    NOT_PEOPLE,
    OFFICIAL_NOUNS,
    ORG_NOUNS,
    PARTY_MEMBERS,
    PERSON_SUFFIXES,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    SPEECH_VERB,
    Speaker,
)


class Speakers(Descriptions):
    # ----------------------------------------------------------------- speakers
    def speaker_from(self, h: Token, at: int, cue: Token | None = None) -> Speaker | None:
        """Who the subject token ``h`` of a cue stands for, as a ``Speaker`` (None when not a speaker)."""
        if self.inside[h.i] >= 0:
            return None
        if h.dep_ == "nsubj" and h.lower_ in ("who", "that", "which") and h.head.dep_ == "relcl":
            h = h.head.head
        lower = h.lower_
        if (
            h.pos_ == "PRON"
            or lower in PRONOUN_GENDER
            or lower in PLURAL_PRONOUNS
            or lower in ("it", "i", "we")
        ):
            return self.pronoun(h, at)
        # a capitalised word that is the surname of someone the article names, whatever the tagger made of it
        if (
            h.text[:1].isupper()
            and h.ent_type_ in ("", "PERSON", "ORG", "WORK_OF_ART")
            and lower not in TITLE_WORDS
            and h.pos_ in ("VERB", "NOUN", "ADJ", "ADV", "PROPN")
        ):
            person = self.people.resolve(h.text, at)
            if person is not None and h.text in person.name.split():
                return Speaker(
                    person.name,
                    "person",
                    self.span_text(h) if h.pos_ == "PROPN" else h.text,
                    person.title or None,
                    person,
                )
        # "Mr How said" parsed with the honorific as the subject
        if lower in HONORIFICS and h.i + 1 < len(self.doc) and self.doc[h.i + 1].text[:1].isupper():
            j = h.i + 1
            while (
                j + 1 < len(self.doc)
                and self.doc[j + 1].text[:1].isupper()
                and self.inside[j + 1] < 0
                and self.doc[j + 1].pos_ in ("PROPN", "NOUN", "ADV", "SCONJ")
            ):
                j += 1
            return self.named(self.doc[j], at, lo=h.i + 1)
        # a bracketed alias: He [Mantashe] said
        alias = self.bracket_alias(h)
        if alias is not None:
            return alias
        aged = lower == "old" and any(t.lower_ in ("year", "years") for t in h.subtree)
        if (aged or lower in PARTY_MEMBERS) and self.definite_singular(h):
            # '"…," the 23-year-old said', 'said the Georgia Republican': an age or a party stands for one
            # person: the one the article ties the word to, or the sentence before was about
            phrase = self.doc[h.left_edge.i : h.i + 1].text
            tied = [] if aged else self.tied_people(h.lemma_.lower(), h.i)
            only = tied[0] if len(tied) == 1 else None
            only = only or self.previous_subject(h) or self.only_person_near(at)
            if only is not None:
                return Speaker(only.name, "person", phrase, only.title or None, only)
            return Speaker(phrase, UNRESOLVED, phrase)
        titled = self.name_after_bare_title(h, cue)
        if titled is not None:
            return self.named(titled, at)
        common = (
            lower in ANONYMOUS_NOUNS
            or lower in OFFICIAL_NOUNS
            or lower in ORG_NOUNS
            or lower in DOCUMENT_NOUNS
        )
        if h.ent_type_ == "PERSON" or (
            h.pos_ == "PROPN"
            and not common
            and lower not in TITLE_WORDS
            and h.ent_type_ in ("", "WORK_OF_ART")
        ):
            return self.named(h, at)
        if h.ent_type_ == "ORG" and h.pos_ == "PROPN" and lower not in TITLE_WORDS and lower not in ORG_NOUNS:
            # an NER slip: a person's name tagged ORG is a person when the article names them elsewhere as a
            # person or puts a title or honorific right before the name
            ent = next((e for e in self.ents if e.start <= h.i < e.end), None)
            if ent is not None and not ({t.lower_ for t in ent} & ORG_NOUNS) and not ent.text.isupper():
                first = ent.start
                if (
                    self.people.resolve(ent.text, at) is not None
                    or (
                        first > 0
                        and (
                            self.doc[first - 1].lower_ in TITLE_WORDS
                            or self.doc[first - 1].lower_ in HONORIFICS
                        )
                    )
                    or (len(ent) >= 2 and first_name_gender(ent[0].text))
                    or self.described_person(h, [t.text for t in ent])
                    or self.spoke_as_person(ent.text, at)
                ):
                    return self.named(h, at, lo=first)
        if (
            h.pos_ == "NOUN"
            and h.text[:1].isupper()
            and not common
            and lower not in TITLE_WORDS
            and not h.ent_type_
            and h.i > 0
            and self.mid_sentence(h.i)
        ):
            return self.named(h, at)  # a name tagged as a common noun: '…," Phetoe said'
        role = lower in TITLE_WORDS and self.definite_singular(h)
        if h.ent_type_ in ("ORG", "NORP", "GPE", "FAC") and not role:
            sp = self.organisation(h, at)
            if sp is not None:
                return sp
        if h.pos_ in ("NOUN", "PROPN"):
            # "The boy's uncle, Dennis Obi, told": the name in apposition
            for c in h.children:
                if (
                    c.dep_ == "appos"
                    and c.i > h.i
                    and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                    and c.lower_ not in TITLE_WORDS
                    and c.ent_type_ not in ("ORG", "GPE", "NORP", "DATE")
                ):
                    return self.named(c, at)
        if lower in TITLE_WORDS or lower in OFFICIAL_NOUNS:
            for c in h.children:
                if (
                    c.dep_ in ("appos", "compound", "nmod")
                    and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
                    and c.lower_ not in TITLE_WORDS
                    and c.i > h.i
                ):
                    return self.named(c, at)
            name_end = self.name_after_title(h)
            if name_end is not None:
                sp = self.named(self.toks[name_end[1]], at, lo=name_end[0])
                if sp is not None and sp.person is not None and not sp.person.title_words:
                    title = self.doc[h.left_edge.i : name_end[0]]
                    sp.person.add_title(title.text.strip(), [t.text for t in title])
                    sp.title = sp.person.title or None
                return sp
            if role:
                # "the Defense Minister", "the CM": the one person the article titles so (descriptions.py)
                sp = self.role_holder(h, self.descriptor(h), acronym=h.text.isupper())
                if sp is not None:
                    if sp.person is not None:
                        sp.text = self.span_text(h)
                    return sp
        if lower in ORG_NOUNS or h.lemma_.lower() in ORG_NOUNS:
            sp = self.organisation(h, at)
            if sp is not None:
                return sp
        if h.ent_type_ == "PERSON":
            return self.named(h, at)
        phrase = self.descriptor(h)
        lemma = h.lemma_.lower()
        if (
            cue is not None
            and cue.i < h.i
            and any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in h.rights)
        ):
            # '"…," said the billionaire of his plans': after an inverted verb, an "of"/"about" phrase is
            # what was spoken about, not part of the description
            phrase = self.doc[h.left_edge.i : h.i + 1].text
        if phrase.lower().startswith(("the ", "this ", "that ")) and len(phrase.split()) == 2:
            # "the spokesperson": the unnamed source the article described just before
            def same_head(s: Speaker) -> bool:
                words = (s.name or "").lower().split()
                return s.person is None and s.kind in ("unnamed_official", "anonymous") and lower in words[:6]

            ev = self.last_event(at, same_head, max_paras=4)
            if ev is not None:
                s = ev.speaker
                return Speaker(s.name, s.kind, phrase, s.title, None, s.plural)
            epithet = (
                h.pos_ == "NOUN"
                and cue is not None
                and cue.lemma_.lower() in EPITHET_CUES
                and lower not in ANONYMOUS_NOUNS
                and lemma not in ANONYMOUS_NOUNS
                and lower not in DOCUMENT_NOUNS
                and lower not in ORG_NOUNS
                and lemma not in ORG_NOUNS
                and lower not in OFFICIAL_NOUNS
            )
            if (
                (lower in TITLE_WORDS or epithet)
                and lower not in GENERIC_SOURCES
                and h.tag_ not in ("NNS", "NNPS")
            ):
                # "said the billionaire", "the officer said": only when one person alone has been named in the
                # last paragraphs, and that person holds no other title (a title the article gave someone is
                # resolved above, by office, or stays unresolved)
                ev = self.last_event(at, lambda s: s.kind == "person" and bool(s.name), max_paras=3)
                p = ev.speaker.person if ev is not None else None
                if p is not None and p.title_words and lower in OFFICIAL_NOUNS:
                    # "the officer", "the official": a rank word no one holds as an office here stands for the
                    # titled person the article has just quoted
                    if self.role_words(h)[0] <= p.title_words:
                        return Speaker(p.name, "person", phrase, p.title or None, p)
                # "Lena Ortiz, the billionaire, …" … "the billionaire said"
                tied = self.tied_people(lemma, h.i)
                if len(tied) == 1:
                    return Speaker(tied[0].name, "person", phrase, tied[0].title or None, tied[0])
                only = self.only_person_near(at) or self.previous_subject(h) or self.paragraph_speaker(at)
                if only is not None and cue is not None and self.addressed(cue, h, only):
                    only = None
                if only is not None and not (lower in TITLE_WORDS and only.title_words):
                    return Speaker(only.name, "person", phrase, only.title or None, only)
                if self.definite_singular(h):
                    return Speaker(phrase, UNRESOLVED, phrase)  # "the midfielder", tied to nobody
        elif self.definite_singular(h) and lower in TITLE_WORDS and lower not in GENERIC_SOURCES:
            # "the governor of the central bank said" with one person alone named nearby, untitled, and the
            # office not mentioned before (else it may be someone else: "Rao met the governor …")
            only = self.only_person_near(at)
            if (
                only is not None
                and not only.title_words
                and not any(t.lemma_ == h.lemma_ and self.inside[t.i] < 0 for t in self.toks[: h.i])
            ):
                return Speaker(only.name, "person", phrase, only.title or None, only)
        if lower in OFFICIAL_NOUNS or lemma in OFFICIAL_NOUNS or lower in TITLE_WORDS:
            # "U.S. Ambassador to the U.N. Jane Roe said": a title phrase that ends in a name is that person
            named = [t for t in h.subtree if t.ent_type_ == "PERSON" and self.inside[t.i] < 0]
            if named and named[-1].i > h.i and named[-1].text in phrase:
                last = named[-1]
                while last.i + 1 < len(self.toks) and self.toks[last.i + 1].ent_type_ == "PERSON":
                    last = self.toks[last.i + 1]
                return self.named(last, at)
            unresolved = self.unresolved_role(h, phrase)  # "the prime minister", tied to nobody
            if unresolved is not None:
                return unresolved
            return Speaker(phrase, "unnamed_official", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        if lower in DOCUMENT_NOUNS or lemma in DOCUMENT_NOUNS:
            # "a statement from the Ministry of Health", "the statement" after "X said in a statement": X
            sp = self.document_issuer(h, at, phrase)
            return sp if sp is not None else Speaker(phrase, "document", phrase)
        if lower in ANONYMOUS_NOUNS or lemma in ANONYMOUS_NOUNS:
            if self.definite_singular(h):
                # "the teacher said" after "Maria Okafor, a teacher at Hill School": the person the article
                # ties to that word; two such people: unresolved
                tied = self.tied_people(lemma, h.i)
                if len(tied) == 1:
                    return Speaker(tied[0].name, "person", phrase, tied[0].title or None, tied[0])
                if tied:
                    return Speaker(phrase, UNRESOLVED, phrase)
            return Speaker(phrase, "anonymous", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        if (
            h.pos_ == "NOUN"
            and cue is not None
            and cue.lemma_.lower() in SPEECH_VERB
            and lemma.endswith(PERSON_SUFFIXES)
            and lemma not in ORG_NOUNS
            and lemma not in DOCUMENT_NOUNS
            and lemma not in NOT_PEOPLE
        ):
            # "the paleontologists said", "organisers told": people described by what they do
            if self.definite_singular(h):
                return Speaker(phrase, UNRESOLVED, phrase)  # "the goalkeeper": one person, not a source
            return Speaker(phrase, "anonymous", phrase, plural=h.tag_ in ("NNS", "NNPS"))
        return None

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

    def paragraph_speaker(self, at: int) -> Person | None:
        """The person who spoke last in this paragraph, when nobody else has been named since: "Discipline
        matters, he said. '…,' said the billionaire" - an epithet that continues the paragraph's speaker."""

        def named(s: Speaker) -> bool:  # written as a name or a pronoun, not itself a description's guess
            return (
                s.kind == "person"
                and s.person is not None
                and not (s.text or "").lower().startswith(("the ", "this ", "that "))
            )

        ev = self.last_event(at, named, max_paras=0)
        if ev is None or ev.para != self.ord_of(at):
            return None
        others = {id(p) for start, p in self.people._mentions if ev.at < start < at}
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
                    lambda s: s.kind == "organisation" and bool(s.name) and s.name[:1].isupper(),
                    max_paras=3,
                )
                if ev is not None:
                    return Speaker(ev.speaker.name, "organisation", written)
                return Speaker(self.descriptor(h), UNRESOLVED, written)
            return Speaker(self.descriptor(h), "organisation", written)
        return None

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
