"""From a Layout to the meeting record: the one path every reader's output takes."""

from __future__ import annotations

from datetime import date

from extractors.amounts import amounts_in
from extractors.attendees import attendees_from_lines, in_signed_order
from extractors.cleanup import is_furniture_phrase, remove_furniture
from extractors.decisions import ends_sentence, find_decisions, states_decision
from extractors.items import ItemStart, find_item_starts, item_end
from extractors.meta import (
    body,
    document_date,
    document_kind,
    front_fields,
    meeting_date,
    organisation,
    people_from_items,
    place_and_time,
    signatories,
    spell_as_attendee,
    time_from_minutes,
)
from extractors.paragraphs import Paragraph, line_gap, text_margins, to_paragraphs
from extractors.tables import column_tables, document_table_amounts, is_data_table
from extractors.text import clean, fold, person_key
from extractors.version import EXTRACTOR_VERSION
from extractors.vocabulary import attendee_group
from schemas.layout import Layout, Line, Table
from schemas.record import Amount, Attendee, Decision, Document, Item

TITLE_LINES = 12
TITLE_BLOCK = 5


def build_record(layout: Layout, sha256: str) -> Document:
    cleaned = remove_furniture(layout)
    lines, tables = _with_column_tables(cleaned.lines, list(layout.tables))
    header = [t for t in cleaned.furniture if not is_furniture_phrase(t)]
    title_texts = [_line_text(ln) for ln in lines[:TITLE_BLOCK]]
    top_texts = header + [_line_text(ln) for ln in lines[:TITLE_LINES]]
    kind = document_kind(header + title_texts, top_texts, has_items=False, has_attendees=False)
    starts = find_item_starts(lines, kind)
    front_end = starts[0].index if starts else len(lines)
    body_end = item_end(lines, starts[-1].body, len(lines)) if starts else len(lines)
    front, tail = lines[:front_end], lines[body_end:]
    attendees = attendees_from_lines(front + _lists_in_items(lines, starts, body_end))
    fields = front_fields(front)
    all_texts = [_line_text(ln) for ln in lines]
    held = meeting_date(fields, top_texts, all_texts)  # decisions dated before it are earlier ones
    titled = body(header + title_texts, [])  # whose decisions the minutes record, as its title names it
    items, item_paragraphs = _items(lines, tables, starts, body_end, layout.flow, kind, held, titled)
    bound_in = _bound_in(lines, starts, body_end)
    location, time = place_and_time(fields, header + title_texts[:front_end])
    headings = {start.index: _line_text(lines[start.index]) for start in starts}
    time = time or time_from_minutes(
        [text for start, (_, paragraphs) in zip(starts, item_paragraphs, strict=True)
         for text in [headings[start.index], *(p.text for p in paragraphs)]])
    people = _people(front + tail, item_paragraphs, attendees)
    signed_order = in_signed_order(attendees, [people["chair"], people["secretary"], *people["adjusters"]])
    if signed_order is not attendees:  # the lists print surname first: names as the signatories write them
        attendees = signed_order
        people = _people(front + tail, item_paragraphs, attendees)
    if kind == "annat":
        kind = document_kind([], [], has_items=bool(items), has_attendees=bool(attendees),
                             signed=bool(people["chair"] or people["secretary"] or people["adjusters"]))
    is_meeting = kind in ("protokoll", "minnesanteckningar", "annat")
    decision_texts = [d.text for item in items for d in item.decisions]
    return Document(
        source=layout.source,
        sha256=sha256,
        pages=layout.pages,
        extractor_version=EXTRACTOR_VERSION,
        kind=kind,
        title=_title(lines),
        organisation=organisation(top_texts, title_texts[:front_end] + header, "\n".join(all_texts),
                                  [a.organisation for a in attendees if a.organisation]),
        body=body(header + title_texts, decision_texts) if is_meeting else None,
        meeting_date=held if is_meeting else None,
        document_date=document_date(top_texts + all_texts[:60]) if not is_meeting else None,
        location=location if is_meeting else None,
        time=time if is_meeting else None,
        chair=people["chair"],
        secretary=people["secretary"],
        adjusters=people["adjusters"],
        attendees=attendees,
        items=items,
        amounts=_amounts(to_paragraphs(_text_lines(front + bound_in + tail, tables), layout.flow,
                                       text_margins(lines), line_gap(lines))),
        table_amounts=document_table_amounts(tables),
        provenance=layout.provenance,
    )


