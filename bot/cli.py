"""The command line: ``python -m bot COMMAND``. Logging is configured here and nowhere else."""

from __future__ import annotations

import codecs
import json
import logging
import re
import sys
from pathlib import Path

import click

from bot.config import Settings
from bot.errors import BotError, InputError

SEED = Path(__file__).resolve().parent.parent / "seeds" / "pakistan-gaza-isf.txt"
CONNECT_HELP = (
    "To connect Legwork to a Slack workspace, set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
    "(HTTP mode, on $PORT at /slack/events), or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode), "
    "in the environment or in a .env file, then run this command again. See README.md, 'Connect to Slack'."
)


def _settings() -> Settings:
    from dotenv import load_dotenv

    load_dotenv(Path.cwd() / ".env", override=False)
    settings = Settings.from_env()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from bot.redact import install

    # tokens and the signing secret never reach the log, even at DEBUG (slack_sdk and Bolt log payloads)
    install([settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret])
    return settings


def _load_nlp(settings: Settings):  # noqa: ANN202 - spaCy's Language, imported lazily for a fast --help
    from bot.extract import build_nlp

    return build_nlp(settings.spacy_model)


# The most ``extract`` reads from one file or standard input: the fetcher's cap on a page (an article is at
# most LEGWORK_MAX_CHARS characters; a saved page's markup is larger).
MAX_INPUT_BYTES = 10_000_000
_OTHER_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def is_url(arg: str) -> bool:
    """True when a command-line input is a link rather than a path."""
    return arg.lower().startswith(("http://", "https://"))


