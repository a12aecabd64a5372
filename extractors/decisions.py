"""Decisions of an item: "Beslut" blocks and decision sentences, with the contract's kinds.

Under a heading that announces decisions ("Beslut", "Kommunstyrelsens beslut") each bullet,
numbered point or separate paragraph is one decision. Without such a heading, a sentence
decides when the meeting body decides in it ("Styrelsen beslutar att ...", "Årsmötet
beslutade ..."), when it is a passive decision ("Ylva väljs till justerare."), or when it
starts with "Beslut ..."; discussion, proposals and action points are not decisions.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from extractors.paragraphs import Paragraph
from extractors.text import PERSON_NAME, clean, is_name_list
from extractors.vocabulary import is_item_section_label, label_key
from schemas.record import DecisionKind

# Headings that announce the decisions below them; the group names the decision kind.
DECISION_HEADING = re.compile(
    r"^(?:(?:[\wåäö-]+s\s+)?beslut(?:et)?|beslut\s+(?:i|på)\s+sammanträdet|"
    r"[\wåäö-]+\s+beslut(?:ar|ade)(?:\s+att)?|"
    r"(?:styrelsen|nämnden|mötet|årsmötet|stämman|utskottet|rådet)\s+beslutar(?:\s+följande)?)\s*:?$",
    re.IGNORECASE,
)
RECOMMENDATION_HEADING = re.compile(
    r"^(?:förslag till beslut i|[\wåäö-]+s förslag till)\s+(?:kommun|region)?fullmäktige|"
    r"^(?:[\wåäö-]+s\s+)?förslag till (?:kommun|region)?fullmäktige|^yttrande\s*:?$",
    re.IGNORECASE,
)
BLOCK_END = re.compile(
    r"^(?:exp(?:\.|edieras)?\s*(?:till)?|skickas till|beslutsunderlag|reservation(?:er)?|"
    r"protokollsanteckning(?:ar)?|anteckning(?:ar)?|yrkanden?|propositionsordning|omröstning|"
    r"omröstningsresultat|jäv|särskilt yttrande|ärendebeskrivning|bakgrund|beredning|"
    r"förslag till beslut(?: på sammanträdet)?|beslutsgång|bilagor?|handlingar|ansvarig|"
    r"sammanfattning|ärendet)\b\s*:?",
    re.IGNORECASE,
)

BODY_SUBJECT = (
    r"(?!Valberedning|Revisor|Lekmannarevisor)(?:[A-ZÅÄÖ][\wåäö-]*(?:styrelsen|nämnden|rådet|mötet|stämman|stämma|utskottet|fullmäktige|"
    r"presidiet|gruppen|sammanträdet|beredningen|förbundet|föreningen|direktionen|kommittén)|"
    r"Mötet|Årsmötet|Styrelsen|Nämnden|Stämman|Föreningen|Vi|Rådet|Fullmäktige|Kommunen|Medlemmarna)"
)
SUBJECT_DECIDES = re.compile(
    BODY_SUBJECT + r"\b[^.]{0,40}?\b(?:beslutar|beslutade|beslöt|beslutat|godkänner|godkände|"
    r"fastställer|fastställde|antar|antog|väljer|valde|utser|utsåg|beviljar|beviljade|bifaller|"
    r"biföll|avslår|avslog|uppdrar|gav|ger|tillsätter|noterar|noterade|tar del av|tog del av|"
    r"lägger|lade|tillstyrker|tillstyrkte|föreslår|nominerar|röstar för|röstade för|godkänner inte|"
    r"överlämnar|återremitterar|bordlägger|delegerar|ställer sig bakom|är positiv|är positiva)\b"
)
PASSIVE_DECIDES = re.compile(
    r"^[^.]{0,80}?\b(?:väljs|valdes|utses|utsågs|fastställs|fastställdes|fastställes|godkänns|"
    r"godkändes|godkännes|antas|antogs|beviljas|beviljades|bifalls|bifölls|avslås|avslogs|"
    r"tillsätts|läggs till handlingarna|lades till handlingarna|lagt till handlingarna|"
    r"lägges till handlingarna|skjuts upp|bordläggs|återremitteras|delges|bibehålls|"
    r"röstades\s+(?:enhälligt\s+)?(?:igenom|till)|röstas\s+(?:enhälligt\s+)?igenom|klubbades|klubbas|"
    r"(?:om)?valda?\s+(?:till|som)|(?:om)?valdes\s+(?:till|som)|"
    # a change the meeting makes to a proposal ("“Stöd för …” bryts ut i en egen kategori"),
    # not one it may make ("kan tas bort")
    r"(?<!kan )(?<!ska )(?<!skall )(?<!måste )(?<!behöver )(?<!bör )"
    r"(?:bryts ut|bröts ut|stryks|ströks|införs|infördes|tas bort|togs bort))\b",
    re.IGNORECASE,
)
IMPERSONAL_DECIDES = re.compile(
    r"\b(?:beslutas|beslutades|beslutat|beslöts|(?:tog|togs|fattade|fattades)\s+beslut(?:et)?\s+(?:att|om))\b|^beslut\b(?!\s+(?:tas|fattas|kommer|ska|skall|har|hade|är|var|behöver|enligt))|"
    r"^skjuter upp\b|^(?:mötet|årsmötet|stämman)\s+röstar\b",
    re.IGNORECASE,
)
NOT_A_DECISION = re.compile(
    r"\b(?:föreslås|förslag(?:et)? till beslut|yrkar|yrkande|reserverar|förklarade?\s+mötet|"
    r"förklaras|mötet\s+(?:öppnas|avslutas|öppnades|avslutades)|nästa möte|kommer att beslut|"
    r"ska beslut|beslut tas|tar beslut|fattar beslut|inför beslut|bör|kommer\s+\w+\s+beslut|"
    r"beslut\s+om\s+[^.]{1,60}?\s+(?:tas|fattas))\b",
    re.IGNORECASE,
)
# Bold labels inside a decision's list of names, not headings that end it.
LIST_LABELS = ("ordinarie", "ersättare", "ledamöter", "ledamot", "suppleanter", "suppleant", "ordinarie ledamöter",
               "ordförande", "vice ordförande", "revisorer", "revisor", "valberedning")
# A clause that the bullets below complete: "Det beslutades att", "Beslut att:".
POINTS_LEAD = re.compile(r"(?i)(?:^|\b(?:det|styrelsen|mötet|årsmötet)\s+)(?:beslut|beslutades|beslöts|beslutar|"
                         r"beslutade)\s+att\s*:?$")
ATT_CLAUSE = re.compile(r"^att\s+\w", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ“\"”])")
ABBREVIATION_END = re.compile(r"\b(?:t\.?\s?ex|bl\.a|dvs|ca|kl|nr|resp|inkl|exkl|jfr|s\.k|p\.g\.a|m\.m|etc|ev|"
                              r"m\.?\s?fl|osv|o\.s\.v)\.$", re.IGNORECASE)


@dataclass
class FoundDecision:
    kind: DecisionKind
    text: str
    page: int


def find_decisions(paragraphs: list[Paragraph], title: str = "") -> list[FoundDecision]:
    """The decisions in an item's paragraphs (its title gives the kind of a bare list)."""
    blocks = _blocks(paragraphs)
    if blocks:
        found = []
        for heading_kind, block in blocks:
            found.extend(_block_decisions(block, heading_kind, title))
        return found
    return _sentence_decisions(paragraphs, title)


