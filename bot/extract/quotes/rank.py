"""Ranking: the same words quoted twice kept once, and the top few quotes marked ``key``."""

from __future__ import annotations

from bot.extract.quotes.lexicon import MAX_KEY, MIN_KEY, WORD
from bot.models import Quote


def dedupe(quotes: list[Quote]) -> list[Quote]:
    """The same marked words quoted twice (a partial quote repeated later, a paragraph the page repeats) are
    one quote: keep the occurrence with the best-named speaker, else the first."""
    by_text: dict[str, list[Quote]] = {}
    for q in quotes:
        key = " ".join(WORD.findall(q.text.lower()))
        by_text.setdefault(key, []).append(q)
    drop = set()
    for same in by_text.values():
        if len(same) < 2:
            continue
        order = ("person", "organisation", "unnamed_official", "anonymous", "document")
        best = min(same, key=lambda q: order.index(q.speaker_kind) if q.speaker_kind in order else 9)
        drop.update(id(q) for q in same if q is not best)
    return [q for q in quotes if id(q) not in drop]


def rank(quotes: list[Quote]) -> None:
    """Score every quote and mark the top few as key: named over unnamed, substantive over fragmentary, lede
    over tail."""
    if not quotes:
        return
    last = max(q.start for q in quotes) or 1
    weights = {"person": 3.0, "organisation": 2.0, "unnamed_official": 1.6, "anonymous": 1.2, "document": 1.0}
    for q in quotes:
        words = len(WORD.findall(q.text))
        s = weights.get(q.speaker_kind, 0.0) if q.speaker else 0.0
        if q.speaker_title:
            s += 0.5
        s += min(words, 30) / 10.0
        s += {"direct": 1.0, "partial": 0.0, "indirect": -1.5}[q.kind]
        if words < 4:
            s -= 1.0
        s += 1.2 * (1.0 - q.start / last) if last else 0.0
        if q.inherited:
            s -= 0.3
        q.score = round(s, 3)
    eligible = [q for q in quotes if q.speaker and q.kind != "indirect" and len(WORD.findall(q.text)) >= 4]
    if len(eligible) < MIN_KEY:
        eligible += [q for q in quotes if q.kind == "indirect" and q.speaker]
    eligible.sort(key=lambda q: -q.score)
    want = max(MIN_KEY, min(MAX_KEY, (len(eligible) + 1) // 2))
    per_speaker: dict[str, int] = {}
    for q in eligible:
        if sum(per_speaker.values()) >= want:
            break
        key = (q.speaker or "").lower()
        if per_speaker.get(key, 0) >= 3:
            continue
        per_speaker[key] = per_speaker.get(key, 0) + 1
        q.key = True
