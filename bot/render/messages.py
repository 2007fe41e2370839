"""Every sentence Legwork says to a person: help, usage, busy, errors, refusals, and the fixed lines of the
digest, the recall answer and the open-questions list.

The Slack app (``handlers/``) imports them from here (or through ``bot.render``), so the wording lives in
one place; nothing here knows Slack. The digest's blocks, the recall answer and the open-questions list are
laid out by the other modules of ``bot/render/``.
"""

from __future__ import annotations

import math

from bot.render.mrkdwn import esc, link, plural

# Slack reads "<…>" as a link or a mention, so a placeholder in angle brackets is written "&lt;…&gt;"
# (Slack shows it as "<…>").

HELP = (
    "*Legwork* digests news articles: key quotes and who said them, named officials, anonymous sources "
    "and the open questions an editor would ask.\n"
    "• `@Legwork &lt;paste an article or a link&gt;`: digest in a thread under your message\n"
    "• `@Legwork` in a thread: digest the thread's first message\n"
    "• `@Legwork recall &lt;name or words&gt;`: what earlier digests found\n"
    "• `/legwork &lt;article or link&gt;`: digest posted in this channel\n"
    "• `/legwork open`: this channel's open questions, who took what and the answers\n"
    "• `/recall &lt;name or words&gt;`: stored quotes, officials and questions (only you see the answer)\n"
    "• Message menu → *Digest with Legwork*: digest any message, in its thread\n"
    "• Each question's menu: *Answered*, *Not needed*, *I'll take it* (with *Undo*); your open questions are "
    "on Legwork's *Home* tab"
)
# a mention or a direct message with nothing to digest
NOTHING = (
    "Paste an article or a link after @Legwork, or mention me in a thread under an article (`@Legwork help`)."
)
# a recall with no query
RECALL_USAGE = (
    "Tell me what to look for: `/recall &lt;name or words&gt;` (or `@Legwork recall &lt;name or words&gt;`)."
)
# what a recall query may hold, after a query that found nothing or could not be read
RECALL_SYNTAX = (
    'Try a name, some words or a "quoted phrase". Filters: in:#channel, since:YYYY-MM-DD, until:YYYY-MM-DD, '
    "is:open|answered|mine, type:quotes|people|questions."
)

# acknowledgements and refusals
WORKING = ":hourglass_flowing_sand: Digesting…"
BUSY = ":hourglass: Legwork is busy right now: try again in a minute."
ALREADY = "Legwork is already digesting that message, or has done so: see its thread."
INVITE = "To have digests posted in this channel, invite me with `/invite @Legwork`."


def limited_text(seconds: float) -> str:
    """The friendly line for a person who has asked for too many digests in the last minute."""
    wait = max(1, math.ceil(seconds))
    unit = "second" if wait == 1 else "seconds"
    return (
        "You've asked for a lot of digests in the last minute, so I'm pacing things a little; "
        f"try again in about {wait} {unit}."
    )


# errors
FAILED = ":warning: Sorry, something went wrong while digesting this. Please try again in a minute."
POISON = (
    ":warning: Sorry, I could not finish this one: Legwork stopped {n} times while working on it. "
    "Please try a shorter text or another link, or tell your Slack admin."
)
NO_FILES = (
    "I can read text snippets, text, Markdown, PDF and Word (.docx) files only: "
    "paste the article text or a link instead."
)
THREAD_GONE = "I can't find the thread's first message: was it deleted?"
CHANNEL_CLOSED = "I can't read this channel: invite me with `/invite @Legwork`."
NOT_MARKED = ":warning: I couldn't change that question."
NOT_OPENED = ":warning: I couldn't open that list: the digest may have been removed."

# attachments
NO_PERMISSION = "I can't read that attachment: Legwork may lack the files:read permission."
ATTACHMENT_REFUSED = "I can't read that attachment: paste the article text or a link instead."
ATTACHMENT_LATER = "I can't read that attachment right now: try again in a minute."


def attachment_status(status: int) -> str:
    """The line when Slack answers a file download with anything but 200."""
    return f"I can't read that attachment (Slack answered {status})."


def too_large(mb: int) -> str:
    """The line for an attachment over the size Legwork reads."""
    return f"That file is too large for Legwork (over {mb} MB): paste its text."


def missing_scope(needed: object) -> str:
    """The line when Slack refuses to show a thread because the app lacks a permission (scope)."""
    return (
        f"I can't read this thread: Legwork lacks the {needed} "
        "permission; an admin must add it and reinstall the app."
    )


# lines inside the digest, the recall answer and the open-questions list
RECALL_HINT = "Find it later with `/recall &lt;name or words&gt;`"
NO_OPEN_QUESTIONS = "No open questions in this channel."
NO_MATCHES = "No matches."


def narrow_recall(more: str, section: str) -> str:
    """The line under a recall section cut short (``more`` is the count left out, e.g. ``"1,000+"``)."""
    return f"_…and {more} more. Narrow it with since:YYYY-MM-DD, in:#channel or type:{section}._"


def error_line(message: str, source: str | None = None) -> str:
    """One clear line for a failure (the message comes from a BotError and is shown as it is)."""
    prefix = f"Couldn't digest {link(source, source)}: " if source else ""
    return f":warning: {prefix}{esc(message)}"


def skipped_line(skipped: int, limit: int) -> str:
    """The note when a message holds more links than Legwork digests at once."""
    return f"I digest up to {limit} links per message, so I skipped {plural(skipped, 'more link')}."


# a quieter /legwork: a one-line parent in the channel, the digest in its thread
DIGEST_AGAIN = "Digest again"  # the button under "Already digested"


def asked_for(user: str, titles: str) -> str:
    """The one-line parent of a ``/legwork`` digest: who asked, and for which story (``titles`` escaped)."""
    return f"<@{user}> asked for a digest of {titles}. The digest is in the thread."


def already_digested(where: str) -> str:
    """A story digested in this channel before: ``where`` is a link to that digest (or says there is none)."""
    return f"Already digested in this channel: {where}."


EARLIER_DIGEST = "see the earlier digest"  # the label of the link to it
NO_LINK = "its thread has no link"
GONE = "That story is no longer stored in this channel: paste it again."
