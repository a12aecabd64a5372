"""Item segmenter: where each agenda item starts, its number, title and diarienummer.

Three schemes, tried in order: paragraphs (`SFV § 17`, `§17`, `17 §`), numbered points
("1.", "1/", "1)"), and headings (by style, weight or size) where the body has no numbers.
A table of contents is never an item, and a quoted paragraph of another body or meeting
("KU § 317") is not one either: the items are the longest run of rising numbers.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from extractors.text import clean, fold, looks_like_person
from extractors.vocabulary import ITEM_NUMBER_CELL, is_front_label, is_item_section_label
from schemas.layout import Line

SECTION = re.compile(
    r"^(?:(?P<prefix>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,7})\s+)?§\s*(?P<num>\d{1,4})"
    r"(?:\s*(?P<letter>[a-z])(?![\wåäö]))?\s*[.:]?\s*(?P<rest>.*)$"
)
SECTION_AFTER = re.compile(r"^(?P<num>\d{1,3})\s*§\s*[.:]?\s*(?P<rest>.*)$")
NUMBERED = re.compile(r"^(?P<num>\d{1,2})\s*(?:[.):/]|\s(?=\S))\s*(?P<rest>.*)$")
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
ITEM_END = re.compile(
    r"^(?:(?:vid protokollet|justeras|justerat|underskrifter|bilaga\s+[a-z0-9]{1,3}|bilagor|"
    r"protokollet justeras|mötesordförande|" + _SIGNATURE_LABELS + r")\s*:?$|"
    r"(?:vid pennan|vid protokollet|vid anteckningarna|antecknat av|antecknare|protokollförare)\b)"
)
MAX_GAP = 5


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


def find_item_starts(lines: list[Line], kind: str) -> list[ItemStart]:
    lines = lines[: appendix_start(lines)]  # an appendix (bilaga) holds no items of the meeting
    toc = _toc_lines(lines)
    starts = _section_starts(lines, toc)
    if len(starts) < 2:
        numbered = _numbered_starts(lines, toc)
        if len(numbered) >= 2 or (numbered and not starts):
            starts = numbered
    if not starts or (kind in ("rapport", "verksamhetsplan") and len(starts) < 3):
        headings = _heading_starts(lines, toc, kind)
        if len(headings) > len(starts):
            starts = headings
    return starts


def item_end(lines: list[Line], start: int, stop: int) -> int:
    """Where the last item's text ends: at a signature block or the first appendix."""
    stop = min(stop, appendix_start(lines))
    for i in range(start, stop):
        if ITEM_END.match(fold(lines[i].segments[0].text)) or ITEM_END.match(fold(" ".join(lines[i].text.split()))):
            return i
    return stop


APPENDIX = re.compile(r"^(?:[a-z]\s+)?(?:appendix|bilaga|bilagor|bilageförteckning)\b(?:\s+\S+){0,6}$")


def appendix_start(lines: list[Line]) -> int:
    """The first line of an appendix: a heading "Bilaga A", "Appendix A - Stadgar"."""
    body_size = _body_size(lines)
    for i, line in enumerate(lines):
        text = fold(line.text)
        if i > 3 and APPENDIX.match(text) and (line.bold or line.heading_level or (line.size or 0) > body_size + 1):
            return i
    return len(lines)


# -- paragraphs (§) ---------------------------------------------------------------------


def _section_starts(lines: list[Line], toc: set[int]) -> list[ItemStart]:
    candidates: list[ItemStart] = []
    for i, line in enumerate(lines):
        if i in toc or (line.table is not None and len(line.segments) > 3):
            continue
        text = line.text.replace("\t", "  ").strip()
        if line.list_marker or _strip_marker(text) != text:
            continue  # a bullet that cites a paragraph ("• §81 KS ...") or a listing entry
        match = SECTION.match(text) or SECTION_AFTER.match(text)
        if not match or text.startswith("§§"):
            continue
        rest = clean(match.group("rest")).lstrip("|¦ ")  # a column rule read by OCR
        if rest[:1].islower() and not DNR.match(rest):
            continue  # "§ 5 i förbundsordningen": a reference in running text
        letter = match.groupdict().get("letter")
        prefix = match.groupdict().get("prefix")
        if prefix and prefix.casefold() in ("se", "enligt", "i", "och", "till", "paragraf"):
            continue
        start = _start(lines, i, int(match.group("num")), letter, prefix, rest)
        if not start.title[:1].islower():  # a title read in lower case is the tail of a wrapped listing line
            candidates.append(start)
    return _rising_per_meeting(lines, _common_prefix(candidates))


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


