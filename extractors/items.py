"""Item segmenter: where each agenda item starts, its number, title and diarienummer.

Three schemes, tried in order: paragraphs (`SFV § 17`, `§17`, `17 §`, "Punkt 3"), numbered
points ("1.", "1/", "1)"), and headings (by the document's own heading styles) where the body
has no numbers. A table of contents is never an item, and a quoted paragraph of another body or
meeting ("KU § 317") is not one either: the items are the longest run of rising numbers.

The numbering is structure: a number OCR damaged ("$ 4", "8 9.", "J/", "t6l") counts where the
sequence around it says what it must be (... 6, ?, 8 ...). An appendix bound into the minutes
(a tjänsteskrivelse, "Bilaga 1" pages) holds no item and ends the item before it; the next §
still starts one.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from extractors.decisions import states_decision
from extractors.paragraphs import LIST_MARKER
from extractors.text import clean, fold, is_name_list, looks_like_person
from extractors.vocabulary import (
    ITEM_NUMBER_CELL,
    ITEM_NUMBER_WORD,
    POINT_MARK_CHAR,
    POINT_SEPARATOR,
    POINT_STOP_CHAR,
    SECTION_SIGN,
    SECTION_SIGN_MISREAD,
    ends_in_abbreviation,
    is_appendix_head,
    is_front_label,
    is_item_section_label,
    is_reference_or_sum,
    names_the_meeting,
)
from schemas.layout import Line, Segment

_PREFIX = r"(?:(?P<prefix>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,7})\s+)?"
_LETTER = r"(?:\s*(?P<letter>[a-z])(?![\wåäö]))?"
SECTION = re.compile(
    rf"^{_PREFIX}{SECTION_SIGN}\s*(?P<num>\d{{1,4}}){_LETTER}\s*[.:]?\s*(?P<rest>.*)$"
)
SECTION_AFTER = re.compile(rf"^(?P<num>\d{{1,3}})\s*{SECTION_SIGN}\s*[.:]?\s*(?P<rest>.*)$")
# A sign OCR damaged ("$ 4", "& 4. Val", "8 620 Årsredovisning"): sure only with the sequence.
SECTION_MISREAD = re.compile(
    rf"^{_PREFIX}{SECTION_SIGN_MISREAD}(?P<num>[1-9]\d{{0,3}}){_LETTER}(?:\s*[.:])?\s+(?P<rest>\S.*)$"
)
# A sign whose number OCR damaged ("§ l2", "§ 1O"): its number only the sequence can tell.
_MARK = rf"[0-9{POINT_MARK_CHAR[1:-1]}]"
SECTION_UNREAD = re.compile(
    rf"^{_PREFIX}{SECTION_SIGN}\s*(?P<token>(?=\S*\d){_MARK}{{1,3}}?)(?:\s*[.:])?\s+(?P<rest>[A-ZÅÄÖ].*)$"
)
# "Punkt 3 Val av justerare", "p. 3", "Paragraf 12:" (the word from the numbering vocabulary).
WORD_NUMBERED = re.compile(rf"^(?P<num>\d{{1,3}}){_LETTER}\s*[.:)]?\s*(?P<rest>.*)$")
NUMBERED = re.compile(rf"^(?P<num>\d{{1,2}})\s*(?:{POINT_SEPARATOR}|\s(?=\S))\s*(?P<rest>.*)$")
# A point whose number OCR lost, its stop left ("1. Mötets öppnande" read as ". Mötets öppnande").
NUMBER_LOST = re.compile(r"^[.,]\s+(?P<rest>[A-ZÅÄÖ].*)$")
DNR = re.compile(
    r"\b(?:dnr|diarienr|diarienummer|diarie-?nr)\.?\s*[:.]?\s*"
    r"(?P<dnr>[A-ZÅÄÖ]{1,8}\s?\d{4}\s?[/.:-]\s?\d{1,8}(?:[/.:-]\d+)?|"
    r"[A-ZÅÄÖ]{1,8}[/.:-]\d{2,10}(?:[/.:-]\d{1,8})?(?!\d)|"
    r"\d{2,4}[/.:-]\d{1,8}(?:\s+[A-ZÅÄÖ]{1,6}\b)?)",
    re.IGNORECASE,
)
BARE_DNR = re.compile(r"^(?P<dnr>\d{4}\.\d{1,5}\s+[A-ZÅÄÖ]{1,6})\b")
TOC_HEAD = re.compile(r"^(?:innehåll|innehållsförteckning|innehållsförteckning:|ärendelista)$")
TOC_PAGE = re.compile(r"(?:\.{3,}|…+|\t)\s*\d{1,3}$")
# A row of signature labels side by side: "Sekreterare   Justerare", "Ordförande  Justerare".
_SIGNATURE_ROLE = r"(?:mötes)?(?:ordförande|sekreterare|justerare|justeringsperson|protokolljusterare)"
_SIGNATURE_LABELS = _SIGNATURE_ROLE + r"(?:\s+" + _SIGNATURE_ROLE + r"){1,2}"
# A heading "Bilagor" that lists a paragraph's appendices ends nothing; "Bilaga 1" opens one.
ITEM_END = re.compile(
    r"^(?:(?:vid protokollet|justeras|justerat|underskrifter|bilaga\s+[a-z0-9]{1,3}|"
    r"protokollet justeras|mötesordförande|" + _SIGNATURE_LABELS + r")\s*:?$|"
    r"(?:vid pennan|vid protokollet|vid anteckningarna|antecknat av|antecknare|protokollförare)\b)"
)
MAX_GAP = 5
# A mark whose number OCR lost counts only in the column of the readable ones (points).
MARK_ALIGN = 12.0
# How many lines after a lone damaged paragraph sign may show that it opens an item ("Beslut").
ITEM_SIGNS_WITHIN = 6
# Heading sizes closer than this (points) are one style: an OCR'd page estimates sizes roughly.
SIZE_STEP = 0.75
# A line this much larger than the body text (points) is set as a heading.
HEADING_SIZE_STEP = 1.0
REPORT_KINDS = ("rapport", "verksamhetsplan")


@dataclass
class ItemStart:
    index: int  # the line that opens the item
    body: int  # the first line of the item's text (after title and dnr)
    number: int | None
    letter: str | None
    prefix: str | None
    title: str
    dnr: str | None
    level: int = 1
    sure: bool = True  # False: the number was read from a sign or mark that OCR damaged
    end: int | None = None  # where the item's text stops before the next start (an appendix is bound in)
    lead: Line | None = None  # the opening line's text after its number, when the item's text begins there


def find_item_starts(lines: list[Line], kind: str) -> list[ItemStart]:
    regions = appendix_regions(lines)
    skip = _toc_lines(lines) | {k for start, end in regions for k in range(start, end)}
    report = kind in REPORT_KINDS
    starts = _section_starts(lines, skip)
    points = False
    damaged = bool(starts) and not any(s.sure for s in starts)
    if len(starts) < 2 or damaged:
        numbered = _numbered_starts(lines, skip)
        # Paragraph signs that are all damaged give way to numbered points that come first (a
        # document bound in after the minutes numbers its paragraphs: "$1 FIRMA", "s2").
        if (len(numbered) >= 2 and damaged and numbered[0].index < starts[0].index) or (
                len(starts) < 2 and (len(numbered) >= 2 or (numbered and not starts))):
            starts, points = numbered, True
    if not starts or (report and len(starts) < 3) or points:
        headings = _heading_starts(lines, skip, kind)
        if points and _list_inside_a_heading(starts, headings):
            starts = headings  # a numbered list in the text of items that are headings
        elif (not starts or (report and len(starts) < 3)) and len(headings) > len(starts):
            starts = headings
    if report and starts and starts[0].number is not None:
        starts = _with_sub_headings(lines, starts, skip)
    return _ended_by_appendices(starts, regions)


def item_end(lines: list[Line], start: int, stop: int) -> int:
    """Where the last item's text ends: at a signature block or an appendix bound in after it."""
    stop = min([stop] + [first for first, _ in appendix_regions(lines) if first >= start])
    for i in range(start, stop):
        if _signs_off(lines[i]):
            return i
    return stop


