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
from extractors.vocabulary import attendee_group, is_front_label, is_organisation, is_role, label_key
from schemas.layout import Line
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


@dataclass
class ListLine:
    text: str
    x0: float
    page: int


def attendees_from_lines(lines: list[Line]) -> list[Attendee]:
    """Attendees of every labelled list in the given (front matter) lines."""
    lines = merge_wrapped_labels(lines)
    found: list[Attendee] = []
    group: str | None = None
    pending: list[ListLine] = []
    list_table: int | str | None = None
    for line in lines:
        segments = [s for s in line.segments if clean(s.text)]
        if not segments:
            continue
        label, rest = _split_label(segments[0].text)
        if label is None and group is not None and list_table == "unset":
            list_table = line.table  # the list's first line says whether it is a table
        if label is None and group is not None and (line.table != list_table or line.heading_level):
            label, rest = "", ""  # a table or heading after the list ends it
        if label is not None:
            found.extend(_entries(pending, group))
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
            found.extend(_entries(pending, group))
            pending, group = [], sub
            continue
        # Columns of one row ("name | organisation") are one entry.
        pending.append(ListLine(", ".join(clean(s.text) for s in segments), segments[0].x0, line.page))
    found.extend(_entries(pending, group))
    return merge_attendees(found)


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
            field: getattr(first, field) or getattr(second, field)
            for field in ("role", "organisation", "party", "present_for")
        })
    return list(merged.values())


def _split_label(text: str) -> tuple[str | None, str]:
    """("Beslutande", rest) when the text opens with a front-matter label."""
    text = clean(text)
    if is_front_label(text):
        return label_key(text), ""
    head, colon, rest = text.partition(":")
    if colon and is_front_label(head):
        return label_key(head), rest.strip()
    return None, text


def _entries(pending: list[ListLine], group: str | None) -> list[Attendee]:
    if group is None or not pending:
        return []
    people: list[Attendee] = []
    for text in _join_wrapped([p.text for p in pending]):
        people.extend(parse_entry(text, group))
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


def parse_entry(text: str, group: str) -> list[Attendee]:
    """One list entry: "Name (S), Org, role §§ 20-21" or "Name, Name, Name"."""
    text = clean(text).strip(" .;")
    if not text or is_front_label(text):
        return []
    text, extra_roles, extra_org, presence = _parentheticals(text)
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
    if len(parts) >= 2 and all(_is_bare_name(p) for p in parts):
        return [a for p in parts for a in parse_entry(p, group)]
    if not parts:
        return []
    name, party = _name_and_party(parts[0])
    role, name = _role_before_name(name)
    if not name or not looks_like_person(name) or is_organisation(name):
        return []
    organisation = extra_org
    roles = ([role] if role else []) + extra_roles
    for part in parts[1:]:
        part, part_party = _name_and_party(part)
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


def _parentheticals(text: str) -> tuple[str, list[str], str | None, str | None]:
    """Bracketed details that are no party: "(ordförande)", "(punkt A § 111, planarkitekt)",
    "(socialförvaltningen, förvaltningssekreterare)". Returns the text without them, and the
    roles, organisation and presence they give."""
    roles: list[str] = []
    organisation = presence = None
    for match in list(re.finditer(r"\(([^()]*)\)", text))[::-1]:
        inner = clean(match.group(1))
        if PARTY.fullmatch(match.group(0)) or not inner:
            continue
        these: list[str] = []
        for part in (p.strip() for p in inner.split(",") if p.strip()):
            found = PRESENCE.search(part)
            if (found and _is_presence(found.group("p"))) or re.match(r"(?i)punkt\b", part):
                presence = presence or _tidy_presence(part)
            elif is_organisation(part) and not is_role(part):
                organisation = organisation or part
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


def _is_bare_name(part: str) -> bool:
    name, _ = _name_and_party(part)
    return looks_like_person(name) and not is_organisation(name)


def _name_and_party(text: str) -> tuple[str, str | None]:
    party = None
    match = PARTY.search(text)
    if match:
        value = match.group("party")
        party = "-" if value in ("-", "–") else value.upper()
        text = text[: match.start()] + text[match.end():]
    # "(C) Ewa Engdahl": the party may stand before the name
    return clean(text).strip(" ,"), party


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
