"""Document metadata: kind, organisation, body, dates, place and time, and the people who
sign (chair, secretary, justerare)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from datetime import date

from extractors.cleanup import is_furniture_phrase
from extractors.lang.sv.bodies import BODY_ABBREVIATIONS, BODY_NOUNS
from extractors.lang.sv.labels import SIGNATORY_LABELS
from extractors.lang.sv.organisations import GENERIC_ORGANISATION_WORDS, ORGANISATION_HEADS
from extractors.lang.sv.places import MEETING_NOUNS, REMOTE_PLACES
from extractors.paragraphs import Paragraph
from extractors.text import (
    DAY_MONTH,
    MONTHS,
    NAME_LIST,
    PERSON_NAME,
    clean,
    find_dates,
    find_time,
    fold,
    is_name_list,
    looks_like_person,
    person_key,
)
from extractors.vocabulary import (
    alternation,
    body_of_title_word,
    elects_for_a_term,
    is_generic_organisation_word,
    is_organisation,
    is_organisation_head,
    is_record_word,
    label_key,
    named_by_its_number,
    qualifies_the_record,
)
from schemas.layout import Line
from schemas.record import Attendee, DocumentKind

KIND_WORDS: list[tuple[str, DocumentKind]] = [
    (r"minnesanteckning\w*|anteckningar\b|mötesanteckningar|(?:synpunkter|sammanfattning)\s+(?:från|av)\s+"
     r"(?:\w+\s+)?möte", "minnesanteckningar"),
    (r"verksamhetsplan\w*", "verksamhetsplan"),
    (r"\w*protokoll\w*|protokollsutdrag|protokollutdrag", "protokoll"),
    (r"delårsrapport\w*|årsredovisning\w*|verksamhetsberättelse\w*|\w*rapport\b|uppföljning\w*|"
     r"årsrapport\w*|bokslut\w*", "rapport"),
]
# A title that names a meeting ("Årsmöte Trollhättans Judoklubb") is the title of its minutes.
MEETING_WORDS = re.compile(
    r"\b(?:årsmöte|årsstämma|styrelsemöte|föreningsstämma|extrastämma|stämma|sammanträde|konstituerande|"
    r"medlemsmöte|extramöte|vårmöte|höstmöte|stormöte|husrådsmöte)t?\b", re.IGNORECASE)

_NOT_NAME = (r"Sammanträdesprotokoll|Protokoll|PROTOKOLL|Sammanträdesdatum|Minnesanteckningar|Sida|Datum|"
             r"Styrelsen|Styrelse|Verksamhetsplan|Delårsrapport|Kallelse|Org|Plats")
ORG_BEFORE = re.compile(
    r"\b(?P<org>(?:" + "|".join(sorted({h.capitalize() for h in ORGANISATION_HEADS}, key=len, reverse=True))
    + r"|Samordningsförbundet|Kommunförbundet|Föreningen|Region|Stiftelsen|Bostadsrättsföreningen|"
    r"BRF|Brf|HSB +Brf|Riksförbundet|Förbundet) +(?!(?:" + _NOT_NAME + r")\b)(?:[A-ZÅÄÖ][\wåäöé&-]+)"
    r"(?: +(?!(?:" + _NOT_NAME + r")\b)(?:[A-ZÅÄÖ][\wåäöé&-]+))?)"
)
ORG_AFTER = re.compile(
    r"(?P<org>(?:(?:[A-ZÅÄÖ][\wåäöéÅÄÖ&-]*|i|och|av|för) +){0,3}[A-ZÅÄÖ][\wåäöéÅÄÖ&-]* +"
    r"(?i:" + "|".join(sorted(GENERIC_ORGANISATION_WORDS, key=len, reverse=True))
    + r"|kommun|stad|region|samordningsförbund|byalag|samfällighet|samfällighetsförening|vägsamfällighet|"
    r"förening|sällskap|dikningsföretag|skifteslag|vägförening|fiskevårdsområde|landsting"
    r"|[\wåäö]*(?:klubb|idrottsförening|bostadsrättsförening|samfällighetsförening|förening|sällskap)))"
    r"(?![\wåäö])"
)
ORG_GENITIVE_MEETING = re.compile(
    r"^(?P<org>[A-ZÅÄÖ][\wÅÄÖåäö ]{1,40}?)s\s+(?:vårmöte|höstmöte|årsmöte|stormöte|styrelsemöte|"
    r"extramöte|årsstämma|extrastämma|medlemsmöte|konstituerande)",
    re.IGNORECASE,
)

BODY_WORDS = re.compile(
    r"\b(?P<body>(?:[A-ZÅÄÖ][a-zåäö]+)?(?:styrelsen|styrelse|styrelsemöte|nämnden|nämnd|rådet|råd|"
    r"fullmäktige|utskottet|utskott|årsmötet|årsmöte|årsstämman|årsstämma|stämman|stämma|stormöte|"
    r"vårmöte|höstmöte|extramöte|medlemsmöte|husrådsmöte|direktionen|presidiet|beredningen|"
    r"kommittén|förbundsstyrelsen|styrgruppen|ledningsgruppen|arbetsgruppen)|KS|KF|KSAU)\b",
    re.IGNORECASE,
)
DEFINITE = [
    ("styrelsemöte", "Styrelsen"), ("styrelse", "Styrelsen"), ("stämma", "Stämman"), ("möte", "Mötet"),
    ("nämnd", "Nämnden"), ("råd", "Rådet"), ("utskott", "Utskottet"), ("fullmäktige", "Fullmäktige"),
    ("direktion", "Direktionen"), ("presidium", "Presidiet"), ("beredning", "Beredningen"),
    ("kommitté", "Kommittén"), ("grupp", "Gruppen"),
]

MEETING_DATE_LABEL = re.compile(
    r"^(?:sammanträdesdatum|mötesdatum|datum|datum och tid|datum och plats|tid|tid och plats|"
    r"sammanträdestid|mötestid)\s*:?", re.IGNORECASE)
NOT_MEETING_DATE = re.compile(
    r"justering|justerad|justeras|anslag|publicer|nedtag|uppsätt|signer|docusign|utskrift|"
    r"tillkännag|förvaring|utdrag|bestyrk|föregående|nästa möte|avpublicer", re.IGNORECASE)
DOCUMENT_DATE = re.compile(
    r"(?:godkänd|godkänt|beslutad|beslutat|fastställd|fastställt|antagen|antaget|antogs|reviderad|"
    r"upprättad|daterad)\b[^\n]{0,60}", re.IGNORECASE)
PLACE_LABELS = re.compile(
    r"^(?:plats och tid|plats|lokal|mötesplats|tid och plats|datum och plats|sammanträdesplats)\s*:?\s*",
    re.IGNORECASE)
REMOTE_PLACE = re.compile(rf"\((?P<p>{alternation(REMOTE_PLACES)})\)", re.IGNORECASE)
# "Digitalt möte 29 augusti", "Sammanträde via Teams": the medium is the place.
REMOTE_MEETING = re.compile(
    rf"^(?P<p>{alternation(REMOTE_PLACES)})\s+{alternation(MEETING_NOUNS)}(?![\wåäö])"
    rf"|{alternation(MEETING_NOUNS)}\s+(?:via|på|över|i)\s+(?P<q>{alternation(REMOTE_PLACES)})(?![\wåäö])",
    re.IGNORECASE)
WEEKDAY = re.compile(r"\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)(?:en)?\b.*$", re.IGNORECASE)

CHAIR_LABELS = SIGNATORY_LABELS["chair"]
SECRETARY_LABELS = SIGNATORY_LABELS["secretary"]
ADJUSTER_LABELS = SIGNATORY_LABELS["adjusters"]


def document_kind(title_lines: list[str], more_lines: list[str], has_items: bool,
                  has_attendees: bool, signed: bool = True) -> DocumentKind:
    """The kind the document calls itself in its title, else near its top, else what its
    shape says: items and attendees are a meeting's record, protokoll when someone chairs, keeps
    or checks it (a protokoll is signed and justerat), else notes."""
    for texts in (title_lines, more_lines):
        best: tuple[int, DocumentKind] | None = None
        text = "\n".join(texts)
        for pattern, kind in KIND_WORDS:
            match = re.search(pattern, text, re.IGNORECASE)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), kind)
        if best:
            return best[1]
        if MEETING_WORDS.search(text):
            return "protokoll"
    if has_items and has_attendees:
        return "protokoll" if signed else "minnesanteckningar"
    return "annat"


def organisation(top_texts: list[str], title_texts: list[str], all_text: str,
                 represented: list[str] | None = None) -> str | None:
    """The organisation named at the top (running header first), as written there; else the one
    the text names (the contract: a name in any running header or text counts)."""
    joined = _join_wrapped_names(top_texts)
    for text in joined:
        numbered = named_by_its_number(text)
        if numbered:
            return numbered
    for text in joined:
        match = ORG_GENITIVE_MEETING.match(text)
        if match:
            return clean(match.group("org"))
    candidates: list[tuple[int, str]] = []
    for position, text in enumerate(joined):
        for pattern in (ORG_BEFORE, ORG_AFTER):
            for match in pattern.finditer(text):
                org = _trim_org(match.group("org"))
                if org:
                    candidates.append((position, org))
    if not candidates:
        return (_org_in_title(_join_wrapped_names(title_texts)) or _org_in_text(all_text)
                or _host(represented or [], all_text))
    counts = Counter(fold(org) for _, org in candidates)
    everywhere = Counter(fold(m.group("org")) for p in (ORG_BEFORE, ORG_AFTER) for m in p.finditer(all_text))
    first = min(candidates, key=lambda c: (c[0], -everywhere[fold(c[1])] - counts[fold(c[1])]))[1]
    # a header cell too narrow for the name ("Samordningsförbundet Västra" / "Mälardalen")
    longer = [org for _, org in candidates if fold(org).startswith(fold(first)) and len(org) > len(first)]
    return max(longer, key=len) if longer else first


TITLE_BLOCK = 4
# "Alingsås kommuns anslagstavla": a name ending in a public body's word, also in the genitive.
ORG_IN_TEXT = re.compile(ORG_AFTER.pattern.replace(r"(?![\wåäö])", r"(?:s)?(?![\wåäö])"))


def _host(represented: list[str], text: str) -> str | None:
    """At a meeting of several organisations' people (a reference group, a samverkan), the host is
    the organisation most of them come from and the text names most: two or more attendees, ahead
    of every other."""
    people = Counter(represented)
    named = {org: len(re.findall(rf"(?<![\wåäö]){re.escape(org)}(?![\wåäö])", text, re.IGNORECASE)) for org in people}
    ranked = sorted(people, key=lambda org: (people[org] + named[org]), reverse=True)
    if not ranked or people[ranked[0]] < 2:
        return None
    if len(ranked) > 1 and people[ranked[1]] + named[ranked[1]] == people[ranked[0]] + named[ranked[0]]:
        return None
    return ranked[0]


def _after_link(org: str) -> str:
    """"Firmatecknare för Österlen Budoklubb": in running text the name is what follows the last
    linking word, when that is a name of two words or more."""
    parts = re.split(r"\s+(?:för|i|av|hos|vid)\s+", org)
    return parts[-1] if len(parts) > 1 and len(parts[-1].split()) >= 2 else org


def _org_in_text(text: str) -> str | None:
    """The organisation the text names most often, where the top names none."""
    counts = Counter(org for m in ORG_IN_TEXT.finditer(text) for org in [_trim_org(_after_link(m.group("org")))] if org)
    return counts.most_common(1)[0][0] if counts else None
MEETING_TITLE = re.compile(
    r"^(?:(?:\w*protokoll|minnesanteckningar|anteckningar)\s+(?:från|för|vid)\s+)?(?:ordinarie\s+|extra\s+)?"
    r"(?:årsmöte|årsstämma|styrelsemöte|medlemsmöte|stämma|extrastämma|vårmöte|höstmöte|stormöte|möte)t?"
    r"(?:\s*[-–,:]\s*|\s+(?:i|för|med|hos)\s+|\s+)"
    r"(?P<org>[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ&.-]*){0,3})",
    re.IGNORECASE,
)


def _org_in_title(texts: list[str]) -> str | None:
    """Without a word like "kommun" or "förening", the title still names the organisation:
    "Årsmöte - Python Sverige", "Protokoll för årsmöte Österlen Budo 2026", or a short line
    of its own in the title block ("LiTHe kod" over the date)."""
    for text in texts:
        for part in text.split("\t"):
            match = MEETING_TITLE.match(part.strip())
            if match and match.group("org")[:1].isupper():
                return clean(match.group("org"))
    for text in texts:
        named = _org_before_record_word(clean(text.split("\t")[0]))
        if named:
            return named
    for text in texts:
        part = clean(text.split("\t")[0])
        if _is_any_label(part.rstrip(":")) or _is_any_label(part.split(" ")[0]):
            break  # the title block ends where the labelled fields begin
        words = part.split()
        if not 1 <= len(words) <= 3 or re.search(r"[\d:]", part) or len(part) > 40 or is_furniture_phrase(part):
            continue
        if any(re.search(pattern, part, re.IGNORECASE) for pattern, _ in KIND_WORDS) or BODY_WORDS.search(part):
            continue
        if _is_any_label(part.rstrip(":")) or looks_like_person(part) or not words[0][:1].isupper():
            continue
        return part
    return None


def _org_before_record_word(title: str) -> str | None:
    """"IX Årsmötesprotokoll 2021", "Kanotklubben Forsen protokoll": the capitalised words before
    the record's own word, when they name no body, meeting or kind of document."""
    words = title.split()
    at = next((k for k, w in enumerate(words) if is_record_word(w)), None)
    if not at or at > 3:
        return None
    head = words[:at]
    if any(not w[:1].isupper() or re.search(r"\d", w) or _names_no_organisation(w) for w in head):
        return None
    return " ".join(head)


