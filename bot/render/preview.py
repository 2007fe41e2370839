"""A reply's Block Kit as an HTML page that looks like Slack's thread pane, to see the rendering as a
reporter would (``make preview``, ``python -m bot preview``).

``preview_html`` is a pure function: blocks in, one self-contained HTML page out (no scripts, no network).
It draws the block types Legwork posts (section with a button or overflow accessory, context, header,
divider, actions) and Slack's mrkdwn: ``*bold*``, ``_italic_``, ``~strike~``, `` `code` ``, ``>`` quotes,
``<url|label>`` links, ``<#C…>`` channels, ``<@U…>`` users and ``<!date^…|fallback>`` dates. A formatting
marker counts only at a word boundary, as in Slack, so text defused by ``esc`` (a zero-width space beside
the marker) stays literal here too. ``screenshot`` drives headless Chromium when it is installed.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

THREAD_WIDTH = 480  # CSS pixels: about the width of Slack's thread pane on a laptop
_TOKEN = re.compile(r"<([^<>\n]+)>")
_EMOJI = {
    "repeat": "🔁",
    "warning": "⚠️",
    "white_check_mark": "✅",
    "hourglass_flowing_sand": "⏳",
    "hourglass": "⌛",
    "scales": "⚖️",
    "mag": "🔍",
}
# Slack formats between markers that stand at a word boundary: after a space, the start or an opening
# punctuation mark, and before a space, the end or closing punctuation.
_OPEN = r"(?:(?<=^)|(?<=[\s(\[{“‘\"'—–-]))"
_CLOSE = r"(?=$|[\s)\]}.,;:!?”’\"'—–-])"
_STYLES = [
    ("`", "code"),
    ("*", "b"),
    ("_", "i"),
    ("~", "s"),
]

CSS = """
body { margin: 0; background: #fff; color: #1d1c1d; font: 15px/1.46668 Lato, "Helvetica Neue", Helvetica,
  "Segoe UI", Arial, sans-serif; -webkit-font-smoothing: antialiased; }
.pane { width: %(width)spx; box-sizing: border-box; padding: 8px 16px 24px; }
.pane-head { font-weight: 900; font-size: 18px; padding: 10px 0 12px; border-bottom: 1px solid #ddd;
  margin-bottom: 12px; }
.msg { display: flex; gap: 8px; }
.avatar { flex: 0 0 36px; height: 36px; border-radius: 6px; background: #2b6e5b; color: #fff;
  font-weight: 900; font-size: 18px; display: flex; align-items: center; justify-content: center; }
.body { flex: 1 1 auto; min-width: 0; }
.who { font-weight: 900; } .app { font-size: 10px; font-weight: 700; color: #616061; background: #ebeaeb;
  border-radius: 2px; padding: 1px 3px; margin: 0 4px; vertical-align: 2px; }
