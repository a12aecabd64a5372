"""Attendees: the people a list names as present (or absent), with group, role,
organisation, party and partial presence.

Lists open at a label (Beslutande, Ersättare, Övriga deltagande, Närvarande, Frånvarande
...), also inside a value column ("Övriga deltagande | Ersättare ..."), and hold one person
per line, or several separated by commas. An entry broken over two lines is joined. A person
listed twice is one attendee, in the weightier group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.text import clean, looks_like_person, person_key
from extractors.vocabulary import (
    BOX,
    attendance_cell,
    attendee_column,
    attendee_group,
    has_party_form,
    is_front_label,
    is_national_party,
    is_organisation,
    is_presence_note,
    is_remote_place,
    is_role,
    label_key,
    without_list_mark,
)
from schemas.layout import Line, Segment
from schemas.record import GROUP_WEIGHT, Attendee

PRESENCE = re.compile(
    r"\(?\s*(?P<p>(?:§§?\s*\d{1,4}(?:\s?[a-z](?![a-zåäö]))?(?:\s*(?:[-–,]|och)\s*§?\s*\d{1,4})*"
    r"|(?:från\s+|till\s+)?kl\.?\s*\d{1,2}(?:[.:]\d{2})?(?:\s*[-–]\s*(?:\d{1,2}(?:[.:]\d{2})?)?)?"
    r"|(?:punkt|p\.)\s*[A-Z0-9]+(?:\s*[-–,]\s*[A-Z0-9]+)*)"
    r"(?:\s*(?:,\s*)?(?:via|på|genom)\s+(?:teams|zoom|skype|distans|länk|telefon)\w*)?)\s*\)?",
    re.IGNORECASE,
)
REMOTE = re.compile(r"\(?\s*(?:via|på|genom)\s+(?:teams|zoom|skype|distans|länk|telefon)\w*\s*\)?", re.IGNORECASE)
PARTY = re.compile(r"\(\s*(?P<party>[A-ZÅÄÖa-zåäö]{1,4}|-|–)\s*\)")
SUBSTITUTE = re.compile(r"\bersätter\s+(?P<who>.+)$", re.IGNORECASE)


# "Digg: Anna Ek" in a run "Org: name, name, Org: name": the organisation, then its first person.
ORGANISATION_HEAD = re.compile(r"^(?P<org>[^:()]{2,60}?)\s*:\s*(?P<rest>\S.*)$")


@dataclass
class ListLine:
    text: str
    x0: float
    page: int


@dataclass
class Columns:
    """An attendee table's header row: the field each column holds, by column position."""
    table: int | None
    fields: list[tuple[float, int | None, str]]  # (centre, column, field) of each header cell

    def has(self, field: str) -> bool:
        return any(f == field for _, _, f in self.fields)

    def field_of(self, segment: Segment) -> str:
        if segment.column is not None and any(c is not None for _, c, _ in self.fields):
            same = [f for _, c, f in self.fields if c == segment.column]
            if same:
                return same[0]
        centre = (segment.x0 + segment.x1) / 2
        return min(self.fields, key=lambda f: abs(f[0] - centre))[2]


