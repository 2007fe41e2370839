"""Slack's documented Block Kit limits, checked in one place: the Web API stand-in answers ``invalid_blocks``
with these reasons, and the tests check every recorded payload with ``payload_errors`` / ``view_errors``.

Sources: docs.slack.dev "Blocks", "Block elements", "Composition objects", "Views" (and slack_sdk's block
and view models): 50 blocks per message, 100 per modal or Home tab; section text 3000, fields 10 x 2000;
header 150; context 10 elements; actions 25 elements; button text 75, value 2000; overflow 2-5 options of
75-character text and 2000-character value; action_id and block_id 255; block_ids unique in a message or
view, action ids unique in a message or view; modal title, submit and close 24; private_metadata 3000;
input label 2000, plain_text_input max_length 3000.
"""

from __future__ import annotations

from typing import Any

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100


def _text_len(obj: Any) -> int:
    return len(obj.get("text", "")) if isinstance(obj, dict) else 0


def _plain(obj: Any, limit: int) -> bool:
    return isinstance(obj, dict) and obj.get("type") == "plain_text" and 0 < _text_len(obj) <= limit


def _element_errors(where: str, el: Any) -> list[str]:
    """Limits of one interactive element (button, overflow, plain_text_input)."""
    if not isinstance(el, dict):
        return [f"{where}: not an element"]
    errors = []
    if len(str(el.get("action_id", ""))) > 255:
        errors.append(f"{where}: action_id longer than 255")
    kind = el.get("type")
    if kind == "button":
        if not _plain(el.get("text"), 75) or len(str(el.get("value", ""))) > 2000:
            errors.append(f"{where}: button text 1-75 and value up to 2000 characters")
    elif kind == "overflow":
        options = el.get("options") or []
        if not 2 <= len(options) <= 5:
            errors.append(f"{where}: overflow needs 2-5 options")
        for o in options:
            if not _plain(o.get("text"), 75) or not 0 < len(str(o.get("value", ""))) <= 2000:
                errors.append(f"{where}: overflow option text 1-75 and value 1-2000 characters")
    elif kind == "plain_text_input":
        if int(el.get("max_length") or 0) > 3000:
            errors.append(f"{where}: plain_text_input max_length over 3000")
    return errors


def block_errors(blocks: list[Any], max_blocks: int = MESSAGE_BLOCKS) -> list[str]:
    """Violations of Slack's per-block limits, as ``invalid_blocks`` would list them (action ids are not
    compared here: see ``payload_errors``)."""
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(f"too many blocks: {len(blocks)} > {max_blocks}")
    for i, b in enumerate(blocks):
        if not isinstance(b, dict) or "type" not in b:
            errors.append(f"block {i}: not a block")
            continue
        kind = b["type"]
        if len(str(b.get("block_id", ""))) > 255:
            errors.append(f"block {i}: block_id longer than 255")
        if kind == "header":
            t = b.get("text") or {}
            if t.get("type") != "plain_text" or not t.get("text") or _text_len(t) > 150:
                errors.append(f"block {i}: header must be plain_text of 1-150 characters")
        elif kind == "section":
            if "text" not in b and "fields" not in b:
                errors.append(f"block {i}: section without text or fields")
            if "text" in b and not (0 < _text_len(b["text"]) <= 3000):
                errors.append(f"block {i}: section text must be 1-3000 characters")
            fields = b.get("fields") or []
            if len(fields) > 10 or any(not (0 < _text_len(f) <= 2000) for f in fields):
                errors.append(f"block {i}: at most 10 fields of 1-2000 characters")
            if b.get("accessory") is not None:
                errors += _element_errors(f"block {i}", b["accessory"])
        elif kind == "context":
            els = b.get("elements") or []
            if not els or len(els) > 10:
                errors.append(f"block {i}: context needs 1-10 elements")
            if any(_text_len(e) > 3000 for e in els):
                errors.append(f"block {i}: context element longer than 3000")
        elif kind == "actions":
            els = b.get("elements") or []
            if not (0 < len(els) <= 25):
                errors.append(f"block {i}: actions needs 1-25 elements")
            for el in els:
                errors += _element_errors(f"block {i}", el)
        elif kind == "input":
            if not _plain(b.get("label"), 2000):
                errors.append(f"block {i}: input label must be plain_text of 1-2000 characters")
            errors += _element_errors(f"block {i}", b.get("element"))
        elif kind == "markdown":
            if _text_len(b) > 12_000:
                errors.append(f"block {i}: markdown longer than 12000")
    return errors


def _ids(blocks: list[Any]) -> tuple[list[str], list[str]]:
    block_ids, action_ids = [], []
    for b in blocks:
        if not isinstance(b, dict):
            continue
        if b.get("block_id"):
            block_ids.append(str(b["block_id"]))
        elements = [b.get("accessory"), b.get("element"), *(b.get("elements") or [])]
        action_ids += [str(e["action_id"]) for e in elements if isinstance(e, dict) and e.get("action_id")]
    return block_ids, action_ids


def _duplicates(values: list[str]) -> list[str]:
    return sorted({v for v in values if values.count(v) > 1})


def payload_errors(blocks: list[Any], *, surface: str = "message") -> list[str]:
    """Every limit a message's (``surface="message"``) or a view's (``"modal"``, ``"home"``) blocks must keep,
    including unique block ids and unique action ids."""
    errors = block_errors(blocks, MESSAGE_BLOCKS if surface == "message" else VIEW_BLOCKS)
    block_ids, action_ids = _ids(blocks)
    errors += [f"block_id {v!r} used twice" for v in _duplicates(block_ids)]
    errors += [f"action_id {v!r} used twice" for v in _duplicates(action_ids)]
    return errors


def view_errors(view: Any) -> list[str]:
    """A modal or Home tab view as views.open / views.update / views.publish check it."""
    if not isinstance(view, dict) or view.get("type") not in {"modal", "home"}:
        return ["view must be a modal or home view"]
    errors = payload_errors(view.get("blocks") or [], surface=view["type"])
    if view["type"] == "modal":
        if not _plain(view.get("title"), 24):
            errors.append("modal title must be plain_text of 1-24 characters")
        for key in ("submit", "close"):
            if key in view and not _plain(view[key], 24):
                errors.append(f"modal {key} must be plain_text of 1-24 characters")
        if any(isinstance(b, dict) and b.get("type") == "input" for b in view.get("blocks") or []):
            if "submit" not in view:
                errors.append("a modal with inputs needs a submit button")
    if len(str(view.get("private_metadata", ""))) > 3000:
        errors.append("private_metadata longer than 3000")
    if len(str(view.get("callback_id", ""))) > 255:
        errors.append("callback_id longer than 255")
    return errors
