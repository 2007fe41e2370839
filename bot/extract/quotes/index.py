"""The article as the quote rules see it: quote segments, paragraphs, tokens, which token lies inside which
quote, clause regions, the reporting verbs (cues) and their subjects, and the attributions seen so far."""

from __future__ import annotations

from bisect import bisect_right

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LOWER, ORTH, POS, SENT_START, TAG
from spacy.parts_of_speech import VERB
from spacy.tokens import Doc, Token

from bot.extract.extensions import doc_text
from bot.extract.marks import Segment, paragraphs, scan_cached
from bot.extract.people import PeopleIndex
from bot.extract.quotes.lexicon import (
    CUE_FORMS,
    DOCUMENT_NOUNS,
    DOCUMENT_PARTS,
    QUOTE_CUE,
    SUBJ,
    TERMINALS,
    Event,
    Speaker,
)

_COLUMNS = [IDX, SENT_START, ORTH, IS_PUNCT, IS_SPACE]
# verbs whose passive subject is the one heard or seen speaking: "is heard saying", "can be seen telling"
PERCEIVED = frozenset({"hear", "see", "film", "catch", "record", "show", "overhear", "video"})


class ArticleIndex:
    def __init__(self, doc: Doc, people: PeopleIndex):
        self.doc = doc
        self.text = doc_text(doc)
        self.people = people
        self.segments: tuple[Segment, ...] = scan_cached(self.text)
        self.paras = paragraphs(self.text)
        self.para_starts = [s for s, _ in self.paras]
        # ordinal of each line among the non-blank ones: distances in paragraphs ignore blank lines
        self.ordinal, n_ord = [], 0
        for s, e in self.paras:
            blank = not self.text[s:e].strip()
            self.ordinal.append(n_ord if not blank else n_ord - 1 if n_ord else 0)
            n_ord += 0 if blank else 1
        self.toks = list(doc)
        # per token, read once without making Token objects: offset, sentence start, text, punctuation, space
        starts, sent_start, orth, punct, space = doc.to_array(_COLUMNS).T.tolist() if len(doc) else ([],) * 5
        self.tok_starts: list[int] = starts
        self.ents = list(doc.ents)
        # index of the parsed sentence of each token
        self.sent_id: list[int] = []
        sid = 0
        for i, first in enumerate(sent_start):
            if first == 1 and i > 0:
                sid += 1
            self.sent_id.append(sid)
        self._acronyms: dict[str, str] | None = None
        self._company_forms: dict[str, str] | None = None
        n = len(doc)
        # which quote segment (index) each token is inside, marks included; -1 outside every quote
        self.inside = [-1] * n
        for k, seg in enumerate(self.segments):
            end = (seg.close_at + 1) if seg.close_at is not None else seg.end
            first = self.tok_at(seg.open_at)
            for i in range(first, n):
                if starts[i] >= end:
                    break
                if starts[i] + len(self.toks[i].text) > seg.open_at:
                    self.inside[i] = k
        # clause regions: broken at paragraph starts and at sentence-final punctuation outside quotes
        self.region = [0] * n
        self.tok_para = [0] * n
        r, prev_para, cut = 0, -1, False
        terminals = {doc.vocab.strings.add(x) for x in TERMINALS}
        p, n_paras = 0, len(self.para_starts)
        for i, start in enumerate(starts):
            while p + 1 < n_paras and self.para_starts[p + 1] <= start:
                p += 1  # para_of(start), in one walk: the offsets only grow
            if p != prev_para or cut:
                r += 1
            self.region[i] = r
            self.tok_para[i] = p
            prev_para = p
            cut = orth[i] in terminals and self.inside[i] < 0
        # each region is one run of tokens: its first and last token, so a quote's clause is found in one look
        self.region_span: dict[int, tuple[int, int]] = {}
        for i, reg in enumerate(self.region):
            lo_hi = self.region_span.get(reg)
            self.region_span[reg] = (i if lo_hi is None else lo_hi[0], i)
        # words_before[i]: how many word tokens (not punctuation, not space) come before token i
        self.words_before = [0] * (n + 1)
        for i in range(n):
            self.words_before[i + 1] = self.words_before[i] + (not punct[i] and not space[i])
        self.region_tokens: dict[int, list[int]] = {}
        for i in range(n):
            if self.inside[i] < 0 and not space[i]:
                self.region_tokens.setdefault(self.region[i], []).append(i)
        self.events: list[Event] = []
        self.cue_speaker: dict[int, tuple[Speaker | None, Token | None]] = {}

    # ----------------------------------------------------------------- positions
    def tok_at(self, char: int) -> int:
        return max(0, bisect_right(self.tok_starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect_right(self.para_starts, char) - 1)

    def ord_of(self, char: int) -> int:
        """Ordinal of the paragraph holding ``char`` among non-blank paragraphs."""
        return self.ordinal[self.para_of(char)]

    def prev_para(self, p: int) -> int | None:
        p -= 1
        while p >= 0:
            s, e = self.paras[p]
            if self.text[s:e].strip():
                return p
            p -= 1
        return None

    # ----------------------------------------------------------------- cues
    def cue_candidates(self) -> list[int]:
        """The tokens ``is_cue`` can accept, in order: outside quotes, and "according" or a verb (by part of
        speech or tag), read on the Doc's ids (``Doc.to_array``) so that the others need no Token."""
        doc = self.doc
        if not len(doc):
            return []
        strings = doc.vocab.strings
        verb_tag: dict[int, bool] = {}
        according: dict[int, bool] = {}
        out = []
        for i, (pos, tag, low) in enumerate(doc.to_array([POS, TAG, LOWER]).tolist()):
            if self.inside[i] >= 0:
                continue
            if tag not in verb_tag:
                verb_tag[tag] = strings[tag].startswith("VB")
            if low not in according:
                according[low] = strings[low] == "according"
            if pos == VERB or verb_tag[tag] or according[low]:
                out.append(i)
        return out

    def is_cue(self, t: Token) -> bool:
        if self.inside[t.i] >= 0:
            return False
        if t.lower_ == "according":
            return t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to"
        if not (t.pos_ == "VERB" or t.tag_.startswith("VB")):
            return False
        lemma = t.lemma_.lower()
        if lemma == "read":
            return self.document_read(t) is not None  # '"…," read a statement from the union'

        if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in t.children):
            return True  # "as Diaz put it", "that was how Diaz put it": the words are Diaz's
        if lemma == "go" and any(c.dep_ == "prt" and c.lower_ == "on" for c in t.children):
            return True  # "he went on: '…'", "the statement goes on": speech continued
        if lemma not in QUOTE_CUE and t.lower_ not in CUE_FORMS:
            return False  # (the written form too: the lemmatizer makes "texted" "texte")
        if lemma == "call" and t.i > 0 and self.doc[t.i - 1].lower_ in ("so", "so-"):
            return False
        return True

    def with_subject(self, cue: Token) -> Token | None:
        """The subject of an absolute clause, "…, with the mayor vowing '…'": the noun after "with" right
        before the -ing verb (the parser often hangs it on the main clause, whose subject said nothing)."""
        if cue.tag_ != "VBG" or cue.dep_ not in ("advcl", "acl", "pcomp") or cue.i < 2:
            return None
        for c in cue.head.children:
            if c.dep_ == "prep" and c.lower_ == "with" and c.i < cue.i:
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                gap = range(c.right_edge.i + 1, cue.i)
                if obj is not None and all(self.toks[k].is_punct for k in gap):
                    return obj
        return None

    def shared_subject(self, v: Token) -> Token | None:
        """The subject a coordinated verb shares with the verb before it, when the parser gave it only a
        "subject" after it: in "The two senators read the file and wrote the minister …" the minister is whom
        they wrote to, not who wrote."""
        if v.dep_ != "conj" or v.head.pos_ not in ("VERB", "AUX") or self.inside[v.i] >= 0:
            return None
        own = [c for c in v.children if c.dep_ in SUBJ]
        # not after a quote and its comma ('"…," said X'), where the subject does follow the verb
        after_quote = v.i >= 2 and self.toks[v.i - 1].text == "," and self.inside[v.i - 2] >= 0
        if not own or any(c.i < v.i for c in own) or after_quote:
            return None
        return next((c for c in v.head.children if c.dep_ == "nsubj" and c.i < v.head.i), None)

    def subject(self, cue: Token) -> Token | None:
        """The speaker token of a cue: its subject, the subject of the verb it hangs on, or the object of
        "according to"."""
        doc = self.doc
        if cue.lower_ == "according":
            to = doc[cue.i + 1]
            for c in to.children:
                if c.dep_ == "pobj":
                    return c
            return None
        if cue.lemma_.lower() == "read":
            return self.document_read(cue)
        by = next((c for c in cue.children if c.dep_ == "agent"), None) if cue.lemma_ == "ask" else None
        if by is not None or self.put_question(cue):
            # "When asked '…?', Lima said": the question is the interviewer's; "she was asked by X": X's
            return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if cue.i > 0 and (self.toks[cue.i - 1].text == "," or self.inside[cue.i - 1] >= 0):
            # '<claim>, said spokesperson Aldo Ferri': inverted, the subject after the verb is the speaker
            # even when the parse also made the claim's own subject a subject of "said"
            after = [c for c in cue.children if c.dep_ == "nsubj" and c.i > cue.i]
            if after and any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children):
                return after[0]
        absolute = self.with_subject(cue)
        if absolute is not None:
            return absolute
        agent = next((c for c in cue.children if c.dep_ == "agent"), None) if cue.tag_ == "VBN" else None
        if agent is not None and cue.lemma_ != "ask" and not any(c.dep_ in SUBJ for c in cue.children):
            # "As explained by the agency, a permit is 'a last resort'": a passive reporting verb's speaker is
            # its agent (the clause's own subject, "a permit", said nothing)
            by = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if by is not None:
                return by
        v = cue
        for _ in range(3):
            shared = self.shared_subject(v)
            if shared is not None:
                return shared
            subj = self.own_subject(v, came_up=v is not cue)
            if subj is not None:
                return subj
            if v.dep_ in ("conj", "xcomp", "advcl", "acl", "pcomp", "prep") and v.head is not v:
                v = v.head
                continue
            break
        # '"…," his sister, Lena Ortiz, posted on X': the verb misread as a participle modifying the speaker;
        # also with no comma when the noun phrase opens right after the closing mark and the parser hung it on
        # a verb inside the quote ('"… broke things," one angry user posted on a forum')
        if (
            cue.dep_ == "acl"
            and cue.tag_ in ("VBD", "VBN")
            and cue.head.pos_ in ("NOUN", "PROPN")
            and cue.i > 0
            and (
                self.toks[cue.i - 1].text == ","
                or self.after_quote_object(cue.head)
                # 'As one insider noted, "…"': read as the preposition "as" and a noun with a participle
                or cue.head.dep_ == "pobj"
                and cue.head.head.lower_ == "as"
                and cue.head.i + 1 == cue.i
            )
        ):
            return cue.head
        # "quoted as saying": subject of the passive verb
        if (
            cue.dep_ in ("pcomp", "advcl")
            and cue.head.lower_ in ("as",)
            and cue.head.head.lemma_.lower() == "quote"
        ):
            for c in cue.head.head.children:
                if c.dep_ == "nsubjpass":
                    return c
        return self.adjacent_subject(cue)

    def after_quote_object(self, n: Token) -> bool:
        """True for a noun phrase outside a quote, right after its closing mark, that the parser made an
        object of a verb inside the quote, or the root the quote hangs on: read as "<quote> <noun> <verb>",
        the noun is the one speaking."""
        lo = n.i
        while lo > 0 and self.inside[lo - 1] < 0 and not self.toks[lo - 1].is_punct and n.i - lo < 5:
            lo -= 1
        return (
            self.inside[n.i] < 0
            and lo > 0
            and self.inside[lo - 1] >= 0
            and (
                n.dep_ == "ROOT"
                or self.inside[n.head.i] >= 0
                and n.dep_ in ("dobj", "pobj", "npadvmod", "attr", "appos")
            )
        )

    def own_subject(self, v: Token, came_up: bool = False) -> Token | None:
        """The subject of verb ``v`` as the speaker. Three parse slips are mended here:
        - two subjects on one verb ("Following the gala, one held in Rome, Ada shared …": the parser hangs a
          fronted phrase's "one" on the verb too): the one nearest before the verb, the clause's own;
        - a vocative that closes the quote taken as the subject ('"… I love you, Tom," Ana told Tom'): the
          name outside the quote that the parser hung on it in apposition;
        - a passive verb of perception above the reporting verb ("the singer is heard saying", "she can be
          seen telling the crowd"): what is heard or seen speaking is the speaker (``came_up``: the reporting
          verb hangs on ``v``)."""
        subs = [
            c
            for c in v.children
            if c.dep_ == "nsubj"
            or c.dep_ == "nsubjpass"
            and (v.lemma_.lower() == "quote" or came_up and v.lemma_.lower() in PERCEIVED)
        ]
        if not subs:
            return None
        # not a bracketed alias of the first ("He [Mantashe] said": bracket_alias reads it from "He")
        before = [c for c in subs if c.i < v.i and self.toks[max(0, c.left_edge.i - 1)].text not in "[("]
        subj = before[-1] if len(before) > 1 else subs[0]
        if self.inside[subj.i] >= 0:
            outside = [
                c for c in subj.children if c.dep_ == "appos" and self.inside[c.i] < 0 and c.pos_ == "PROPN"
            ]
            return outside[0] if outside else subj
        return subj

    def headline_para(self) -> int | None:
        """The paragraph of the headline when the text starts with one: a first line of a few words with no
        closing punctuation, followed by more text."""
        first = next((k for k, (s, e) in enumerate(self.paras) if self.text[s:e].strip()), None)
        if first is None:
            return None
        s, e = self.paras[first]
        line = self.text[s:e].strip().rstrip("\"'\u201d\u2019")
        rest = self.text[e:].strip()
        if not rest or not line or len(line) > 200 or line[-1] in ".!?:;,\u2026" or len(line.split()) > 20:
            return None
        return first

    def document_read(self, verb: Token) -> Token | None:
        """The document that "reads" a quote: '"…," read a statement from X', 'the sign read: "…"'."""
        for c in verb.children:
            if c.dep_ in ("nsubj", "dobj") and self.inside[c.i] < 0:
                c = self.document_of_part(c) or c
                if c.lemma_.lower() in DOCUMENT_NOUNS:
                    return c
        return None

    def document_of_part(self, t: Token) -> Token | None:
        """The document a piece of it stands for: "the first paragraph of the complaint reads", "a line in
        the letter says" - the document speaks. None for any other noun."""
        if t.lemma_.lower() not in DOCUMENT_PARTS:
            return None
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in", "from"):
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in DOCUMENT_NOUNS and self.inside[obj.i] < 0:
                    return obj
        return None

    def put_question(self, cue: Token) -> bool:
        """ "asked" with no asker as its subject ("When asked …", "Asked whether …", "she was asked by a
        reporter"): the words it carries are the interviewer's question, not the answer of the clause it
        hangs on."""
        return (
            cue.lemma_.lower() == "ask"
            and (cue.tag_ == "VBN" or cue.dep_ in ("advcl", "acl", "pcomp"))
            and not any(c.dep_ == "nsubj" for c in cue.children)
        )  # "Okafor was asked: '…?'" too: the one asked is not the one asking

    def adjacent_subject(self, cue: Token) -> Token | None:
        """C4: a name or noun right next to the cue when the parse gives it no subject (inversion, bad
        parse)."""
        doc = self.doc
        i = cue.i + 1
        if (
            i < len(doc)
            and self.inside[i] < 0
            and doc[i].pos_ in ("PROPN", "NOUN")
            and cue.i > 0
            and (self.inside[cue.i - 1] >= 0 or doc[cue.i - 1].text == ",")
            and not self.addressee(cue, doc[i])
        ):
            j = i
            while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and self.inside[j + 1] < 0:
                j += 1
            return doc[j]
        i = cue.i - 1
        if i >= 0 and self.inside[i] < 0 and doc[i].pos_ in ("PROPN",):
            return doc[i]
        return None

    def addressee(self, cue: Token, t: Token) -> bool:
        """The object of the cue, not its speaker: '"…," told volunteers and soldiers' (the people told), a
        common noun the parse makes the object ('"…," said the Lord Mayor' keeps its name: a proper noun)."""
        if t.head.i != cue.i or t.dep_ not in ("dobj", "dative", "iobj"):
            return False
        return cue.lemma_.lower() == "tell" or t.pos_ == "NOUN" and t.tag_ in ("NNS",)

    def mid_sentence(self, i: int) -> bool:
        """True when token ``i`` does not start a sentence (a capital there is not a sentence capital)."""
        j = i - 1
        while j >= 0 and self.toks[j].text in ('"', "'", "\u201d", "\u2019", "\u201c", "\u2018"):
            if self.toks[j].text in ("\u201c", "\u2018"):
                return False
            j -= 1
        if j < 0:
            return False
        t = self.toks[j]
        return not (t.is_space or t.text in TERMINALS or "\n" in t.whitespace_)

    def last_event(self, at: int, ok, max_paras: int = 1) -> Event | None:
        para = self.ord_of(at)
        for ev in reversed(self.events):
            if ev.at >= at:
                continue
            if ev.para < para - max_paras:
                return None
            if ok(ev.speaker):
                return ev
        return None

    def add_event(self, at: int, speaker: Speaker) -> None:
        ev = Event(at, self.ord_of(at), speaker)
        k = len(self.events)
        while k > 0 and self.events[k - 1].at > at:
            k -= 1
        self.events.insert(k, ev)

    def sentence_at(self, i: int) -> str:
        sid = self.sent_id[i]
        lo, hi = i, i
        while lo > 0 and self.sent_id[lo - 1] == sid:
            lo -= 1
        while hi + 1 < len(self.toks) and self.sent_id[hi + 1] == sid:
            hi += 1
        return self.tokens_text(lo, hi)

    def sentence_of(self, seg: Segment) -> str:
        doc = self.doc
        i = self.tok_at(seg.open_at)
        lo, hi = self.region_span[self.region[i]]
        # 'Roe told reporters the plan was "costly but overdue." Roe said …': the writer's sentence ends with
        # the quoted words' full stop when words come before the quote and a capital follows its closing mark
        if seg.close_at is not None and self.text[seg.start : seg.end].rstrip()[-1:] in TERMINALS:
            close = self.tok_at(seg.close_at)
            nxt = close + 1
            while nxt <= hi and doc[nxt].is_space:
                nxt += 1
            if nxt <= hi and doc[nxt].text[:1].isupper() and self.words_before[i] > self.words_before[lo]:
                hi = close
        return self.tokens_text(lo, hi)

    def tokens_text(self, lo: int, hi: int) -> str:
        """The text from token ``lo`` to token ``hi``, both included, stripped; sliced from the article's
        characters rather than joined token by token."""
        last = self.toks[hi]
        return self.text[self.toks[lo].idx : last.idx + len(last.text)].strip()