def attendees_from_lines(lines: list[Line]) -> list[Attendee]:
    """Attendees of every labelled list in the given (front matter) lines."""
    lines = merge_wrapped_labels(lines)
    found: list[Attendee] = []
    group: str | None = None
    pending: list[ListLine] = []
    list_table: int | str | None = None
    columns: Columns | None = None
    # parties are the document's way of listing its members, not one list's
    parties = names_parties([_split_label(s.text)[1] for line in lines for s in line.segments])
    consumed = -1
    for index, line in enumerate(lines):
        segments = [s for s in line.segments if clean(s.text)]
        if not segments or index <= consumed:
            continue
        if columns is not None and line.table == columns.table and line.table is not None:
            found.extend(_row_attendee(segments, columns, group))
            continue
        columns = _header_row(line, segments)
        if columns is not None:
            found.extend(_entries(pending, group, parties))
            pending = []
            continue
        if _box_count(line.text) >= 1 and (group is not None or _box_count(line.text) >= 2):
            found.extend(_entries(pending, group, parties))
            pending = []
            found.extend(_ticked_entries(line.text, group or "närvarande"))
            continue
        run, last = _name_run(lines, index) if group is None else (None, index)
        if run:
            found.extend(parse_entry(run, "närvarande", parties))  # names alone, no label: those present
            consumed = last
            continue
        label, rest = _split_label(segments[0].text)
        if label is None and group is not None and list_table == "unset":
            list_table = line.table  # the list's first line says whether it is a table
        if label is None and group is not None and (line.table != list_table or line.heading_level):
            label, rest = "", ""  # a table or heading after the list ends it
        if label is not None:
            found.extend(_entries(pending, group, parties))
            pending = []
            group = attendee_group(label) if label else None
            list_table = line.table if (rest or len(segments) > 1) else "unset"
            value = ", ".join(clean(v) for v in [rest, *(s.text for s in segments[1:])] if clean(v))
            if group is not None and value:
                sub = attendee_group(value)
                if sub is not None:
                    group = sub
                else:
                    pending.append(ListLine(value, segments[0].x1, line.page))
            continue
        if group is None:
            continue
        sub = attendee_group(segments[0].text) if len(segments) == 1 else None
        if sub is not None:
            found.extend(_entries(pending, group, parties))
            pending, group = [], sub
            continue
        # Columns of one row ("name | organisation") are one entry.
        pending.append(ListLine(", ".join(clean(s.text) for s in segments), segments[0].x0, line.page))
    found.extend(_entries(pending, group, parties))
    return merge_attendees(found)


def _header_row(line: Line, segments: list[Segment]) -> Columns | None:
    """A table row whose every cell names an attendee field, one of them the name."""
    fields = [attendee_column(s.text) for s in segments]
    if len(segments) < 2 or None in fields or "name" not in fields:
        return None
    return Columns(line.table, [((s.x0 + s.x1) / 2, s.column, f or "")
                                for s, f in zip(segments, fields, strict=True)])


def _row_attendee(segments: list[Segment], columns: Columns, group: str | None) -> list[Attendee]:
    """One row of an attendee table, each cell read as the field its header names: a party under
    "Parti" is a party, whatever it looks like."""
    cells: dict[str, str] = {}
    for segment in segments:
        field = columns.field_of(segment)
        cells[field] = clean(f"{cells.get(field, '')} {segment.text}")
    name_cell = cells.get("name", "")
    group = _row_group(cells.get("role"), group)
    marks = list(BOX.finditer(name_cell))
    if marks:
        group = "frånvarande" if marks[0].group("unticked") else group
        name_cell = clean(BOX.sub(" ", name_cell))
    came = attendance_cell(cells.get("attendance")) if columns.has("attendance") else True
    if came is False:
        group = "frånvarande"
    people = parse_entry(name_cell, group)
    if len(people) != 1:
        return people
    person = people[0]
    party = cells.get("party")
    presence = cells.get("presence") or (cells.get("attendance") if came is None else None)
    return [person.model_copy(update={
        "party": (party.strip("() ").upper() if party and party.strip("() ") else person.party),
        "role": cells.get("role") or person.role,
        "organisation": cells.get("organisation") or person.organisation,
        "present_for": (presence if presence and _is_presence(presence) else person.present_for),
    })]


def _row_group(role: str | None, group: str | None) -> str:
    """A table row's group: its list's label when that says more than present ("Beslutande": a
    tjänstgörande ersättare decides), else its function cell when that is a group ("Ersättare"),
    else present."""
    if group is not None and group != "närvarande":
        return group
    from_role = attendee_group(role) if role else None
    return from_role or group or "närvarande"


def _box_count(text: str) -> int:
    return len(BOX.findall(text))


def _ticked_entries(text: str, group: str) -> list[Attendee]:
    """A checkbox grid ("[X] Ek Anna  [ ] Berg Per"): a ticked name is in the list's group, an
    unticked one was absent. The name stays as written (a grid often puts the surname first)."""
    marks = list(BOX.finditer(text))
    people: list[Attendee] = []
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        entry = clean(text[mark.end():end]).strip(" ,;")
        people.extend(parse_entry(entry, "frånvarande" if mark.group("unticked") else group))
    return people


