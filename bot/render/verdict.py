"""What a story stands on, in one or two lines at the top of the reply: who is on the record, how many
unnamed sources there are and how many give no reason, and the claims that rest on unnamed sources.

Everything comes from the Extraction's values (speakers and their kinds, officials, anonymous sources,
quotes); nothing here reads the article's wording beyond the source's own evidence sentence.
"""

from __future__ import annotations

import re

from bot.models import Extraction
from bot.render.mrkdwn import clip, clip_esc, esc, plural
from bot.render.quotes import QUOTED, speaker_shown

UNNAMED = ("anonymous", "unnamed_official")
MAX_CLAIMS = 3
CLAIM_CHARS = 90


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


def _according_claim(evidence: str, description: str) -> str | None:
    """The claim of ``<claim>, according to <description>.``, the common way a story hangs a claim on a
    source it does not name; None for any other shape."""
    m = re.fullmatch(
        r"(.+?),?\s+according to\s+" + re.escape(description) + r"[\s.,;]*", evidence.strip(), re.IGNORECASE
    )
    if m is None or len(m.group(1).split()) < 3:
        return None
    claim = m.group(1).strip()
    return claim[:1].lower() + claim[1:] if not claim[:2].isupper() else claim


def unnamed_claims(ex: Extraction) -> list[str]:
    """What rests on unnamed sources, as mrkdwn: the words they are quoted saying (in marks, since they
    stood in marks), what they are reported saying (no marks), or the claim a sentence hangs on them with
    "according to"; at most ``MAX_CLAIMS``, each cut short."""
    found: list[tuple[int, str]] = []
    seen: set[str] = set()
    for q in ex.quotes:
        if q.speaker_kind in UNNAMED and q.kind in QUOTED:
            words = q.text.strip().rstrip(",").strip().rstrip(".")
            found.append((q.start, f"“{clip_esc(words, CLAIM_CHARS)}”"))
            seen.add((q.speaker or "").lower())
    for s in ex.anonymous_sources:
        claim = None if s.description.lower() in seen else _according_claim(s.evidence, s.description)
        if claim:
            found.append((s.start, esc(clip(claim.rstrip("."), CLAIM_CHARS))))
    out = [text for _, text in sorted(found, key=lambda x: x[0])]
    return out[:MAX_CLAIMS]


def verdict(ex: Extraction) -> str:
    """The opening lines of the reply: who is on the record, the unnamed sources, and what rests on them."""
    first = " · ".join(x for x in (on_record(ex), unnamed(ex)) if x)
    claims = unnamed_claims(ex)
    if not claims:
        return first
    return first + "\n*Rests on unnamed sources:* " + " · ".join(claims)