def _names_no_organisation(word: str) -> bool:
    """A title's word that names a body, a meeting, a kind of document or qualifies the record."""
    return bool(qualifies_the_record(word) or BODY_WORDS.search(word) or MEETING_WORDS.search(word)
                or body_of_title_word(word) or any(re.fullmatch(p, word, re.IGNORECASE) for p, _ in KIND_WORDS))


_CAPITALISED_WORDS = r"[A-ZÅÄÖ][\wåäöé-]+(?: [A-ZÅÄÖ][\wåäöé-]+){0,2}"


def _join_wrapped_names(texts: list[str]) -> list[str]:
    """"Norra Västmanlands" + "SAMORDNINGSFÖRBUND", "Storumans" + "kommun", "Samordningsförbundet"
    + "Centrala Östergötland": a name set on two lines; and a word broken in a narrow header cell
    ("Samhällsbyggnadsnämn" + "den")."""
    out: list[str] = []
    for text in texts:
        joint = _name_wraps(out[-1], text) if out else None
        if joint is None:
            out.append(text)
        else:
            out[-1] = f"{out[-1]}{joint}{text}"
    return out


def _name_wraps(previous: str, text: str) -> str | None:
    """What joins a header line to the one before it when both are one name ("" inside a word,
    " " between words), or None."""
    if is_generic_organisation_word(text) and re.fullmatch(_CAPITALISED_WORDS, previous):
        return " "
    if re.fullmatch(r"[a-zåäö]{2,5}", text) and re.fullmatch(r"[A-ZÅÄÖ][a-zåäö]{6,}", previous):
        return ""
    if is_organisation_head(previous) and re.fullmatch(_CAPITALISED_WORDS, text) \
            and not any(_names_no_organisation(w) or _is_any_label(w) for w in text.split()):
        return " "
    if re.fullmatch(r"[A-ZÅÄÖ]{4,}(?:\s+[A-ZÅÄÖ]{2,})?", text) and len(previous.split()) <= 4:
        return " "
    return None


