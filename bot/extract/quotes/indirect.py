"""Reported speech: the clause a named person's speech verb governs ("Wike said that the story is false"),
added as an ``indirect`` quote when no quote marks carry it."""

from __future__ import annotations

from bot.extract.quotes.index import ArticleIndex
from bot.extract.quotes.lexicon import SPEECH_VERB
from bot.models import Quote


class Indirect(ArticleIndex):
    # ----------------------------------------------------------------- reported speech
    def indirect(self, quotes: list[Quote]) -> list[Quote]:
        doc = self.doc
        out = []
        for i, (sp, _h) in self.cue_speaker.items():
            if sp is None or sp.kind != "person" or not sp.name:
                continue
            cue = doc[i]
            if cue.lemma_.lower() not in SPEECH_VERB:
                continue
            comp = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i), None)
            if comp is None:
                continue
            toks = list(comp.subtree)
            lo, hi = toks[0].i, toks[-1].i
            # a clause that holds a whole quote is direct speech; one holding a few quoted words stays
            # indirect
            if any(
                q.kind == "direct" and doc[lo].idx <= q.start < doc[hi].idx + len(doc[hi]) for q in quotes
            ):
                continue
            if self.inside[lo] >= 0 and self.segments[self.inside[lo]].start <= doc[lo].idx:
                continue
            if self.tok_para[lo] != self.tok_para[hi]:
                continue
            while lo <= hi and (doc[lo].is_punct or doc[lo].lower_ == "that"):
                lo += 1
            if doc[lo].dep_ == "mark" or doc[lo].lower_ in ("if", "whether", "unless", "when", "because"):
                continue  # a condition or a question, not a reported claim
            while hi >= lo and (doc[hi].is_punct or doc[hi].pos_ == "CCONJ") and self.inside[hi] < 0:
                hi -= 1
            if hi - lo < 3:
                continue
            start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
            out.append(
                Quote(
                    text=self.text[start:end],
                    start=start,
                    end=end,
                    kind="indirect",
                    speaker=sp.name,
                    speaker_title=sp.title,
                    speaker_kind="person",
                    speaker_text=sp.text,
                    sentence=self.sentence_at(lo),
                    cue=cue.text,
                    rule="C1",
                )
            )
        return out