def _signs_off(line: Line) -> bool:
    """A line of the signature block ("Vid protokollet", "Ordförande   Justerare"); a word of
    a wrapped sentence ("... utses till" / "mötesordförande") is none."""
    first = clean(line.segments[0].text)
    return first[:1].isupper() and (ITEM_END.match(fold(first)) is not None
                                    or ITEM_END.match(fold(" ".join(line.text.split()))) is not None)


# -- appendices bound into the minutes ----------------------------------------------------


def appendix_regions(lines: list[Line]) -> list[tuple[int, int]]:
    """The appendices bound into the minutes, as (first line, line after): from a heading
    "Bilaga 1" or "Tjänsteskrivelse" to the next paragraph of the meeting ("§ 6" after "§ 5"),
    else to the end. A heading "Bilagor" that lists appendices opens none."""
    body_size = _body_size(lines)
    regions: list[tuple[int, int]] = []
    last_section: int | None = None
    i = 0
    while i < len(lines):
        number = _sure_section_number(lines[i])
        if number is not None:
            # the paragraph read last, not the highest number seen: a contents list before the
            # first paragraph names them all
            last_section = number
        # An appendix follows some of the minutes: a paragraph, or a few lines at least.
        if (last_section is not None or i > 3) and i > 0 and _opens_appendix(lines, i, body_size):
            end = _meeting_resumes(lines, i + 1, last_section)
            regions.append((i, end))
            i = end
            continue
        i += 1
    return regions


def _opens_appendix(lines: list[Line], i: int, body_size: float) -> bool:
    """An appendix heading set as a heading: by style or size, or first on its page; a bold
    "Bilaga 1" in the middle of a page with the paragraph going on is a reference, not an appendix."""
    line = lines[i]
    if not is_appendix_head(clean(line.segments[0].text)):
        return False
    first_on_page = lines[i - 1].page != line.page
    large = line.heading_level is not None or (line.size or 0) > body_size + 1
    if first_on_page or large:
        return True
    return line.bold and not any(_sure_section_number(ln) is not None for ln in lines[i + 1:]
                                 if ln.page == line.page)


def _meeting_resumes(lines: list[Line], k: int, last: int | None) -> int:
    """The next paragraph of the meeting after an appendix: a § that carries on its numbering."""
    if last is None:
        return len(lines)
    for j in range(k, len(lines)):
        number = _sure_section_number(lines[j])
        if number is not None and last < number <= last + MAX_GAP:
            return j
    return len(lines)


def _sure_section_number(line: Line) -> int | None:
    text = line.text.replace("\t", "  ").strip()
    match = SECTION.match(text) or SECTION_AFTER.match(text)
    if not match or text.startswith("§§") or clean(match.group("rest"))[:1].islower():
        return None
    return int(match.group("num"))


def _ended_by_appendices(starts: list[ItemStart], regions: list[tuple[int, int]]) -> list[ItemStart]:
    """An item followed by an appendix ends where the appendix begins."""
    for k, start in enumerate(starts):
        stop = starts[k + 1].index if k + 1 < len(starts) else None
        inside = [first for first, _ in regions if first >= start.body and (stop is None or first < stop)]
        if inside and stop is not None:
            start.end = inside[0]
    return starts


# -- paragraphs (§) ---------------------------------------------------------------------


