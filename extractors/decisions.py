"""Decisions of an item: "Beslut" blocks and decision sentences, with the contract's kinds.

Under a heading that announces decisions ("Beslut", "Kommunstyrelsens beslut") each bullet,
numbered point or separate paragraph is one decision. Without such a heading, a sentence decides
when it holds a decision trigger — the body deciding ("Styrelsen beslutar att ..."), a passive
decision ("Ylva väljs till justerare."), "Beslut: ...", an agreement in notes ("OK till att ...") —
and no veto holds for the clause that carries it: a proposal, reported speech or a quotation, an
earlier decision, one announced for later, a modal, a vote record. A veto reads the decision's own
clause, never the decided content after its "att" ("enades om att flytta nästa möte" decides).

The words are data in extractors/lang/sv/decisions.py (verbs as lemmas, expanded to every form by
extractors/lang/sv/verbs.py); extractors/vocabulary.py builds the matchers used here.
"""

from __future__ import annotations

import contextlib
import itertools
import re
from dataclasses import dataclass
from datetime import date

from extractors import vocabulary as v
from extractors.lang.sv.decisions import DECIDING_SUBJECTS, NAME_LIST_LABELS
from extractors.paragraphs import Paragraph
from extractors.text import DAY_MONTH, MONTHS, PERSON_NAME, clean, find_dates, is_name_list
from extractors.vocabulary import is_front_label, is_item_section_label, is_organisation, is_role, label_key
from schemas.record import DecisionKind

REPORT_KINDS = ("rapport", "verksamhetsplan")
ATT_CLAUSE = re.compile(r"^att\s+\w", re.IGNORECASE)
# A point of a list named by a code ("#8", "BI 7", "K3:") rather than a list marker.
POINT_LABEL = re.compile(r"^(?:#\s?\d{1,3}|[A-ZÅÄÖ]{1,4}\s?\d{1,3}[a-z]?)(?=[\s:.)])")
# Quoted text: what it says is not said by the body ("Han citerade: ”Styrelsen beslutar att ...”").
QUOTED = re.compile(r"“[^“”]*”|”[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
YEAR = re.compile(r"(?<![\d./-])((?:19|20)\d{2})(?![\d/-])")
SECTION_REFERENCE = re.compile(r"§\s*\d+")
# A passive right after a relative "som" (one that follows a word: "vad som", "frågor som") and at most
# three words, no comma between: it describes, it does not decide. "Som ordförande valdes" opens with a
# preposition.
RELATIVE_CLAUSE = re.compile(r"(?i)[\wåäö]\s+som(?:\s+[^\s,.;:]+){0,3}\s*$")
# How far into a sentence a passive decides; beyond it the passive is in a clause of its own.
PASSIVE_REACH = 80
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ“\"”])")
ABBREVIATION_END = re.compile(r"\b(?:t\.?\s?ex|bl\.a|dvs|ca|kl|nr|resp|inkl|exkl|jfr|s\.k|p\.g\.a|m\.m|etc|ev|"
                              r"m\.?\s?fl|osv|o\.s\.v)\.$", re.IGNORECASE)


@dataclass
class FoundDecision:
    kind: DecisionKind
    text: str
    page: int


@dataclass(frozen=True)
class Context:
    """What a sentence's reading depends on beyond the sentence: the document's kind, the meeting's
    date, and whether the item confirms a decision taken before it."""

    kind: str = "protokoll"
    meeting_date: date | None = None
    body: str | None = None
    confirms_earlier: bool = False

    @property
    def is_report(self) -> bool:
        return self.kind in REPORT_KINDS


@dataclass(frozen=True)
class Trigger:
    """Where a sentence decides: how ("subject", "passive", ...) and the span of the deciding words."""

    how: str
    start: int
    end: int
    words: str


def find_decisions(paragraphs: list[Paragraph], title: str = "", kind: str = "protokoll",
                   meeting_date: date | None = None, body: str | None = None) -> list[FoundDecision]:
    """The decisions in an item's paragraphs (its title gives the kind of a bare list); the document's
    kind, the meeting's date and body, when known, tell this meeting's decisions from reported ones."""
    paragraphs = _split_decision_leads(paragraphs)
    context = Context(kind=kind, meeting_date=meeting_date, body=body,
                      confirms_earlier=any(_is_bare_confirmation(s) for p in paragraphs
                                           for s in split_sentences(_decision_text(p))))
    blocks = _blocks(paragraphs)
    if blocks:
        found = [d for heading_kind, block in blocks for d in _block_decisions(block, heading_kind, title)]
    else:
        found = _sentence_decisions(paragraphs, title, context)
    return _confirmed_decision_recorded_once(found)