def _numbered_starts(lines: list[Line], toc: set[int]) -> list[ItemStart]:
    candidates: list[tuple[ItemStart, float]] = []
    for i, line in enumerate(lines):
        if i in toc or (line.list_level or 0) > 0:
            continue
        text = _heading_text(line)
        marker = MARKER_ONLY.match(text)
        if marker and i + 1 < len(lines):
            candidates.append((_marker_start(lines, i, int(marker.group("num"))), line.x0))
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
        if len(rest) > 160:
            continue
        candidates.append((_start(lines, i, int(match.group("num")), None, None, rest), line.x0))
    if not candidates:
        return []
    body_size = _body_size(lines)
    styled = [(c, x) for c, x in candidates if lines[c.index].bold or (lines[c.index].size or 0) > body_size + 1]
    if len(styled) >= 3 and not _continues(styled, [(c, x) for c, x in candidates if (c, x) not in styled]):
        candidates = styled  # numbered headings, as against numbered lists in the text
    left = min(x for _, x in candidates)
    aligned = [c for c, x in candidates if x <= left + 30]
    starts = _rising(aligned)
    if starts and starts[0].number is not None and starts[0].number > MAX_GAP:
        return []
    if starts and starts[0].index > 0.5 * len(lines):
        return []  # a numbered list late in the text is a list inside it, not the agenda
    return starts


# A point number alone on its line, as scanned minutes write "1/", "2/" and OCR reads them:
# "1l", "4l", "8t", "r3l.", "18/".
RESPONSIBLE = re.compile(r"^[A-ZÅÄÖ]{1,3}(?:\s*[/,&]\s*[A-ZÅÄÖ]{1,3})*$")


def _heading_text(line: Line) -> str:
    """A line's text as a possible heading; initials set apart in a right-hand column
    ("4. Föregående mötesprotokoll      BG") name who is responsible, not the title."""
    segments = line.segments
    if len(segments) >= 2 and RESPONSIBLE.match(clean(segments[-1].text)):
        segments = segments[:-1]
    return "  ".join(s.text for s in segments).strip()


def _continues(styled: list[tuple[ItemStart, float]], plain: list[tuple[ItemStart, float]]) -> bool:
    """Plain numbered lines that only carry on the styled ones' numbering after them (an OCR
    layer whose estimated font size drifts down the page) are headings too."""
    if not plain or plain[0][0].index < styled[-1][0].index:
        return False
    numbers = [c.number or 0 for c, _ in styled + plain]
    return plain[0][0].number == (styled[-1][0].number or 0) + 1 and numbers == sorted(set(numbers))


def _grid_title(line: Line) -> str | None:
    """In minutes set in a grid (Punkt | Vad | Ansvar) the title is the cell after the
    number; the responsibility column beside it is not part of the title."""
    cells = [clean(s.text) for s in line.segments if clean(s.text)]
    if len(cells) >= 2 and ITEM_NUMBER_CELL.match(cells[0]):
        return cells[1]
    return None


MARKER_ONLY = re.compile(r"^[(\[\\rt]?(?P<num>\d{1,2})(?:[lI|/\\t.)]{1,2}|/)$")


def _marker_start(lines: list[Line], i: int, number: int) -> ItemStart:
    """An item whose number stands alone: the next line is its title, and when that line is
    a whole sentence it is also the item's first text, where a decision may stand."""
    title_line = clean(lines[i + 1].text.replace("\t", " "))
    body = i + 1 if len(title_line.split()) > 6 else i + 2
    return ItemStart(index=i, body=body, number=number, letter=None, prefix=None,
                     title=_tidy_title(title_line), dnr=None, level=1)


