"""Where a quote is cut: which marked spans are not speech (headlines, titles of works, labels, scare quotes:
S1-S4) and whether a span is a whole ``direct`` quote or a ``partial`` one inside the writer's sentence."""

from __future__ import annotations

from bot.extract.marks import Segment, looks_like_title
from bot.extract.quotes.index import ArticleIndex
from bot.extract.quotes.lexicon import (
    CLAUSE_END,
    CUE_FORMS,
    LABEL_NOUNS,
    LABEL_WORDS,
    LAST_WORD,
    TERMINALS,
    WORD,
)


class Filters(ArticleIndex):
    def filtered(self, k: int, seg: Segment) -> bool:
        """S1-S4 and headlines: True when the marked words are not speech."""
        doc, text = self.doc, self.text
        qtext = text[seg.start : seg.end]
        if looks_like_title(qtext):
            return True
        ps, pe = self.paras[seg.para]
        para = text[ps:pe].rstrip()
        # a headline or subhead: no sentence-final punctuation and no reporting verb outside the marks
        last = para.rstrip("\"'\u201d\u2019\u00bb ")
        if para and (not last or last[-1] not in ".!?:;,\u2026") and len(para) < 250:
            if self.ordinal[seg.para] == 0 and qtext.rstrip()[-1:] not in ".!?\u2026":
                return True  # the first line of the text, unpunctuated: the headline
            toks = []
            for i in range(self.tok_at(ps), len(doc)):
                if self.toks[i].idx >= pe:
                    break
                toks.append(self.toks[i])
            cues = [t for t in toks if self.is_cue(t)]
            if qtext.rstrip()[-1:] not in CLAUSE_END and not cues:
                return True
            if cues and len(para) < 160 and all(t.tag_ == "VBZ" for t in cues) and self.toks[0].idx < ps:
                # "'We will not back down,' says minister": headline style, present tense, no full stop
                # (not at the very start of a pasted passage, which may be a quote with its full stop lost)
                return True
        # a label: so-called "…", the show '…'
        i = self.tok_at(seg.open_at) - 1
        m = LAST_WORD.search(text, max(0, seg.open_at - 40), seg.open_at)
        if m and m.group(1).lower() in LABEL_WORDS:
            return True
        for j in range(i, max(-1, i - 3), -1):
            t = doc[j]
            if t.text in TERMINALS:
                break  # "… on its website. 'We …'": the noun ends the sentence before, it labels nothing
            if t.is_punct and t.text not in ("-",):
                continue
            if t.lower_ in LABEL_WORDS or (t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in LABEL_NOUNS):
                return True
            if t.lower_ == "as" and j > 0 and doc[j - 1].lower_ == "known":
                return True
            break
        # a noun modifier: the "woke" agenda
        words = len(WORD.findall(qtext))
        if words == 1 and self.toks[self.tok_at(seg.start)].is_stop:
            return True  # "in" or "out": a term, not speech
        if words <= 3 and seg.close_at is not None:
            before = doc[i] if i >= 0 else None
            after_i = self.tok_at(seg.close_at) + 1
            after = doc[after_i] if after_i < len(doc) else None
            if (
                before is not None
                and before.pos_ in ("DET", "PRON")
                and before.dep_ in ("det", "poss")
                and after is not None
                and after.pos_ in ("NOUN", "PROPN")
                and self.inside[after.i] < 0
            ):
                # a scare quote on one word; several words keep their quote when a reporting verb carries
                # them:
                # what he called a "tough but fair" budget
                sid = self.sent_id[after.i]
                cued = any(
                    self.sent_id[j] == sid and self.inside[j] < 0 and self.is_cue(self.toks[j])
                    for j in range(max(0, i - 30), min(len(doc), after.i + 30))
                )
                if words == 1 or not cued:
                    return True
        return False

    def kind_of(self, seg: Segment) -> str:
        text = self.text
        ps = self.paras[seg.para][0]
        before = text[ps : seg.open_at].rstrip()
        first = text[seg.start : seg.start + 1]
        if not before or before[-1] in ".!?:\u2026":
            return "direct"
        if before[-1] in ("-", "\u2013", "\u2014", "(", "[") or before[-1] in "\u201d\"\u2019'":
            return "direct" if first.isupper() else "partial"
        if before[-1] == "," and first.isupper():
            return "direct"
        if first.isupper():
            prev = self.doc[self.tok_at(seg.open_at) - 1] if self.tok_at(seg.open_at) > 0 else None
            if prev is not None and self.is_cue(prev):
                return "direct"
        if before[-1] == "," and seg.close_at is not None:
            # "…," she said, "and more." : the second part of a split quote
            after_prev = text[: seg.open_at].rstrip()[:-1].rstrip()
            words = after_prev.split()
            if words and words[-1].lower().strip(".,") in CUE_FORMS:
                return "direct"
        return "partial"
