"""The attribution cascade C1-C5: which reporting verb, layout or neighbouring attribution gives a quote its
speaker (see the package docstring)."""

from __future__ import annotations

from spacy.tokens import Token

from bot.extract.marks import Segment
from bot.extract.quotes.descriptions import UNRESOLVED
from bot.extract.quotes.lexicon import (
    CLAIM_NOUNS,
    CUE_FORMS,
    DASHES,
    NOUN_CUE,
    PRONOUN_GENDER,
    SPEECH_VERB,
    SUBJ,
    Speaker,
)
from bot.extract.quotes.pronouns import Pronouns
from bot.extract.quotes.speakers import Speakers


class Attribution(Speakers, Pronouns):
    # ----------------------------------------------------------------- pass 1: every cue and its speaker
    def collect_cues(self) -> None:
        headline = self.headline_para()
        for i in self.cue_candidates():  # the tokens is_cue can accept, read on the Doc's ids
            t = self.toks[i]
            if self.tok_para[t.i] == headline:
                continue  # "Harbor Group Sues Rival, Says …": a headline's words are nobody's attribution
            if not self.is_cue(t):
                continue
            h = self.subject(t)
            sp = self.speaker_from(h, t.idx, t) if h is not None else None
            self.cue_speaker[t.i] = (sp, h)
            if sp is not None and sp.name and not self.embedded(t):
                self.add_event(t.idx, sp)

    def embedded(self, cue: Token) -> bool:
        """True for a reporting verb inside what another speaker reports ("X said Y admitted the crime"): Y is
        reported on, not the source, and does not become the antecedent of the next "he said"."""
        return self.embedding_cue(cue) is not None

    def embedding_cue(self, cue: Token) -> int | None:
        """The speech verb whose reported clause holds ``cue`` ("said" in "X said Y admitted …"), if any."""
        a = cue
        for _ in range(4):
            if a.dep_ not in ("ccomp", "conj", "xcomp") or a.head is a:
                return None
            a = a.head
            if a.i in self.cue_speaker and a.i < cue.i and a.lemma_.lower() in SPEECH_VERB:
                return a.i
        return None

    def embedded_elsewhere(self, cue: Token, sent: int) -> bool:
        """True for a cue in another sentence than the quote that is no main verb there but hangs under a
        verb of another kind: '"… You are the father." The zoo mimicked the show by sharing a photo' -
        sharing a photo is not saying the quote; nor is a verb with an infinitive ("agreed to pay")."""
        if self.sent_id[cue.i] == sent:
            return False
        if any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts) for c in cue.children):
            return True  # '"…" The council later agreed to pay for repairs': a decision, not a reply
        if cue.dep_ in ("ROOT", "parataxis"):
            return False  # a main verb, or an inserted "…, he says" the parser hangs on the clause beside it
        if cue.head.lemma_ == "be" and any(c.lower_ == "how" and c.tag_ == "WRB" for c in cue.children):
            return False  # '"…" That was how Diaz put it.': the copula points back at the quote
        a = cue
        while a.dep_ != "ROOT" and a.head is not a:
            a = a.head
            if a.lemma_.lower() in SPEECH_VERB or a.i in self.cue_speaker:
                return False
        return True

    def what_was_said(self, cue: Token) -> bool:
        """True for a speech verb in a free relative, "what the tenants have said": the words are talked
        about, and a quote hanging on it belongs to whoever judges them ("Ruiz called what the tenants
        said 'a fantasy'"), found further up the parse. Nor does a free relative next to a quote attribute
        it ("This matches what residents told us"), unless a copula makes it the quote's ("'…' is what Lee
        said")."""
        if cue.lemma_.lower() not in SPEECH_VERB:
            return False  # "what he called a 'fair' budget": naming verbs quote their subject's own words
        return any(c.tag_ == "WP" and c.lower_ == "what" and c.i < cue.i for c in cue.children)

    def claim_owner(self, noun: Token, came: Token) -> Speaker | None:
        """The owner of a claim a partial quote sits in: 'Roe cannot confirm Lee's claim that the board failed
        to "keep its promises"' - the words are Lee's, not those of whoever reports on the claim. The claim
        is the noun the quote's clause hangs on, its owner a possessor or a "by" phrase naming someone."""
        if (
            came.dep_ not in ("acl", "ccomp")
            or noun.pos_ != "NOUN"
            or noun.lemma_.lower() not in CLAIM_NOUNS
            or self.inside[noun.i] >= 0
        ):
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                owners += [o for o in c.children if o.dep_ == "pobj"]
        for o in owners:
            sp = self.speaker_from(o, o.idx)
            if sp is not None and sp.name and sp.kind in ("person", "organisation"):
                return sp
        return None

    def attribute(
        self, k: int, seg: Segment, partial: bool = False
    ) -> tuple[Speaker, str | None, str] | None:
        """C1-C4 for one segment: (speaker, cue, rule) or None."""
        doc = self.doc
        open_i = self.tok_at(seg.open_at)
        close_i = self.tok_at(seg.close_at) if seg.close_at is not None else open_i
        r = self.region[open_i]
        outside = self.region_tokens.get(r, [])
        cues = [i for i in outside if i in self.cue_speaker]
        # C1a: a cue the quote hangs on in the parse
        inner = [i for i in range(open_i, min(len(doc), close_i + 1)) if self.inside[i] == k]
        order: list[int] = []
        blocked: set[int] = set()
        for i in inner:
            t = self.toks[i]
            if t.head.i != i and self.inside[t.head.i] == k:
                continue
            a, via_advcl = t, False
            for _ in range(6):
                if a.head is a:
                    break
                via_advcl = via_advcl or (a.dep_ == "advcl" and a.i < a.head.i)
                came, a = a, a.head
                owner = self.claim_owner(a, came) if partial else None
                if owner is not None:
                    return (owner, a.text, "C1")
                if a.i in self.cue_speaker and self.region[a.i] == r and not self.what_was_said(a):
                    if partial and via_advcl:
                        blocked.add(a.i)  # "While X were 'in the clear', Y urged": not Y's words
                    elif a.i not in order:
                        order.append(a.i)
                    break
        if any(self.put_question(doc[i]) and self.cue_speaker[i][0] is None for i in order):
            return None  # an interviewer's question with no interviewer named: nobody in the clause asked it
        # C1b: the nearest cue of the clause (for a partial quote, only in the same parsed sentence)
        sent = self.sent_id[open_i]
        order += sorted(
            (
                i
                for i in cues
                if i not in order
                and i not in blocked
                and (not partial or self.sent_id[i] == sent)
                and not (self.what_was_said(doc[i]) and doc[i].head.lemma_ != "be")
                and not self.embedded_elsewhere(doc[i], sent)
            ),
            key=lambda i: min(abs(i - open_i), abs(i - close_i)),
        )
        for i in order:
            sp, _h = self.cue_speaker[i]
            if sp is not None and sp.kind == "unresolved_pronoun" and partial:
                # 'Marsh said they had agreed to "all the money terms"': words quoted inside what a named
                # speaker reports, under a verb whose own subject is unclear, are the reporting speaker's
                outer = self.embedding_cue(doc[i])
                if (
                    outer is not None
                    and self.cue_speaker[outer][0] is not None
                    and self.cue_speaker[outer][0].name
                ):
                    i, sp = outer, self.cue_speaker[outer][0]
            if sp is not None and (sp.name or sp.kind in ("unresolved_pronoun", UNRESOLVED)):
                cue = "according to" if doc[i].lower_ == "according" else doc[i].text
                rule = "C2" if cue == "according to" else "C1"
                return (sp, cue, rule)
        # C4: '…," Solheim stresses' when the tagger took the verb for a noun
        if seg.close_at is not None:
            after = [i for i in outside if i > close_i][:5]
            while after and doc[after[0]].text == ",":
                after = after[1:]
            sp = self.surface_pattern(after)
            if sp is not None:
                return sp
        # and between the two halves of a split quote: '"…," Solheim stresses, "…"'
        between = [i for i in outside if i < open_i][-5:]
        while between and doc[between[-1]].text in (",", ":"):
            between = between[:-1]
        if between and between[0] > 0 and self.inside[between[0] - 1] >= 0 and len(between) <= 4:
            sp = self.surface_pattern(between)
            if sp is not None:
                return sp
        # C3: "X: '…'" on one line, "'…' - X", or a paragraph ending in a colon before a quote paragraph
        if open_i > 0 and doc[open_i - 1].text == ":" and self.inside[open_i - 1] < 0:
            j = open_i - 2
            if (
                j >= 0
                and self.inside[j] < 0
                and (doc[j].pos_ == "PROPN" or doc[j].ent_type_ in ("PERSON", "ORG"))
                and doc[j].lower_ not in NOUN_CUE
                # a label ("Smith: '…'"), not the end of a clause ("Clinton weighed in on Twitter: '…'")
                and not any(doc[i].pos_ in ("VERB", "AUX") for i in outside if i < j)
            ):
                sp = self.speaker_from(doc[j], doc[j].idx)
                if sp is not None and sp.name:
                    return (sp, ":", "C3")
            sp = self.colon_subject(open_i - 1)
            if sp is not None:
                return (sp, ":", "C3")
        if seg.close_at is not None:
            j = close_i + 1
            while j < len(doc) and doc[j].text in (",",):
                j += 1
            if j + 1 < len(doc) and doc[j].text in DASHES and self.tok_para[j + 1] == seg.para:
                m = j + 1
                while m + 1 < len(doc) and doc[m + 1].pos_ == "PROPN" and self.tok_para[m + 1] == seg.para:
                    m += 1
                if doc[m].pos_ == "PROPN" or doc[m].ent_type_ == "PERSON":
                    sp = self.speaker_from(doc[m], doc[m].idx)
                    if sp is not None and sp.name:
                        return (sp, doc[j].text, "C3")
        rest = [i for i in outside if i > close_i and not doc[i].is_punct]
        if (
            seg.close_at is not None
            and 1 <= len(rest) <= 3
            and not [i for i in outside if i < open_i and not doc[i].is_punct]
        ):
            h = doc[rest[-1]]
            if (
                h.pos_ in ("PRON", "PROPN")
                and doc[rest[0]].text[:1] != doc[rest[0]].text[:1].lower()
                or h.lower_ in PRONOUN_GENDER
            ):
                sp = self.speaker_from(h, h.idx)
                if sp is not None and sp.name:
                    return (sp, None, "C4")
        ps, _pe = self.paras[seg.para]
        if not self.text[ps : seg.open_at].strip():
            pp = self.prev_para(seg.para)
            if pp is not None:
                s, e = self.paras[pp]
                if self.text[s:e].rstrip().endswith(":"):
                    ev = self.last_event(e, lambda sp: True, max_paras=0)
                    if ev is not None and ev.para == self.ordinal[pp]:
                        return (ev.speaker, ":", "C3")
                    colon = self.tok_at(self.text.rindex(":", s, e))
                    sp = self.colon_subject(colon)
                    if sp is not None:
                        return (sp, ":", "C3")
        return None

    def surface_pattern(self, after: list[int]) -> tuple[Speaker, str | None, str] | None:
        """NAME CUE or CUE NAME right after a closing mark, read on the words, not the parse."""
        toks = self.toks
        if len(after) < 2:
            return None
        names = []
        k = 0
        while (
            k < len(after) and k < 3 and toks[after[k]].text[:1].isupper() and toks[after[k]].pos_ != "PRON"
        ):
            names.append(after[k])
            k += 1
        if names and k < len(after) and toks[after[k]].lower_ in CUE_FORMS:
            h = toks[names[-1]]
            sp = self.speaker_from(h, h.idx)
            if sp is not None and sp.name:
                return (sp, toks[after[k]].text, "C4")
        if toks[after[0]].lower_ in CUE_FORMS and toks[after[1]].text[:1].isupper():
            k = 1
            while k + 1 < len(after) and toks[after[k + 1]].text[:1].isupper():
                k += 1
            h = toks[after[k]]
            sp = self.speaker_from(h, h.idx)
            if sp is not None and sp.name:
                return (sp, toks[after[0]].text, "C4")
        return None

    def colon_subject(self, colon: int) -> Speaker | None:
        """The speaker of a clause ending in a colon before a quote: "Smith was blunt:", "From Cllr Lee:"."""
        r = self.region[colon]
        before = [i for i in self.region_tokens.get(r, []) if i < colon]
        if not before or colon - before[0] > 40:
            return None
        for i in reversed(before):
            t = self.toks[i]
            if (
                t.dep_ in SUBJ
                and t.head.i < colon
                and (t.head.dep_ == "ROOT" or t.head.i == self.toks[colon].head.i)
            ):
                sp = self.speaker_from(t, t.idx)
                if sp is not None and sp.name and sp.kind in ("person", "organisation", "unnamed_official"):
                    return sp
        for i in reversed(before):
            t = self.toks[i]
            if t.ent_type_ == "PERSON":
                sp = self.speaker_from(t, t.idx)
                if sp is not None and sp.name and sp.kind == "person":
                    return sp
        return None

    def alone_in_sentence(self, seg: Segment) -> bool:
        """True when the parsed sentence holding the quote has nothing of its own outside the marks but a
        connector: 'However, "there were still open issues."' continues the speaker before."""
        i = self.tok_at(seg.open_at)
        sid = self.sent_id[i]
        lo, hi = i, i
        while lo > 0 and self.sent_id[lo - 1] == sid:
            lo -= 1
        while hi + 1 < len(self.toks) and self.sent_id[hi + 1] == sid:
            hi += 1
        for t in self.toks[lo : hi + 1]:
            if self.inside[t.i] >= 0 or t.is_punct or t.is_space:
                continue
            if t.pos_ in ("ADV", "CCONJ", "INTJ") and t.dep_ in ("advmod", "cc", "intj", "discourse"):
                continue
            return False
        return True

    def floating(self, seg: Segment) -> tuple[Speaker, str | None, str] | None:
        """C5: a quote paragraph (or a quote-only sentence) with no cue takes the previous speaker."""
        ps, _ = self.paras[seg.para]
        r = self.region[self.tok_at(seg.open_at)]
        alone = not [i for i in self.region_tokens.get(r, []) if not self.doc[i].is_punct]
        if not alone and not self.alone_in_sentence(seg):
            return None
        starts_para = not self.text[ps : seg.open_at].strip()
        ev = self.last_event(seg.open_at, lambda s: bool(s.name), max_paras=1)
        here = self.ordinal[seg.para]
        if ev is not None and (ev.para == here or starts_para and ev.para == here - 1):
            return (ev.speaker, None, "C5")
        # nobody spoke just before: the one person the sentence before is about ("Ana Roe remembers the night
        # well. '…'"), in this paragraph or ending the one before when the quote opens a paragraph
        lo = self.tok_at(seg.open_at)
        while lo > 0 and self.sent_id[lo - 1] == self.sent_id[lo] and self.inside[lo - 1] < 0:
            lo -= 1
        body = self.text[seg.start : seg.end].rstrip(" \u201d\"'")
        if ev is not None and ev.at >= self.toks[lo].idx or body.endswith("?"):
            return None  # someone spoke in between; a question may be the interviewer's
        person = self.person_before(lo, lo)
        if person is None:
            return None
        return (Speaker(person.name, "person", person.name, person.title or None, person), None, "C5")