def classify(text: str, default: DecisionKind = "decision") -> DecisionKind:
    t = text.casefold()
    if re.search(r"föranleder\s+(?:inget|inga|ingen|ej)|inget beslut (?:fattas|fattades)|"
                 r"utan (?:åtgärd|beslut)", t):
        return "no_decision"
    approves = re.search(r"\b(?:godkän[ndt]|fastställ|anta[rs]?\b|antog|beviljas|beviljar)", t)
    informs = re.search(r"informationen|informationerna|redovisningen|rapporteringen", t)
    if re.search(r"\b(?:noterar|noterade|noteras|tar del av|tog del av|tagit del av)\b", t):
        return "noted"
    if informs and re.search(r"godkänn|lägg|läggs|lagt|noter|tack", t):
        return "noted"
    if "till handlingarna" in t and not approves:
        return "noted"
    if re.search(r"\btillstyrk|\bföreslår (?:kommun|region)?fullmäktige|\bföreslår \w+(?:mötet|stämman|styrelsen|"
                 r"nämnden|fullmäktige) att|\btill (?:kommun|region)fullmäktige\b|"
                 r"\brekommenderar\b|\bpositiva? till\b|\bnominerar\b(?!.*\bväljer\b)|"
                 r"\bföreslås (?:kommun|region)?fullmäktige",
                 t):
        return "recommendation"
    return default