# --- Kinds -------------------------------------------------------------------------------------------

def classify(text: str, default: DecisionKind = "decision") -> DecisionKind:
    """The contract's kind: noted when the body only takes note or files a presentation away,
    recommendation for a proposal or endorsement to another body, no_decision when nothing is decided."""
    text = re.sub(r"\([^)]*\)", " ", text)  # "(samma som rekommenderas i ...)" says nothing of the kind
    if v.NO_DECISION.search(text):
        return "no_decision"
    if v.APPROVES_PRESENTATION.search(text) or (v.PRESENTATION.search(text) and v.THANKS.search(text)):
        return "noted"
    if (v.NOTES.search(text) or v.FILES_AWAY.search(text)) and not _adoption_overrides_filing(text):
        return "noted"
    if v.RECOMMENDS.search(text) and not _election_overrides_nomination(text):
        return "recommendation"
    if default == "decision" and v.SUBJECT_PROPOSES.match(text) and not v.SUBJECT_ACTS.match(text):
        return "recommendation"  # under a decision heading: "Styrelsen föreslår att ..." goes to another body
    return default


def _adoption_overrides_filing(text: str) -> bool:
    """Approving a report, accounts or minutes and filing or noting them is a decision ("Protokollet
    godkänns och läggs till handlingarna"); approving a presentation and filing it stays noted."""
    return bool(v.ADOPTS.search(text)) and not v.APPROVES_PRESENTATION.search(text)


def _election_overrides_nomination(text: str) -> bool:
    """"Mötet nominerar och väljer Kim Berg": the meeting elects; a nomination alone goes to another body."""
    return _nominates(text) and bool(v.ELECTS.search(text))


def _nominates(text: str) -> bool:
    return bool(v.NOMINATES.search(text))


# --- Decision blocks ---------------------------------------------------------------------------------

def _blocks(paragraphs: list[Paragraph]) -> list[tuple[DecisionKind | None, list[Paragraph]]]:
    """Runs of paragraphs under a decision heading, up to the next section of the item."""
    blocks: list[tuple[DecisionKind | None, list[Paragraph]]] = []
    current: list[Paragraph] | None = None
    for paragraph in paragraphs:
        text = clean(paragraph.text)
        heading = _heading_kind(text)
        if heading is not None:
            current = []
            blocks.append((None if heading == "decision" else heading, current))
            continue
        if current is None:
            continue
        if _ends_block(text):
            current = None
            continue
        if is_item_section_label(text) and paragraph.bold and not current:
            continue
        if paragraph.bold and current and label_key(text) not in NAME_LIST_LABELS and len(text.split()) <= 8:
            current = None  # a new heading of the item ("Delegationsbeslut") ends the decision
            continue
        current.append(paragraph)
    return [(kind, block) for kind, block in blocks if block]


def _heading_kind(text: str) -> DecisionKind | None:
    if len(text.split()) > 8:
        return None
    if v.is_recommendation_heading(text):
        return "recommendation"
    if v.is_decision_heading(text):
        return "decision"
    return None


def _ends_block(text: str) -> bool:
    """A section that never holds the decision ("Reservation", "Expedieras till: Diariet")."""
    return bool(v.NON_DECISION_SECTION.match(text)) and (
        len(text.split()) <= 6 or (not text.rstrip().endswith(":") and ":" in text[:25]))