def _rising(candidates: list[ItemStart]) -> list[ItemStart]:
    """The longest run of non-decreasing numbers, each step at most MAX_GAP; ties prefer
    later candidates, so the body wins over an earlier list of the same numbers."""
    n = len(candidates)
    if n == 0:
        return []
    best = [1] * n
    back = [-1] * n
    for i in range(n):
        for j in range(i):
            a, b = candidates[j].number or 0, candidates[i].number or 0
            same = a == b and (candidates[i].letter or "") > (candidates[j].letter or "")
            if (a < b <= a + MAX_GAP or same or (a == b and _allows_repeat(candidates[j], candidates[i])))\
                    and best[j] + 1 >= best[i]:
                best[i], back[i] = best[j] + 1, j
    end = max(range(n), key=lambda k: (best[k], k))
    chain = []
    while end != -1:
        chain.append(candidates[end])
        end = back[end]
    return chain[::-1]


def _allows_repeat(a: ItemStart, b: ItemStart) -> bool:
    """Two starts with one number are both items only when both have titles of their own."""
    return bool(a.title and b.title) and a.letter is None and b.letter is None and fold(a.title) != fold(b.title)


# -- headings ---------------------------------------------------------------------------


def _heading_starts(lines: list[Line], toc: set[int], kind: str) -> list[ItemStart]:
    body_size = _body_size(lines)
    candidates: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if i in toc or line.table is not None:
            continue
        level = _heading_rank(line, body_size)
        if level is None:
            continue
        text = clean(line.text.replace("\t", " "))
        if is_item_section_label(text) or is_front_label(text) or text.endswith(":") or ITEM_END.match(fold(text)):
            continue
        candidates.append((i, level))
    candidates = _after_front_matter(lines, candidates)
    if not candidates:
        return []
    if kind not in ("rapport", "verksamhetsplan"):
        top = min(level for _, level in candidates)
        candidates = [(i, lv) for i, lv in candidates if lv == top]
    starts: list[ItemStart] = []
    for i, level in candidates:
        if starts and i < starts[-1].body:
            continue  # the second line of a wrapped heading
        if i == 0 and kind not in ("rapport", "verksamhetsplan"):
            continue  # the document's own title
        body = _title_continues(lines, i, i + 1)
        title = _joined(lines[i:body])
        title = re.sub(r"^(?:\d+\.)+\s*", "", title)
        starts.append(ItemStart(index=i, body=body, number=None, letter=None, prefix=None,
                                title=title.rstrip(" ."), dnr=None, level=level))
    return starts


def _heading_rank(line: Line, body_size: float) -> int | None:
    """1 for a top heading, larger for lower ones; None for body text."""
    text = clean(line.text)
    words = len(text.split())
    if not text or words > 18 or len(line.segments) > 2:
        return None
    if line.heading_level is not None and line.heading_level >= 1:
        return line.heading_level
    if line.list_marker or text[:1] in "-•–·✓":
        return None
    size = line.size or body_size
    if size >= body_size + 3:
        return 1
    if size >= body_size + 1.2:
        return 2
    if line.bold and any(c.isalpha() for c in text) and (
        not text.endswith((".", ",")) or size > body_size + 0.5
    ):
        return 3
    return None


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
    for i, line in enumerate(lines[: max(60, len(lines) // 3)]):
        if is_front_label(line.segments[0].text):
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


def _start(lines: list[Line], i: int, number: int, letter: str | None, prefix: str | None,
           rest: str) -> ItemStart:
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
    if not title:
        title, body, title_dnr = _title_below(lines, i + 1)
        dnr = dnr or title_dnr
    else:
        body = _title_continues(lines, i, body)
        if body > i + 1:
            title = clean(f"{title} {_joined(lines[i + 1:body])}").replace("- ", "-")
    while body < len(lines) and not dnr and DNR.match(clean(lines[body].text)):
        dnr = DNR.match(clean(lines[body].text)).group("dnr")  # type: ignore[union-attr]
        body += 1
    return ItemStart(index=i, body=body, number=number, letter=letter, prefix=prefix,
                     title=_tidy_title(title), dnr=_tidy_dnr(dnr), level=1)


def _tidy_title(title: str) -> str:
    """"Mötets öppnande 15:18": the clock time belongs to the item's text, not its title."""
    title = re.sub(r"\s+(?:kl\.?\s*)?(?:[01]?\d|2[0-3])[:.][0-5]\d$", "", title.strip())
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
        if not (head.bold and line.bold) or line.page != head.page or line.list_marker:
            break
        text = clean(line.text)
        if is_item_section_label(text) or SECTION.match(text) or DNR.match(text) or NUMBERED.match(text):
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
    text = ""
    for line in lines:
        piece = clean(line.text.replace("\t", " "))
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