def _blocks(paragraphs: list[Paragraph]) -> list[tuple[DecisionKind | None, list[Paragraph]]]:
    """Runs of paragraphs under a decision heading, up to the next section of the item."""
    blocks: list[tuple[DecisionKind | None, list[Paragraph]]] = []
    current: list[Paragraph] | None = None
    for paragraph in paragraphs:
        text = clean(paragraph.text)
        heading = _heading_kind(text, paragraph)
        if heading is not None:
            current = []
            blocks.append((None if heading == "decision" else heading, current))
            continue
        if current is None:
            continue
        if BLOCK_END.match(text) and (len(text.split()) <= 6 or (text.rstrip().endswith(":") is False
                                      and ":" in text[:25])):
            current = None
            continue
        if is_item_section_label(text) and paragraph.bold and not current:
            continue
        if paragraph.bold and current and label_key(text) not in LIST_LABELS and len(text.split()) <= 8:
            current = None  # a new heading of the item ("Delegationsbeslut") ends the decision
            continue
        current.append(paragraph)
    return [(kind, block) for kind, block in blocks if block]


def _heading_kind(text: str, paragraph: Paragraph) -> DecisionKind | None:
    if len(text.split()) > 8:
        return None
    if RECOMMENDATION_HEADING.match(text):
        return "recommendation"
    if DECISION_HEADING.match(text):
        return "decision"
    return None


def _block_decisions(block: list[Paragraph], heading_kind: DecisionKind | None,
                     title: str) -> list[FoundDecision]:
    """One decision per bullet, point or paragraph; a lead that ends in a colon takes the
    plain list under it ("... utses:" with names) into one decision."""
    default: DecisionKind = heading_kind or ("recommendation" if _is_nomination(title) else "decision")
    found: list[FoundDecision] = []
    lead: FoundDecision | None = None
    for paragraph, text in _read_grids(block):
        if not text:
            continue
        if lead is not None and _is_plain_entry(paragraph):
            lead.text = f"{lead.text} {text}"
            continue
        lead = None
        kind = classify(text, default)
        decision = FoundDecision(kind=kind, text=text, page=paragraph.page)
        if text.endswith(":") and _announces(text):
            continue  # "följande beslut fattades:" only announces the points below
        found.append(decision)
        if text.endswith(":"):
            lead = decision
    return [d for d in found if not _is_noise(d.text)]


def _read_grids(block: list[Paragraph]) -> list[tuple[Paragraph, str]]:
    """Each paragraph with its decision text; a run of rows of short cells ("Ordinarie |
    Ersättare" over names) is a list in columns and reads column by column, as one text."""
    out: list[tuple[Paragraph, str]] = []
    k = 0
    while k < len(block):
        run = k
        while run < len(block) and _is_grid_row(block[run]):
            run += 1
        if run - k >= 2:
            rows = [[clean(s.text) for s in block[j].lines[0].segments] for j in range(k, run)]
            columns = [" ".join(r[c] for r in rows if c < len(r) and r[c]) for c in range(max(map(len, rows)))]
            out.append((block[k], " ".join(c for c in columns if c)))
            k = run
            continue
        out.append((block[k], _decision_text(block[k])))
        k += 1
    return out


def _is_grid_row(paragraph: Paragraph) -> bool:
    if len(paragraph.lines) != 1 or len(paragraph.lines[0].segments) < 2:
        return False
    cells = [clean(s.text) for s in paragraph.lines[0].segments]
    return all(0 < len(c.split()) <= 4 and not c.endswith(".") for c in cells)