def _trim_org(org: str) -> str | None:
    words = [_uncap(w, i) for i, w in enumerate(org.split())]
    while words and (words[0].casefold() in ("i", "och", "av", "för", "protokoll", "sammanträdesprotokoll",
                                             "minnesanteckningar", "styrelsen", "kallelse", "från")
                     or MEETING_WORDS.fullmatch(words[0])):
        words = words[1:]
    if len(words) < 2:
        return None
    return " ".join(words)


GENERIC_ORG_WORDS = ("kommun", "stad", "region", "landsting", "byalag", "samfällighet", "förening")


def _uncap(word: str, position: int) -> str:
    """A running header in capitals ("HÖGSBY KOMMUN") as the name is written ("Högsby kommun")."""
    if not (word.isupper() and len(word) > 3):
        return word
    lower = word.lower()
    return lower if position > 0 and lower in GENERIC_ORG_WORDS else word.capitalize()


TITLE_WORDS = 25  # a title line is never longer


def body(title_texts: list[str], decision_texts: list[str]) -> str | None:
    """The meeting body in its definite form ("Styrelsemöte nr 11" gives "Styrelsen")."""
    for text in title_texts:
        if len(text.split()) > TITLE_WORDS:
            continue  # a paragraph (an attendee list set as one), no title
        for match in BODY_WORDS.finditer(text):
            word = match.group("body")
            if word.casefold() in ("styrelse", "råd") and not text.casefold().startswith(word.casefold()):
                continue
            if text[match.end():].startswith(":"):
                continue  # "Vetenskapsrådet: Anna Ek": an organisation heading its people
            owner = BODY_OWNER.search(text[: match.start()])
            if owner:  # "Kommunstyrelsens arbetsutskott": the owner names it, in the indefinite
                return _with_coordinated_head(text[: owner.start()], f"{owner.group('owner')} {word.lower()}")
            return _with_coordinated_head(text[: match.start()], definite(word))
    for text in title_texts:  # a compound the title names it in ("Årsmötesprotokoll", "referensgrupp")
        named = _body_in_compound(text)
        if named:
            return named
    subjects: Counter[str] = Counter()
    for text in decision_texts:
        match = re.match(r"^([A-ZÅÄÖ][a-zåäö]+)\b", text)
        if match and match.group(1).casefold().endswith(
            ("styrelsen", "nämnden", "rådet", "fullmäktige", "utskottet", "mötet", "stämman")
        ):
            subjects[match.group(1)] += 1
    return subjects.most_common(1)[0][0] if subjects else None


