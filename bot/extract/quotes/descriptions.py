"""Speakers written as descriptions rather than names, resolved through what the article itself states.

    role       "the prime minister", "the central bank governor", "the CM": the one person the article
               titles so ("Prime Minister Ravi Kumar", "Chief Minister Ravi Kumar"); when two people fit, or
               nobody does, the description stays as written with kind ``unresolved_description``
    document   "the statement", "the letter", "the lawsuit", "police reports": whoever the article says
               issued it ("X said in a statement", "a letter from X", "X's lawsuit", "X sued"); a document
               with no issuer in the article stays a ``document``
    epithets   "the teacher", "the billionaire": the person the article ties the word to by apposition or
               copula ("Maria Okafor, a teacher"), else the one subject of the sentence just before
    junk       capitalised headline words, plural common nouns and sentence objects are never speakers

Every lookup goes through the people index (``PeopleIndex.role_holders``) and the attributions the cascade
has seen; nothing here keeps a second index of names.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Token

from bot.extract.people import PAST_WORDS, TITLE_WORDS, Person, first_name_gender
from bot.extract.quotes.index import ArticleIndex
from bot.extract.quotes.lexicon import (
    COURT_FILINGS,
    DOCUMENT_NOUNS,
    GENERIC_SOURCES,
    IMPLIED_DOCUMENTS,
    ISSUER_VERBS,
    NOT_PEOPLE,
    OFFICIAL_NOUNS,
    ORG_NOUNS,
    PERSON_SUFFIXES,
    SPEECH_VERB,
    STATUS_MODIFIERS,
    SUBJ,
    Speaker,
)

UNRESOLVED = "unresolved_description"
_DEFINITE = frozenset({"the", "this", "that"})


class Descriptions(ArticleIndex):
    _lower_words: set[str] | None = None
    _singular_nouns: dict[str, list[int]] | None = None
    _nobody_named: bool | None = None

    @property
    def lower_words(self) -> set[str]:
        """Every word the article writes in lower case somewhere."""
        if self._lower_words is None:
            self._lower_words = {t.text for t in self.toks if t.text.islower()}
        return self._lower_words

    # ----------------------------------------------------------------- roles
    def definite_singular(self, h: Token) -> bool:
        """ "the minister", "this governor", "the party's leader": one particular holder, not "a minister" or
        "ministers" (a possessive pronoun, "his lawyer", describes a relation, not an office)."""
        if h.tag_ in ("NNS", "NNPS"):
            return False
        for c in h.lefts:
            if c.dep_ == "det" and c.lower_ in _DEFINITE:
                return True
            if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN"):
                return True
        return False

    def role_words(self, h: Token) -> tuple[set[str], set[str]]:
        """The words that narrow a role description: (required, preferred). Modifiers and "of" phrases must
        be in the holder's title ("the central bank governor", "the governor of the central bank"); place
        and nationality words and a possessor only narrow ("the Canadian prime minister", "the firm's chief
        executive"); status words ("former", "acting") are ignored."""
        required: set[str] = set()
        preferred: set[str] = set()

        def take(t: Token, into: set[str]) -> None:
            for w in t.subtree:
                if w.i == h.i or w.is_punct or w.pos_ not in ("NOUN", "PROPN", "ADJ"):
                    continue
                low = w.lower_
                if low in STATUS_MODIFIERS or self.inside[w.i] >= 0:
                    continue
                (preferred if w.ent_type_ in ("NORP", "GPE") else into).add(low)

        for c in h.lefts:
            if c.dep_ == "poss":
                take(c, preferred)
            elif c.dep_ in ("compound", "amod", "nmod"):
                take(c, required)
        for c in h.rights:
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "at"):
                take(c, required)
        return required, preferred

    def role_holder(self, h: Token, phrase: str, acronym: bool = False) -> Speaker | None:
        """The person a role description stands for; ``unresolved_description`` when two people fit; None
        when the article titles nobody so."""
        required, preferred = self.role_words(h)
        mods = [c for c in h.lefts if c.dep_ in ("compound", "amod") and c.lower_ not in STATUS_MODIFIERS]
        past = any(w.lower_ in PAST_WORDS for c in h.lefts for w in c.subtree)
        # "the prime minister" spelled "pm"; not from a modifier that is itself initials ("the RSU member")
        words = (
            mods
            and not acronym
            and not any(m.text.isupper() or m.pos_ not in ("NOUN", "PROPN", "ADJ") for m in mods)
        )
        spelled = "".join(t.lower_[0] for t in [*mods, h]) if words else ""
        holders = self.people.role_holders(
            h.lower_, required, preferred, acronym=acronym, past=past, spelled=spelled
        )
        if not holders:
            return None
        intro = self.unnamed_introduction(h)
        if intro is not None and not any(intro < at < h.idx for p in holders for at, _end in p.mentions):
            # "we spoke to a senator …" then "the senator said": the one just introduced without a name, not a
            # senator the article names elsewhere (nor two of them)
            return self.introduced_source(h, phrase)
        if len(holders) == 1:
            p = holders[0]
            return Speaker(p.name, "person", phrase, p.title or None, p)
        return Speaker(phrase, UNRESOLVED, phrase)

    def unnamed_introduction(self, h: Token) -> int | None:
        """Where the article last introduced, before ``h``, someone with the same head noun by an indefinite
        article and no name ("an RSU councillor", "a senior official, who asked not to be named"): a new
        referent, which a later definite "the senator" continues. None when there is no such introduction."""
        if self._singular_nouns is None:  # singular common nouns by lower-cased lemma, read once per article
            self._singular_nouns = {}
            for t in self.toks:
                if t.pos_ == "NOUN" and t.tag_ == "NN":
                    self._singular_nouns.setdefault(t.lemma_.lower(), []).append(t.i)
        found = self._singular_nouns.get(h.lemma_.lower(), [])
        headline = self.headline_para()
        for i in reversed(found[: bisect_left(found, h.i)]):
            t = self.toks[i]
            if self.inside[t.i] >= 0 or self.tok_para[t.i] == headline:
                continue  # a headline's "A novelist's bakery years" introduces nobody
            if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in t.lefts):
                continue
            if t.dep_ in ("appos", "attr"):
                continue  # "Ann Roe, a senator", "Roe is a senator": tied to a name
            if any(c.dep_ == "appos" for c in t.children) or t.ent_type_ == "PERSON":
                continue  # "a senator, Ann Roe"
            return t.idx
        return None

    def nobody_named(self) -> bool:
        """True when the article names no person at all (no name found, and no word outside quotes that is a
        known first name): a description there can only be an unnamed source ("the photographer told us")."""
        if self._nobody_named is None:
            self._nobody_named = not self.people.people and not any(
                t.text[:1].isupper() and self.inside[t.i] < 0 and first_name_gender(t.text) for t in self.toks
            )
        return self._nobody_named

    def introduced_source(self, h: Token, phrase: str) -> Speaker:
        """A definite description that continues someone the article introduced with an indefinite article
        and no name ("we met an RSU councillor, who asked not to be named … '…,' the councillor explained"),
        or an epithet that is no office in an article that names nobody (``nobody_named``): that unnamed
        source, written as the article describes them - a source, not an office holder to find."""
        official = h.lower_ in TITLE_WORDS or h.lemma_.lower() in OFFICIAL_NOUNS
        return Speaker(phrase, "unnamed_official" if official else "anonymous", phrase)

    def previous_subject(self, h: Token) -> Person | None:
        """The one person named in the sentence just before, in the same paragraph, as its subject: "Captain
        Joe Mensah was less forgiving. '…,' the midfielder said" (the description continues the topic). None
        when that sentence names anyone else or someone is named in between."""
        sid = self.sent_id[h.i]
        lo = h.i
        while lo > 0 and self.sent_id[lo - 1] == sid:
            lo -= 1
        if lo == 0 or self.tok_para[lo - 1] != self.tok_para[h.i]:
            return None
        plo = lo - 1
        while plo > 0 and self.sent_id[plo - 1] == self.sent_id[lo - 1]:
            plo -= 1
        start, end = self.toks[plo].idx, h.idx
        named = [(at, p) for at, p in self.people._mentions if start <= at < end]
        named = [(at, p) for at, p in named if self.inside[self.tok_at(at)] < 0]
        if len({id(p) for _, p in named}) != 1 or named[-1][0] >= self.toks[lo].idx:
            return None
        t = self.toks[self.tok_at(named[0][0])]
        while t.dep_ in ("compound", "flat") and t.head is not t:
            t = t.head
        if t.dep_ == "appos":
            t = t.head
        return named[0][1] if t.dep_ in SUBJ else None

    def subject_before(self, h: Token) -> Person | None:
        """The person the sentence before an epithet's sentence is about, named as its subject: "Roe grew up
        in Leeds. '…,' the novelist said" or, when the epithet's sentence opens a paragraph, the last sentence
        of the paragraph before ("Roe runs a podcast. / The novelist said …"). A quote opening the sentence is
        stepped over, and the name may be one the NER missed (a surname the article gives in full). None when
        that sentence names anyone else, its subject is no name, or someone is named in between."""
        lo = h.i
        while lo > 0 and (self.sent_id[lo - 1] == self.sent_id[h.i] or self.inside[lo - 1] >= 0):
            lo -= 1  # back to the start of the sentence, and of a quote the parser split into sentences
        while lo > 0 and self.sent_id[lo - 1] == self.sent_id[lo]:
            lo -= 1
        if self.tok_para[lo] != self.tok_para[h.i]:
            return None
        return self.person_before(lo, h.i)

    def sentence_opens_paragraph(self, h: Token) -> bool:
        """True when the sentence holding ``h`` opens its paragraph (a quote opening it stepped over)."""
        lo = h.i
        while lo > 0 and (self.sent_id[lo - 1] == self.sent_id[h.i] or self.inside[lo - 1] >= 0):
            lo -= 1
        while lo > 0 and self.toks[lo - 1].is_space:
            lo -= 1
        return lo == 0 or self.tok_para[lo - 1] != self.tok_para[h.i]

    def person_before(self, lo: int, upto: int) -> Person | None:
        """The one person the sentence ending before token ``lo`` is about, named as its subject ("Roe grew up
        in Leeds", "His wife, Ana Roe, remembers it"), in ``lo``'s paragraph or ending the paragraph before
        when ``lo`` opens one; None when that sentence or the words up to ``upto`` name anyone else."""
        end = lo
        while end > 0 and self.toks[end - 1].is_space:
            end -= 1
        if end == 0:
            return None
        here, there = self.tok_para[lo], self.tok_para[end - 1]
        if there != here and there != self.prev_para(here):
            return None  # more than a paragraph away
        start = end - 1
        while start > 0 and self.sent_id[start - 1] == self.sent_id[end - 1]:
            start -= 1
        prev = self.toks[start:end]
        root = next((t for t in prev if t.dep_ == "ROOT"), None)
        subj = next((c for c in root.children if c.dep_ in SUBJ), None) if root is not None else None
        if subj is not None and subj.pos_ == "NOUN":
            # "His wife, Ana Roe, remembers …": the name in apposition to the subject
            subj = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if subj is None or subj.pos_ != "PROPN" or self.inside[subj.i] >= 0:
            return None
        first = subj
        while (
            first.i > start
            and self.toks[first.i - 1].dep_ in ("compound", "flat")
            and (self.toks[first.i - 1].head.i == subj.i)
        ):
            first = self.toks[first.i - 1]
        person = None
        for k in range(first.i, subj.i + 1):  # "Volunteer Ana Okafor": the name without the title before it
            person = self.people.resolve(self.doc[k : subj.i + 1].text, subj.idx)
            if person is not None:
                break
        if person is None:
            return None
        others = {
            id(p)
            for at, p in self.people._mentions
            if self.toks[start].idx <= at < self.toks[upto].idx and self.inside[self.tok_at(at)] < 0
        }
        if (
            others - {id(person)}
            or any(
                t.ent_type_ == "PERSON"
                and self.inside[t.i] < 0
                and t.text not in person.name.split()
                and not first.i <= t.i <= subj.i  # "Volunteer" tagged as part of the name
                for t in self.toks[start:upto]
            )
        ):
            return None
        return person

    def tied_people(self, lemma: str, before: int) -> list[Person]:
        """The named people the article ties the noun ``lemma`` to before token ``before``: "Maria Okafor, a
        teacher at Hill School", "the teacher, Maria Okafor", "Okafor is a teacher"."""
        found: list[Person] = []
        for t in self.toks[:before]:
            if t.lemma_.lower() != lemma or self.inside[t.i] >= 0 or t.pos_ != "NOUN":
                continue
            names = []
            if t.dep_ == "appos" and t.head.ent_type_ == "PERSON":
                names.append(t.head)
            names += [c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
            if t.dep_ == "attr":
                names += [c for c in t.head.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"]
            for n in names:
                person = self.people.at(n.idx, n.idx + len(n.text))
                if person is not None and person not in found:
                    found.append(person)
        return found

    def described_otherwise(self, person: Person, lemma: str, before: int) -> bool:
        """True when the article ties ``person`` to another person noun than ``lemma`` before token
        ``before`` and never to ``lemma``: "Her publicist, Lena Brandt, …" then "the singer said" - the
        singer is someone else than the publicist, whoever was named last."""
        nouns: set[str] = set()
        for t in self.toks[:before]:
            if t.pos_ != "NOUN" or self.inside[t.i] >= 0:
                continue
            names = [c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
            if t.dep_ == "appos" and t.head.ent_type_ == "PERSON":
                names.append(t.head)
            if t.dep_ == "attr":
                names += [c for c in t.head.children if c.dep_ == "nsubj" and c.ent_type_ == "PERSON"]
            lemma_t = t.lemma_.lower()
            person_noun = lemma_t in TITLE_WORDS or (
                lemma_t.endswith(PERSON_SUFFIXES) and lemma_t not in NOT_PEOPLE and lemma_t not in ORG_NOUNS
            )
            if person_noun and any(self.people.at(n.idx, n.idx + len(n.text)) is person for n in names):
                nouns.add(lemma_t)
        return bool(nouns) and lemma not in nouns

    def unresolved_role(self, h: Token, phrase: str) -> Speaker | None:
        """A definite description of one office holder ("the prime minister") the article ties to nobody:
        kept as written, never turned into a name; one the article introduced without a name is that unnamed
        source (``introduced_source``). Generic source nouns ("the spokesperson") are not offices
        and stay unnamed sources."""
        lower = h.lower_
        if lower in TITLE_WORDS and lower not in GENERIC_SOURCES and self.definite_singular(h):
            if self.unnamed_introduction(h) is not None:
                return self.introduced_source(h, phrase)  # "an RSU councillor …" "the RSU councillor said"
            return Speaker(phrase, UNRESOLVED, phrase)
        return None

    # ----------------------------------------------------------------- documents
    def document_issuer(self, h: Token, at: int, phrase: str) -> Speaker | None:
        """Who issued the document ``h`` stands for: written on the noun itself ("a statement from X", "X's
        letter", "police reports") or, for a definite "the statement", the last issuer the article gave a
        document of that kind before ``at``."""
        sp = self._issuer_on(h, at)
        if sp is None and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in h.lefts):
            lemma = h.lemma_.lower()
            # a court document goes by several names: "X filed a lawsuit" … "the complaint says"
            same = COURT_FILINGS if lemma in COURT_FILINGS else {lemma}
            headline = self.headline_para()
            for t in reversed(self.toks[: h.i]):
                if self.tok_para[t.i] == headline:
                    break  # "Schools sued over closures": a headline's verb has no subject to trust
                if t.lemma_.lower() in same and self.inside[t.i] < 0:
                    sp = self._issuer_on(t, t.idx) or self._issuer_around(t)
                    if sp is not None:
                        break
                elif lemma in IMPLIED_DOCUMENTS.get(t.lemma_.lower(), ()) and self.inside[t.i] < 0:
                    sp = self._verb_subject(t)  # "X sued the city" … "the lawsuit says"
                    if sp is not None:
                        break
        if sp is None:
            return None
        return Speaker(sp.name, sp.kind, phrase, sp.title, sp.person)

    def _named(self, t: Token) -> Speaker | None:
        if t.lemma_.lower() in DOCUMENT_NOUNS:
            return None
        sp = self.speaker_from(t, t.idx)  # type: ignore[attr-defined]
        if sp is not None and sp.name and sp.kind in ("person", "organisation"):
            return sp
        return None

    def _issuer_on(self, h: Token, at: int) -> Speaker | None:
        for c in h.children:
            if c.dep_ == "acl" and c.lemma_.lower() in ISSUER_VERBS:
                # "the report, published by the World Bank, said"
                by = next((a for a in c.children if a.dep_ == "agent"), None)
                obj = next((o for o in by.children if o.dep_ == "pobj"), None) if by is not None else None
                sp = self._named(obj) if obj is not None else None
                if sp is not None:
                    return sp
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and c.i > h.i:
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and (
                    obj.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")
                    or obj.pos_ == "PROPN"
                    or obj.lemma_.lower() in ORG_NOUNS
                    or obj.lower_ in TITLE_WORDS  # "a statement from the prime minister"
                ):
                    sp = self._named(obj)
                    if sp is not None:
                        return sp
            if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN"):
                sp = self._named(c)
                if sp is not None:
                    return sp
            if c.dep_ == "poss" and c.lower_ in ("his", "her", "their", "its"):
                # "Her suit says": whoever the possessive stands for, as a pronoun subject would
                sp = self._named(c)
                if sp is not None:
                    return sp
            if (
                c.dep_ == "compound"
                and c.i < h.i
                and (c.ent_type_ in ("ORG", "PERSON") or c.lower_ in ORG_NOUNS)
            ):
                sp = self._named(c)
                if sp is not None:
                    return sp
        return None

    def _issuer_around(self, t: Token) -> Speaker | None:
        """The issuer of an earlier mention: "X said in a statement", "X issued a statement"."""
        head = t.head
        if (
            t.dep_ == "pobj"
            and head.lower_ in ("in", "through", "via")
            and head.head.lemma_.lower() in (SPEECH_VERB)
        ):
            return self._verb_subject(head.head)
        if t.dep_ == "dobj" and head.lemma_.lower() in ISSUER_VERBS:
            return self._verb_subject(head)
        return None

    def _verb_subject(self, v: Token) -> Speaker | None:
        """The subject of the verb that issued a document. When the parser hangs two subjects on it (a
        dateline read as one: "RIVERTON, Ohio (AP) - The city sued …"), the one nearest the verb."""
        subj = max((c for c in v.children if c.dep_ == "nsubj"), key=lambda c: c.i, default=None)
        if subj is None and v.dep_ == "conj":
            subj = next((c for c in v.head.children if c.dep_ in ("nsubj",)), None)
        if subj is None or self.inside[subj.i] >= 0:
            return None
        return self._named(subj)

    # ----------------------------------------------------------------- junk
    def not_a_name(self, lo: int, hi: int) -> bool:
        """Capitalised words that are no person's name although the NER and the rules above missed that: a
        headline fragment with a verb in it ("Sues Rival Publisher"), a plural common noun ("Lawyers"), a
        single word the article also writes in lower case ("Law" … "the law")."""
        toks = self.toks[lo:hi]
        if any(t.pos_ in ("VERB", "AUX") or t.tag_ in ("VBZ", "VBD", "VBP") for t in toks):
            return True
        if (
            len(toks) > 1
            and not first_name_gender(toks[0].text)
            and sum(t.lower_ in self.lower_words for t in toks) >= 2
        ):
            return True  # "Group Sues Rival Publisher": words the article also writes as plain words
        if len(toks) == 1:
            t = toks[0]
            if t.tag_ in ("NNS", "NNPS") and t.ent_type_ != "PERSON":
                return True
            if t.ent_type_ != "PERSON" and t.lower_ in self.lower_words:
                return True
        return False