def _name_run(lines: list[Line], start: int) -> tuple[str | None, int]:
    """A run of names without a label from line ``start`` on, wrapped over up to four lines of one
    segment each (a centred paragraph): its text and last line, or None."""
    texts: list[str] = []
    for k in range(start, min(start + 4, len(lines))):
        segments = [s for s in lines[k].segments if clean(s.text)]
        if len(segments) != 1 or _split_label(segments[0].text)[0] is not None:
            break
        texts.append(clean(segments[0].text))
        joined = _one_paragraph(texts)
        if not _wraps_on(texts[-1]):
            return (joined, k) if _is_name_run(joined) else (None, start)
    return None, start


def _wraps_on(text: str) -> bool:
    """A line of a comma list that goes on below: it ends in a comma, or in a lone first name."""
    return text.endswith(",") or ("," in text and len(text.rsplit(",", 1)[1].split()) == 1)


def _is_name_run(text: str) -> bool:
    """A line of three or more names apart by commas and nothing else ("Anna Ek, Per Holm, Lisa
    Berg"): those present, though no label says so."""
    parts = [p.strip() for p in clean(text).strip(" .").split(",")]
    return len(parts) >= 3 and all(_is_bare_name(p, parties=False) for p in parts)


def merge_wrapped_labels(lines: list[Line]) -> list[Line]:
    """A label column that wraps ("Ej tjänstgörande" / "ersättare") reads as one label, on
    the first line, with the values of both lines."""
    out = list(lines)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if not first.segments or not second.segments or is_front_label(first.segments[0].text):
            continue
        head, tail = first.segments[0], second.segments[0]
        if abs(head.x0 - tail.x0) > 3 or first.page != second.page:
            continue
        joined = f"{clean(head.text)} {clean(tail.text)}"
        if not is_front_label(joined):
            continue
        label = head.model_copy(update={"text": joined})
        rest = second.segments[1:]
        out[i] = first.model_copy(update={"segments": [label, *first.segments[1:]]})
        if rest:
            out[i + 1] = second.model_copy(update={"segments": rest})
        else:
            out[i + 1] = second.model_copy(update={"segments": [tail.model_copy(update={"text": ""})]})
    return out


def merge_attendees(attendees: list[Attendee]) -> list[Attendee]:
    """One attendee per person: the weightier group wins, missing details are filled in."""
    merged: dict[str, Attendee] = {}
    for person in attendees:
        key = person_key(person.name)
        known = merged.get(key)
        if known is None:
            merged[key] = person
            continue
        first, second = (known, person) if GROUP_WEIGHT[known.group] >= GROUP_WEIGHT[person.group] else (person, known)
        merged[key] = first.model_copy(update={
            **{field: getattr(first, field) or getattr(second, field) for field in ("role", "organisation", "party")},
            "present_for": _joined_presence(first.present_for, second.present_for),
        })
    return list(merged.values())


def in_signed_order(attendees: list[Attendee], signed_names: list[str]) -> list[Attendee]:
    """Attendees named first name first when the document's lists print them surname first.

    People sign their names first name first, and the signatories are among those listed: a
    listed name that is a signatory's name turned round ("Haverinen Emilia" listed, "Emilia
    Haverinen" signed) shows that the document's lists put the surname first (a grid of
    "[X] Surname Firstname" entries, a register-style list), so every listed name is turned round
    ("Sjöström William" -> "William Sjöström"), and a signatory listed twice is one attendee.
    Without such a sign, names stay as printed."""
    signed = {person_key(name) for name in signed_names if name}
    if not any(person_key(a.name) not in signed and person_key(_surname_last(a.name)) in signed for a in attendees):
        return attendees
    return merge_attendees([a if person_key(a.name) in signed else a.model_copy(update={"name": _surname_last(a.name)})
                            for a in attendees])


def _surname_last(name: str) -> str:
    """ "Haverinen Emilia Sofia" -> "Emilia Sofia Haverinen": the first word, the surname, last."""
    words = name.split()
    return " ".join([*words[1:], words[0]]) if len(words) >= 2 else name


def _joined_presence(first: str | None, second: str | None) -> str | None:
    """A person listed on several lines is present for what the lines say together
    ("§§ 115-122" as ledamot, "§§ 111-114" as ersättare)."""
    if first and second and person_key(first) != person_key(second):
        return f"{first}, {second}"
    return first or second


def _split_label(text: str) -> tuple[str | None, str]:
    """("Beslutande", rest) when the text opens with a front-matter label."""
    text = clean(text)
    if is_front_label(text):
        return label_key(text), ""
    head, colon, rest = text.partition(":")
    if colon and is_front_label(head):
        return label_key(head), rest.strip()
    return None, text