def _section_starts(lines: list[Line], skip: set[int]) -> list[ItemStart]:
    candidates: list[ItemStart] = []
    unread: list[ItemStart] = []
    for i, line in enumerate(lines):
        if i in skip or (line.table is not None and len(line.segments) > 3):
            continue
        text = line.text.replace("\t", "  ").strip()
        if line.list_marker or _strip_marker(text) != text:
            continue  # a bullet that cites a paragraph ("• §81 KS ...") or a listing entry
        found = _section_line(text)
        if found is None:
            continue
        number, letter, prefix, rest, sure = found
        rest = clean(rest).lstrip("|¦ ")  # a column rule read by OCR
        if rest[:1].islower() and not DNR.match(rest):
            continue  # "§ 5 i förbundsordningen": a reference in running text
        if not sure and not rest[:1].isupper():
            continue
        if prefix and prefix.casefold() in ("se", "enligt", "i", "och", "till", "paragraf"):
            continue
        start = _start(lines, i, number, letter, prefix, rest, sure)
        if start.title[:1].islower():  # a title read in lower case is the tail of a wrapped listing line
            continue
        (candidates if number is not None else unread).append(start)
    read = {(c.number, c.letter) for c in candidates if c.sure}
    # A damaged sign whose number a clean paragraph also has is text of that paragraph.
    candidates = [c for c in candidates if c.sure or (c.number, c.letter) not in read]
    chain = _confirmed(lines, _rising_per_meeting(lines, _common_prefix(candidates)))
    return _filled(lines, chain, unread, ends=False)


def _section_line(text: str) -> tuple[int | None, str | None, str | None, str, bool] | None:
    """(number, letter, prefix, rest, sure) of a line that opens a paragraph, or None. Not sure:
    the paragraph sign or its number is damaged, and only the sequence may confirm it."""
    if text.startswith("§§"):
        return None
    match = SECTION.match(text) or SECTION_AFTER.match(text)
    if match:
        found = match.groupdict()
        return int(found["num"]), found.get("letter"), found.get("prefix"), found["rest"], True
    word = ITEM_NUMBER_WORD.match(text)
    if word and (match := WORD_NUMBERED.match(text[word.end():])):
        return int(match.group("num")), match.group("letter"), None, match.group("rest"), True
    match = SECTION_MISREAD.match(text)
    if match and not is_reference_or_sum(match.group("rest")):
        return int(match.group("num")), match.group("letter"), match.group("prefix"), match.group("rest"), False
    match = SECTION_UNREAD.match(text)
    if match and not match.group("token").isdigit():
        return None, None, match.group("prefix"), match.group("rest"), False
    return None


def _confirmed(lines: list[Line], chain: list[ItemStart]) -> list[ItemStart]:
    """Numbers read from a damaged sign stay where the sequence confirms them: a neighbour one
    below or above, or, standing alone, a heading followed by an item's sections ("Beslut")."""
    kept = []
    for k, start in enumerate(chain):
        neighbours = [chain[j] for j in (k - 1, k + 1) if 0 <= j < len(chain)]
        if start.sure or any(abs((n.number or 0) - (start.number or 0)) == 1 for n in neighbours) or (
                len(chain) == 1 and _opens_an_item(lines, start)):
            kept.append(start)
    return kept


def _opens_an_item(lines: list[Line], start: ItemStart) -> bool:
    following = lines[start.body:start.body + ITEM_SIGNS_WITHIN]
    return bool(start.dnr) or any(is_item_section_label(clean(line.text)) for line in following)