# "Kommunstyrelsens arbetsutskott", "Byggnadsnämndens beredning": a body owned by another, named
# in the genitive before it.
_DEFINITE_BODIES = "|".join(sorted(set(BODY_NOUNS.values()), key=len, reverse=True))
BODY_OWNER = re.compile(r"(?P<owner>[\wåäö]*(?:" + _DEFINITE_BODIES + r")s)\s+$", re.IGNORECASE)
# "Barn- och ", "Vård- och ": the first half of a coordinated compound ("Barn- och ungdomsnämnden").
COORDINATED_HEAD = re.compile(r"(?P<head>[A-ZÅÄÖa-zåäö][\wåäöé]*-\s+(?:och|&|eller)\s+)$")


def _with_coordinated_head(before: str, body_name: str) -> str:
    """"Vård- och omsorgsnämnden", not "Omsorgsnämnden": the body's name keeps the first half of a
    compound coordinated with it."""
    head = COORDINATED_HEAD.search(before)
    if body_name.upper() == body_name:
        return body_name
    if not head:
        return body_name[:1].upper() + body_name[1:]
    first = head.group("head")
    return f"{first[:1].upper()}{first[1:]}{body_name[:1].lower()}{body_name[1:]}"


def _body_in_compound(title: str) -> str | None:
    """The body a title line names in a compound; a name heading its people ("Vetenskapsrådet: Anna
    Ek") is an organisation, no body of this meeting."""
    words = title.split()
    if len(words) > TITLE_WORDS:
        return None
    for word in words:
        if word.endswith(":"):
            continue
        named = body_of_title_word(word)
        if named:
            return named
    return None