def _entries(pending: list[ListLine], group: str | None, parties: bool = False) -> list[Attendee]:
    if group is None or not pending:
        return []
    texts = [without_list_mark(clean(p.text)) for p in pending]
    run = _organisation_run(_one_paragraph(texts), group)
    if run is not None:
        return run
    entries = _join_wrapped(texts)
    parties = parties or names_parties(entries)
    people: list[Attendee] = []
    for text in entries:
        run = _organisation_run(text, group)  # one "Org: name, name" a line
        people.extend(run if run is not None else parse_entry(text, group, parties))
    return people


def names_parties(entries: list[str]) -> bool:
    """The list names parties: a national party in brackets ("(S)"), or after two or more of its
    names ("Lina Jörnkrans S"). Then a short run of capitals beside a name is a (local) party, not
    an organisation and not a part of the name."""
    written_after = 0
    for entry in entries:
        if any(is_national_party(m.group("party")) for m in PARTY.finditer(entry)):
            return True
        name = re.split(r",|\(|§", entry)[0].split()
        if len(name) >= 3 and is_national_party(name[-1]) and name[-1].isupper() and looks_like_person(
                " ".join(name[:-1])):
            written_after += 1
    return written_after >= 2


def _one_paragraph(texts: list[str]) -> str:
    """A list's lines as the one paragraph they wrap: a word broken at a hyphen is joined, an
    abbreviation's hyphen kept ("E-" / "hälsomyndigheten")."""
    out = ""
    for text in texts:
        if out.endswith("-") and text[:1].islower():
            head = re.search(r"(\S+)-$", out)
            out = out + text if head and head.group(1).isupper() else out[:-1] + text
        elif out.endswith("-") and text[:1].isupper():
            out += text
        else:
            out = f"{out} {text}" if out else text
    return clean(out)


def _comma_parts(text: str) -> list[str]:
    """The text split at commas outside brackets."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth <= 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def _organisation_run(text: str, group: str) -> list[Attendee] | None:
    """"Bolagsverket: Erik Mossing, Digg: Ulrika Ek, Per Holm, SND: Anna Berg": each organisation
    before a colon, then its people up to the next. None when the text is no such run."""
    parts = _comma_parts(text)
    heads = [ORGANISATION_HEAD.match(p) for p in parts]
    if not heads or heads[0] is None:
        return None
    people: list[Attendee] = []
    organisation = None
    for part, head in zip(parts, heads, strict=True):
        if head:
            organisation = clean(head.group("org"))
            if is_front_label(organisation) or is_role(organisation) or not organisation[:1].isupper():
                return None
            part = head.group("rest")
        found = parse_entry(part, group, parties=False)
        if len(found) != 1:
            return None
        people.append(found[0] if found[0].organisation else found[0].model_copy(update={"organisation": organisation}))
    return people


def _join_wrapped(texts: list[str]) -> list[str]:
    """Entries broken over lines: after a trailing comma or an open parenthesis, or when the
    next line is a lone word or starts in lower case."""
    joined: list[str] = []
    for raw in texts:
        text = clean(raw)
        if not text:
            continue
        if joined and joined[-1].endswith("-") and text[:1].isalpha():
            # "Adolfs-" / "son": a hyphenated break; "Carl-" / "Inge": a hyphenated name
            joined[-1] = joined[-1][:-1] + text if text[:1].islower() else joined[-1] + text
        elif joined and _continues(joined[-1], text):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return joined


def _continues(previous: str, text: str) -> bool:
    if re.search(r"(?:§§?|\bkl\.?)$", previous) or text[:1].isdigit():
        return True  # "§§" / "20-21": a presence broken over two lines
    if previous.endswith((",", "-", "–", "&")) or previous.count("(") > previous.count(")"):
        return True
    if text[:1].islower() and not PRESENCE.match(text) and not text.startswith(("samt", "och", "varav")):
        return True
    if len(text.split()) == 1 and text[:1].isupper() and not is_organisation(text) and "," in previous:
        return True  # "Ylva" / "Selander": a name wrapped in a comma list
    if _ends_in_a_first_name(previous) and text[:1].isupper():
        return True  # "Anna Ek, Lisa" / "Berg, Karl Svensson": the wrap parts a name
    return bool(PRESENCE.fullmatch(text))


def _ends_in_a_first_name(text: str) -> bool:
    """A comma list of full names whose last entry is one word: the line broke inside a name."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 3 or len(parts[-1].split()) != 1 or not parts[-1][:1].isupper() or is_organisation(parts[-1]):
        return False
    return all(looks_like_person(p) for p in parts[:-1])