.time { font-size: 12px; color: #616061; }
.block { margin: 4px 0; overflow-wrap: anywhere; }
.section { display: flex; gap: 8px; align-items: flex-start; }
.section .text { flex: 1 1 auto; min-width: 0; }
.header { font-size: 18px; font-weight: 900; line-height: 1.33; margin: 8px 0 4px; }
.context { font-size: 12px; line-height: 1.5; color: #616061; display: flex; flex-wrap: wrap; gap: 4px 8px; }
.context a { color: #1264a3; }
.divider { border: 0; border-top: 1px solid #ddd; margin: 12px 0; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.button { display: inline-flex; align-items: center; height: 28px; padding: 0 12px; border: 1px solid
  rgba(29,28,29,.3); border-radius: 4px; font-size: 13px; font-weight: 700; background: #fff;
  white-space: nowrap; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.overflow { flex: 0 0 auto; width: 28px; height: 28px; border: 1px solid rgba(29,28,29,.3);
  border-radius: 4px;
  display: flex; align-items: center; justify-content: center; font-weight: 900; color: #1d1c1d; }
a { color: #1264a3; text-decoration: none; }
b { font-weight: 700; }
code { font: 12px Monaco, Menlo, Consolas, "Courier New", monospace; color: #e01e5a; background: #f8f8f8;
  border: 1px solid rgba(29,28,29,.13); border-radius: 3px; padding: 2px 3px 1px; }
blockquote { margin: 2px 0; padding-left: 12px; border-left: 4px solid #ddd; }
.mention { color: #1264a3; background: rgba(29,155,209,.1); border-radius: 3px; padding: 0 2px; }
"""


def preview_html(message: dict[str, Any], title: str = "Legwork preview", width: int = THREAD_WIDTH) -> str:
    """A Block Kit message (``{"text", "blocks"}``) as a self-contained HTML page in Slack's thread pane."""
    blocks = message.get("blocks") or []
    body = (
        "\n".join(_block(b) for b in blocks)
        or f'<div class="block">{mrkdwn_html(message.get("text", ""))}</div>'
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CSS % {'width': int(width)}}</style></head>\n"
        f'<body><div class="pane"><div class="pane-head">Thread</div>'
        '<div class="msg"><div class="avatar">L</div><div class="body">'
        '<div><span class="who">Legwork</span><span class="app">APP</span>'
        '<span class="time">10:42 AM</span></div>\n'
        f"{body}\n</div></div></div></body></html>\n"
    )


def _text(obj: dict[str, Any] | None) -> str:
    """A text object as HTML: mrkdwn rendered, plain_text escaped (emoji codes drawn in both)."""
    if not obj:
        return ""
    if obj.get("type") == "mrkdwn":
        return mrkdwn_html(str(obj.get("text", "")))
    return _emoji(html.escape(_unescape(str(obj.get("text", "")))))


def _block(b: dict[str, Any]) -> str:
    kind = b.get("type")
    if kind == "section":
        acc = b.get("accessory") or {}
        fields = "".join(f"<div>{_text(f)}</div>" for f in b.get("fields") or [])
        return (
            f'<div class="block section" data-type="section">'
            f'<div class="text">{_text(b.get("text"))}{fields}</div>'
            f"{_element(acc) if acc else ''}</div>"
        )
    if kind == "context":
        parts = "".join(
            f"<span>{_text(e)}</span>" for e in b.get("elements") or [] if e.get("type") != "image"
        )
        return f'<div class="block context" data-type="context">{parts}</div>'
    if kind == "header":
        return f'<div class="block header" data-type="header">{_text(b.get("text"))}</div>'
    if kind == "divider":
        return '<hr class="block divider" data-type="divider">'
    if kind == "actions":
        parts = "".join(_element(e) for e in b.get("elements") or [])
        return f'<div class="block actions" data-type="actions">{parts}</div>'
    return f'<div class="block" data-type="{html.escape(str(kind))}">[{html.escape(str(kind))} block]</div>'


def _element(e: dict[str, Any]) -> str:
    kind = e.get("type")
    if kind == "button":
        style = " primary" if e.get("style") == "primary" else ""
        action = html.escape(str(e.get("action_id", "")))
        return f'<span class="button{style}" data-action="{action}">{_text(e.get("text"))}</span>'
    if kind == "overflow":
        labels = html.escape(
            ", ".join(str(o.get("text", {}).get("text", "")) for o in e.get("options") or [])
        )
        action = html.escape(str(e.get("action_id", "")))
        return f'<span class="overflow" title="{labels}" data-action="{action}">⋮</span>'
    return f'<span class="button">{html.escape(str(kind))}</span>'


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _emoji(text: str) -> str:
    return re.sub(r":([a-z0-9_+-]+):", lambda m: _EMOJI.get(m.group(1), m.group(0)), text)


def mrkdwn_html(text: str) -> str:
    """Slack mrkdwn as HTML: tokens, then lines (``>`` quotes), then styles; everything else escaped."""
    lines = text.split("\n")
    out: list[str] = []
    quote: list[str] = []
    for line in lines:
        if line.startswith(">"):
            quote.append(_inline(line[1:].lstrip(" ")))
            continue
        if quote:
            out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
            quote = []
        out.append(_inline(line) + "<br>")
    if quote:
        out.append("<blockquote>" + "<br>".join(quote) + "</blockquote>")
    joined = "".join(out)
    return joined[: -len("<br>")] if joined.endswith("<br>") else joined


def _inline(line: str) -> str:
    """One line of mrkdwn: Slack's ``<…>`` tokens become placeholders, the rest is escaped and styled."""
    tokens: list[str] = []

    def hold(m: re.Match[str]) -> str:
        tokens.append(_token(m.group(1)))
        return f"\x00{len(tokens) - 1}\x00"

    held = _TOKEN.sub(hold, line)
    escaped = html.escape(_unescape(held), quote=False)
    for marker, tag in _STYLES:
        m = re.escape(marker)
        escaped = re.sub(
            _OPEN + m + r"(?=[^\s" + m + r"])([^" + m + r"\n]*?[^\s" + m + r"])" + m + _CLOSE,
            lambda x, tag=tag: f"<{tag}>{x.group(1)}</{tag}>",
            escaped,
        )
    escaped = _emoji(escaped)
    return re.sub(r"\x00(\d+)\x00", lambda x: tokens[int(x.group(1))], escaped)


def _token(inner: str) -> str:
    """One ``<…>`` token as HTML: a link, a channel, a user, a date's fallback or a special mention."""
    target, _, label = inner.partition("|")
    if target.startswith("#"):
        return f'<span class="mention">#{html.escape(_unescape(label or target[1:]))}</span>'
    if target.startswith("@"):
        return f'<span class="mention">@{html.escape(_unescape(label or target[1:]))}</span>'
    if target.startswith("!date^"):
        return html.escape(_unescape(label))
    if target.startswith("!"):
        return f'<span class="mention">@{html.escape(target[1:].split("^")[0])}</span>'
    shown = html.escape(_unescape(label or target))
    return f'<a href="{html.escape(_unescape(target), quote=True)}">{shown}</a>'


def block_stats(blocks: list[dict[str, Any]]) -> tuple[int, int]:
    """(number of blocks, characters of text in them): every ``text`` string, in sections, context
    elements, headers, buttons and menu options."""

    def texts(value: Any) -> int:
        if isinstance(value, dict):
            return sum(len(v) if k == "text" and isinstance(v, str) else texts(v) for k, v in value.items())
        if isinstance(value, list):
            return sum(texts(v) for v in value)
        return 0

    return len(blocks), texts(blocks)


def chromium() -> str | None:
    """The Chromium binary on PATH, if any."""
    return next(
        (p for name in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(name))), None
    )


def screenshot(page: Path, png: Path, width: int = THREAD_WIDTH, height: int = 2000) -> bool:
    """A PNG of ``page`` taken by headless Chromium at the thread pane's width; False when Chromium is not
    installed or fails."""
    binary = chromium()
    if binary is None:
        return False
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        f"--screenshot={png.resolve()}",
        f"--window-size={width},{height}",
        page.resolve().as_uri(),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=90, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    if not (png.is_file() and png.stat().st_size > 0):
        return False
    _crop_blank_bottom(png)
    return True


def _crop_blank_bottom(png: Path, margin: int = 24) -> None:
    """Cut the white space below the page's content, when Pillow is installed (it is optional)."""
    try:
        from PIL import Image, ImageChops
    except ImportError:
        return
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        box = ImageChops.difference(rgb, Image.new("RGB", rgb.size, (255, 255, 255))).getbbox()
        if box is not None and box[3] + margin < rgb.height:
            rgb.crop((0, 0, rgb.width, box[3] + margin)).save(png)