def definite(word: str) -> str:
    key = word.casefold()
    if key in BODY_ABBREVIATIONS:
        return BODY_ABBREVIATIONS[key]
    word = word[:1].upper() + word[1:].lower()
    if key.endswith(("en", "et", "an", "ktige", "tén")):
        return word
    for ending, replacement in DEFINITE:
        if key.endswith(ending):
            stem = word[: len(word) - len(ending)]
            if ending == "styrelsemöte" or ending == "styrelse":
                return (stem + "styrelsen").capitalize() if stem else "Styrelsen"
            tail = replacement.lower()
            return (stem + tail).capitalize() if stem else replacement
    return word


def meeting_date(front: list[str], title_texts: list[str], all_texts: list[str]) -> date | None:
    for text in front:
        if MEETING_DATE_LABEL.match(text) and not NOT_MEETING_DATE.search(text):
            found = find_dates(text)
            if found:
                return found[0][1]
    for texts in (title_texts, front, all_texts):
        for text in texts:
            if NOT_MEETING_DATE.search(text):
                continue
            found = find_dates(text)
            if found:
                return found[0][1]
    return _date_without_year(title_texts)


def _date_without_year(title_texts: list[str]) -> date | None:
    """"Lördagen den 7 Mars, kl 11:30" under "Protokoll för årsmöte Österlen Budo 2026"."""
    text = "\n".join(title_texts)
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)
    for match in DAY_MONTH.finditer(text):
        if years:
            try:
                return date(int(years[0]), MONTHS[match.group("m").lower().rstrip(".")], int(match.group("d")))
            except ValueError:
                continue
    return None


def document_date(texts: list[str]) -> date | None:
    for text in texts:
        match = DOCUMENT_DATE.search(text)
        if match:
            found = find_dates(match.group(0))
            if found:
                return found[0][1]
    return None


def place_and_time(front: list[str], title_texts: list[str]) -> tuple[str | None, str | None]:
    location: str | None = None
    time: str | None = None
    for text in front:
        label = PLACE_LABELS.match(text)
        if label:
            value = text[label.end():]
            found = find_time(value)
            if found:
                time = time or found[0]
                value = value[: found[1]] + value[found[2]:]
            place = _tidy_place(value)
            if (place and "plats" in label.group(0).casefold()) or (place and "lokal" in label.group(0).casefold()):
                location = location or place
        elif MEETING_DATE_LABEL.match(text) and not NOT_MEETING_DATE.search(text):
            found = find_time(_without_dates(text))
            if found:
                time = time or found[0]
    for text in title_texts:
        remote = REMOTE_PLACE.search(text)
        if remote and not location:
            location = remote.group("p")
        remote = REMOTE_MEETING.search(clean(text))
        if remote and not location:
            location = remote.group("p") or remote.group("q")
        location = location or _place_after_date(clean(text))
        if not time and (find_dates(text) or DAY_MONTH.search(text) or re.search(r"\bkl\.?\s*\d", text)):
            found = find_time(_without_dates(text))
            time = found[0] if found else None
    return location, time


