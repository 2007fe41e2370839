"""Speaker resolution: who the subject of a reporting verb stands for. Names, surnames and honorifics resolve
through ``PeopleIndex``; titles and descriptions ("the Defense Minister") to the person the article ties to
them; organisations, acronyms, documents and unnamed sources keep their own kind. ``speaker_from`` is the
entry point; named people resolve in ``names.py``, organisations and phrases in ``organisations.py``."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.people import (
    HONORIFICS,
    TITLE_WORDS,
    first_name_gender,
)
from bot.extract.quotes.descriptions import UNRESOLVED
from bot.extract.quotes.lexicon import (
    ANONYMOUS_NOUNS,
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
from bot.extract.quotes.names import NamedSpeakers
from bot.extract.titles import is_head_word


class Speakers(NamedSpeakers):
    # ----------------------------------------------------------------- speakers
    def anaphoric_one(self, h: Token) -> bool:
        """ "the very first one says", "the latest one reads": a definite "one" stands for a noun said before
        (a rule, a poster, a letter), not for an unnamed person; an unnamed source is "one of the officials",
        "one who was there" or a bare "One said"."""
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in h.lefts)
        if h.lower_ != "one" or not definite:
            return False
        kept = ("relcl", "acl")
        return not any(c.dep_ in kept or (c.dep_ == "prep" and c.lower_ == "of") for c in h.children)

    def name_ending_subject(self, h: Token, cue: Token | None) -> Token | None:
        """The person's name that ends a subject phrase headed by an organisation or place, right before the
        verb: "University of Leeds climate scientist Hanna Rosler said" (the parser heads the phrase with the
        university; the organisation and the role are her title, the name is the speaker)."""
        if cue is None or h.ent_type_ not in ("ORG", "NORP", "GPE", "FAC") or h.i > cue.i:
            return None
        last = h.right_edge
        if last.i + 1 != cue.i or last.ent_type_ != "PERSON" or self.inside[last.i] >= 0:
            return None
        return last

    def speaker_from(self, h: Token, at: int, cue: Token | None = None) -> Speaker | None:
        """Who the subject token ``h`` of a cue stands for, as a ``Speaker`` (None when not a speaker)."""
        if self.inside[h.i] >= 0:
            return None
        if h.dep_ == "nsubj" and h.lower_ in ("who", "that", "which") and h.head.dep_ == "relcl":
            h = h.head.head
        h = self.document_of_part(h) or h  # "the first paragraph of the complaint": the complaint
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
            org = self.company_by_first_word(h.text, at)
            if org is not None:
                return Speaker(org, "organisation", h.text)
            owner = self.surname_owner(h.text)
            if owner is not None and not any(c.dep_ == "compound" and c.text[:1].isupper() for c in h.lefts):
                return Speaker(owner.name, "person", h.text, owner.title or None, owner)
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
        if self.anaphoric_one(h):
            return None
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
            (
                h.pos_ == "NOUN"
                # 'Nora Pimble, …, said' with the surname tagged as an adjective after a first name
                or h.pos_ == "ADJ"
                and any(c.dep_ == "compound" and first_name_gender(c.text) for c in h.lefts)
            )
            and h.text[:1].isupper()
            and not common
            and lower not in TITLE_WORDS
            and not h.ent_type_
            and h.i > 0
            and self.mid_sentence(h.i)
        ):
            return self.named(h, at)  # a name tagged as a common noun: '…," Phetoe said'
        role = lower in TITLE_WORDS and self.definite_singular(h)
        named_last = self.name_ending_subject(h, cue)
        if named_last is not None:
            return self.named(named_last, at)
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
                only = (
                    self.only_person_near(at)
                    or self.previous_subject(h)
                    or self.paragraph_speaker(at)
                    or self.subject_before(h)
                    or self.paragraph_speaker(at, opens=self.sentence_opens_paragraph(h))
                )
                if only is not None and cue is not None and self.addressed(cue, h, only):
                    only = None
                if only is not None and self.described_otherwise(only, lemma, h.i):
                    only = None
                intro = self.unnamed_introduction(h) if self.definite_singular(h) else None
                if intro is not None:
                    # "an officer asked Ames …" then "the officer said": the unnamed one; two candidates when
                    # the person it would otherwise be is named after that introduction
                    if only is None or not any(intro < at < h.idx for at, _end in only.mentions):
                        return self.introduced_source(h, phrase)
                    only = None
                if only is not None and not (lower in TITLE_WORDS and only.title_words):
                    return Speaker(only.name, "person", phrase, only.title or None, only)
                if self.definite_singular(h):
                    if lower not in TITLE_WORDS and self.nobody_named():
                        # "the photographer told us" where nobody is named: an unnamed source ("the mayor", an
                        # office someone holds, stays unresolved)
                        return self.introduced_source(h, phrase)
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
        if (
            h.tag_ == "NNS"
            and cue is not None
            and cue.lemma_.lower() in SPEECH_VERB
            and (lemma in TITLE_WORDS or is_head_word(lemma))
        ):
            # "shop stewards wrote", "the coaches said": a group named by a post its members hold
            kind = "unnamed_official" if is_head_word(lemma) else "anonymous"
            return Speaker(phrase, kind, phrase, plural=True)
        return None