def read_bytes(arg: str) -> tuple[bytes, str]:
    """A path's or standard input's (``-``) bytes and a name for messages; at most ``MAX_INPUT_BYTES``, a
    clear InputError otherwise."""
    if _OTHER_SCHEME.match(arg) and not is_url(arg):
        raise InputError(f"{arg}: only http and https links can be fetched")
    if arg == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        name = "standard input"
    else:
        path = Path(arg)
        if not path.exists():
            raise InputError(f"{arg}: no such file")
        if path.is_dir():
            raise InputError(f"{arg}: is a folder, not a file")
        try:
            with path.open("rb") as f:
                data = f.read(MAX_INPUT_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{arg}: cannot be read ({exc.strerror or exc})") from None
        name = arg
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: is over {MAX_INPUT_BYTES // 1_000_000} MB, too large for an article")
    return data, name


def read_input(arg: str) -> str:
    """Read a path or ``-`` (standard input) as text: UTF-8, or UTF-16 with its byte-order mark; a saved web
    page in the charset it declares. At most ``MAX_INPUT_BYTES``; a clear InputError otherwise."""
    data, name = read_bytes(arg)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if (utf16 := _utf16_without_bom(data[:4096])) is not None:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data[:4096]:
        raise InputError(f"{name}: looks like a binary file, not article text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if arg.lower().endswith(_HTML_SUFFIXES):
            from bot.reader.charset import decode_body

            return decode_body(data, html=True)[1]  # the page's <meta charset>, else detected
        raise InputError(f"{name}: is not UTF-8 text (bad byte at position {exc.start})") from None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``-be`` when every other byte is zero, as in UTF-16 English text with no BOM."""
    if len(head) < 16:
        return None
    for codec, zeros, chars in (("utf-16-le", head[1::2], head[0::2]), ("utf-16-be", head[0::2], head[1::2])):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) == 0:
            return codec
    return None


def _quiet_failed_fetch(record: logging.LogRecord) -> bool:
    """The fetcher logs each failed link; ``extract`` prints it as its one error line already."""
    return not (record.name == "bot.reader.fetch" and str(record.msg).startswith("fetch failed"))


class _Failed:
    def __init__(self, message: str) -> None:
        self.message = message


@click.group()
@click.version_option(package_name="legwork")
def cli() -> None:
    """Legwork: key quotes, who said them, officials and open questions from news articles, in Slack."""


@cli.command()
def start() -> None:
    """Serve Slack when it is configured; otherwise print the seed article's digest and how to connect."""
    settings = _settings()
    if settings.slack_configured:
        from handlers.server import serve

        serve(settings)
        return
    from bot.render import digest_text

    nlp = _load_nlp(settings)
    from bot.extract import extract

    ex = extract(SEED.read_text(encoding="utf-8"), nlp, max_chars=settings.max_chars)
    click.echo(
        f"Legwork is not connected to Slack yet. This is its digest of the sample article {SEED.name}:\n"
    )
    click.echo(digest_text(ex))
    click.echo(CONNECT_HELP)


@cli.command()
@click.option("--mode", type=click.Choice(["auto", "http", "socket"]), default="auto", show_default=True,
              help="auto: Socket Mode when SLACK_APP_TOKEN is set, else HTTP.")
def serve(mode: str) -> None:
    """Connect to Slack: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on $PORT at /slack/events."""
    settings = _settings()
    from handlers.server import serve as _serve

    _serve(settings, mode=mode)


@cli.command("extract")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: one object per input, one per line.")
@click.argument("inputs", nargs=-1, required=True)
def extract_command(inputs: tuple[str, ...], as_json: bool) -> None:
    """Extract quotes, speakers, officials, sources and questions from files, '-' (stdin) or links."""
    settings = _settings()
    logging.getLogger("bot.reader.fetch").addFilter(_quiet_failed_fetch)
    if settings.log_level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)  # its line per request is noise here
    from bot.extract import analyse
    from bot.extract.text import prepare
    from bot.render import digest_text

    # Read and check every input first, so that the pipeline runs once over the good ones (nlp.pipe).
    items: list[tuple[str, object]] = []
    for arg in inputs:
        try:
            items.append((arg, _load(arg, settings)))
        except BotError as exc:
            items.append((arg, _Failed(str(exc))))
    good = [(i, meta) for i, (_, meta) in enumerate(items) if not isinstance(meta, _Failed)]
    results: dict[int, object] = {}
    if good:
        nlp = _load_nlp(settings)
        texts = [meta["text"] for _, meta in good]  # type: ignore[index]
        prepared = []
        for (i, meta), text in zip(good, texts, strict=True):
            try:
                prepared.append((i, meta, *prepare(text, settings.max_chars)))
            except BotError as exc:
                results[i] = _Failed(f"{items[i][0]}: {exc}")
        docs = nlp.pipe((p[2] for p in prepared), batch_size=8)
        for (i, meta, _cleaned, notes), doc in zip(prepared, docs, strict=True):
            ex = analyse(doc, list(meta.get("notes", [])) + notes)  # type: ignore[union-attr]
            for key in ("title", "url", "byline", "published", "site"):
                setattr(ex, key, meta.get(key))  # type: ignore[union-attr]
            results[i] = ex
    failed = 0
    for i, (_arg, meta) in enumerate(items):
        result = meta if isinstance(meta, _Failed) else results[i]
        if isinstance(result, _Failed):
            failed += 1
            if as_json and len(items) > 1:
                click.echo(json.dumps({"error": result.message, "input": items[i][0]}))
            click.echo(f"error: {result.message}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))  # type: ignore[attr-defined]
        else:
            if len(items) > 1:
                click.echo(f"== {items[i][0]}")
            click.echo(digest_text(result))  # type: ignore[arg-type]
    if failed:
        sys.exit(1)


def _load(arg: str, settings: Settings) -> dict[str, object]:
    """One input as a dict with ``text`` and, for a link, the page's metadata."""
    if is_url(arg):
        from bot.reader.fetch import fetch_article

        article = fetch_article(arg, settings)
        return {
            "text": article.text, "title": article.title, "url": article.url, "byline": article.byline,
            "published": article.published, "site": article.site, "notes": article.notes,
        }
    if arg.lower().endswith((".pdf", ".docx", ".md", ".markdown")) and Path(arg).is_file():
        from bot.reader.documents import read_document

        doc = read_document(read_bytes(arg)[0], name=arg)
        return {"text": doc.text, "title": doc.title, "notes": doc.notes}
    text = read_input(arg)
    if (arg.lower().endswith(_HTML_SUFFIXES) and "<" in text) or _looks_like_html(text):
        from bot.digest import read_pasted_html

        page = read_pasted_html(text, settings.max_chars)  # a saved page, read as pasted HTML is in Slack
        return {"text": page.text, "title": page.title, "byline": page.byline, "published": page.published,
                "notes": page.notes}  # fmt: skip
    return {"text": text}


def _looks_like_html(text: str) -> bool:
    from bot.digest import looks_like_html

    return looks_like_html(text)


@cli.command("preview")
@click.argument("source", required=False)
@click.option("--out", default="preview.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the HTML page.")
@click.option("--png", default=None, type=click.Path(dir_okay=False),
              help="Also take a screenshot at the width of Slack's thread pane (needs chromium on PATH).")
@click.option("--list", "which", type=click.Choice(["reply", "quotes", "questions", "sources", "officials"]),
              default="reply", show_default=True,
              help="The reply, or one of the full lists its buttons open.")
def preview_command(source: str | None, out: str, png: str | None, which: str) -> None:
    """Render a digest's Slack reply (default: the seed article) as an HTML page that looks like Slack."""
    settings = _settings()
    meta = _load(source or str(SEED), settings)
    from bot.extract import extract
    from bot.render import detail_blocks, digest_message
    from bot.render.preview import block_stats, preview_html, screenshot

    ex = extract(str(meta["text"]), _load_nlp(settings), max_chars=settings.max_chars)
    for key in ("title", "url", "byline", "published", "site"):
        setattr(ex, key, meta.get(key))
    ex.notes = [*map(str, meta.get("notes") or []), *ex.notes]  # type: ignore[call-overload]
    saved = _scratch_save(ex)  # a throwaway store, so the reply has its question menus and buttons
    message = digest_message(ex, saved) if which == "reply" else {"blocks": detail_blocks(ex, which, saved)}
    Path(out).write_text(preview_html(message, title=f"Legwork preview: {ex.shown_title}"), encoding="utf-8")
    count, chars = block_stats(message["blocks"])
    click.echo(f"wrote {out}: {count} blocks, {chars:,} characters of text")
    if png:
        if screenshot(Path(out), Path(png)):
            click.echo(f"wrote {png}")
        else:
            click.echo("no screenshot: chromium is not installed (Debian: apt install chromium)", err=True)


def _scratch_save(ex: object):  # noqa: ANN202 - a SaveResult, imported lazily
    """Store ``ex`` in a temporary database and return what storing tells the reply (ids for its buttons)."""
    import tempfile

    from bot.models import Sighting
    from bot.store.storage import Store

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "preview.db")
        try:
            sighting = Sighting(team="T0PREVIEW", channel="C0PREVIEW")
            return store.save_digest(ex, sighting)  # type: ignore[arg-type]
        finally:
            store.close()


@cli.command("init-db")
def init_db() -> None:
    """Create or upgrade the database at LEGWORK_DB."""
    settings = _settings()
    from bot.store.storage import Store

    Store(settings.db_path).close()
    click.echo(f"database ready at {settings.db_path}")


@cli.command("recall")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.argument("query", nargs=-1, required=True)
def recall_command(query: tuple[str, ...], as_json: bool) -> None:
    """Search stored digests: a name, words or a "phrase", with in:#channel since: until: is:open type:.

    The command line is the operator's view: it sees every channel, private ones included.
    """
    settings = _settings()
    from bot.render import format_recall
    from bot.store.recall import recall
    from bot.store.storage import Store

    store = Store(settings.db_path)
    try:
        result = recall(store, " ".join(query), scope=None)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        click.echo(format_recall(result), nl=False)


@cli.command("forget")
@click.argument("target")
def forget_command(target: str) -> None:
    """Remove an article (by URL or article id) and everything extracted from it: corrections, takedowns."""
    settings = _settings()
    from bot.store.storage import Store

    store = Store(settings.db_path)
    try:
        removed = store.forget(target)
    finally:
        store.close()
    if not removed:
        raise click.ClickException(f"no stored article matches {target!r}")
    click.echo(f"forgot {removed} article{'s' * (removed != 1)} and everything extracted from it")


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True,
              help="json: every article with its quotes, officials, sources, questions and sightings; "
                   "csv: one table.")
@click.option("--table", default="quotes", show_default=True,
              help="Table for --format csv: quotes, articles, sightings, people, officials, "
                   "anonymous_sources, questions, question_states.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
def export_command(fmt: str, table: str, output: str) -> None:
    """Dump the stored data as JSON (one array of articles) or CSV (one table)."""
    import csv

    settings = _settings()
    from bot.store.storage import Store

    store = Store(settings.db_path)
    out = click.open_file("-", "w", encoding="utf-8", lazy=False) if output == "-" else _private_file(output)
    try:
        if fmt == "json":
            out.write("[")
            for i, article in enumerate(store.export_articles()):
                out.write(("," if i else "") + "\n" + json.dumps(article, ensure_ascii=False))
            out.write("\n]\n")
        else:
            columns, rows = store.export_table(table)
            writer = csv.writer(out)
            writer.writerow(columns)
            writer.writerows(rows)
    finally:
        store.close()
        if output != "-":
            out.close()


def _private_file(path: str):  # noqa: ANN202 - a text file object
    """Open ``path`` for writing, readable by its owner only (0600, as the database): an export holds what
    reporters pasted, private channels included."""
    import os

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # an existing file keeps no wider mode
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return os.fdopen(fd, "w", encoding="utf-8", newline="")


@cli.command("prune")
@click.option("--days", type=int, default=None, help="Keep this many days (default: LEGWORK_RETENTION_DAYS).")
def prune_command(days: int | None) -> None:
    """Delete material not seen for LEGWORK_RETENTION_DAYS days (or --days); 0 keeps everything."""
    settings = _settings()
    from bot.store.storage import Store

    days = settings.retention_days if days is None else days
    if days <= 0:
        click.echo("retention is off (LEGWORK_RETENTION_DAYS=0): nothing pruned")
        return
    store = Store(settings.db_path)
    try:
        removed = store.prune(days)
    finally:
        store.close()
    click.echo(f"pruned {removed} article{'s' * (removed != 1)} not seen for {days} days")


def main() -> None:
    """Entry point: run the CLI, turning Legwork's errors into one line and exit status 1."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except BotError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
