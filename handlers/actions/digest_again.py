"""Block action ``legwork_digest_again`` (interactivity; chat:write): the *Digest again* button under
"Already digested" posts the stored story's full digest in the channel, under a one-line parent naming who
clicked, as a ``/legwork`` digest is posted. It is a durable job like any other (``handlers.jobs``)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from handlers.jobs import JobRequest, Queued, submit


def handle_digest_again(
    ack: Ack, body: dict[str, Any], action: dict[str, Any], context: Any, client: WebClient, respond: Respond
) -> None:
    """Ack, then record and queue the digest; a click Slack delivers twice is one job."""
    ack()
    try:
        article_id = int(action.get("value") or "")
    except ValueError:
        return  # not a button Legwork made
    team = (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or ""
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id") or ""
    message_ts = (body.get("container") or {}).get("message_ts") or action.get("action_ts") or ""
    req = JobRequest(
        team=team,
        channel=channel,
        user=(body.get("user") or {}).get("id"),
        keys=[f"again:{team}:{channel}:{message_ts}:{article_id}"],
        respond=respond,
        parent=True,
        again=article_id,
    )
    if submit(context["legwork"], client, req, attempts=1) is Queued.QUEUED:
        return
    if req.refusal:
        respond(text=req.refusal, response_type="ephemeral", replace_original=False)