def _place_after_date(text: str) -> str | None:
    """"2024-03-17, Folkets hus, Gävle": a title line of the date, then the place after a comma."""
    head, comma, rest = text.partition(",")
    found = find_dates(head)
    if not comma or not found or found[0][0] != 0 or len(head.split()) > 5 or find_time(rest):
        return None
    return _tidy_place(rest)


def _without_dates(text: str) -> str:
    for _, found in find_dates(text)[::-1]:
        _ = found
    return re.sub(r"\d{4}-\d{2}-\d{2}|\d{1,2}-\d{1,2}-\d{4}", " ", text)


def _tidy_place(value: str) -> str | None:
    value = WEEKDAY.sub("", value)
    value = re.sub(r"\b(?:den\s+)?\d{1,2}\s+\w+\s+\d{4}\b|\d{4}-\d{2}-\d{2}", "", value)
    value = re.sub(r"\bkl\.?\s*$|\bkl\.?(?=\s*,)|\bklockan\s*$", "", value.strip(), flags=re.IGNORECASE)
    value = clean(value).strip(" ,;–-")
    return value or None


def signatories(lines: list[Line]) -> dict[str, list[str]]:
    """Names under the labels of the signature block and the front matter:
    {"chair": [...], "secretary": [...], "adjusters": [...]}."""
    found: dict[str, list[str]] = {"chair": [], "secretary": [], "adjusters": []}
    waiting: list[tuple[str, float, float]] = []  # (role, x0, x1) of labels still without a name
    column: float | None = None  # where the justerare's names stand, while they go on below
    unclaimed: list[tuple[str, float, float]] = []  # names of the line before that no label took
    for index, line in enumerate(lines):
        segments = [s for s in line.segments if clean(s.text)]
        new_labels: list[tuple[str, float, float]] = []
        names_here: list[tuple[str, float, float]] = []
        for segment in segments:
            role, rest = _role_label(segment.text)
            if role:
                names = _names(rest)
                if names:
                    found[role].extend(names)
                else:
                    new_labels.append((role, segment.x0, segment.x1))
                continue
            for name in _names(segment.text):
                names_here.append((name, segment.x0, segment.x1))
        if new_labels and not names_here and _labels_under(new_labels, unclaimed) and _just_below(lines, index):
            _assign(found, new_labels, unclaimed)  # "Anna Ek | Per Holm" signed over "ordförande | sekreterare"
            unclaimed, waiting, column = [], [], None
            continue
        unclaimed = names_here if names_here and not (waiting or new_labels) else []
        if names_here and (waiting or new_labels):
            targets = new_labels if new_labels and not waiting else waiting + new_labels
            _assign(found, targets, names_here)
            column = names_here[0][1] if len(targets) == 1 and targets[0][0] == "adjusters" else None
            waiting = []
            continue
        if column is not None and len(names_here) == 1 and not new_labels and len(segments) == 1 \
                and abs(names_here[0][1] - column) <= 5:
            found["adjusters"].append(names_here[0][0])  # the justerare's value column goes on below
            continue
        column = None
        if new_labels:
            waiting = new_labels
        elif waiting and segments and not _is_signature_filler(line) and index and _too_far(lines, index):
            waiting = []
    return found


def _labels_under(labels: list[tuple[str, float, float]], names: list[tuple[str, float, float]]) -> bool:
    """A row of two or more labels set under a row of as many names, each label where a name
    starts: the roles of the names above (signatures side by side, each role below its name). One
    label under one name is as likely the next label of a list of label and value."""
    return len(labels) == len(names) >= 2 and all(
        any(abs(label_x0 - name_x0) <= 20 for _, name_x0, _ in names) for _, label_x0, _ in labels)


def _just_below(lines: list[Line], index: int) -> bool:
    """The line stands right under the one before it, on the same page, no blank line between."""
    if index == 0:
        return False
    above, line = lines[index - 1], lines[index]
    return above.page == line.page and 0 <= line.top - above.bottom <= max(above.bottom - above.top, 1.0)


def _too_far(lines: list[Line], index: int) -> bool:
    return lines[index].page != lines[index - 1].page


def _assign(found: dict[str, list[str]], labels: list[tuple[str, float, float]],
            names: list[tuple[str, float, float]]) -> None:
    if len(labels) == 1:
        found[labels[0][0]].extend(n for n, _, _ in names)
        return
    for name, x0, x1 in names:
        role = min(labels, key=lambda lab: abs((lab[1] + lab[2]) / 2 - (x0 + x1) / 2))[0]
        under = [lab for lab in labels if abs(lab[1] - x0) <= 20]
        if len(names) == 1:
            # one name under a row of labels ("Vid protokollet | Justeras"): the label it stands
            # under, else the first
            role = under[0][0] if len(under) == 1 else labels[0][0]
        found[role].append(name)