def _filled(lines: list[Line], chain: list[ItemStart], unread: list[ItemStart], ends: bool) -> list[ItemStart]:
    """Starts whose number OCR made unreadable take the number the sequence leaves for them:
    between 6 and 8 one unread start is 7. With ``ends``, unread starts in the column of the others
    before the first number lead up to it, and one or two after the last carry on from it."""
    if not chain or not unread:
        return chain
    columns = sorted(lines[s.index].x0 for s in chain)
    column = columns[len(columns) // 2]
    unread = [u for u in unread if not ends or abs(lines[u.index].x0 - column) <= MARK_ALIGN]
    filled = list(chain)
    for before, after in itertools.pairwise(chain):
        between = [u for u in unread if before.index < u.index < after.index]
        if between and len(between) == (after.number or 0) - (before.number or 0) - 1:
            filled += [_numbered(u, (before.number or 0) + k) for k, u in enumerate(between, start=1)]
    if ends:
        first, last = chain[0], chain[-1]
        leading = [u for u in unread if u.index < first.index][-((first.number or 1) - 1):] \
            if (first.number or 1) > 1 else []
        filled += [_numbered(u, (first.number or 0) - len(leading) + k) for k, u in enumerate(leading)]
        trailing = [u for u in unread if u.index > last.index][:2]
        filled += [_numbered(u, (last.number or 0) + k) for k, u in enumerate(trailing, start=1)]
    return sorted(filled, key=lambda s: s.index)


def _numbered(start: ItemStart, number: int) -> ItemStart:
    return dataclasses.replace(start, number=number, sure=False)


MEETING_TITLE = re.compile(
    r"^(?:\w*protokoll|minnesanteckningar|anteckningar|kallelse)\b(?:\s+(?:nr\.?\s*)?\d+)?", re.IGNORECASE)


def _restarts(candidates: list[ItemStart], at: int) -> bool:
    """The numbering starts again after a line: the next number is below the one before."""
    before = [c.number or 0 for c in candidates if c.index < at]
    after = [c.number or 0 for c in candidates if c.index > at]
    return bool(before and after) and after[0] < before[-1]


def _rising_per_meeting(lines: list[Line], candidates: list[ItemStart]) -> list[ItemStart]:
    """One file may hold several meetings back to back ("Mötesprotokoll 1", "Mötesprotokoll
    2" ...), each numbering its items from the start again: the rising run is per meeting."""
    if not candidates:
        return []
    titles = [i for i, line in enumerate(lines)
              if i > candidates[0].index and MEETING_TITLE.match(clean(line.text)) and len(line.text.split()) <= 4
              and (line.bold or line.heading_level is not None) and _restarts(candidates, i)]
    bounds = [-1, *titles, len(lines)]
    starts: list[ItemStart] = []
    for low, high in itertools.pairwise(bounds):
        starts.extend(_rising(_without_listings([c for c in candidates if low < c.index < high])))
    return starts


def _without_listings(candidates: list[ItemStart]) -> list[ItemStart]:
    """A list of the paragraphs (a table of contents without a heading) has the same numbers
    as the body, each followed by a line or two at most: the body wins."""
    dense = [k + 1 < len(candidates) and candidates[k + 1].index - c.index <= 2
             and (candidates[k + 1].number or 0) > (c.number or 0) for k, c in enumerate(candidates)]
    listed: set[int] = set()
    k = 0
    while k < len(candidates):
        end = k
        while end < len(candidates) and dense[end]:
            end += 1
        if end - k + 1 >= 4:  # four or more paragraph lines in a row, a line or two apart
            listed.update(range(k, end + 1))
        k = end + 1
    # Whether the same number comes again later outside a listing, in one sweep from the end
    # (a bound year of minutes has thousands of paragraphs).
    repeated_later = [False] * len(candidates)
    seen_later: set[tuple[int | None, str | None]] = set()
    for k in range(len(candidates) - 1, -1, -1):
        key = (candidates[k].number, candidates[k].letter)
        repeated_later[k] = key in seen_later
        if k not in listed:
            seen_later.add(key)
    return [start for k, start in enumerate(candidates) if not (k in listed and repeated_later[k])]


def _common_prefix(candidates: list[ItemStart]) -> list[ItemStart]:
    """Quoted paragraphs of other bodies carry another prefix ("KU § 317" among "KS §")."""
    prefixes = Counter(c.prefix for c in candidates)
    if not prefixes:
        return candidates
    main, count = prefixes.most_common(1)[0]
    if main is None or count * 2 <= len(candidates):
        return candidates
    return [c for c in candidates if c.prefix == main]


# -- numbered points ("1.", "1/") -----------------------------------------------------


def _numbered_starts(lines: list[Line], skip: set[int]) -> list[ItemStart]:
    candidates: list[tuple[ItemStart, float]] = []
    unread: list[ItemStart] = []
    for i, line in enumerate(lines):
        if i in skip or (line.list_level or 0) > 0:
            continue
        text = _heading_text(line)
        readings = mark_readings(text) if i + 1 < len(lines) else None
        if readings is not None:  # a point's number alone on its line, as OCR read it
            for number in readings:
                candidates.append((_marker_start(lines, i, number), line.x0))
            if not readings:
                unread.append(_marker_start(lines, i, None))
            continue
        lost = NUMBER_LOST.match(text)
        if lost:
            unread.append(_start(lines, i, None, None, None, clean(lost.group("rest")), sure=False))
            continue
        match = NUMBERED.match(text)
        if not match or re.match(r"^\d{1,2}\s*[.:]\s*\d", text):
            continue  # "3.1." is a sub-heading, "10.00" a time
        rest = clean(match.group("rest")).lstrip("|¦ ")  # a column rule read by OCR
        if line.table is not None:
            rest = _grid_title(line) or rest
        lettered = re.match(r"^[a-z]\)\s*(?=[A-ZÅÄÖ])", rest)
        if lettered:
            rest = rest[lettered.end():]  # "14.a) Val av styrelseledamöter": the first sub-point of § 14
        if rest and not rest[:1].isupper() and rest[:1] not in "“\"'(":
            continue
        if len(_first_sentence(rest)[0]) > 160:
            continue  # a long numbered paragraph is a list in the text
        candidates.append((_start(lines, i, int(match.group("num")), None, None, rest), line.x0))
    if not candidates:
        return []
    body_size = _body_size(lines)
    styled = [(c, x) for c, x in candidates if lines[c.index].bold or (lines[c.index].size or 0) > body_size + 1]
    plain = [(c, x) for c, x in candidates if (c, x) not in styled]
    if len(styled) >= 3 and not _continues(styled, plain):
        candidates = _leading_plain(styled, plain) + styled  # numbered headings, as against numbered lists
    left = min(x for _, x in candidates)
    aligned = [c for c, x in candidates if x <= left + 30]
    starts = _filled(lines, _rising(aligned), unread, ends=True)
    if starts and starts[0].number is not None and starts[0].number > MAX_GAP:
        return []
    if starts and starts[0].index > 0.5 * len(lines):
        return []  # a numbered list late in the text is a list inside it, not the agenda
    return starts


def mark_readings(text: str) -> list[int] | None:
    """The numbers a point's mark alone on its line may be, as OCR reads "1/", "2/" ... ("1l",
    "4l", "8t", "\\21" for "12/", "t6l" for "16/"): None when the text is no such mark, an empty
    list when it is one whose number is unreadable ("J/", "el"). A letter before the digits may
    be a lost "1"; which reading is right, the sequence of the other marks decides."""
    mark = text.strip().lstrip(".,'`’:; ")
    if _stop_read_as_one(mark):
        return [int(mark[:-1])]
    if not 1 <= len(mark) <= 4 or mark.isdigit() or not re.fullmatch(rf"(?:\d|{POINT_MARK_CHAR})+", mark):
        return None
    if not any(c.isalnum() for c in mark):
        return None
    bodies = [mark]
    while bodies[-1] and re.fullmatch(POINT_STOP_CHAR, bodies[-1][-1]) and len(bodies) < 3:
        bodies.append(bodies[-1][:-1])
    readings: list[int] = []
    for body in bodies:
        digits = re.sub(r"\D", "", body)
        if not digits or digits.startswith("0"):
            continue
        numbers = [int(digits)]
        if not body[0].isdigit():
            numbers.append(int("1" + digits))  # "t6l": the "1" of "16/" read as a letter
        readings += [n for n in numbers if n <= 99 and n not in readings]
    return readings


def _stop_read_as_one(mark: str) -> bool:
    """Three digits ending in "1" alone on a line: a two-digit point whose stop ("10/", "14l")
    OCR read as a "1" ("101", "141"). Digits alone are otherwise no mark (a page number, a sum):
    no agenda runs to a hundred points, so the reading is the only one; the sequence decides."""
    return len(mark) == 3 and mark.isdigit() and mark.endswith("1") and not mark.startswith("0")


def _heading_text(line: Line) -> str:
    """A line's text as a possible heading; initials set apart in a right-hand column
    ("4. Föregående mötesprotokoll      BG") name who is responsible, not the title."""
    segments = line.segments
    if len(segments) >= 2 and RESPONSIBLE.match(clean(segments[-1].text)):
        segments = segments[:-1]
    return "  ".join(s.text for s in segments).strip()


RESPONSIBLE = re.compile(r"^[A-ZÅÄÖ]{1,3}(?:\s*[/,&]\s*[A-ZÅÄÖ]{1,3})*$")


def _continues(styled: list[tuple[ItemStart, float]], plain: list[tuple[ItemStart, float]]) -> bool:
    """Plain numbered lines that only carry on the styled ones' numbering after them (an OCR
    layer whose estimated font size drifts down the page) are headings too."""
    if not plain or plain[0][0].index < styled[-1][0].index:
        return False
    numbers = [c.number or 0 for c, _ in styled + plain]
    return plain[0][0].number == (styled[-1][0].number or 0) + 1 and numbers == sorted(set(numbers))


def _leading_plain(styled: list[tuple[ItemStart, float]],
                   plain: list[tuple[ItemStart, float]]) -> list[tuple[ItemStart, float]]:
    """Plain numbered lines in the styled ones' column whose numbers lead up to the first of them
    (a first point left unstyled): the sequence makes them headings too."""
    first, x = styled[0]
    leading: list[tuple[ItemStart, float]] = []
    expected = (first.number or 0) - 1
    for start, px in reversed([(c, px) for c, px in plain if c.index < first.index]):
        if start.number == expected and abs(px - x) <= 6:
            leading.insert(0, (start, px))
            expected -= 1
    return leading


def _grid_title(line: Line) -> str | None:
    """In minutes set in a grid (Punkt | Vad | Ansvar) the title is the cell after the
    number; the responsibility column beside it is not part of the title."""
    cells = [clean(s.text) for s in line.segments if clean(s.text)]
    if len(cells) >= 2 and ITEM_NUMBER_CELL.match(cells[0]):
        return cells[1]
    return None


def _marker_start(lines: list[Line], i: int, number: int | None) -> ItemStart:
    """An item whose number stands alone: the next line is its title, and when that line is
    a whole sentence it is also the item's first text, where a decision may stand."""
    first = clean(lines[i + 1].text.replace("\t", " "))
    end = _run_end(lines, i + 1, first)
    paragraph = _joined(lines[i + 1:end])
    title, remainder = _first_sentence(paragraph)
    # A sentence under the number is the item's text too ("Dagordningen godkändes."); a heading is not.
    body = i + 1 if remainder or _ends_sentence(paragraph) or len(paragraph.split()) > 6 else end
    return ItemStart(index=i, body=body, number=number, letter=None, prefix=None,
                     title=_tidy_title(title), dnr=None, level=1, sure=number is not None)


def _rising(candidates: list[ItemStart]) -> list[ItemStart]:
    """The longest run of non-decreasing numbers, each step at most MAX_GAP, one start per
    line (a damaged mark may have several readings); ties prefer later candidates, so the body
    wins over an earlier list of the same numbers."""
    n = len(candidates)
    if n == 0:
        return []
    best = [1] * n
    back = [-1] * n
    for i in range(n):
        for j in range(i):
            if candidates[j].index >= candidates[i].index:
                continue
            a, b = candidates[j].number or 0, candidates[i].number or 0
            same = a == b and (candidates[i].letter or "") > (candidates[j].letter or "")
            if (a < b <= a + MAX_GAP or same or (a == b and _allows_repeat(candidates[j], candidates[i])))\
                    and best[j] + 1 >= best[i]:
                best[i], back[i] = best[j] + 1, j
    end = max(range(n), key=lambda k: (best[k], candidates[k].sure, k))
    chain = []
    while end != -1:
        chain.append(candidates[end])
        end = back[end]
    return chain[::-1]


def _allows_repeat(a: ItemStart, b: ItemStart) -> bool:
    """Two starts with one number are both items only when both have titles of their own."""
    return bool(a.title and b.title) and a.letter is None and b.letter is None and fold(a.title) != fold(b.title)


# -- headings ---------------------------------------------------------------------------


def _heading_starts(lines: list[Line], skip: set[int], kind: str) -> list[ItemStart]:
    """Headings by the document's own styles: the heading style a meeting's items repeat (in a
    report or plan, every heading style) after the front matter; the document title is none."""
    body_size = _body_size(lines)
    report = kind in REPORT_KINDS
    found: list[tuple[int, tuple]] = []
    for i, line in enumerate(lines):
        if i in skip or line.table is not None:
            continue
        style = _heading_style(lines, i, body_size)
        if style is None:
            continue
        text = clean(line.text.replace("\t", " "))
        if text.endswith(":") or ITEM_END.match(fold(text)):
            continue
        if not report and (is_item_section_label(text) or is_front_label(text)):
            continue  # "Beslut", "Närvarande": in a report or plan such a heading is a section
        found.append((i, style))
    if not report and found:
        found = [(i, style) for i, style in found if i < _signed_at(lines, found[0][0])]
    levels = _style_levels([style for _, style in found])
    candidates = _after_front_matter(lines, [(i, levels[style]) for i, style in found])
    if not candidates:
        return []
    if not report:
        top = _repeated_top(candidates)
        candidates = [(i, lv) for i, lv in candidates if lv == top]
    starts: list[ItemStart] = []
    read = 0  # the lines read so far as a heading or the title: their wrapped lines are no headings
    for i, level in candidates:
        if i < read:
            continue  # the second line of a wrapped heading
        body = _title_continues(lines, i, i + 1)
        title_of_document = (not report and (i == 0 or (not starts and names_the_meeting(clean(lines[i].text))))) \
            or (report and i == 0 and sum(lv == level for _, lv in candidates) == 1 and len(candidates) > 1)
        if title_of_document:
            # The document's own title (a report's: the first line, in a style of its own, as a DOCX's
            # Title style); the lines its words run on to in lower case are its, a capitalised bold
            # line under it may be the first heading.
            read = i + 1
            while read < body and clean(lines[read].text)[:1].islower():
                read += 1
            continue
        read = body
        title = _joined(lines[i:body])
        title = re.sub(r"^(?:\d+\.)+\s*", "", title)
        starts.append(ItemStart(index=i, body=body, number=None, letter=None, prefix=None,
                                title=title.rstrip(" ."), dnr=None, level=level))
    return starts


def _signed_at(lines: list[Line], first: int) -> int:
    """Where the minutes are signed ("Vid protokollet", "Ordförande   Justerare"), after the
    first heading: what follows (signatures, scrawls read by OCR, appendices) holds no heading item."""
    for i in range(first + 1, len(lines)):
        if _signs_off(lines[i]):
            return i
    return len(lines)


def _heading_style(lines: list[Line], i: int, body_size: float) -> tuple | None:
    """The style of a heading line (its outline level, or its size and weight), None for text.
    A bold line whose sentence runs on into the next, plain line is the lead of a paragraph."""
    line = lines[i]
    text = clean(line.text)
    if not text or len(text.split()) > 18 or len(line.segments) > 2:
        return None
    if line.heading_level is not None:
        return (0, line.heading_level) if line.heading_level >= 1 else None  # 0: the document's title
    if line.list_marker or text[:1] in "-•–·✓" or not any(c.isalpha() for c in text):
        return None
    size = line.size or body_size
    larger = size >= body_size + 1.2
    if not larger and not (line.bold and (size > body_size + 0.5 or _ends_as_heading(_bold_text(lines, i)))):
        return None
    if _runs_on(lines, i, text) and _restyled(line, lines[i + 1]):
        return None  # a bold lead running on into plain text; a heading wrapped keeps its style
    # A size above the body's makes the style; weight tells headings apart only at the body's size
    # (an OCR'd page and a text page of one file may disagree on the weight of one heading).
    return (1, size, None if larger else line.bold)


def _bold_text(lines: list[Line], i: int) -> str:
    """The text of a bold line with the bold lines its words wrap onto: a PDF sets one heading
    over several lines where a DOCX gives it as one paragraph, and both must end alike. A line
    that ends a sentence ends the text there."""
    text = clean(lines[i].text.replace("\t", " "))
    return text if _ends_sentence(text) else _joined(lines[i:_title_continues(lines, i, i + 1)])


def _ends_as_heading(text: str) -> bool:
    """How a bold text at the body's size may end as a heading: not in mid-sentence (","), and
    with a full stop only after a word or bracket of a title that decides nothing ("Projekt X –
    fortsättning (ansökan 2025)."). A bold decision is text, and a row of leader dots after a
    role ("Sekreterare ........") is a signature line."""
    if text.endswith(","):
        return False
    if not text.endswith("."):
        return True
    return bool(HEADING_STOP.search(text)) and not states_decision(text)


# A heading's full stop: right after a word or a closing bracket.
HEADING_STOP = re.compile(r"[^\W_][)\]]?\.$")


def _restyled(line: Line, following: Line) -> bool:
    return following.bold != line.bold or abs((following.size or 0) - (line.size or 0)) > 0.5


def _style_levels(styles: list[tuple]) -> dict[tuple, int]:
    """Heading styles ranked, 1 for the top: outline levels first, then sizes from the largest
    (sizes within SIZE_STEP of each other are one), bold before plain at one size."""
    outline = sorted({s for s in styles if s[0] == 0}, key=lambda s: s[1])
    sized = sorted({s for s in styles if s[0] == 1}, key=lambda s: (-s[1], not s[2], s[2] is None))
    levels: dict[tuple, int] = {style: rank for rank, style in enumerate(outline, start=1)}
    rank = len(outline)
    previous: tuple | None = None
    for style in sized:
        if previous is None or previous[1] - style[1] > SIZE_STEP or previous[2] != style[2]:
            rank += 1
        levels[style] = rank
        previous = style
    return levels


def _repeated_top(candidates: list[tuple[int, int]]) -> int:
    """The top heading level that the document repeats (a title is set once, items many times);
    the lines of one wrapped heading count once."""
    occurrences: Counter[int] = Counter()
    previous: tuple[int, int] | None = None
    for i, level in candidates:
        if previous is None or previous != (i - 1, level):
            occurrences[level] += 1
        previous = (i, level)
    repeated = [level for level, count in occurrences.items() if count >= 2]
    return min(repeated) if repeated else min(occurrences)


def _list_inside_a_heading(numbered: list[ItemStart], headings: list[ItemStart]) -> bool:
    """Numbered points that all lie in the text of one heading, with headings before and after
    them, are a list inside an item: the headings are the items."""
    if len(headings) < 2 or not numbered:
        return False
    first, last = numbered[0].index, numbered[-1].index
    return (any(h.index < first for h in headings) and any(h.index > last for h in headings)
            and not any(first <= h.index <= last for h in headings))


# A lettered sub-point opening a line: "a)", "(b)", "c.", "a). ordförande" (not "t.ex.").
LETTERED = re.compile(r"^\(?[a-zåäö](?:\)|\.(?=[\s)]))")
# A sub-point's mark: "4a.", "b)", "2.1".
SUB_POINT = re.compile(r"^(?:\d{1,2}\s?[a-z][.):]|[a-z][.)]|\d{1,2}\.\d{1,2})\s")
SUB_HEADING = re.compile(r"^(?P<num>\d{1,2})(?:\.\d{1,2}){1,3}\.?\s+(?P<rest>\S.*)$")


def _with_sub_headings(lines: list[Line], starts: list[ItemStart], skip: set[int]) -> list[ItemStart]:
    """In a report or plan every heading starts an item: a numbered sub-heading ("3.1 Vision",
    "6.1.1 Samordningsteam") is an item with its section's number."""
    body_size = _body_size(lines)
    out = list(starts)
    for k, start in enumerate(starts):
        stop = starts[k + 1].index if k + 1 < len(starts) else len(lines)
        for i in range(start.body, stop):
            line = lines[i]
            match = SUB_HEADING.match(clean(line.text))
            if i in skip or not match or int(match.group("num")) != start.number:
                continue
            if not (line.bold or line.heading_level or (line.size or 0) > body_size + 0.5):
                continue
            depth = clean(line.text).split()[0].rstrip(".").count(".") + 1
            body = _title_continues(lines, i, i + 1)
            title = re.sub(r"^(?:\d+\.)+\d*\s*", "", _joined(lines[i:body]))
            out.append(ItemStart(index=i, body=body, number=start.number, letter=None, prefix=None,
                                 title=_tidy_title(title), dnr=None, level=depth))
    out.sort(key=lambda s: s.index)
    for k, start in enumerate(out):  # a section's text ends where its first sub-heading begins
        if k + 1 < len(out) and start.body > out[k + 1].index:
            start.body = out[k + 1].index
    return out


def _body_size(lines: list[Line]) -> float:
    sizes: Counter[float] = Counter()
    for line in lines:
        if line.size:
            sizes[round(line.size)] += len(line.text)
    return float(sizes.most_common(1)[0][0]) if sizes else 11.0


def _after_front_matter(lines: list[Line], candidates: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Headings of the title page are no items: items come after the attendee or agenda
    list when the document has one, else after the title."""
    label_end = _front_labels_end(lines)
    if label_end is not None:
        return [(i, lv) for i, lv in candidates if i > label_end]
    return candidates


def _front_labels_end(lines: list[Line]) -> int | None:
    """The last line of the front matter's labelled lists (Närvarande, Agenda ...), if any."""
    last_label = None
    body_size = _body_size(lines)
    for i, line in enumerate(lines[: max(60, len(lines) // 3)]):
        label = clean(line.segments[0].text)
        # An outline heading is no label, nor a heading set larger than the text (a PDF's heading
        # "Lokal" over the premises' text), nor a word of a wrapped sentence ("... utses till" /
        # "mötesordförande").
        heading = line.heading_level is not None or (line.size or 0) >= body_size + HEADING_SIZE_STEP
        if is_front_label(label) and not heading and (label[:1].isupper() or label.endswith(":")):
            last_label = i
    if last_label is None:
        return None
    i = last_label + 1
    first = lines[i] if i < len(lines) else None
    while i < len(lines) and first is not None and _is_list_entry(lines[i], first):
        i += 1
    return i - 1


def _is_list_entry(line: Line, first: Line) -> bool:
    """A line of a front-matter list: set like its first entry, a name or "name, role"."""
    text = clean(line.text)
    if line.list_marker or text[:1] in "-•–·":
        return True
    if line.bold or len(text.split()) > 8 or abs((line.size or 0) - (first.size or 0)) > 0.5:
        return False
    return "," in text or len(line.segments) > 1 or looks_like_person(text.split(",")[0])


# -- shared -----------------------------------------------------------------------------


def _start(lines: list[Line], i: int, number: int | None, letter: str | None, prefix: str | None,
           rest: str, sure: bool = True) -> ItemStart:
    dnr = None
    bare = BARE_DNR.match(rest)
    if bare:
        dnr, rest = bare.group("dnr"), rest[bare.end():].strip()
    found = DNR.search(rest)
    if found:
        dnr = found.group("dnr")
        rest = (rest[: found.start()] + rest[found.end():]).strip(" ,;-–")
    title = rest
    body = i + 1
    lead = None
    if not title:
        title, body, title_dnr = _title_below(lines, i + 1)
        dnr = dnr or title_dnr
    elif (split := _bold_title(lines[i], rest)) is not None:
        title, lead = split  # "Budget (Anna Ek)" with only "Budget" bold: the rest is text
    elif (inline := _inline_text(lines, i, rest)) is not None:
        title, lead, body = inline
    else:
        body = _title_continues(lines, i, body)
        if body > i + 1:
            title = clean(f"{title} {_joined(lines[i + 1:body])}").replace("- ", "-")
    while body < len(lines) and not dnr and DNR.match(clean(lines[body].text)):
        dnr = DNR.match(clean(lines[body].text)).group("dnr")  # type: ignore[union-attr]
        body += 1
    return ItemStart(index=i, body=body, number=number, letter=letter, prefix=prefix,
                     title=_tidy_title(title), dnr=_tidy_dnr(dnr), level=1, sure=sure, lead=lead)


def _inline_text(lines: list[Line], i: int, rest: str) -> tuple[str, Line, int] | None:
    """An item whose number opens a paragraph of text, not a heading ("§ 2 Till ordförande valdes
    Anna Ek.", "5. Val av sekreterare. Per valdes."): the title is the first sentence, and the
    paragraph, title sentence included, is the item's first text. (title, lead line, next line)."""
    line = lines[i]
    if line.bold or line.heading_level is not None:
        return None  # a heading set as one: its text is the title
    end = _run_end(lines, i, rest)
    remainder = _first_sentence(rest)[1]
    if end == i + 1 and not remainder and not _ends_sentence(rest):
        return None
    paragraph = _joined_text([rest, *(clean(ln.text.replace("\t", " ")) for ln in lines[i + 1:end])])
    title = _first_sentence(paragraph)[0]
    segment = Segment(text=paragraph, x0=line.x0, x1=line.x1, size=lines[end - 1].size or line.size)
    lead = line.model_copy(update={"segments": [segment], "bottom": lines[end - 1].bottom, "list_marker": None})
    return title, lead, end


def _bold_title(line: Line, rest: str) -> tuple[str, Line | None] | None:
    """A title set in bold with plain words after it on its line (a presenter, a note): the
    bold words are the title, the plain ones the item's first text. (title, lead line)."""
    segment = line.segments[0]
    if line.bold or not segment.bold_lead or len(line.segments) > 1:
        return None
    tail = clean(segment.text[segment.bold_lead:])
    if not tail or not rest.endswith(tail) or len(tail) >= len(rest):
        return None
    title = rest[: len(rest) - len(tail)].strip()
    if not any(c.isalpha() for c in title):
        return None
    lead = line.model_copy(update={"segments": [segment.model_copy(update={"text": tail, "bold_lead": 0})],
                                   "list_marker": None})
    return title, lead


def _run_end(lines: list[Line], i: int, text: str) -> int:
    """The line after the paragraph that begins on line ``i`` with ``text``: the next lines
    carry its sentence on while they start in lower case, plain, close below."""
    k = i + 1
    previous, last = text, lines[i]
    while k < len(lines) and _carries_on(last, lines[k], previous):
        previous, last = clean(lines[k].text), lines[k]
        k += 1
    return k


def _runs_on(lines: list[Line], i: int, text: str) -> bool:
    return i + 1 < len(lines) and _carries_on(lines[i], lines[i + 1], text)


def _carries_on(line: Line, following: Line, text: str) -> bool:
    """``following`` carries on the sentence of ``line`` (whose text is ``text``)."""
    if following.page != line.page or following.bold or following.table is not None or following.list_marker:
        return False
    if following.heading_level is not None or _ends_sentence(text):
        return False
    nxt = clean(following.text)
    if not nxt[:1].islower() or len(following.segments) > 1 or LIST_MARKER.match(nxt) or LETTERED.match(nxt):
        return False
    gap = following.top - line.bottom
    return not (line.bottom and gap > (line.size or 11.0))


def _first_sentence(text: str) -> tuple[str, str]:
    """The first sentence of a text and what follows it; a colon before a capital ends it too
    ("Fastställande av dagordningen: Godkändes."), an abbreviation's stop does not."""
    for match in re.finditer(r"[.!?:]\s+(?=[A-ZÅÄÖ\"“])", text):
        head, tail = text[:match.start() + 1], text[match.end():].strip()
        if head.endswith(".") and ends_in_abbreviation(head):
            continue
        if head.endswith(":") and is_name_list(_first_sentence(tail)[0]):
            continue  # "Till kassör valdes: Anna Ek" is one sentence
        return head.rstrip(".:").strip(), tail
    return text.strip(), ""


def _ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return text.endswith((".", "!", "?")) and not ends_in_abbreviation(text)


def _tidy_title(title: str) -> str:
    """"Mötets öppnande 15:18": the clock time belongs to the item's text, not its title; a
    stray mark OCR set before the first word (", Ordförande ...") is none of it."""
    title = re.sub(r"\s+(?:kl\.?\s*)?(?:[01]?\d|2[0-3])[:.][0-5]\d$", "", title.strip())
    title = re.sub(r"^[.,;:'`’|]+\s+", "", title)
    return title.strip(" .:")


def _title_below(lines: list[Line], k: int) -> tuple[str, int, str | None]:
    """The title of a heading whose line holds only the number: the next line(s), past a Dnr."""
    dnr = None
    while k < len(lines):
        text = clean(lines[k].text.replace("\t", " "))
        found = DNR.match(text)
        if found:
            dnr = found.group("dnr")
            rest = text[found.end():].strip()
            k += 1
            if rest:
                return rest, _title_continues(lines, k - 1, k), dnr
            continue
        if not text:
            k += 1
            continue
        end = _title_continues(lines, k, k + 1)
        return _joined(lines[k:end]), end, dnr
    return "", k, dnr


def _title_continues(lines: list[Line], first: int, k: int) -> int:
    """A bold title wrapped over lines: take the next lines while they are bold like it."""
    head = lines[first]
    while k < len(lines) and k - first < 3:
        line = lines[k]
        # a plain heading wraps too: the next line of its size carries its words on in lower case
        wraps = not head.bold and not line.bold and clean(line.text)[:1].islower() and not _ends_sentence(head.text)
        if not ((head.bold and line.bold) or wraps) or line.page != head.page or line.list_marker:
            break
        if _ends_sentence(head.text) and not clean(line.text)[:1].islower():
            break  # a bold title that ended, over the next heading
        if line.table != head.table or line.heading_level != head.heading_level:
            break  # a table's bold header row, a heading of another level
        text = clean(line.text)
        if is_item_section_label(text) or SECTION.match(text) or DNR.match(text) or NUMBERED.match(text) or \
                SUB_POINT.match(text):
            break
        if head.size and line.size and abs(head.size - line.size) > 0.5:
            break
        if line.top - head.bottom > 2.5 * (head.size or 11) and head.bottom:
            break
        k += 1
        head = line
    return k


def _joined(lines: list[Line]) -> str:
    """Lines of a wrapped title as one: a break after a hyphen joins without a space."""
    return _joined_text([clean(line.text.replace("\t", " ")) for line in lines])


def _joined_text(pieces: list[str]) -> str:
    text = ""
    for piece in pieces:
        text = f"{text}{piece}" if text.endswith("-") and piece[:1].islower() else clean(f"{text} {piece}")
    return text


def _tidy_dnr(dnr: str | None) -> str | None:
    if not dnr:
        return None
    return re.sub(r"\s*([/:])\s*", r"\1", clean(dnr))


def _strip_marker(text: str) -> str:
    return re.sub(r"^\s*[-–•·▪\u2022\uf0b7]\s+", "", text).strip()


def _toc_lines(lines: list[Line]) -> set[int]:
    """Lines of a table of contents: after its heading, or any line that ends in a page number
    behind a leader or tab."""
    toc: set[int] = set()
    for i, line in enumerate(lines):
        if TOC_PAGE.search(line.text.rstrip()) and len(line.segments) <= 3:
            toc.add(i)
        if TOC_HEAD.match(fold(line.text)):
            toc.add(i)
            toc.update(_toc_block(lines, i + 1))
    return toc


def _toc_block(lines: list[Line], k: int) -> set[int]:
    block: set[int] = set()
    seen: list[int] = []
    while k < len(lines):
        text = _strip_marker(lines[k].text.replace("\t", "  "))
        match = SECTION.match(text) or NUMBERED.match(text)
        if match:
            number = int(match.group("num"))
            if seen and number <= max(seen) and number <= seen[0]:
                break  # the numbering starts again: the body has begun
            seen.append(number)
        elif TOC_PAGE.search(lines[k].text.rstrip()):
            pass
        elif not seen or len(text) > 90 or lines[k].bold:
            break
        block.add(k)
        k += 1
    return block