def _lists_in_items(lines: list[Line], starts: list[ItemStart], body_end: int) -> list[Line]:
    """An item whose heading is an attendee label ("2 Närvarolista", "§ 3 Närvarande") holds the
    list: its heading, less the number, and its lines, as a front page would give them."""
    out: list[Line] = []
    for k, start in enumerate(starts):
        if attendee_group(start.title) is None:
            continue
        heading = lines[start.index]
        label = heading.model_copy(update={"segments": [heading.segments[0].model_copy(update={"text": start.title})],
                                           "heading_level": None})
        out += [label, *lines[start.body:_item_stop(starts, k, body_end)]]
    return out


def _with_column_tables(lines: list[Line], tables: list[Table]) -> tuple[list[Line], list[Table]]:
    """Mark the lines of gap-set tables as table rows, so their money counts only once."""
    lines = list(lines)
    for indexes, table in column_tables(lines):
        number = len(tables)
        tables.append(table)
        for k in indexes:
            lines[k] = lines[k].model_copy(update={"table": number})
    return lines, tables


def _items(lines: list[Line], tables: list[Table], starts: list[ItemStart], body_end: int,
           flow: str, kind: str = "protokoll", held: date | None = None, titled: str | None = None,
           ) -> tuple[list[Item], list[tuple[str, list[Paragraph]]]]:
    items: list[Item] = []
    texts: list[tuple[str, list[Paragraph]]] = []
    margins, leading = text_margins(lines), line_gap(lines)
    for k, start in enumerate(starts):
        stop = _item_stop(starts, k, body_end)
        span = lines[start.body:stop] if start.body <= stop else []
        # An item whose number opens a paragraph ("§ 2 Till ordförande valdes ...") has that
        # paragraph, less its number, as its first text.
        lead = [start.lead] if start.lead is not None else []
        paragraphs = to_paragraphs(_text_lines(lead + span, tables), flow, margins, leading)
        heading = lines[start.index]
        # In a flat numbered list the point is a sentence ("6. Dagordningen godkändes."): it
        # may decide, like any sentence of the item's text.
        sentence = ends_sentence(heading.text) or states_decision(start.title)
        said = [Paragraph([heading])] if sentence and start.number is not None and not lead else []
        decisions = [
            Decision(kind=d.kind, text=d.text, page=d.page,
                     amounts=[_amount(m, d.page) for m in amounts_in(d.text)])
            for d in find_decisions(said + paragraphs, start.title, kind, held, titled)
        ]
        last_page = max([ln.page for ln in span] + [lines[start.index].page])
        items.append(Item(
            number=start.number,
            prefix=start.prefix,
            title=start.title or "(utan rubrik)",
            dnr=start.dnr,
            page_start=lines[start.index].page,
            page_end=last_page,
            text="\n".join(p.text for p in paragraphs),
            decisions=decisions,
            amounts=_amounts(paragraphs),
        ))
        texts.append((start.title, paragraphs))
    return items, texts


def _item_stop(starts: list[ItemStart], k: int, body_end: int) -> int:
    """Where item k's text stops: at the next item, or earlier at an appendix bound in after it."""
    stop = starts[k + 1].index if k + 1 < len(starts) else body_end
    return min(stop, starts[k].end) if starts[k].end is not None else stop


def _bound_in(lines: list[Line], starts: list[ItemStart], body_end: int) -> list[Line]:
    """The lines of appendices bound in between items: text outside every item."""
    return [line for k, start in enumerate(starts) if start.end is not None
            for line in lines[_item_stop(starts, k, body_end):starts[k + 1].index if k + 1 < len(starts) else body_end]]