def _block_decisions(block: list[Paragraph], heading_kind: DecisionKind | None,
                     title: str) -> list[FoundDecision]:
    """One decision per bullet, point or paragraph. A lead that ends in a colon takes the plain list
    under it ("... utses:" with names, "... följande delegationsbeslut:" with what is reported); a
    lead that only announces ("Följande beslut fattades:") is none itself; a list after a decision
    that has ended ("Redovisningen godkänns." over a list of delegation decisions) is no decision."""
    default: DecisionKind = heading_kind or ("recommendation" if _is_nomination(title) else "decision")
    found: list[FoundDecision] = []
    lead: FoundDecision | None = None
    announcing: tuple[Paragraph, str] | None = None
    reported = False
    closed = False
    for paragraph, text in _block_texts(block):
        if not text:
            continue
        if announcing is not None and _is_plain_entry(paragraph):
            # "Följande valdes till ledamöter:" over names: one decision with its list
            lead = FoundDecision(kind=classify(announcing[1], default), text=announcing[1], page=announcing[0].page)
            found.append(lead)
        announcing = None
        if lead is not None and (_is_plain_entry(paragraph) or (reported and paragraph.marker)):
            lead.text = f"{lead.text} {text}"
            continue
        if closed and _is_list_entry_after_closed_decision(paragraph, text):
            continue
        lead, reported, closed = None, False, False
        if _is_vote_record(text) or _names_a_decision_only(text) or _is_label_or_title(text):
            continue
        if text.endswith(":") and _announces(text):
            announcing = (paragraph, text)  # "följande beslut fattades:" only announces the points below
            continue
        decision = FoundDecision(kind=classify(text, default), text=text, page=paragraph.page)
        found.append(decision)
        if text.endswith(":"):
            lead, reported = decision, _reports_decisions(text)
        closed = _closes(paragraph, text)
    return [d for d in found if not _is_noise(d.text)]


def _block_texts(block: list[Paragraph]) -> list[tuple[Paragraph, str]]:
    """Each paragraph's decisions: a paragraph that holds several (lines the layout joined) gives one
    per sentence that decides by itself; a section label inside one ("Exp. till: Diariet") ends the
    block there."""
    out: list[tuple[Paragraph, str]] = []
    for paragraph, text in _read_grids(block):
        clauses, ended = _own_decisions(text)
        out += [(paragraph, clause) for clause in clauses]
        if ended:
            break
    return out


def _own_decisions(text: str) -> tuple[list[str], bool]:
    """"Styrelsen beslutar att X. Styrelsen beslutar att Y." is two decisions; "Att X. Samt att Y" one
    (a sentence that goes on from the one before stays with it)."""
    out: list[str] = []
    for sentence in split_sentences(text):
        if out and _ends_block(sentence):
            return out, True
        trigger = find_trigger(sentence)
        own = (trigger is not None and trigger.how in ("subject", "passive", "beslut", "opening", "no_decision")
               and not v.CONTINUING.match(sentence) and veto(sentence, trigger) is None)
        if out and not own:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out, False


def _is_label_or_title(text: str) -> bool:
    """A line of a decision block that decides nothing: one word without a verb, a front-page label,
    an organisation's name (a running header the layout left in the text)."""
    if find_trigger(text) is not None:
        return False
    words = text.split()
    return len(words) == 1 or is_front_label(text) or (len(words) <= 4 and is_organisation(text))


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


# --- Decision sentences ------------------------------------------------------------------------------

@dataclass
class _Flow:
    """What the paragraphs read so far expect of the next one."""

    lead: FoundDecision | None = None  # a decision whose plain list follows ("Till arbetsgrupp utses:")
    announcing: Paragraph | None = None  # a lead whose points are the decisions ("Det beslutades att")
    announcing_text: str = ""
    points: int = 0
    proposal: bool = False  # a proposal whose points follow ("Förslag:", "Styrelsen föreslår att:")
    reported: bool = False  # a lead reporting decisions taken elsewhere ("Följande delegationsbeslut anmäls:")
    closed: bool = False  # the last decision ended and introduced nothing


