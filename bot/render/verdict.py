"""What a story stands on, in one or two lines at the top of the reply: who is on the record, how many
unnamed sources there are and how many give no reason, and the claims that rest on unnamed sources.

Everything comes from the Extraction's values (speakers and their kinds, officials, anonymous sources,
quotes); nothing here reads the article's wording beyond the source's own evidence sentence.
"""

from __future__ import annotations

import re

from bot import wordlists
from bot.models import Extraction
from bot.render.mrkdwn import clip, clip_esc, esc, plural
from bot.render.quotes import QUOTED, speaker_shown

UNNAMED = ("anonymous", "unnamed_official")
MAX_CLAIMS = 2
CLAIM_CHARS = 80


def on_record(ex: Extraction) -> str:
    """``On record: 2 named speakers, both officials``: the distinct named people and bodies quoted."""
    names = list(
        dict.fromkeys(
            q.speaker
            for q in ex.quotes
            if q.speaker and speaker_shown(q.speaker, q.speaker_kind, q.speaker_text)[1]
        )
    )
    if not names:
        return "*On record:* nobody named is quoted"
    officials = {o.name for o in ex.officials}
    n_off = sum(name in officials for name in names)
    line = f"*On record:* {plural(len(names), 'named speaker')}"
    if n_off and n_off == len(names):
        line += ", an official" if n_off == 1 else (", both officials" if n_off == 2 else ", all officials")
    elif n_off:
        line += f", {plural(n_off, 'official')}"
    return line


def unnamed(ex: Extraction) -> str | None:
    """``Unnamed: 6 sources, 5 giving no reason``; None when the story names every source."""
    sources = ex.anonymous_sources
    if not sources:
        return None
    silent = sum(not (s.reason_given or s.reason) for s in sources)
    line = f"*Unnamed:* {plural(len(sources), 'source')}"
    if silent == len(sources):
        return line + (", giving no reason" if silent == 1 else ", none giving a reason")
    if silent:
        return line + f", {silent} giving no reason"
    return line + (", giving a reason" if len(sources) == 1 else ", all giving a reason")


def _speech_forms() -> frozenset[str]:
    """The written forms of the reporting verbs in ``patterns/quote_cues.json`` (``say`` -> ``says``,
    ``said``): the regular endings, and the past tense of the irregular ones."""
    forms: set[str] = {"said", "told", "wrote"}
    for lemma in wordlists.data("quote_cues")["speech_verb"]:
        forms |= {lemma, lemma + "s", lemma + "d" if lemma.endswith("e") else lemma + "ed"}
    return frozenset(forms)


SPEECH_FORMS = _speech_forms()
TOLD = frozenset({"told", "tell", "tells"})  # reporting verbs whose object comes before the claim
LOWER_FIRST = frozenset("the a an it its this that these those there some no".split())  # not names
TRAILING_WORDS = 8  # "…, officials said at a news conference on Tuesday."


def _claim_of(evidence: str, description: str) -> str | None:
    """The claim a sentence hangs on an unnamed source, in the three common shapes of attribution:
    ``<claim>, according to <source>``, ``<claim>, <source> said (…)`` and ``<source> said (that) <claim>``;
    None for any other shape (a source between commas, a claim too short to stand alone)."""
    text = " ".join(evidence.split()).strip()
    if not description.strip() or not text:
        return None
    who = re.escape(" ".join(description.split()))
    claim = None
    after = re.fullmatch(r"(.+?),?\s+according to\s+" + who + r"[\s.,;]*", text, re.IGNORECASE)
    if after is None:
        after = re.fullmatch(r"(.+?),\s+" + who + r"\s+(\w+)\b(.*)", text, re.IGNORECASE)
        if after is not None and (
            after.group(2).lower() not in SPEECH_FORMS or len(after.group(3).split()) > TRAILING_WORDS
        ):
            after = None
    if after is not None:
        claim = after.group(1)
    else:
        before = re.fullmatch(who + r"\s+(\w+)\s+(.+)", text, re.IGNORECASE)
        if before is not None and before.group(1).lower() in SPEECH_FORMS:
            # "told reporters that …": the claim starts after "that"; "said …": right after the verb
            that = re.match(r"(?:\S+\s+){0,3}?that\s+(.+)", before.group(2))
            claim = that.group(1) if that else (None if before.group(1).lower() in TOLD else before.group(2))
    if claim is None or len(claim.split()) < 3 or claim.count('"') % 2 or "“" in claim:
        return None
    claim = claim.strip().rstrip(".")
    first, _, rest = claim.partition(" ")
    return f"{first.lower()} {rest}" if first.lower() in LOWER_FIRST else claim


def unnamed_claims(ex: Extraction) -> list[str]:
    """What rests on unnamed sources, as mrkdwn: the words they are quoted saying (in marks, since they
    stood in marks), or the claim a sentence hangs on them with "according to" or a reporting verb (no
    marks); at most ``MAX_CLAIMS``, each cut short, and how many more there are."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for q in ex.quotes:
        if q.speaker_kind in UNNAMED and q.kind in QUOTED:
            words = q.text.strip().rstrip(",").strip().rstrip(".")
            found.append((q.start, f"“{clip_esc(words, CLAIM_CHARS)}”"))
            seen.add((q.speaker or "").lower())
    for s in ex.anonymous_sources:
        claim = None if s.description.lower() in seen else _claim_of(s.evidence, s.description)
        if claim:
            found.append((s.start, esc(clip(claim.rstrip("."), CLAIM_CHARS))))
    out = [text for _, text in sorted(found, key=lambda x: x[0])]
    more = len(out) - MAX_CLAIMS
    return out[:MAX_CLAIMS] + ([f"and {more} more"] if more > 0 else [])


def verdict(ex: Extraction) -> str:
    """The opening lines of the reply: who is on the record, the unnamed sources, and what rests on them."""
    first = " · ".join(x for x in (on_record(ex), unnamed(ex)) if x)
    claims = unnamed_claims(ex)
    if not claims:
        return first
    return first + "\n*Rests on unnamed sources:* " + " · ".join(claims)
