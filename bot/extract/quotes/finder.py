"""One article's quotes: each segment filtered, classed, attributed; then reported speech added, ranked."""

from __future__ import annotations

from bot.extract.quotes.attribution import Attribution
from bot.extract.quotes.descriptions import UNRESOLVED
from bot.extract.quotes.filters import Filters
from bot.extract.quotes.indirect import Indirect
from bot.extract.quotes.lexicon import WORD
from bot.extract.quotes.rank import dedupe, rank
from bot.models import Quote

# verbs by which the writer says whom they interviewed ("I spoke with X", "we sat down with X")
INTERVIEW_VERBS = frozenset({"speak", "talk", "interview", "sit", "chat"})


class QuoteFinder(Attribution, Filters, Indirect):
    """Finds one article's quotes: the index, filters, attribution and reported speech mixed together."""

    # ----------------------------------------------------------------- pass 2: quotes
    def run(self) -> list[Quote]:
        self.collect_cues()
        groups: dict[int, list[int]] = {}
        for k, seg in enumerate(self.segments):
            groups.setdefault(seg.group, []).append(k)
        quotes: list[Quote] = []
        for g in sorted(groups, key=lambda g: self.segments[groups[g][0]].open_at):
            quotes.extend(self.quote_group(groups[g]))
        quotes = dedupe(quotes)
        self.interview_answers(quotes)
        quotes.extend(self.indirect(quotes))
        quotes.sort(key=lambda q: q.start)
        rank(quotes)
        return quotes

    def interview_answers(self, quotes: list[Quote]) -> None:
        """C7, an interview written up as answers: "I spoke with Neil Cohen, head of …, about …" and then
        quote paragraphs with no reporting verb at all. Those paragraphs are the interviewee's, when the
        writer names exactly one person they spoke with and nobody else is quoted by name."""
        person = self.interviewee()
        if person is None:
            return
        if any(q.speaker and q.speaker_kind == "person" and q.speaker != person.name for q in quotes):
            return
        for q in quotes:
            body = q.text.rstrip(" \u201d\"'")
            if body.endswith("?") and not any(c in body[:-1] for c in ".!?"):
                continue  # a one-sentence question in quote marks may be the interviewer's own
            if q.rule == "C6" and q.speaker is None and q.kind == "direct" and self.opens_paragraph(q.start):
                q.speaker, q.speaker_kind, q.speaker_text = person.name, "person", person.name
                q.speaker_title, q.rule = person.title or None, "C7"

    def opens_paragraph(self, start: int) -> bool:
        s, _e = self.paras[self.para_of(start)]
        return not self.text[s:start].strip(" \t\u201c\"'\u2018")

    def interviewee(self):  # noqa: ANN201 - a Person or None
        """The one person the writer says they spoke with: "I spoke with X", "we talked to X", "I
        interviewed X" (a first-person subject; the person as object or after "with"/"to")."""
        found = {}
        for t in self.toks:
            if t.lemma_.lower() not in INTERVIEW_VERBS or self.inside[t.i] >= 0:
                continue
            if not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children):
                continue
            objs = [c for c in t.children if c.dep_ == "dobj"]
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ("with", "to"):
                    objs += [o for o in c.children if o.dep_ == "pobj"]
            for o in objs:
                if o.ent_type_ == "PERSON":
                    p = self.people.at(o.idx, o.idx + len(o.text))
                    if p is not None:
                        found[id(p)] = p
        return next(iter(found.values())) if len(found) == 1 else None

    def quote_group(self, ks: list[int]) -> list[Quote]:
        segs = [self.segments[k] for k in ks]
        keep = []
        for k, seg in zip(ks, segs, strict=True):
            if seg.close_at is not None and len(segs) == 1:
                if self.filtered(k, seg):
                    continue
            keep.append((k, seg))
        if not keep:
            return []
        attributed = None
        kinds = ["direct" if len(keep) > 1 else self.kind_of(seg) for _k, seg in keep]
        for (k, seg), kind in zip(keep, kinds, strict=True):
            attributed = self.attribute(k, seg, kind == "partial")
            if attributed is not None:
                break
        if attributed is None and len(keep) > 1:
            attributed = self.floating(keep[0][1])
        out = []
        for n, (_k, seg) in enumerate(keep):
            if attributed is None and n == 0:
                attributed = self.floating(seg)
            speaker, cue, rule = attributed if attributed else (None, None, "C6")
            kind = kinds[n]
            qtext = self.text[seg.start : seg.end]
            words = len(WORD.findall(qtext))
            if seg.unclosed and speaker is None:
                continue
            if kind == "partial" and (speaker is None or (rule == "C5" and not self.alone_in_sentence(seg))):
                continue  # a partial quote inherits a speaker only as a sentence of its own ('But "…"')
            if words < 4 and (speaker is None or rule in ("C5", "C6")):
                continue
            # an unresolved description names nobody: no speaker, the article's words kept as written (the
            # rules carry it as a name so that "she added" and a following quote paragraph stay with it)
            unresolved = speaker is not None and speaker.kind == UNRESOLVED
            q = Quote(
                text=qtext,
                start=seg.start,
                end=seg.end,
                kind=kind,
                speaker=speaker.name if speaker and not unresolved else None,
                speaker_title=speaker.title if speaker else None,
                speaker_kind=speaker.kind if speaker else "none",  # type: ignore[arg-type]
                speaker_text=(speaker.name if unresolved else speaker.text) if speaker else None,
                sentence=self.sentence_of(seg),
                cue=cue,
                rule=rule,
                inherited=(rule == "C5"),
            )
            out.append(q)
            if speaker is not None and speaker.name:
                self.add_event(seg.end, speaker)
        return out