def parse_entry(text: str, group: str, parties: bool | None = None) -> list[Attendee]:
    """One list entry: "Name (S), Org, role §§ 20-21" or "Name, Name, Name". ``parties`` says
    whether the list names parties (see names_parties); by default the entry itself tells."""
    text = without_list_mark(clean(text)).strip(" .;")
    if not text or is_front_label(text):
        return []
    if parties is None:
        parties = names_parties([text])
    halves = [h.strip() for h in text.split(";") if h.strip()]
    if len(halves) >= 2 and all(_surname_first(h) for h in halves):  # "Ek, Anna; Holm, Per"
        return [a for h in halves for a in parse_entry(h, group, parties)]
    surname_first = _surname_first(text)
    if surname_first:
        text = surname_first
    text, extra_roles, extra_org, presence = _parentheticals(text, parties)
    match = next((m for m in PRESENCE.finditer(text) if _is_presence(m.group("p"))), None)
    if match:
        presence = _tidy_presence(match.group("p"))  # beside the name it says more than in brackets
        text = clean(text[: match.start()] + " " + text[match.end():]).strip(" ,")
    elif REMOTE.search(text) and not presence:
        remote = REMOTE.search(text)
        assert remote is not None
        presence = clean(remote.group(0).strip("() "))
        text = clean(text[: remote.start()] + text[remote.end():]).strip(" ,")
    substitute = SUBSTITUTE.search(text)
    replaces = None
    if substitute:
        replaces = clean(PARTY.sub("", substitute.group("who")))
        text = text[: substitute.start()].strip(" ,")
    parts = [p.strip() for p in re.split(r",|\s+[–-]\s+|;", text) if p.strip()]
    if len(parts) >= 2 and all(_is_bare_name(p, parties) for p in parts):
        return [a for p in parts for a in parse_entry(p, group, parties)]
    if not parts:
        return []
    name, party = _name_and_party(parts[0], parties)
    role, name = _role_before_name(name)
    organisation = extra_org
    if not parties and not party:
        name, organisation = _abbreviation_after_name(name, organisation)
    if not name or not _is_person(name) or is_organisation(name):
        return []
    roles = ([role] if role else []) + extra_roles
    for part in parts[1:]:
        part, part_party = _name_and_party(part, parties)
        party = party or part_party
        kind, value, extra = _classify_part(part)
        if kind == "role":
            roles.append(value)
            if extra and not organisation:
                organisation = extra
        elif kind == "organisation" and not organisation:
            organisation = value
        elif kind == "organisation":
            roles.append(value)
    if replaces:
        roles.append(f"ersätter {replaces}")
    return [Attendee(name=name, group=group, role=", ".join(roles) or None,  # type: ignore[arg-type]
                     organisation=organisation, party=party, present_for=presence)]


def _is_party_bracket(bracket: str, parties: bool) -> bool:
    """"(S)" is a party; "(SPI)" one where the list names parties; "(SKR)" or "(Digg)" in a
    list without parties is the organisation the person represents."""
    match = PARTY.fullmatch(bracket)
    if not match:
        return False
    value = match.group("party")
    return is_national_party(value) or (parties and has_party_form(value))


def _parentheticals(text: str, parties: bool = True) -> tuple[str, list[str], str | None, str | None]:
    """Bracketed details that are no party: "(ordförande)", "(punkt A § 111, planarkitekt)",
    "(socialförvaltningen, förvaltningssekreterare)", "(Bolagsverket)", "(kom in under mötet)".
    Returns the text without them, and the roles, organisation and presence they give."""
    roles: list[str] = []
    organisation = presence = None
    for match in list(re.finditer(r"\(([^()]*)\)", text))[::-1]:
        inner = clean(match.group(1))
        if _is_party_bracket(match.group(0), parties) or not inner:
            continue
        these: list[str] = []
        for part in (p.strip() for p in inner.split(",") if p.strip()):
            found = PRESENCE.search(part)
            if (found and _is_presence(found.group("p"))) or re.match(r"(?i)punkt\b", part):
                presence = presence or _tidy_presence(part)
            elif is_presence_note(part) or is_remote_place(part):
                presence = presence or part
            elif (is_organisation(part) or part[:1].isupper()) and not is_role(part):
                organisation = organisation or part  # a name of its own, no title: whom they represent
            else:
                these.append(part)
        roles = these + roles
        text = text[: match.start()] + text[match.end():]
    return clean(text), roles, organisation, presence


