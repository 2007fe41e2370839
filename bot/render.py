"""Rendering for people: an Extraction as the plain-text digest (also printed by the CLI) and Slack Block Kit
dicts, and a recall result as mrkdwn text (``format_recall``). Pure functions; no Slack client here.

Every string that comes from an article or a message goes through ``esc``: ``&``, ``<`` and ``>`` are
escaped, so a pasted ``<!channel>`` or ``<@U…>`` renders as inert text, and
``@channel``/``@here``/``@everyone``
get a zero-width joiner so they cannot notify. Messages stay within Slack's limits: long lists are cut with
an "N more" line, never rejected.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from bot.models import Extraction, SaveResult, Sighting

if TYPE_CHECKING:
    from bot.store.recall import RecallResult

MAX_KEY_QUOTES = 6
MAX_QUESTIONS = 8
MAX_OFFICIALS = 10
MAX_SOURCES = 6
MAX_BLOCKS = 50
SECTION_CHARS = 3000
FIELD_CHARS = 2000
HEADER_CHARS = 150
QUOTE_CHARS = 1200
FALLBACK_CHARS = 3000
BLOCK_TEXT_BUDGET = 10_000  # about what Slack accepts in one message's blocks (msg_blocks_too_long)
MARK_ANSWERED = "legwork_mark_answered"
RECALL_HINT = "Find it later with `/recall <name or words>`"
_PINGS = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def esc(text: str | None) -> str:
    """Escape untrusted text for Slack mrkdwn and neutralise mass mentions."""
    out = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _PINGS.sub("@\u2060\\1", out)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def link(url: str, label: str) -> str:
    """A Slack link to ``url`` with an escaped label; characters that would break the token are encoded."""
    safe = quote(url, safe=":/?#[]@!$&'()*+,;=%~.-_").replace("&", "&amp;")
    return f"<{safe}|{esc(label).replace('|', '¦')}>"


def _shown_quotes(ex: Extraction) -> list[Any]:
    return ex.key_quotes or ex.quotes[:MAX_KEY_QUOTES]


def digest_text(ex: Extraction) -> str:
    """The digest as a person reads it in Slack, as plain text: what the CLI prints."""
    return message_text(digest_message(ex))


def message_text(message: dict[str, Any]) -> str:
    """A Block Kit message as the text Slack shows (buttons as ``[label]``), for a terminal."""
    lines: list[str] = []
    for block in message.get("blocks", []):
        kind = block.get("type")
        if kind == "header":
            lines.append(f"*{block['text']['text']}*")
        elif kind == "section":
            text = block["text"]["text"]
            button = block.get("accessory", {})
            if re.match(r"\*[A-Z]", text):  # a heading such as *Key quotes*: a blank line before it
                lines.append("")
            lines.append(text + (f"  [{button['text']['text']}]" if button.get("type") == "button" else ""))
        elif kind == "context":
            lines.append(" ".join(e.get("text", "") for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("")
    if not lines:
        lines.append(message.get("text", ""))
    text = "\n".join(lines)
    text = _SLACK_LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(2) else m.group(1), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip() + "\n"


_SLACK_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]*))?>")


# -- Block Kit ---------------------------------------------------------------------------------------


def section(text: str, **extra: Any) -> dict[str, Any]:
    """A mrkdwn section, cut to Slack's 3,000 characters."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}, **extra}


def context(text: str) -> dict[str, Any]:
    """A one-element mrkdwn context block."""
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}]}


