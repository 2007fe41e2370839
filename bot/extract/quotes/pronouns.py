"""Pronoun speakers: "he said", "she told", "they said", "it said" resolved to the person, unnamed source or
organisation the text last put forward, or left ``unresolved_pronoun``."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.people import GENDER_WORDS, TITLE_WORDS, Person
from bot.extract.quotes.descriptions import UNRESOLVED
from bot.extract.quotes.index import ArticleIndex
from bot.extract.quotes.lexicon import (
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    KIN_NOUNS,
    NOT_PEOPLE,
    OFFICIAL_NOUNS,
    ORG_NOUNS,
    PERSON_SUFFIXES,
    PLURAL_PRONOUNS,
    PRONOUN_GENDER,
    SUBJ,
    Speaker,
)
from bot.extract.quotes.organisations import topic_org

# how far back (in tokens) an unnamed subject is looked for: two ordinary paragraphs fit several times over
SUBJECT_WINDOW = 400
# verbs whose passive subject is then the one who answers ("was asked", "was pressed on", "was questioned")
ASKED = frozenset({"ask", "question", "press", "interview", "challenge", "quiz"})


class Pronouns(ArticleIndex):
    def pronoun(self, h: Token, at: int) -> Speaker | None:
        lower = h.lower_
        written = h.text
        alias = self.bracket_alias(h)
        if alias is not None:
            return alias
        para = self.ord_of(at)
        if lower in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[lower]
            author = self.author_of_antecedent(h, gender)
            if author is not None:
                return Speaker(author.name, "person", written, author.title or None, author)

            def unnamed_one(s: Speaker) -> bool:
                if s.kind == "person":
                    return s.person is None or not s.person.gender or s.person.gender == gender
                if s.kind not in ("unnamed_official", "anonymous", UNRESOLVED) or s.plural or not s.name:
                    return False
                said = {GENDER_WORDS.get(w) for w in s.name.lower().split()} - {None}
                return not said or said == {gender}

            # "A spokeswoman said …" then "she said": the unnamed source, when nobody was named since; "the
            # president" the article could not tie to one person stays unresolved for "he added" too
            recent = self.last_event(at, unnamed_one, max_paras=2)
            if recent is not None and recent.speaker.kind != "person":
                near = self.subject_mention(at, gender)
                if near is None or near[0] < recent.at:
                    if self.named_after(recent.at, at, gender):
                        # a description before, a name since: two candidates, and the name is no subject
                        return Speaker(None, "unresolved_pronoun", written)
                    s = recent.speaker
                    return Speaker(s.name, s.kind, written, s.title)
            last = self.last_event(
                at,
                lambda s: (
                    s.kind == "person"
                    and (s.person is None or (not s.person.gender or s.person.gender == gender))
                ),
                max_paras=6,
            )
            if last is not None and last.speaker.person is None:
                near = self.subject_mention(at, gender)
                if near is None or near[0] < last.at:
                    s = last.speaker
                    return Speaker(s.name, "person", written, s.title)
            person = last.speaker.person if last else None
            near = self.subject_mention(at, gender)
            if near is not None and (person is None or (near[0] > last.at and near[1] is not person)):
                person = near[1]
            if person is None:
                # the nearest person named as a subject in the last two paragraphs, else the nearest at all
                person = self.subject_mention_any(at, gender)
            if person is None:
                # else the nearest person at all, unless that is one name in a list ("co-stars A, B and C")
                person = self.people.nearest(at, gender)
                if person is not None:
                    start = max(m[0] for m in person.mentions if m[0] < at)
                    t = self.toks[self.tok_at(start)]
                    while t.dep_ in ("compound", "flat") and t.head is not t:
                        t = t.head
                    listed = t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children)
                    if self.ord_of(start) < para - 6 or (listed and person.gender != gender):
                        person = None
            unnamed = self.unnamed_subject(at, gender, person)
            if unnamed is not None:
                return Speaker(self.descriptor(unnamed), "anonymous", written)
            if person is None:
                return Speaker(None, "unresolved_pronoun", written)
            if not person.gender:
                person.gender = gender
            return Speaker(person.name, "person", written, person.title or None, person)
        if lower in PLURAL_PRONOUNS:
            last = self.last_event(at, lambda s: s.plural or s.kind == "organisation", max_paras=2)
            if last is not None and self.spoke_since(last.at, at):
                # "The two men mocked the clip … in which Moss says '…'. '…,' they told Reese": someone else
                # has spoken since the group did; "they" may be anyone around them
                return Speaker(None, "unresolved_pronoun", written)
            if last is not None:
                s = last.speaker
                return Speaker(s.name, s.kind, written, s.title, s.person, s.plural)
            return Speaker(None, "unresolved_pronoun", written)
        if lower == "it":
            doc = self.doc
            best = None
            for e in self.ents:
                if e.start_char >= at:
                    break
                if (
                    e.label_ == "ORG"
                    and self.inside[e.start] < 0
                    and self.ord_of(e.start_char) >= para - 1
                    and topic_org(e.root)
                ):
                    best = e
            if best is not None:
                return self.organisation(doc[best.start], at)
            last = self.last_event(at, lambda s: s.kind == "organisation", max_paras=2)
            if last is not None:
                s = last.speaker
                return Speaker(s.name, s.kind, written, s.title, s.person)
            topic = self.org_noun_subject(at)
            return self.organisation(topic, at) if topic is not None else None
        return None

    def org_noun_subject(self, at: int) -> Token | None:
        """The subject of the sentence before "it", in this or the previous paragraph, when it is an
        organisation word: "Moyo's office rejected the claim. '…,' it said" (no entity names the office)."""
        para = self.ord_of(at)
        end = self.tok_at(at)
        for k in range(end - 1, max(-1, end - 1 - SUBJECT_WINDOW), -1):
            t = self.toks[k]
            if self.ord_of(t.idx) < para - 1:
                return None
            if self.inside[k] >= 0 or t.dep_ not in SUBJ or t.head.dep_ != "ROOT" or t.lower_ == "it":
                continue  # (an "it" before, or this one, stands for the same thing)
            if t.pos_ == "NOUN" and t.lemma_.lower() in ORG_NOUNS and t.tag_ == "NN":
                return t
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                return None  # the last main subject is someone or something else
        return None

    def spoke_since(self, since: int, at: int) -> bool:
        """True when a named person is given words between ``since`` and ``at``."""
        return any(
            since < ev.at < at and ev.speaker.kind == "person" and ev.speaker.person is not None
            for ev in self.events
        )

    def author_of_antecedent(self, h: Token, gender: str) -> Person | None:
        """ "a speech Paul Hart gave in 2019, in which he said …", "Hart's letter, in which she wrote …", "a
        post by Hart in which he said …": a pronoun in a relative clause on a speech, letter or post is the
        person the same noun names as its author (by a relative clause of its own, "by"/"from", or a
        possessive), not whoever was quoted last."""
        v = h.head
        if h.dep_ != "nsubj" or v.dep_ != "relcl":
            return None
        noun = v.head
        names: list[Token] = []
        for c in noun.children:
            if c.i == v.i:
                continue
            if c.dep_ in ("relcl", "acl"):
                names += [s for s in c.children if s.dep_ == "nsubj" and s.ent_type_ == "PERSON"]
            elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
                names += [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "PERSON"]
            elif c.dep_ == "poss" and c.ent_type_ == "PERSON":
                names.append(c)
        people = {id(p): p for n in names if (p := self.people.at(n.idx, n.idx + len(n.text))) is not None}
        if len(people) != 1:
            return None
        person = next(iter(people.values()))
        return person if not person.gender or person.gender == gender else None

    def named_after(self, since: int, at: int, gender: str) -> bool:
        """True when a later paragraph than the one at ``since`` names a person of ``gender`` (or of unknown
        gender) before ``at``: "The singer said …" then a new paragraph about "Tom Reyes", then "he said" -
        the pronoun has two candidates and stays unresolved rather than continue the description."""
        first = self.ord_of(since)
        return any(
            since < start < at
            and self.ord_of(start) > first
            and (not person.gender or person.gender == gender)
            and self.inside[self.tok_at(start)] < 0
            for start, person in self.people._mentions
        )

    def unnamed_subject(self, at: int, gender: str, person: Person | None) -> Token | None:
        """An unnamed person the text made the subject after ``person`` was last named, in this or the
        previous paragraph: "The teacher has remained anonymous, but she wrote …" - "she" is the teacher,
        not a woman named paragraphs before. Only lay descriptions ("teacher", "resident", "woman") that no
        named person in the article is titled with."""
        para = self.ord_of(at)
        since = max((m[0] for m in person.mentions if m[0] < at), default=-1) if person is not None else -1
        end = self.tok_at(at)
        # two paragraphs back, but no further than SUBJECT_WINDOW tokens: one giant paragraph of quotes
        # would otherwise be rescanned for every quote in it
        for k in range(end - 1, max(-1, end - 1 - SUBJECT_WINDOW), -1):
            t = self.toks[k]
            if t.idx <= since or self.ord_of(t.idx) < para - 1:
                return None
            if t.dep_ not in SUBJ or self.inside[t.i] >= 0 or t.pos_ != "NOUN" or t.tag_ != "NN":
                continue
            lemma = t.lemma_.lower()
            if lemma in ("one", "another", "statement", "report") or not self.person_noun(lemma):
                continue
            if lemma in ORG_NOUNS:
                continue  # a collective ("the team", "the group") is an "it" or a "they", never "he" or "she"
            if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in t.children):
                return None  # "his girlfriend, Asia Argento, …": named, not unnamed
            kin = lemma in KIN_NOUNS and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.lefts)
            # a source word with any article; another person noun only when it brings in someone new ("a
            # singer", "my mom"): "the mother of three" after a name is an epithet for that person
            dets = (
                ("the", "a", "an", "one", "another") if lemma in ANONYMOUS_NOUNS else ("a", "an", "another")
            )
            if not kin and not any(c.dep_ == "det" and c.lower_ in dets for c in t.lefts):
                continue
            said = {GENDER_WORDS.get(w.lower_) for w in t.subtree} - {None}
            if said and said != {gender}:
                continue
            if t.head.dep_ not in ("ROOT", "conj"):
                continue  # the subject of a reported clause ("X said the owner was questioned") is no topic
            if any(lemma in p.title_words for p in self.people.people) or self.tied_people(
                lemma, t.right_edge.i + 1
            ):
                return None
            return t
        return None

    @staticmethod
    def person_noun(lemma: str) -> bool:
        """A common noun for one person that a later "he" or "she" can continue: an unnamed-source word
        ("resident", "teacher"), a family word ("my mom", kin_nouns) or an agent noun ("the singer", "the
        photographer"; not "the report", "the paper", nor an office: offices resolve through their holder)."""
        if lemma in ANONYMOUS_NOUNS or lemma in KIN_NOUNS:
            return True
        return (
            lemma.endswith(PERSON_SUFFIXES)
            and lemma not in NOT_PEOPLE
            and lemma not in DOCUMENT_NOUNS
            and lemma not in TITLE_WORDS
            and lemma not in OFFICIAL_NOUNS
        )

    def subject_mention(self, at: int, gender: str) -> tuple[int, Person] | None:
        """The last person named as the subject of a main clause in this or the previous paragraph. Besides
        the names the NER found, a surname the article has already given someone counts where the NER
        missed it in this sentence ("… to Fenn. Fenn was sure …"), and so does the passive subject of a
        clause with a complement of its own ("Okoro was thrilled to find that …": one who reacts)."""
        para = self.ord_of(at)
        doc = self.doc
        extra = self.unindexed_subjects(at)
        mentions = self.people._mentions
        if extra:
            mentions = sorted(mentions + extra, key=lambda m: m[0])
        for start, person in reversed(mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - 1:
                return None
            if person.gender and person.gender != gender:
                continue
            t = doc[self.tok_at(start)]
            # walk to the head of the name
            while t.dep_ in ("compound", "flat") and t.head is not t:
                t = t.head
            if self.inside[t.i] >= 0:
                continue
            if t.dep_ == "appos" and t.head.dep_ == "nsubj":
                t = t.head  # "Her colleague, James Carter, disagreed"
            if t.dep_ == "nsubj" and t.head.dep_ == "ROOT":
                return (start, person)
            if t.dep_ == "nsubjpass" and t.head.dep_ == "ROOT" and t.head.lemma_.lower() in ASKED:
                # the one asked answers: "Lee, angry at the refs, was asked about it. '…,' he said" (but not
                # the passive subject of other verbs: "Officer Ryan was shot")
                return (start, person)
            if t.dep_ == "nsubjpass" and t.head.dep_ == "ROOT" and self.reacting(t.head):
                return (start, person)
        return None

    @staticmethod
    def reacting(verb: Token) -> bool:
        """A passive main verb with a clause or infinitive of its own and no agent: "was thrilled to find",
        "was convinced that" (a state of mind, so its subject is the topic a "he says" goes on with)."""
        kids = {c.dep_ for c in verb.children}
        return bool(kids & {"xcomp", "ccomp"}) and "agent" not in kids

    def unindexed_subjects(self, at: int) -> list[tuple[int, Person]]:
        """Names of people the article names, written as a main clause's subject where the NER tagged no
        person (or took the word for a date: "Winter was sure"), in this and the previous paragraph before
        ``at``, as (start, person), in text order."""
        para = self.ord_of(at)
        known: set[int] | None = None
        found = []
        for k in range(self.tok_at(at) - 1, max(-1, self.tok_at(at) - 1 - SUBJECT_WINDOW), -1):
            t = self.toks[k]
            if self.ord_of(t.idx) < para - 1:
                break
            if (
                t.ent_type_ not in ("", "PERSON", "DATE", "WORK_OF_ART", "PRODUCT")
                or t.pos_ != "PROPN"
                or t.dep_ not in ("nsubj", "nsubjpass")
                or t.head.dep_ != "ROOT"
                or self.inside[k] >= 0
            ):
                continue
            lo = min([c.i for c in t.lefts if c.dep_ == "compound"], default=t.i)
            if any(not (w.pos_ == "PROPN" and w.text[:1].isupper()) for w in self.toks[lo : t.i]):
                continue
            if known is None:
                known = {start for start, _ in self.people._mentions}
            if self.toks[lo].idx in known:
                continue
            # a bare surname must belong to someone named in full; a first name and surname the NER missed
            # ("Kwabena Ofori, a consultant, bought …" then "Mr Ofori") may find a person known by surname
            person = self.people.resolve(self.doc[lo : t.i + 1].text, t.idx)
            if person is not None and person.tokens[-1] == t.text and (lo < t.i or len(person.tokens) > 1):
                found.append((self.toks[lo].idx, person))
        found.reverse()
        return found

    def only_person_near(self, at: int, paras: int = 3) -> Person | None:
        """The one person named in the last few paragraphs before ``at``, if exactly one is."""
        para = self.ord_of(at)
        seen = []
        for start, person in reversed(self.people._mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - paras:
                break
            if person not in seen:
                seen.append(person)
        if len(seen) != 1:
            return None
        # and last named as the subject of a clause: the topic an epithet continues ("The officer tells Marsh"
        # names Marsh as the object, so "the officer" is someone else)
        last = max(m[0] for m in seen[0].mentions if m[0] < at)
        t = self.toks[self.tok_at(last)]
        while t.dep_ in ("compound", "flat") and t.head is not t:
            t = t.head
        if t.dep_ == "appos":
            t = t.head
        return seen[0] if t.dep_ in SUBJ else None

    def subject_mention_any(self, at: int, gender: str) -> Person | None:
        para = self.ord_of(at)
        for start, person in reversed(self.people._mentions):
            if start >= at:
                continue
            if self.ord_of(start) < para - 2:
                return None
            if person.gender and person.gender != gender:
                continue
            t = self.toks[self.tok_at(start)]
            while t.dep_ in ("compound", "flat") and t.head is not t:
                t = t.head
            if t.dep_ == "appos":
                t = t.head
            if t.dep_ in SUBJ and self.inside[t.i] < 0:
                return person
        return None