def _text_lines(lines: list[Line], tables: list[Table]) -> list[Line]:
    """The lines that read as text: no rows of data tables; of a table used for layout
    (an agenda set in a grid), its main text column, with side columns (a "Ansvar" column)
    moved after it."""
    # Only the tables these lines lie in: called per item, a pass over every table of a long
    # document made extraction quadratic in its length.
    present = {ln.table for ln in lines if ln.table is not None and 0 <= ln.table < len(tables)}
    main_columns = {i: _main_column(i, lines) for i in sorted(present) if not is_data_table(tables[i])}
    text: list[Line] = []
    side: list[Line] = []
    for line in lines:
        if line.table is None:
            text.append(line)
        elif line.table in main_columns:
            main = main_columns[line.table]
            keep = [s for s in line.segments if (s.column if s.column is not None else 0) <= main]
            rest = [s for s in line.segments if (s.column if s.column is not None else 0) > main]
            if keep:
                text.append(line.model_copy(update={"segments": keep}))
            if rest:
                side.append(line.model_copy(update={"segments": rest, "table": -1}))
    return text + side


def _main_column(table: int, lines: list[Line]) -> int:
    chars: dict[int, int] = {}
    for line in lines:
        if line.table == table:
            for segment in line.segments:
                column = segment.column if segment.column is not None else 0
                chars[column] = chars.get(column, 0) + len(segment.text)
    return max(chars, key=lambda c: chars[c]) if chars else 0


def _amounts(paragraphs: list[Paragraph]) -> list[Amount]:
    found = []
    for paragraph in paragraphs:
        text = paragraph.text
        for match in amounts_in(text):
            found.append(_amount(match, _page_at(paragraph, text, match.start)))
    return found


def _amount(match: object, page: int) -> Amount:
    return Amount(value_sek=match.value_sek, raw=match.raw, page=page,  # type: ignore[attr-defined]
                  qualifier=match.qualifier)  # type: ignore[attr-defined]


def _page_at(paragraph: Paragraph, text: str, offset: int) -> int:
    """The page of the line where a character of the paragraph's text lies."""
    position = 0
    for line in paragraph.lines:
        position += len(clean(line.text)) + 1
        if offset < position:
            return line.page
    return paragraph.page_end


def _people(lines: list[Line], items: list[tuple[str, list[Paragraph]]],
            attendees: list[Attendee]) -> dict:
    signed = signatories(lines)
    elected = people_from_items(items)
    by_role = {
        "chair": [a.name for a in attendees if a.role and _is_chair_role(a.role)],
        "secretary": [a.name for a in attendees if a.role and "sekreterare" in a.role.casefold()],
    }
    chair = (signed["chair"] or by_role["chair"] or elected["chair"] or [None])[0]
    secretary = (signed["secretary"] or by_role["secretary"] or elected["secretary"] or [None])[0]
    adjusters = _unique(signed["adjusters"] or elected["adjusters"])
    chair_name = spell_as_attendee(chair, attendees) if chair else None
    adjusters = [spell_as_attendee(a, attendees) for a in adjusters]
    return {
        "chair": chair_name,
        "secretary": spell_as_attendee(secretary, attendees) if secretary else None,
        "adjusters": [a for a in _unique(adjusters) if not chair_name or person_key(a) != person_key(chair_name)],
    }


def _is_chair_role(role: str) -> bool:
    r = role.casefold()
    return "ordförande" in r and "vice" not in r and "ålders" not in r


def _unique(names: list[str]) -> list[str]:
    seen, out = set(), []
    for name in names:
        key = person_key(name)
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def _line_text(line: Line) -> str:
    """The line's text, its columns kept apart by tabs."""
    return "\t".join(clean(s.text) for s in line.segments if clean(s.text))


def _title(lines: list[Line]) -> str | None:
    for line in lines[:5]:
        text = _line_text(line)
        if text and len(text) < 150 and fold(text) not in ("", "protokoll"):
            return text
    return None