def _counts(ex: Extraction) -> str:
    parts = [
        _n(len(ex.quotes), "quote"),
        _n(len(ex.officials), "named official"),
        _n(len(ex.anonymous_sources), "anonymous source"),
        _n(len(ex.questions), "open question"),
    ]
    return " · ".join(parts)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def digest_message(ex: Extraction, saved: SaveResult | None = None) -> dict[str, Any]:
    """The reply for one article: ``{"text": fallback, "blocks": [...]}`` within Slack's limits."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": clip(esc(ex.shown_title), HEADER_CHARS)}}
    ]
    source = [esc(x) for x in (ex.site, ex.byline, ex.published) if x]
    if ex.url:
        source.append(link(ex.url, "source"))
    if source:
        blocks.append(context(" · ".join(source)))
    if ex.notes:
        blocks.append(context("\n".join(f"_{esc(n)}_" for n in ex.notes)))
    if saved is not None and saved.earlier:
        blocks.append(context(earlier_line(saved.earlier)))
    tail: list[dict[str, Any]] = [{"type": "divider"}, context(f"{_counts(ex)} · {RECALL_HINT}")]
    room = BLOCK_TEXT_BUDGET - _size(blocks + tail)
    blocks += _fit(_quote_blocks(ex), room * 45 // 100, "quotes")
    blocks += _fit(_people_blocks(ex, saved), room * 25 // 100, "items")
    blocks += _fit(_question_blocks(ex, saved), room * 30 // 100, "questions")
    blocks = blocks[: MAX_BLOCKS - len(tail)] + tail
    summary = f"Legwork digest: {ex.shown_title} ({_counts(ex)})"
    return {"text": clip(esc(summary), FALLBACK_CHARS), "blocks": blocks}


def earlier_line(earlier: list[Sighting]) -> str:
    """'Seen before' with links to the earlier threads (newest three)."""
    shown = []
    for s in sorted(earlier, key=lambda s: -s.seen_at)[:3]:
        when = (
            datetime.fromtimestamp(s.seen_at, UTC).strftime("%d %b %Y %H:%M UTC") if s.seen_at else "earlier"
        )
        where = f"<#{s.channel}>" if re.fullmatch(r"[CGD][A-Z0-9]+", s.channel or "") else "another channel"
        shown.append(link(s.permalink, f"{when}") + f" in {where}" if s.permalink else f"{when} in {where}")
    more = f" and {len(earlier) - 3} more" if len(earlier) > 3 else ""
    return ":repeat: Seen before: " + "; ".join(shown) + more


def quote_shown(text: str, kind: str, sentence: str, limit: int = QUOTE_CHARS) -> str:
    """A quote as a reader sees it, plain text: only words the article put in quote marks appear inside
    marks. A direct quote in marks; a partial quote inside its own sentence (the article's marks around the
    quoted words: ``Smith said the plan was "costly but overdue."``); reported speech as the sentence that
    reports it, with no marks added. Cut to ``limit`` characters around the quoted words."""
    text = text.strip()
    if kind == "direct" or not sentence.strip():
        return f"“{clip(text, limit - 2)}”" if kind != "indirect" else clip(text, limit)
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    at = sentence.find(" ".join(text.split())[:40])
    if at < 0:
        return clip(sentence, limit)
    start = max(0, min(at - limit // 4, len(sentence) - limit + 1))
    return ("…" if start else "") + clip(sentence[start:].lstrip(), limit - (1 if start else 0))


def speaker_shown(speaker: str | None, kind: str, written: str | None) -> tuple[str, bool]:
    """(label, is_a_name) for a quote's speaker. Only people and organisations are names; a description the
    article ties to nobody (``the president``), a document or an unnamed source is shown as the article
    wrote it, and an unresolved pronoun as unclear: never as a name."""
    if kind == "unresolved_description" and (written or speaker):
        return f"{written or speaker} (not identified)", False
    if not speaker or kind == "unresolved_pronoun":
        return "speaker unclear", False
    if kind in ("document", "anonymous", "unnamed_official"):
        return speaker, False
    return speaker, True


def _quote_blocks(ex: Extraction) -> list[dict[str, Any]]:
    quotes = _shown_quotes(ex)[:MAX_KEY_QUOTES]
    if not quotes:
        return [section("*Key quotes*: none found")]
    out = [section(f"*Key quotes* ({len(ex.quotes)} in all)")]
    for q in quotes:
        label, named = speaker_shown(q.speaker, q.speaker_kind, q.speaker_text)
        who = f"*{esc(label)}*" if named else f"_{esc(label)}_"
        if q.speaker_title and named:
            who += f", {esc(q.speaker_title)}"
        if q.kind == "indirect":
            who += " · _reported speech, not a quote_"
        out.append(section(f"> {esc(quote_shown(q.text, q.kind, q.sentence))}\n— {who}"))
    return out


def _people_blocks(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    earlier = saved.earlier_digests if saved is not None else {}
    if ex.officials:
        lines = []
        for o in ex.officials[:MAX_OFFICIALS]:
            role = ", ".join(esc(x) for x in (o.title, o.organization) if x)
            line = f"• *{esc(clip(o.name, 120))}*" + (f" — {clip(role, 200)}" if role else "")
            if earlier.get(o.name):
                line += f" _(quoted in {_n(earlier[o.name], 'earlier digest')})_"
            lines.append(line)
        if len(ex.officials) > MAX_OFFICIALS:
            lines.append(f"_{len(ex.officials) - MAX_OFFICIALS} more_")
        out.append(section("*Named officials*\n" + "\n".join(lines)))
    if ex.anonymous_sources:
        lines = []
        for s in ex.anonymous_sources[:MAX_SOURCES]:
            why = f" (reason given: {esc(s.reason)})" if s.reason else " _(no reason for anonymity given)_"
            lines.append(f"• {esc(clip(s.description, 200))}{clip(why, 300)}")
        if len(ex.anonymous_sources) > MAX_SOURCES:
            lines.append(f"_{len(ex.anonymous_sources) - MAX_SOURCES} more_")
        out.append(section("*Anonymous sources*\n" + "\n".join(lines)))
    return out


def _question_blocks(ex: Extraction, saved: SaveResult | None) -> list[dict[str, Any]]:
    if not ex.questions:
        return []
    ids = saved.question_ids if saved is not None else []
    out = [section("*Open questions*")]
    for i, qn in enumerate(ex.questions[:MAX_QUESTIONS]):
        text = f"*{i + 1}.* {esc(clip(qn.question, 400))}\n_from: “{esc(clip(qn.evidence.strip(), 300))}”_"
        extra = {"accessory": answered_button(ids[i])} if i < len(ids) else {}
        out.append(section(text, **extra))
    if len(ex.questions) > MAX_QUESTIONS:
        out.append(context(f"{len(ex.questions) - MAX_QUESTIONS} more: `/legwork open` lists them all"))
    return out


def answered_button(question_id: int) -> dict[str, Any]:
    """The "Mark answered" button for a stored question."""
    return {
        "type": "button",
        "action_id": MARK_ANSWERED,
        "value": str(question_id),
        "text": {"type": "plain_text", "text": "Mark answered"},
    }


def _size(blocks: list[dict[str, Any]]) -> int:
    return sum(
        len(str(b.get("text", {}).get("text", ""))) for b in blocks if isinstance(b.get("text"), dict)
    ) + sum(len(str(e.get("text", ""))) for b in blocks for e in b.get("elements", []) if isinstance(e, dict))


def _fit(body: list[dict[str, Any]], budget: int, noun: str) -> list[dict[str, Any]]:
    """Keep blocks in order while they fit in ``budget`` characters; say how many were left out."""
    kept: list[dict[str, Any]] = []
    used = 0
    for i, block in enumerate(body):
        used += _size([block])
        if used > budget and i > 1:
            kept.append(context(f"_{len(body) - i} more {noun} not shown: the message would be too long_"))
            return kept
        kept.append(block)
    return kept


def mark_answered(blocks: list[dict[str, Any]], question_id: str, user: str) -> list[dict[str, Any]]:
    """The digest's blocks with the question's button replaced by who marked it answered."""
    out = []
    for block in blocks:
        acc = block.get("accessory") or {}
        if acc.get("action_id") == MARK_ANSWERED and acc.get("value") == str(question_id):
            block = {k: v for k, v in block.items() if k not in ("accessory", "block_id")}
            text = dict(block["text"])
            text["text"] = clip(
                text["text"] + f"\n:white_check_mark: _answered (marked by <@{user}>)_", SECTION_CHARS
            )
            block["text"] = text
        out.append(block)
    return out


# -- short replies -----------------------------------------------------------------------------------


def error_line(message: str, source: str | None = None) -> str:
    """One clear line for a failure (the message comes from a BotError and is shown as it is)."""
    prefix = f"Couldn't digest {link(source, source)}: " if source else ""
    return f":warning: {prefix}{esc(message)}"


def skipped_line(skipped: int, limit: int) -> str:
    """The note when a message holds more links than Legwork digests at once."""
    return f"I digest up to {limit} links per message, so I skipped {_n(skipped, 'more link')}."




def open_questions_message(rows: list[dict[str, Any]], limit: int = 20) -> dict[str, Any]:
    """The channel's open questions, oldest first, each with a "Mark answered" button."""
    if not rows:
        return {
            "text": "No open questions in this channel.",
            "blocks": [section("No open questions in this channel.")],
        }
    blocks: list[dict[str, Any]] = [section(f"*Open questions in this channel* ({len(rows)}, oldest first)")]
    for row in rows[:limit]:
        title = row.get("title") or row.get("article_title") or ""
        where = row.get("permalink")
        origin = link(where, title or "digest") if where else esc(title)
        text = f"{esc(row.get('question', ''))}" + (f"\n_{origin}_" if origin else "")
        qid = row.get("id") or row.get("question_id")
        blocks.append(section(text, **({"accessory": answered_button(qid)} if qid is not None else {})))
    if len(rows) > limit:
        blocks.append(context(f"{len(rows) - limit} more not shown"))
    return {"text": f"{_n(len(rows), 'open question')} in this channel", "blocks": blocks}