def _tidy_presence(text: str) -> str:
    """"kl 13.15- 13.30" (wrapped) as "kl 13.15-13.30"."""
    return re.sub(r"(?<=\d)\s*([-–])\s*(?=\d)", r"\1", clean(text))


def _is_presence(text: str) -> bool:
    return bool(re.search(r"\d", text))


def _is_bare_name(part: str, parties: bool = True) -> bool:
    name, _ = _name_and_party(part, parties)
    return _is_person(name) and not is_organisation(name)


def _is_person(name: str) -> bool:
    """A person's name, also with a surname's initial after it ("Erika Olofsson L")."""
    if looks_like_person(name):
        return True
    words = name.split()
    return len(words) >= 3 and re.fullmatch(r"[A-ZÅÄÖ]\.?", words[-1]) is not None and looks_like_person(
        " ".join(words[:-1]))


def _name_and_party(text: str, parties: bool = True) -> tuple[str, str | None]:
    party = None
    match = next((m for m in PARTY.finditer(text) if _is_party_bracket(m.group(0), parties)), None)
    if match:
        value = match.group("party")
        party = "-" if value in ("-", "–") else value.upper()
        text = text[: match.start()] + text[match.end():]
    text = clean(text).strip(" ,")
    # "Lina Jörnkrans S", "Anna Ek SPI": a party written after the name without brackets, where
    # the list names parties; it is no part of the name
    words = text.split()
    if party is None and parties and len(words) >= 3 and words[-1].isupper() and has_party_form(words[-1]) \
            and looks_like_person(" ".join(words[:-1])):
        party, text = words[-1], " ".join(words[:-1])
    # "(C) Ewa Engdahl": the party may stand before the name
    return text, party


def _abbreviation_after_name(name: str, organisation: str | None) -> tuple[str, str | None]:
    """"Olof Olsson SND" in a list without parties: the capitals are whom the person represents."""
    words = name.split()
    if len(words) >= 3 and words[-1].isupper() and len(words[-1]) >= 2 and words[-1].isalpha() \
            and looks_like_person(" ".join(words[:-1])):
        return " ".join(words[:-1]), organisation or words[-1]
    return name, organisation


def _surname_first(text: str) -> str | None:
    """"Ek, Anna" or "Ek, Anna Maria" (one surname, its first names after a comma): the name as
    "Anna Ek". Two words before the comma are a name and what follows it ("Anna Ek, Arboga")."""
    match = re.fullmatch(r"(?P<last>[A-ZÅÄÖ][\wåäöé-]+),\s*(?P<first>[A-ZÅÄÖ][\wåäöé-]+(?: [A-ZÅÄÖ][\wåäöé-]+)?)"
                         r"(?P<rest>\s*\(.*\))?", text)
    if not match or any(is_organisation(w) or is_role(w) for w in (match.group("last"), match.group("first"))):
        return None
    return f"{match.group('first')} {match.group('last')}{match.group('rest') or ''}"


def _role_before_name(text: str) -> tuple[str | None, str]:
    """"Ekonomichef Anders Svensson" -> ("Ekonomichef", "Anders Svensson")."""
    words = text.split()
    for cut in range(1, min(4, len(words) - 1)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        if is_role(head) and looks_like_person(tail):
            return head, tail
    return None, text


def _classify_part(part: str) -> tuple[str, str, str | None]:
    """A comma part after the name: ("role", role, organisation-in-it) or ("organisation", org, None)."""
    words = part.split()
    if not words:
        return "organisation", part, None
    if is_role(part) or words[0][:1].islower():
        for cut in range(1, len(words)):
            tail = " ".join(words[cut:])
            if tail[:1].isupper() and is_organisation(tail):
                return "role", " ".join(words[:cut]), tail
        return "role", part, None
    return "organisation", part, None