def _sentence_decisions(paragraphs: list[Paragraph], title: str, context: Context) -> list[FoundDecision]:
    found: list[FoundDecision] = []
    flow = _Flow()
    tentative: list[FoundDecision] = []  # "Val av ...:" decides only with the names under it
    for paragraph in _outside_non_decision_sections(paragraphs):
        text = _decision_text(paragraph)
        if not text:
            continue
        if flow.lead is not None and _is_plain_entry(paragraph):
            flow.lead.text = f"{flow.lead.text} {text}"  # the names a clause introduces belong to it
            if flow.lead in tentative:
                tentative.remove(flow.lead)
            continue
        if flow.announcing is not None:
            if flow.points == 0 and flow.announcing_text.endswith(":") and _is_plain_entry(paragraph):
                # "Följande valdes som ledamöter:" over names: one decision with its list
                flow.lead = _found(flow.announcing_text, flow.announcing)
                flow.lead.text = f"{flow.lead.text} {text}"
                found.append(flow.lead)
                flow.announcing = None
                continue
            if _is_point(paragraph, text, flow.announcing_text):
                found.append(_found(text, paragraph))
                flow.points += 1
                continue
            flow.announcing = None
        if flow.proposal and (_is_point(paragraph, text, ":") or not flow.points):
            flow.points += 1  # what a proposal lead introduces is the proposal, whatever its shape
            continue
        if flow.reported and (paragraph.marker or _is_plain_entry(paragraph)):
            continue
        if flow.closed and _is_list_entry_after_closed_decision(paragraph, text):
            continue
        flow = _Flow()
        if _opens_proposal(text):
            flow.proposal = text.endswith((":", " att")) or bool(v.PROPOSAL_LABEL.fullmatch(text))
            continue
        if text.endswith(":") and _reports_decisions(text) and not _decides(text, context):
            flow.reported = True
            continue
        if text.endswith(":") and _announces(text):
            flow.announcing, flow.announcing_text = paragraph, text
            continue
        sentences = split_sentences(text)
        if v.DECISION_LEAD.search(sentences[-1]):
            # "Det beslutades att" over bullets: each bullet is a decision
            flow.announcing, flow.announcing_text = paragraph, "att"
            sentences = sentences[:-1]
        for k, sentence in enumerate(sentences):
            sentence = _after_lead(sentence, context)
            if not (_decides(sentence, context) or _is_election(sentence)):
                continue
            decision = _found(sentence, paragraph)
            found.append(decision)
            last = k == len(sentences) - 1
            if not _decides(sentence, context) and not PERSON_NAME.search(sentence[1:]):
                tentative.append(decision)  # "Val av ordförande." decides with the names below it
                flow.lead = decision if last else flow.lead
            elif last and _introduces_list(sentence):
                flow.lead = decision
            elif last:
                flow.closed = _closes(paragraph, sentence)
            if last and sentence.endswith(":") and _reports_decisions(sentence):
                flow.reported = True
    found = [d for d in found if d not in tentative]
    return found or _answer_under_title(paragraphs, title) or _vote_result(paragraphs)


def _found(text: str, paragraph: Paragraph) -> FoundDecision:
    return FoundDecision(kind=classify(text), text=text, page=paragraph.page)