# -- the recall answer ----------------------------------------------------------------------------

MAX_LINE_CHARS = 160


def _line(text: str | None, limit: int = MAX_LINE_CHARS) -> str:
    """Plain text on one line, trimmed to ``limit`` characters; not yet escaped."""
    return clip(" ".join(str(text or "").split()), limit)


def _web_link(url: str | None, label: str) -> str:
    """``link`` for an http(s) address; empty for anything else."""
    return link(url, label) if url and re.fullmatch(r"https?://[^\s<>|]+", url) else ""


def _source(title: str | None, url: str | None, day: str, permalink: str | None) -> str:
    """Date and article, the article linked to the Slack thread where it was digested (else to its page)."""
    label = _line(title or "article", 45)
    return f"{day} · " + (_web_link(permalink, label) or _web_link(url, label) or f"_{esc(label)}_")


def _total(result: RecallResult, section: str) -> str:
    n = result.totals.get(section, 0)
    return f"{n:,}+" if result.capped.get(section) else f"{n:,}"


def _more(result: RecallResult, section: str) -> str | None:
    more = result.more(section)
    if not more:
        return None
    plus = "+" if result.capped.get(section) else ""
    return f"_…and {more:,}{plus} more. Narrow it with since:YYYY-MM-DD, in:#channel or type:{section}._"