def _role_label(text: str) -> tuple[str | None, str]:
    text = clean(text)
    after = re.fullmatch(r"(?P<name>.+?)\s*[/,–-]\s*(?P<label>[^/,]+)", text)
    if after and looks_like_person(after.group("name")):
        role, rest = _role_label(after.group("label"))
        if role and not rest:  # "Anna Ek / Protokollförare": the name signs above or before its role
            return role, after.group("name")
    key = label_key(text)
    for role, labels in (("chair", CHAIR_LABELS), ("secretary", SECRETARY_LABELS), ("adjusters", ADJUSTER_LABELS)):
        for label in sorted(labels, key=len, reverse=True):
            if key == label:
                return role, ""
            if key.startswith(label + " ") or key.startswith(label + ":") or key.startswith(label + "/"):
                rest = text[len(label):].lstrip(" :/")
                if role == "secretary" and label == "sekreterare" and rest[:1].islower():
                    return None, text
                return role, rest
    return None, text


def _names(text: str) -> list[str]:
    text = re.sub(r"[.…_]{3,}", " ", text)
    text = re.sub(r"\b[0-9A-F]{12,}\b", " ", text)
    parts = re.split(r",|\s+och\s+|\s+samt\s+|\s+&\s+|\t", text)
    names = []
    for part in parts:
        part = clean(re.sub(r"\(.*?\)", "", part)).strip(" .:*/")
        if not part:
            continue
        if is_organisation(part):
            continue
        if looks_like_person(part):
            names.append(part)
            continue
        match = PERSON_NAME.search(part)
        if match and match.start() == 0 and not re.search(r"(?i)docusign|signed", part):
            names.append(match.group(0))
    return names


def _is_signature_filler(line: Line) -> bool:
    text = clean(line.text)
    return not text or bool(re.fullmatch(r"[\s._…\-–]+", text)) or "docusign" in text.casefold()


def people_from_items(items: list[tuple[str, list[Paragraph]]]) -> dict[str, list[str]]:
    """Chair, secretary and justerare elected in the items themselves ("Val av justerare:
    Årsmötet beslutade att välja Karin Barck Holst och Anders Nylander")."""
    found: dict[str, list[str]] = {"chair": [], "secretary": [], "adjusters": []}
    for title, paragraphs in items:
        t = title.casefold()
        if not re.search(r"val av|mötesfunktionär|justera|ordförande|sekreterare", t) or elects_for_a_term(t):
            continue
        context = _role_of(t)
        for text in [title] + [clean(p.body) for p in paragraphs]:
            role = _role_label(text.split(":")[0])[0] if ":" in text[:30] else None
            named = clean(text.split(":", 1)[1]) if role else ""
            if role and re.fullmatch(r"[A-ZÅÄÖ][\wåäö-]+(?: [A-ZÅÄÖ][\wåäö-]+){0,3}", named):
                found[role].append(named)  # "Mötesordförande: Filip"
                continue
            # "Anna Ek till ordförande", "Kim Ek och Sara Holm till justerare": each name of the list
            pairs = [(name.group(0), role) for names, role in re.findall(
                r"(" + NAME_LIST.pattern + r"),?\s+(?:(?:vald|valda|valdes|väljs|utsågs|utses)\s+)?"
                r"(?:till|som)\s+(?:mötes)?(ordförande|sekreterare|protokolljusterare|justerare|"
                r"justeringsperson)", text) for name in PERSON_NAME.finditer(names)]
            pairs += re.findall(r"^([A-ZÅÄÖ][a-zåäö]+)\s+(?:vald|valdes|väljs|utsågs|utses)\s+(?:till|som)\s+"
                                r"(?:mötes)?(ordförande|sekreterare|protokolljusterare|justerare)\b", text)
            pairs += [(name, role) for role, name in re.findall(
                r"(?i:till\s+(?:mötes)?(ordförande|sekreterare|protokolljusterare|justerare)\s+(?:för mötet\s+)?"
                r"(?:valdes|väljs|utsågs|utses))\s+(" + PERSON_NAME.pattern + r")", text)]
            for name, role in pairs:
                found[_role_of(role.casefold()) or "chair"].append(name)
            if pairs:
                continue
            if len(text.split()) <= 6 and _role_of(text.casefold()):
                context = _role_of(text.casefold())
                continue
            # a nomination alone ("Valberedningen nominerar ...") elects nobody
            if context and (re.search(r"välj|vald|utse|utsågs|beslut", text, re.IGNORECASE)
                            or is_name_list(text)):
                names = [m.group(0) for m in PERSON_NAME.finditer(text)
                         if not re.match(r"(?i)mötet|årsmötet|styrelsen|stämman", m.group(0))]
                found[context].extend(n for n in names if looks_like_person(n))
                context = context if context == "adjusters" else None
    return found


