"""The `protokoll` command.

Each command imports what it needs when it runs: the command modules import click and little
else, so `--help`, a search or an export does not pay for the extractors (spaCy) or the web stack.
bench/startup_bench.py measures it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from schemas.record import Document


@click.group()
@click.version_option(package_name="protokoll")
def main() -> None:
    """Swedish meeting records (protokoll, minnesanteckningar) as searchable, structured data.

    \b
    The store: every command that reads or writes it takes --db URL, a file path or
    sqlite:///PATH for SQLite, postgresql://USER@HOST:PORT/DB for PostgreSQL. Without --db,
    $PROTOKOLL_DB names it, else ~/.local/share/protokoll/protokoll.db.
    \b
    Exit status (every command):
      0  done (a load or ingest that quarantined some files is done: each is named on stderr
         with its reason; a search with no hits is done)
      1  nothing to show: `person` matched no one or several people, `case` found no item
         with the diarienummer; or a run could not complete: a load, ingest or schedule run
         (store unreachable, input missing), `serve` (the port cannot be listened on)
      2  a bad argument or option, a store a query cannot open, a file `extract` cannot
         read, an export to a file suffix no format has or a binary export to a terminal
    """


@main.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "text"]), default="text", show_default=True,
              help="json: the extraction contract; text: a summary to read.")
def extract(file: Path, fmt: str) -> None:
    """Extract one PDF or DOCX and print its record."""
    from extractors.readers import UnreadableDocument, printable_name  # the extractors load spaCy
    from pipeline.extract import extract_file

    try:
        record = extract_file(file)
    except UnreadableDocument as exc:
        click.echo(f"protokoll: {printable_name(file)}: {exc.reason}", err=True)
        sys.exit(2)
    except Exception as exc:  # a bug must still end in one line that names the file
        click.echo(f"protokoll: {printable_name(file)}: could not be extracted ({exc.__class__.__name__}: {exc})",
                   err=True)
        sys.exit(2)
    if fmt == "json":
        click.echo(record_json(record))
    else:
        click.echo(render_text(record))


def record_json(record: Document) -> str:
    """The extraction contract's JSON of a record, as `extract --format json` prints it."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=2)


def render_text(record: Document) -> str:
    """A short human summary of a record."""
    out = [
        f"{record.source}  ({record.kind}, {record.pages} s.)",
        f"  Organisation: {record.organisation or '-'}   Organ: {record.body or '-'}",
        f"  Datum: {record.meeting_date or record.document_date or '-'}   Tid: {record.time or '-'}"
        f"   Plats: {record.location or '-'}",
        f"  Ordförande: {record.chair or '-'}   Sekreterare: {record.secretary or '-'}"
        f"   Justerare: {', '.join(record.adjusters) or '-'}",
        f"  Närvaro: {len(record.attendees)} personer",
    ]
    for item in record.items:
        number = f"{item.prefix + ' ' if item.prefix else ''}§ {item.number}" if item.number is not None else "-"
        dnr = f"  [Dnr {item.dnr}]" if item.dnr else ""
        out.append(f"  {number:>10}  {item.title}{dnr}  (s. {item.page_start})")
        for decision in item.decisions:
            out.append(f"              [{decision.kind}] {decision.text}")
    if record.table_amounts:
        out.append(f"  Tabellbelopp: {len(record.table_amounts)}")
    return "\n".join(out)


from pipeline.cli.store import load, person, reindex, search  # noqa: E402

main.add_command(load)
main.add_command(search)
main.add_command(person)
main.add_command(reindex)

from pipeline.cli.web import export_group, serve  # noqa: E402

main.add_command(export_group)
main.add_command(serve)

from pipeline.cli.ingest import ingest, runs, schedule  # noqa: E402

main.add_command(ingest)
main.add_command(schedule)
main.add_command(runs)

from pipeline.cli.archive import case, check  # noqa: E402  (click only: the archive loads when a command runs)

main.add_command(case)
main.add_command(check)