def format_recall(result: RecallResult) -> str:
    """A recall result as Slack mrkdwn text, one short line per hit (also what the command line prints).
    Every stored string goes through ``esc``, so a quote holding ``<!channel>`` or ``@channel`` is inert."""
    shown = esc(_line(result.query, 80)).replace("`", "'")
    lines = [f"*Recall:* `{shown}`" if shown.strip() else "*Recall*"]
    lines += [f"_{esc(_line(n))}_" for n in result.notes]
    if result.empty:
        lines.append("No matches." if result.query.strip() else "")
        if result.hint:
            lines.append(esc(_line(result.hint, 400)))
        return "\n".join(x for x in lines if x) + "\n"
    if result.people:
        lines.append(f"*People* ({_total(result, 'people')})")
        for p in result.people:
            role = f" — {esc(_line(', '.join(p.titles), 80))}" if p.titles else ""
            plus = "+" if p.capped else ""
            counts = (
                f"{p.quotes}{plus} quote{'s' * (p.quotes != 1)} in {p.articles}{plus} "
                f"article{'s' * (p.articles != 1)}"
            )
            lines.append(f"• *{esc(_line(p.name, 60))}*{role} · {counts}")
        lines.append(_more(result, "people") or "")
    if result.quotes:
        lines.append(f"*Quotes* ({_total(result, 'quotes')}, newest first)")
        for qh in result.quotes:
            # the same rules as the digest: only marked words in marks, descriptions never shown as names
            label, named = speaker_shown(qh.speaker, qh.speaker_kind, qh.speaker_text)
            who = esc(_line(label, 40)) if named else f"_{esc(_line(label, 40))}_"
            if qh.speaker_title and named:
                who += f", {esc(_line(qh.speaker_title, 35))}"
            if qh.kind == "indirect":
                who += " (reported)"
            source = _source(qh.article_title, qh.url, qh.date, qh.permalink)
            said = esc(_line(quote_shown(qh.text, qh.kind, qh.sentence, 110), 110))
            lines.append(f"• {said} — {who} · {source}")
        lines.append(_more(result, "quotes") or "")
    if result.questions:
        lines.append(f"*Questions* ({_total(result, 'questions')})")
        for qn in result.questions:
            source = _source(qn.article_title, qn.url, qn.date, qn.permalink)
            lines.append(f"• [{qn.status}] {esc(_line(qn.question, 110))} · {source}")
        lines.append(_more(result, "questions") or "")
    if result.articles:
        lines.append(f"*Articles* ({_total(result, 'articles')})")
        for ah in result.articles:
            title = _line(ah.title or ah.url or f"article {ah.id}", 90)
            linked = _web_link(ah.url, title) or esc(title)
            parts = (f"• {linked}", ah.date, _web_link(ah.permalink, "thread"))
            lines.append(" · ".join(x for x in parts if x))
        lines.append(_more(result, "articles") or "")
    return "\n".join(x for x in lines if x) + "\n"