def _sentence_decisions(paragraphs: list[Paragraph], title: str) -> list[FoundDecision]:
    found: list[FoundDecision] = []
    announced = False
    lead: FoundDecision | None = None
    tentative: list[FoundDecision] = []  # "Val av ...:" decides only with the names under it
    for paragraph in paragraphs:
        text = _decision_text(paragraph)
        if not text:
            continue
        if lead is not None and _is_plain_entry(paragraph):
            lead.text = f"{lead.text} {text}"  # the names a clause introduces belong to it
            if lead in tentative:
                tentative.remove(lead)
            continue
        lead = None
        if announced and (paragraph.marker or ATT_CLAUSE.match(text)):
            found.append(FoundDecision(kind=classify(text), text=text, page=paragraph.page))
            continue
        announced = text.endswith(":") and _announces(text)
        if announced:
            continue
        sentences = split_sentences(text)
        if POINTS_LEAD.search(sentences[-1]):
            announced = True  # "Det beslutades att" over bullets: each bullet is a decision
            sentences = sentences[:-1]
        for k, sentence in enumerate(sentences):
            sentence = _after_lead(sentence)
            if _decides(sentence) or _is_election(sentence):
                decision = FoundDecision(kind=classify(sentence), text=sentence, page=paragraph.page)
                found.append(decision)
                if not _decides(sentence) and not PERSON_NAME.search(sentence[1:]):
                    tentative.append(decision)  # "Val av ordförande." decides with the names below it
                    lead = decision if k == len(sentences) - 1 else lead
                elif k == len(sentences) - 1 and _introduces_list(sentence):
                    lead = decision
    found = [d for d in found if d not in tentative]
    if not found and _is_election(title) and paragraphs and is_name_list(paragraphs[0].body):
        names = list(itertools.takewhile(lambda p: is_name_list(p.body), paragraphs))
        # "Val av justerare" over bare names, one a line or a bullet each: the election result
        found = [FoundDecision(kind="decision", text=" ".join(_decision_text(p) for p in names),
                               page=names[0].page)]
    elif not found and _names_a_decision(title) and len(paragraphs) == 1 and _is_short_answer(paragraphs[0]):
        only = paragraphs[0]  # "Beslut om mandatperiod" over "1 år.": the answer is the decision
        found = [FoundDecision(kind=classify(_decision_text(only)), text=_decision_text(only), page=only.page)]
    return found or _vote_result(paragraphs)


def _names_a_decision(title: str) -> bool:
    return bool(re.match(r"(?i)^beslut\s+om\b", title))


def _is_short_answer(paragraph: Paragraph) -> bool:
    """One short statement, no question, no proposal: "6 ledamöter och 1 ersättare."."""
    text = _decision_text(paragraph)
    return 0 < len(text.split()) <= 15 and not text.endswith("?") and not NOT_A_DECISION.search(text)


def _introduces_list(sentence: str) -> bool:
    """A clause that the names below complete: "... utses:", "Val av ledamöter på 1 år",
    "till valberedningen för en tid av 1 år valdes"."""
    if re.match(r"(?i)^följande\b", sentence) or re.search(r"(?i)\bföljande(?:\s+\w+)?\s*[.:]?$", sentence):
        return True  # "Följande valdes som ledamöter." or "... ströks följande punkter." over the list
    unfinished = not sentence.endswith((".", "!", "?"))
    elects = _is_election(sentence) or re.search(r"(?i)\b(?:valdes|väljs|utsågs|utses)\b", sentence)
    return sentence.endswith(":") or bool(unfinished and elects and not PERSON_NAME.search(sentence[1:]))


def _is_election(sentence: str) -> bool:
    """An election result written without a verb: "Val av kassör, Anna Ek på 2 år", or the
    lead of a list of the elected ("Val av ledamöter på 1 år" over names)."""
    return bool(re.match(r"(?i)^val av\b", sentence)) and not re.search(r"(?i)\bförslag|\bnominer", sentence)