def _outside_non_decision_sections(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs not under a bold heading of a section that never holds the decision
    ("Ärendebeskrivning", "Yrkanden", "Förslag till beslut"): it runs to the next bold heading."""
    out: list[Paragraph] = []
    skipping = False
    for paragraph in paragraphs:
        text = clean(paragraph.text)
        if paragraph.bold and len(text.split()) <= 6:
            skipping = bool(v.NON_DECISION_SECTION.fullmatch(text) or v.PROPOSAL_LABEL.match(text) or
                            (v.NON_DECISION_SECTION.match(text) and text.endswith(":")))
            if skipping:
                continue
        if not skipping:
            out.append(paragraph)
    return out


def _is_point(paragraph: Paragraph, text: str, lead: str) -> bool:
    """A point that completes a lead: a list item, an att-clause, the clause after a lead that ends
    in "att" ("Årsmötet beslutade att" over "godkänna dagordningen."), or a point named by a code."""
    if paragraph.marker or ATT_CLAUSE.match(text):
        return True
    if lead.endswith("att") and text[:1].islower():
        return True
    return lead.endswith(":") and bool(POINT_LABEL.match(text))


def _answer_under_title(paragraphs: list[Paragraph], title: str) -> list[FoundDecision]:
    """The result of an election or a question the title names, written without a verb."""
    if _is_election(title) and paragraphs and is_name_list(paragraphs[0].body):
        names = list(itertools.takewhile(lambda p: is_name_list(p.body), paragraphs))
        # "Val av justerare" over bare names, one a line or a bullet each: the election result
        return [FoundDecision(kind="decision", text=" ".join(_decision_text(p) for p in names),
                              page=names[0].page)]
    if v.ANSWERED_TITLE.match(title) and len(paragraphs) == 1 and _is_short_answer(paragraphs[0]):
        only = paragraphs[0]  # "Beslut om mandatperiod" over "1 år.": the answer is the decision
        return [_found(_decision_text(only), only)]
    return []


def _is_short_answer(paragraph: Paragraph) -> bool:
    """One short statement, no question, no proposal, no account of what someone did:
    "6 ledamöter och 1 ersättare.", "Alla närvarande har rösträtt."."""
    text = _decision_text(paragraph)
    words = text.split()
    if not 0 < len(words) <= 15 or text.endswith("?") or PERSON_NAME.match(text):
        return False
    if is_role(words[0].rstrip(",.").removesuffix("n")):
        return False  # "Ordföranden gick igenom dagordningen."
    return not (v.PROPOSES.search(text) or v.PROPOSAL_LABEL.match(text) or v.LATER_PHRASE.search(text))


def _introduces_list(sentence: str) -> bool:
    """A clause that the names below complete: "... utses:", "Val av ledamöter på 1 år",
    "till valberedningen för en tid av 1 år valdes", "Följande valdes som ledamöter."."""
    if v.LIST_WORD.match(sentence) or re.search(r"(?i)" + v.LIST_WORD.pattern + r"(?:\s+\w+)?\s*[.:]?$", sentence):
        return True
    unfinished = not sentence.endswith((".", "!", "?"))
    elects = _is_election(sentence) or v.ELECTS.search(sentence)
    return sentence.endswith(":") or bool(unfinished and elects and not PERSON_NAME.search(sentence[1:]))


def _is_election(sentence: str) -> bool:
    """An election result written without a verb: "Val av kassör, Anna Ek på 2 år", or the
    lead of a list of the elected ("Val av ledamöter på 1 år" over names)."""
    return bool(v.ELECTION_OPENER.match(sentence)) and not (v.PROPOSES.search(sentence) or _nominates(sentence)
                                                           or v.PROPOSAL_WORD.search(sentence))


def _vote_result(paragraphs: list[Paragraph]) -> list[FoundDecision]:
    """Where a vote is the only record that a proposal was adopted ("För: Samtliga närvarande
    Emot: Ingen"), the vote is the decision."""
    texts = [clean(p.text) for p in paragraphs]
    for k, text in enumerate(texts):
        if v.VOTE_FOR.match(text):
            against = texts[k + 1] if k + 1 < len(texts) and v.VOTE_AGAINST.match(texts[k + 1]) else ""
            if against or v.VOTE_AGAINST.search(text):
                return [FoundDecision(kind="decision", text=clean(f"{text} {against}"), page=paragraphs[k].page)]
    return []


# --- Whether a sentence decides ---------------------------------------------------------------------

def find_trigger(sentence: str, reach: int = PASSIVE_REACH) -> Trigger | None:
    """The words by which a sentence decides, outside any quotation; a passive counts within
    ``reach`` characters of the start (further on it sits in a clause of its own)."""
    masked = _mask_quotes(sentence)
    anchored = (("subject", v.SUBJECT_ACTS), ("opening", v.OPENING_VERB), ("beslut", v.BESLUT_OPENS),
                ("agreement", v.AGREEMENT_OPENS))
    searched = (("declaration", v.DECLARES), ("passive", v.PASSIVE_ACTS), ("taken", v.BESLUT_TAKEN))
    found = v.NO_DECISION.search(masked)
    if found:
        return Trigger("no_decision", found.start(), found.end(), found.group(0))
    for how, pattern in anchored:
        match = pattern.match(masked)
        if match:
            return Trigger(how, match.start("verb"), match.end("verb"), match.group("verb"))
    if v.IMPERSONAL_NOTE.match(masked):
        return None  # "Noterades inga frågor från medlemmarna": the minute-taker's note
    for how, pattern in searched:
        match = pattern.search(masked)
        if match and (how != "passive" or match.start("verb") <= reach):
            if how == "passive" and v.NEGATIVE_SUBJECT.match(masked):
                return None  # "Ingen ersättare valdes": nothing was decided
            return Trigger(how, match.start("verb"), match.end("verb"), match.group("verb"))
    return None


def _decides(sentence: str, context: Context) -> bool:
    s = sentence.strip()
    if len(s) < 8:
        return False
    trigger = find_trigger(s)
    if trigger is None or _names_a_decision_only(s):
        return False
    if context.is_report and not _a_plan_decides_only_where_it_says_so(trigger):
        return False
    return veto(s, trigger, context) is None


def _a_plan_decides_only_where_it_says_so(trigger: Trigger) -> bool:
    """A report or plan describes ("Förbundet leds av en styrelse vars ledamöter utses av ..."); it
    records a decision only where it says a body decided ("Styrelsen beslutade att ...")."""
    words = trigger.words.casefold()
    return trigger.how == "no_decision" or "beslut" in words or "beslöt" in words


def veto(sentence: str, trigger: Trigger, context: Context | None = None) -> str | None:
    """Why a sentence with a decision trigger records no decision of this meeting, or None. The
    vetoes read the trigger's own clause: what follows its "att" is the decided content."""
    context = context or Context()
    if trigger.how == "no_decision":
        return None
    masked = _mask_quotes(sentence)
    before = masked[:trigger.start]
    clause_end = _clause_end(masked, trigger)
    if sentence.rstrip().endswith("?"):
        return "a question"
    if _is_vote_record(masked):
        return "a vote record"
    if v.PROPOSAL_LABEL.match(masked) or v.PROPOSES.search(before):
        return "a proposal"
    if v.NON_DECIDING_SUBJECT.match(masked):
        return "a body that proposes or reviews"  # "Revisorerna tillstyrker att ansvarsfrihet beviljas"
    if v.SPEECH.search(before) or v.SHARED_VIEW.search(before):
        return "reported speech or a view"
    if v.MODAL.search(" ".join(before.split()[-3:])):
        return "a modal: possible, not decided"
    if trigger.how == "passive" and RELATIVE_CLAUSE.search(before):
        return "a description in a relative clause"  # "i enlighet med vad som vid bildandet bestämts"
    if _agrees_on_a_view(masked, trigger, clause_end):
        return "a shared view"
    if _announced_for_later(masked, trigger, masked[:clause_end]):
        return "announced for later"
    if _another_bodys_decision(masked, trigger, context):
        return "another body's decision"
    if _reports_earlier_decision(masked, trigger, clause_end, context) and not _overrides_earlier_veto(
            masked, context):
        return "an earlier decision"
    return None


def _clause_end(masked: str, trigger: Trigger) -> int:
    """Where the trigger's clause ends: at its "att" or colon, else with the sentence."""
    match = re.compile(r"\batt\b|:").search(masked, trigger.end)
    return match.start() if match else len(masked)


def _announced_for_later(masked: str, trigger: Trigger, clause: str) -> bool:
    """"Beslut om budget tas på nästa möte", "Frågan beslutas vid nästa sammanträde", "Styrelsen
    fattar beslut i mars" — unless the decision is the deferral ("bordläggs till nästa möte")."""
    if _deferral_overrides_later_veto(clause):
        return False
    if v.LATER_PHRASE.search(clause) or v.LATER_MEETING.match(masked[trigger.end:]):
        return True
    return trigger.how == "beslut" and bool(v.TAKEN_LATER.search(clause))


def _agrees_on_a_view(masked: str, trigger: Trigger, clause_end: int) -> bool:
    """"Vi kom överens om att ambitionsnivån är hög": agreed that something is so, not to do something
    ("Vi kom överens om att skapa en mobilapp")."""
    if not v.AGREES.search(trigger.words):
        return False
    content = masked[clause_end:].split()[1:7]  # the words after "att"
    return bool(v.VIEW_VERB.search(" ".join(content)))


def _another_bodys_decision(masked: str, trigger: Trigger, context: Context) -> bool:
    """"KF beslutade att ..." in the minutes of Kommunstyrelsen, "Styrgruppen har fattat beslut om ..."
    in the board's: a body other than the meeting's decides, so the minutes report it. The meeting
    itself and collectives ("Mötet", "Vi") are this meeting; without a known body nothing is vetoed."""
    if trigger.how != "subject" or not context.body:
        return False
    subject = v.SUBJECT_WORD.match(masked)
    if subject is None or subject.group(0).casefold() in DECIDING_SUBJECTS:
        return False
    # a genitive ("Kommunstyrelsens arbetsutskott") names another body than the one it is formed from
    return not v.same_body(subject.group(0), context.body)


def _deferral_overrides_later_veto(clause: str) -> bool:
    """A decision to defer is a decision whatever later meeting it names."""
    return bool(v.DEFERS.search(clause))


def _reports_earlier_decision(masked: str, trigger: Trigger, clause_end: int, context: Context) -> bool:
    """A decision placed before this meeting in its own clause: "har tidigare beslutat", "KF beslutade
    2019 att", "beslutade den 17 april 2026, § 10, att", "antogs av kommunfullmäktige den 6 november
    2024". A sentence with a deciding subject is read from its subject, any other from its decision word
    (a year in the subject of a passive — "Budget 2023 fastställs" — is what is decided)."""
    start = 0 if trigger.how == "subject" else trigger.start
    clause = masked[start:clause_end]
    if v.EARLIER.search(clause) or SECTION_REFERENCE.search(clause):
        return True
    meeting = context.meeting_date
    if meeting is None:
        return False
    dates = [d for _, d in find_dates(clause)]
    for match in DAY_MONTH.finditer(clause):
        month = MONTHS.get(match.group("m").lower().rstrip("."), 0)
        if month and not any(d.month == month for d in dates):
            with contextlib.suppress(ValueError):  # "den 31 april": no date
                dates.append(date(meeting.year, month, int(match.group("d"))))
    if any(d < meeting for d in dates):
        return True
    undated = re.sub(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}", " ", clause)
    return any(int(year) < meeting.year for year in YEAR.findall(undated))


def _overrides_earlier_veto(masked: str, context: Context) -> bool:
    """An earlier decision that counts here: taken outside the meeting and recorded in it ("per
    capsulam"), confirmed in the item ("Detta beslut bekräftades"), or listed by a report."""
    return context.is_report or context.confirms_earlier or bool(v.OUTSIDE_MEETING.search(masked))


def _is_bare_confirmation(sentence: str) -> bool:
    """"Detta beslut bekräftades.", "Mötet fastställer beslutet.": a confirmation that says nothing of
    what was decided."""
    return len(sentence.split()) <= 8 and bool(v.CONFIRMS.search(sentence)) and bool(v.CONFIRMED.search(sentence))


def _confirmed_decision_recorded_once(found: list[FoundDecision]) -> list[FoundDecision]:
    """A decision confirmed in the meeting is the sentence that says what was decided, not the bare
    confirmation beside it."""
    bare = [d for d in found if _is_bare_confirmation(d.text)]
    return [d for d in found if d not in bare] if len(bare) < len(found) else found


def states_decision(text: str) -> bool:
    """A heading that is itself a decision sentence ("Dagordningen godkändes"), as against a
    heading that names one ("Beslut om årsavgiftens storlek")."""
    trigger = find_trigger(text)
    return (trigger is not None and trigger.how in ("subject", "passive", "declaration")
            and veto(text, trigger) is None)


def _mask_quotes(text: str) -> str:
    """The text with quoted passages blanked (same length, so positions hold)."""
    return QUOTED.sub(lambda m: m.group(0)[0] + "_" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def _is_vote_record(text: str) -> bool:
    """"X deltar inte i beslutet", "Y reserverar sig", "Z anmäler jäv": beside a decision, never one."""
    return bool(v.VOTE_RECORD.search(text))


def _names_a_decision_only(text: str) -> bool:
    """A heading that names a decision ("Beslut om antal ledamöter"): short, no verb of its own, no
    full stop; "Beslut om att byta bank." decides."""
    words = text.split()
    return (bool(v.NAMING_OPENER.match(text)) and len(words) <= 8 and not text.endswith((".", "!", "?", ":"))
            and "att" not in (w.casefold() for w in words))


def _opens_proposal(text: str) -> bool:
    """"Förslag: ...", "Förslag till beslut: att ...", "Styrelsen föreslår att:" — a proposal, and the
    points under it are the proposal's."""
    sentences = split_sentences(text)
    if len(sentences) == 1 and v.PROPOSAL_LABEL.match(text):
        return True  # "Förslag att X. Årsmötet godkänner förslaget.": the decision follows in the paragraph
    last = sentences[-1]
    return last.endswith((":", " att")) and bool(v.PROPOSES.search(last) or v.PROPOSAL_LABEL.match(last)) and (
        not v.PROPOSES_TO_BODY.search(last))


def _reports_decisions(text: str) -> bool:
    """A lead reporting decisions taken elsewhere ("Följande delegationsbeslut anmäls:")."""
    return bool(v.REPORTS_DECISIONS.search(text))


def _announces(text: str) -> bool:
    """A lead that only announces the decisions below ("Följande beslut har fattats:", "... som
    diskuterades och accepterades:"), as against one that decides by itself ("Planen godkänns med
    följande tillägg:") and one reporting decisions taken elsewhere."""
    if _reports_decisions(text):
        return False
    trigger = find_trigger(text, reach=len(text))
    if trigger is None:  # "Följande beslut har fattats:"
        return bool(re.search(v.LIST_WORD.pattern + r"\s+(?:[\wåäö]+\s+)?beslut(?:en)?\b", text, re.IGNORECASE))
    before, after = text[:trigger.start], text[trigger.end:].strip(" :")
    if v.LIST_WORD.search(before) or re.search(r"(?i)\bsom\s+(?:[\wåäö]+\s+och\s+)?$", before):
        return True  # the list below is what was decided: "Följande ändringar godkändes:"
    # "Till arbetsgrupp utses:", "Styrelsen beslutade följande:": the list is what the verb decides
    # (names under it make the lead one decision with them, clauses are decisions of their own)
    return not after or bool(v.LIST_WORD.fullmatch(after.split(" beslut")[0]))


def _is_list_entry_after_closed_decision(paragraph: Paragraph, text: str) -> bool:
    """A list item after a decision that ended without introducing a list ("Redovisningen godkänns."
    over the delegation decisions reported): what was reported, not a decision of its own. An
    att-clause or a point with a verb of its own still decides."""
    if not paragraph.marker or ATT_CLAUSE.match(text):
        return False
    trigger = find_trigger(text)
    return trigger is None or trigger.how == "beslut"


def _closes(paragraph: Paragraph, text: str) -> bool:
    return not paragraph.marker and ends_sentence(text) and not _introduces_list(text)


def _is_nomination(title: str) -> bool:
    """A title whose decisions go to another body ("Nominering av ledamöter"); a remiss answered is
    the body's own decision."""
    return _nominates(title)


def _is_plain_entry(paragraph: Paragraph) -> bool:
    """A name or short label of a list, not a clause of its own."""
    text = clean(re.sub(r"\([^)]*\)", "", paragraph.body))
    words = text.split()
    if not words or len(words) > 7 or ATT_CLAUSE.match(text) or re.match(r"(?i)^till\b", text):
        return False
    if len(words) >= 4 and ends_sentence(text) and not is_name_list(text):
        return False  # "Kulturnämnden tillförs 2 miljoner kronor.": a sentence, not an entry
    if v.ELECTION_OPENER.match(text) or v.DECISION_NOUN.search(text):
        return False
    trigger = find_trigger(text)
    # "Laurent Ploix valdes som ersättare.": a sentence of its own; "Anna Ek vald som revisor" an entry
    return trigger is None or (trigger.how == "passive" and not v.PASSIVE_FINITE.search(text)
                               and not text.endswith("."))


def _split_decision_leads(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A lead set on a line of its own ("Årsmötet beslutade att" over "godkänna dagordningen.") is a
    paragraph of its own, whatever the line spacing joined: its clauses are the decisions."""
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        first = clean(paragraph.lines[0].text)
        if (len(paragraph.lines) > 1 and paragraph.lines[0].table is None and v.DECISION_LEAD.match(first)
                and v.DECISION_LEAD.match(first).end() == len(first)):  # type: ignore[union-attr]
            out += [Paragraph(paragraph.lines[:1]), Paragraph(paragraph.lines[1:])]
        else:
            out.append(paragraph)
    return out


def _after_lead(sentence: str, context: Context) -> str:
    """"E) Spolning av ledningar – Efter genomgång beslutas att ...": a sub-point's heading set
    before a dash or colon is not part of the decision."""
    match = re.match(r"^(?P<lead>[^.–:]{3,80}?)\s(?:–|—|:)\s+(?P<rest>[A-ZÅÄÖ].*)$", sentence)
    if match and _decides(match.group("rest"), context) and not _decides(match.group("lead"), context):
        return match.group("rest")
    return sentence


def _decision_text(paragraph: Paragraph) -> str:
    return clean(paragraph.body).strip()


def _is_noise(text: str) -> bool:
    key = label_key(text)
    return not key or key == "beslut" or key in NAME_LIST_LABELS or bool(re.fullmatch(r"[\W\d_]+", key))


def ends_sentence(text: str) -> bool:
    """A full stop that ends a sentence, not an abbreviation ("... och ev.", "styrelse m fl.")."""
    text = text.rstrip()
    return text.endswith(".") and not ABBREVIATION_END.search(text)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations ("t ex.", "ca.", "kl.") do not end one."""
    parts = SENTENCE_END.split(text)
    sentences: list[str] = []
    for part in parts:
        if sentences and ABBREVIATION_END.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {part}"
        else:
            sentences.append(part)
    return [s.strip() for s in sentences if s.strip()] or [text]
