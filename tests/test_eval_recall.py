"""Opt-in (-m eval): store the extractions of the development articles in ../shared/eval/dev (read at run
time, never copied here) and check that recall finds each named person's quotes by surname and full name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.models import Sighting
from bot.store.keys import name_tokens
from bot.store.recall import RecallScope, recall
from bot.store.storage import Store

pytestmark = [pytest.mark.eval, pytest.mark.model]

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SCOPE = RecallScope("T1", "C-desk", False)


@pytest.fixture(scope="module")
def dev_store(nlp, tmp_path_factory):
    """Every dev article extracted and stored, each digested in a public channel; the gold files beside."""
    if not (EVAL / "dev").is_dir():
        pytest.skip("../shared/eval/dev is not present")
    from bot.extract import extract

    store = Store(tmp_path_factory.mktemp("eval") / "dev.db")
    golds = []
    extractions = []
    for i, path in enumerate(sorted((EVAL / "dev").glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        ex = extract(gold["text"], nlp)
        ex.url = gold.get("source_url") or f"https://dev.example/{path.stem}"
        store.save_digest(ex, Sighting(team="T1", channel=f"C{i % 3}", message_ts=f"{i}.0"))
        golds.append(gold)
        extractions.append(ex)
    yield store, golds, extractions
    store.close()


def test_eval_recall_finds_stored_speakers_by_full_name_and_surname(dev_store):
    """Every named speaker stored: the full name and the surname both bring back their quotes."""
    store, _golds, extractions = dev_store
    quotes_by_speaker: dict[str, set[str]] = {}
    for ex in extractions:
        for q in ex.quotes:
            if q.speaker_kind == "person" and q.speaker and name_tokens(q.speaker):
                quotes_by_speaker.setdefault(q.speaker, set()).add(q.text)
    assert len(quotes_by_speaker) >= 10
    misses = []
    for speaker, texts in quotes_by_speaker.items():
        for query in (speaker, speaker.split()[-1]):
            result = recall(store, query, scope=SCOPE, limit=50)
            if not result.person_mode or not texts & {q.text for q in result.quotes}:
                misses.append((query, speaker))
    assert not misses, misses


def test_eval_recall_finds_gold_people_quotes(dev_store):
    """Named officials who are quoted in the gold annotation: recall by name finds a quote of theirs
    (as far as extraction attributed it; the figure is printed)."""
    store, golds, _extractions = dev_store
    tried = found = 0
    missed = []
    for gold in golds:
        officials = {o["name"] for o in gold.get("officials", [])}
        for name in officials:
            gold_texts = [q["text"] for q in gold["quotes"] if q["speaker"] == name]
            if not gold_texts:
                continue
            for query in (name, name.split()[-1]):
                tried += 1
                result = recall(store, query, scope=SCOPE, limit=50)
                got = [q.text for q in result.quotes]
                if any(g[:40] in t or t[:40] in g for g in gold_texts for t in got):
                    found += 1
                else:
                    missed.append(query)
    print(f"\nrecall found gold officials' quotes for {found}/{tried} name queries; missed: {missed}")
    assert tried and found / tried >= 0.8, missed