def _role_of(text: str) -> str | None:
    if re.search(r"justera|justering", text):
        return "adjusters"
    if re.search(r"sekreterare", text):
        return "secretary"
    if re.search(r"(?<!vice )ordförande", text) and "vice ordförande" not in text:
        return "chair"
    return None


def spell_as_attendee(name: str, attendees: list[Attendee]) -> str:
    """A signature often misspells a name ("Shretim"): use the attendee list's spelling;
    a first name alone ("Filip") is the one attendee of that name."""
    if " " not in name.strip():
        same = [a.name for a in attendees if a.name.split()[0].casefold() == name.strip().casefold()]
        return same[0] if len(same) == 1 else name
    key = person_key(name)
    best, score = name, 0.0
    for attendee in attendees:
        ratio = difflib.SequenceMatcher(None, key, person_key(attendee.name)).ratio()
        if ratio > score:
            best, score = attendee.name, ratio
    return best if score >= 0.8 else name


def front_fields(lines: list[Line]) -> list[str]:
    """The front matter as "label value" strings: a label beside its value, a value column
    continued on the lines below, and a row of labels over a row of values."""
    out: list[str] = []
    i = 0
    lines = [_split_at_labels(line) for line in lines]
    while i < len(lines):
        line = lines[i]
        texts = [clean(s.text) for s in line.segments if clean(s.text)]
        if len(texts) >= 2 and all(_is_any_label(t) for t in texts) and i + 1 < len(lines):
            below = [clean(s.text) for s in lines[i + 1].segments if clean(s.text)]
            if len(below) == len(texts) and not any(_is_any_label(t) for t in below):
                out.extend(f"{label} {value}" for label, value in zip(texts, below, strict=True))
                i += 2
                continue
        field = " ".join(texts)
        if texts and _is_any_label(texts[0]):
            k = i + 1
            while k < len(lines) and k - i <= 3 and _continues_value(line, lines[k]):
                field = f"{field} {clean(lines[k].text.replace(chr(9), ' '))}"
                k += 1
        out.append(field)
        i += 1
    return out


def _split_at_labels(line: Line) -> Line:
    """"Plats och tid | Rådslaget | Paragrafer §§111-122": a second label on the row starts a
    field of its own, so the first field ends before it. A row of labels alone is a header
    over a row of values and stays whole."""
    if all(_is_any_label(clean(s.text)) for s in line.segments):
        return line
    for k, segment in enumerate(line.segments[1:], start=1):
        head = clean(segment.text).split(" ")[0]
        if _is_any_label(clean(segment.text)) or _is_any_label(head):
            return line.model_copy(update={"segments": line.segments[:k]})
    return line


def _is_any_label(text: str) -> bool:
    from extractors.vocabulary import is_front_label

    return is_front_label(text) or bool(PLACE_LABELS.fullmatch(text)) or bool(MEETING_DATE_LABEL.fullmatch(text))


def _continues_value(label_line: Line, line: Line) -> bool:
    if _is_any_label(clean(line.segments[0].text)):
        return False
    if len(label_line.segments) >= 2:
        return line.x0 >= label_line.segments[1].x0 - 5 and line.page == label_line.page
    return len(label_line.segments) == 1 and len(line.segments) == 1 and len(line.text.split()) <= 8


OPENED = re.compile(r"\b(?:öppna(?:r|de|t|s|nde)?|förklara\w*\s+mötet\s+öppnat)\b[^.]{0,50}?(?:kl\.?\s*)?"
                    r"(?P<t>(?:[01]?\d|2[0-3])[.:][0-5]\d)", re.IGNORECASE)
CLOSED = re.compile(r"\b(?:avslut(?:as|ade|at|ar)|förklara\w*\s+mötet\s+avslutat|mötet\s+slut)\b[^.]{0,50}?"
                    r"(?:kl\.?\s*)?(?P<t>(?:[01]?\d|2[0-3])[.:][0-5]\d)", re.IGNORECASE)


def time_from_minutes(texts: list[str]) -> str | None:
    """"förklarar mötet öppnat kl 17:15" ... "Mötet avslutas 19:52" gives "17:15-19:52"."""
    opened = next((m.group("t") for t in texts for m in [OPENED.search(t)] if m), None)
    closed = next((m.group("t") for t in reversed(texts) for m in [CLOSED.search(t)] if m), None)
    if opened and closed:
        return f"{opened}-{closed}"
    return opened
