"""`protokoll export decisions|attendees` and `protokoll serve`: the store as files and as a web app.

Errors a user can cause (no store, a malformed date, a query with nothing to find, a binary
format to a terminal) end in one line on stderr and exit status 2, as the store's commands do.
"""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from pipeline.cli.store import DB_HELP, fail, one_line_errors, parse_day
from pipeline.exports import DELIMITERS, EXTENSIONS, FORMATS
from pipeline.store.labels import DECISION_KIND_LABELS

if TYPE_CHECKING:  # the store, the exports' writers and the web stack load when a command runs
    from fastapi import FastAPI

    from pipeline.store import SearchRequest

F = TypeVar("F", bound=Callable[..., object])
# --kind takes the record's names or the Swedish ones ("inget-beslut" saves quoting a space).
KIND_NAMES = {**{k: k for k in DECISION_KIND_LABELS},
              **{label: kind for kind, label in DECISION_KIND_LABELS.items()},
              **{label.replace(" ", "-"): kind for kind, label in DECISION_KIND_LABELS.items()}}
FORMAT_OF_SUFFIX = {**{ext: fmt for fmt, ext in EXTENSIONS.items()}, ".json": "json", ".ndjson": "json"}
BINARY_FORMATS = ("xlsx", "docx")


def selection_options(command: F) -> F:
    """The options both exports share: the store, the filters, the format and where to write."""
    options = [
        click.option("--db", help=DB_HELP),
        click.option("--from", "date_from", metavar="DATE", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--to", "date_to", metavar="DATE", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--organisation", "--org", "organisation", help="Organisation name, or part of it (any case)."),
        click.option("--body", help="Meeting body (Styrelsen, Utvecklingsrådet ...), or part of it."),
        click.option("--query", help="Only what the store's search finds for these words (as `protokoll search`)."),
        click.option("--format", "fmt", type=click.Choice(FORMATS), help="csv, xlsx, json (JSON Lines) or docx; "
                     "default: from the -o file's suffix, else csv."),
        click.option("--delimiter", type=click.Choice(DELIMITERS), default=";", show_default=True,
                     help="CSV field separator (';' is what Swedish Excel opens directly)."),
        click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                     help="Write to this file (default: standard output, for csv and json)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.group("export", short_help="Export decisions (beslutsförteckning) or attendees: CSV, XLSX, JSON, DOCX.")
def export_group() -> None:
    """Export what the store holds: one row per decision, or per attendee of each meeting."""


@export_group.command("decisions", short_help="One row per decision: date, organisation, body, §, item, dnr, "
                      "kind, text, amounts, source and page.")
@selection_options
@click.option("--kind", "kinds", multiple=True, type=click.Choice(sorted(KIND_NAMES), case_sensitive=False),
              help="Only decisions of this kind (repeatable): decision/beslut, noted/noterat, "
                   "no_decision/inget-beslut, recommendation/rekommendation.")
@one_line_errors
def export_decisions(db: str | None, date_from: str | None, date_to: str | None, organisation: str | None,
                     body: str | None, query: str | None, fmt: str | None, delimiter: str, output: Path | None,
                     kinds: tuple[str, ...]) -> None:
    """Export the decisions the filters keep, in meeting order, each once however many files
    record its meeting (the rows name the meeting and all its files); DOCX is a
    beslutsförteckning with a heading per meeting."""
    from pipeline.archive.meetings import meeting_decision_rows
    from pipeline.exports.tables import describe_selection, export
    from pipeline.store import open_store
    from pipeline.store.browse import DecisionRow

    fmt = output_format(fmt, output)
    request = selection(date_from, date_to, organisation, body, query,
                        decision_kinds=tuple(dict.fromkeys(KIND_NAMES[k.lower()] for k in kinds)))
    with open_store(db, create=False) as store:
        rows = meeting_decision_rows(store, request)
    content = export(rows, DecisionRow, fmt, delimiter=delimiter, subtitle=describe_selection(request))
    write(content, fmt, output, f"{len(rows)} decision{'s' if len(rows) != 1 else ''}")


@export_group.command("attendees", short_help="One row per person listed at each meeting.")
@selection_options
@one_line_errors
def export_attendees(db: str | None, date_from: str | None, date_to: str | None, organisation: str | None,
                     body: str | None, query: str | None, fmt: str | None, delimiter: str,
                     output: Path | None) -> None:
    """Export the attendees of the meetings the filters keep (with --query: the meetings with hits),
    once per meeting: as its primary file lists them."""
    from pipeline.archive.meetings import meeting_attendee_rows
    from pipeline.exports.tables import describe_selection, export
    from pipeline.store import open_store
    from pipeline.store.browse import AttendeeRow, attendee_rows

    fmt = output_format(fmt, output)
    request = selection(date_from, date_to, organisation, body, query)
    with open_store(db, create=False) as store:
        rows = meeting_attendee_rows(store, attendee_rows(store, request))
    content = export(rows, AttendeeRow, fmt, delimiter=delimiter, subtitle=describe_selection(request))
    write(content, fmt, output, f"{len(rows)} attendee row{'s' if len(rows) != 1 else ''}")


def selection(date_from: str | None, date_to: str | None, organisation: str | None, body: str | None,
              query: str | None, decision_kinds: tuple[str, ...] = ()) -> SearchRequest:
    from pipeline.store import SearchRequest

    return SearchRequest(text=query or "", organisation=organisation, body=body,
                         date_from=parse_day(date_from, "--from", first=True),
                         date_to=parse_day(date_to, "--to", first=False), decision_kinds=decision_kinds)


def output_format(fmt: str | None, output: Path | None) -> str:
    """--format, else the -o file's suffix, else CSV; a suffix no format has is refused (exit 2),
    not written as CSV under a name that says otherwise."""
    if fmt:
        return fmt
    if output is None or not output.suffix:
        return "csv"
    suffix = output.suffix.lower()
    if suffix not in FORMAT_OF_SUFFIX:
        known = ", ".join(f"{ext} ({name})" for ext, name in FORMAT_OF_SUFFIX.items())
        fail(f"{output.name}: no export format has the suffix '{output.suffix}': use {known}, "
             "or name the format with --format")
    return FORMAT_OF_SUFFIX[suffix]


def write(content: bytes, fmt: str, output: Path | None, what: str) -> None:
    """The export to the file, or to standard output (never binary to a terminal); a summary on stderr."""
    if output is None:
        stdout = sys.stdout.buffer
        if fmt in BINARY_FORMATS and stdout.isatty():
            fail(f"{fmt} is a binary format: write it to a file with -o FILE")
        stdout.write(content)
        stdout.flush()
        return
    try:
        output.write_bytes(content)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
    click.echo(f"{what} written to {output}", err=True)


# -- serve ------------------------------------------------------------------------------------

@click.command(short_help="Serve the store in the browser, and as JSON under /api (read-only).")
@click.option("--db", help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default answers this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name browsers reach the server by (repeatable); loopback names always work.")
def serve(db: str | None, host: str, port: int, allow_hosts: tuple[str, ...]) -> None:
    """Search, meetings, decisions, people and exports in the browser; JSON under /api with its
    OpenAPI schema at /openapi.json. Read-only: nothing in the store or on disk is changed.
    Exit 1 when the address cannot be listened on (a port in use), 2 when the store cannot be opened."""
    import uvicorn  # the web stack loads only for this command

    from pipeline.store import default_db

    app = build_app(db or default_db(), allowed_hosts(host, allow_hosts))
    if not is_loopback(host):
        click.echo(f"protokoll: listening on {host}: the archive is readable by anyone who can reach this "
                   "machine", err=True)
    click.echo(f"Protokollarkivet: http://{'localhost' if is_loopback(host) else host}:{port}/", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    except SystemExit as exc:  # uvicorn's own status for a server that never started is 3: ours is 1
        if exc.code not in (0, None):
            fail(f"cannot serve on {host}:{port} (the reason is logged above)", status=1)
        raise


@one_line_errors
def build_app(db_url: str, hosts: list[str]) -> FastAPI:
    """The app, or one line and exit 2 when the store cannot be opened."""
    from pipeline.web import create_app  # the web stack loads only for this command

    return create_app(db_url, allowed_hosts=hosts)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: tuple[str, ...]) -> list[str]:
    """The Host header values to answer: loopback names, the bound address, and any named.
    Bound to every interface, any name is answered (the operator chose to expose it)."""
    if host in ("0.0.0.0", "::"):
        return ["*"]
    names = ["127.0.0.1", "localhost", *extra]
    return names if is_loopback(host) else [*names, host]