def _vote_result(paragraphs: list[Paragraph]) -> list[FoundDecision]:
    """Where a vote is the only record that a proposal was adopted ("För: Samtliga närvarande
    Emot: Ingen"), the vote is the decision."""
    texts = [clean(p.text) for p in paragraphs]
    for k, text in enumerate(texts):
        if re.match(r"(?i)^för\s*:", text):
            against = texts[k + 1] if k + 1 < len(texts) and re.match(r"(?i)^emot\s*:", texts[k + 1]) else ""
            if against or re.search(r"(?i)\bemot\s*:", text):
                return [FoundDecision(kind="decision", text=clean(f"{text} {against}"), page=paragraphs[k].page)]
    return []


def ends_sentence(text: str) -> bool:
    """A full stop that ends a sentence, not an abbreviation ("... och ev.", "styrelse m fl.")."""
    text = text.rstrip()
    return text.endswith(".") and not ABBREVIATION_END.search(text)


def states_decision(text: str) -> bool:
    """A heading that is itself a decision sentence ("Dagordningen godkändes"), as against a
    heading that names one ("Beslut om årsavgiftens storlek")."""
    return bool(SUBJECT_DECIDES.match(text) or PASSIVE_DECIDES.match(text)) and not NOT_A_DECISION.search(text)


def _decides(sentence: str) -> bool:
    s = sentence.strip()
    if len(s) < 8 or s.endswith("?"):
        return False
    strong = SUBJECT_DECIDES.match(s) or IMPERSONAL_DECIDES.search(s)
    if strong and re.match(BODY_SUBJECT + r"\s+(?:beslutar|beslutade|beslöt)\b", s):
        return True
    if NOT_A_DECISION.search(s):
        return False
    if re.search(r"föranleder\s+(?:inget|inga|ingen|ej)", s, re.IGNORECASE):
        return True
    if re.search(r"\b(?:noterar|tar del av)\b.*\binformation", s, re.IGNORECASE):
        return True
    return bool(strong or PASSIVE_DECIDES.match(s))


def _after_lead(sentence: str) -> str:
    """"E) Spolning av ledningar – Efter genomgång beslutas att ...": a sub-point's heading set
    before a dash or colon is not part of the decision."""
    match = re.match(r"^(?P<lead>[^.–:]{3,80}?)\s(?:–|—|:)\s+(?P<rest>[A-ZÅÄÖ].*)$", sentence)
    if match and _decides(match.group("rest")) and not _decides(match.group("lead")):
        return match.group("rest")
    return sentence


def _announces(text: str) -> bool:
    """A lead that only announces decisions ("följande beslut har fattats:")."""
    return bool(re.search(r"\bföljande\b.*\bbeslut|\bbeslut\w*\s+(?:har\s+)?fattats|\bbeslutade\s+följande|"
                          r"\bbeslutar\s+följande", text, re.IGNORECASE))


def _is_nomination(title: str) -> bool:
    return bool(re.search(r"\b(?:nominering|nominera|yttrande|remiss(?:svar)?)\b", title, re.IGNORECASE))


def _is_plain_entry(paragraph: Paragraph) -> bool:
    """A name or short label of a list, not a clause of its own."""
    text = clean(re.sub(r"\([^)]*\)", "", paragraph.body))
    words = text.split()
    if not words or len(words) > 7 or ATT_CLAUSE.match(text) or re.match(r"(?i)^(?:till|val av)\b", text):
        return False
    if re.search(r"\b(?:valdes|vald|valda|omvald|utsågs)\b", text, re.IGNORECASE) and text.endswith("."):
        return False  # "Laurent Ploix valdes som ersättare.": a sentence of its own
    return not re.search(r"\b(?:utses|väljs|beslut|godkänn|fastställ|antas)\b", text, re.IGNORECASE)


def _decision_text(paragraph: Paragraph) -> str:
    return clean(paragraph.body).strip()


def _is_noise(text: str) -> bool:
    key = label_key(text)
    return not key or key in ("beslut", "ordinarie", "ersättare") or bool(re.fullmatch(r"[\W\d_]+", key))


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations ("t ex.", "ca.", "kl.") do not end one."""
    parts = SENTENCE_END.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and ABBREVIATION_END.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()]
