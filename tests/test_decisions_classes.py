"""Decisions on minutes nobody here has read (issue 14, classes 6, 7 and 10), and the rules that
override one another: each on inline text of its own shape, with a case it must not catch."""

from datetime import date

from extractors.decisions import find_decisions
from extractors.paragraphs import Paragraph, to_paragraphs
from tests.conftest import make_line, paragraphs


def found(text: str, title: str = "", **context: object) -> list[tuple[str, str]]:
    return [(d.kind, d.text) for d in find_decisions(paragraphs(text), title, **context)]  # type: ignore[arg-type]


# --- Class 6: lists, headings and vote records around a decision -------------------------------------

def test_a_list_of_delegation_decisions_after_a_decision_is_no_decisions() -> None:
    assert found("""
        **Utskottets beslut**
        Utskottet godkänner redovisningen.
        1. Beslut om färdtjänst, dnr SN 2024/101
        2. Beslut om bostadsanpassning, dnr SN 2024/102
        3. Avslag på ansökan om parkeringstillstånd, dnr SN 2024/103
    """) == [("decision", "Utskottet godkänner redovisningen.")]


def test_points_after_a_decision_that_introduces_them_are_decisions() -> None:
    # must not catch: "godkänns med följande tillägg:" decides, and so does each point
    assert found("""
        **Beslut**
        Budgeten godkänns med följande tillägg:
        1. Kulturnämnden tillförs 2 miljoner kronor.
        2. Investeringen i simhallen skjuts upp ett år.
    """) == [("decision", "Budgeten godkänns med följande tillägg:"),
             ("decision", "Kulturnämnden tillförs 2 miljoner kronor."),
             ("decision", "Investeringen i simhallen skjuts upp ett år.")]


def test_a_lead_reporting_decisions_takes_its_list_as_one_decision() -> None:
    assert found("""
        **Nämndens beslut**
        Nämnden godkänner redovisningen av följande delegationsbeslut:
        - Beslut om färdtjänst, dnr 2024/101
        - Beslut om skolskjuts, dnr 2024/102
    """) == [("decision", "Nämnden godkänner redovisningen av följande delegationsbeslut: "
                          "Beslut om färdtjänst, dnr 2024/101 Beslut om skolskjuts, dnr 2024/102")]


def test_decisions_reported_without_a_decision_heading_are_none() -> None:
    assert found("""
        Följande delegationsbeslut anmäls:
        1. Beslut om färdtjänst, dnr 2024/101
        2. Beslut om parkeringstillstånd, dnr 2024/102
        Anmälan läggs till handlingarna.
    """) == [("noted", "Anmälan läggs till handlingarna.")]


def test_a_heading_that_names_a_decision_and_a_vote_record_are_no_decisions() -> None:
    assert found("""
        Beslut om antal ledamöter
        Stämman beslutade att styrelsen ska ha fem ledamöter.
        Eva Lund (C) deltog inte i beslutet.
    """) == [("decision", "Stämman beslutade att styrelsen ska ha fem ledamöter.")]
    # must not catch: a decision written as "Beslut om att ..." with its full stop
    assert found("Beslut om att byta bank till hösten.") == [("decision", "Beslut om att byta bank till hösten.")]


def test_each_bullet_under_a_heading_that_announces_decisions_is_one() -> None:
    assert found("""
        **Styrelsen beslutar**
        - att anta verksamhetsplanen
        - att uppdra åt kassören att öppna ett sparkonto
        Per Holm reserverar sig mot beslutet.
    """) == [("decision", "att anta verksamhetsplanen"),
             ("decision", "att uppdra åt kassören att öppna ett sparkonto")]


def test_a_boards_composition_under_the_clause_that_introduces_it_is_one_decision() -> None:
    assert found("""
        Styrelsen konstituerade sig enligt följande:
        Ordförande Kim Berg
        Kassör Eva Lund
    """) == [("decision", "Styrelsen konstituerade sig enligt följande: Ordförande Kim Berg Kassör Eva Lund")]


def test_the_clauses_under_a_lead_set_on_a_line_of_its_own_are_the_decisions() -> None:
    """"Årsmötet beslutade att" alone on its line, the clauses below it; line spacing joined them."""
    lines = [make_line("Mötet beslutade att", top=0), make_line("fastställa dagordningen.", top=14),
             make_line("välja Kim Berg till ordförande.", top=28)]
    assert [d.text for d in find_decisions([Paragraph(lines[:2]), Paragraph(lines[2:])])] == [
        "fastställa dagordningen.", "välja Kim Berg till ordförande."]
    # must not catch: a decision that runs on over the line
    wrapped = [make_line("Mötet beslutade att fastställa dagordningen", top=0), make_line("med ett tillägg.", top=14)]
    assert [d.text for d in find_decisions([Paragraph(wrapped)])] == [
        "Mötet beslutade att fastställa dagordningen med ett tillägg."]


# --- Class 7: kinds ----------------------------------------------------------------------------------

def test_kinds_of_reports_presentations_remiss_answers_and_proposals_to_another_body() -> None:
    assert found("**Beslut**\nNämnden godkänner redovisningen och lägger den till handlingarna.") == [
        ("decision", "Nämnden godkänner redovisningen och lägger den till handlingarna.")]
    assert found("**Beslut**\nNämnden godkänner föredragningen och lägger rapporten till handlingarna.") == [
        ("noted", "Nämnden godkänner föredragningen och lägger rapporten till handlingarna.")]
    assert found("**Beslut**\nÅrsmötet fastställer resultat- och balansräkningen.") == [
        ("decision", "Årsmötet fastställer resultat- och balansräkningen.")]
    assert found("**Beslut**\nYttrandet antas som nämndens svar på remissen.", title="Remiss om ny vägplan") == [
        ("decision", "Yttrandet antas som nämndens svar på remissen.")]
    assert found("**FÖRSLAG – Kommunfullmäktige**\nTaxan för 2025 antas.") == [
        ("recommendation", "Taxan för 2025 antas.")]
    assert found("Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.") == [
        ("recommendation", "Kommunstyrelsen föreslår kommunfullmäktige att anta taxan.")]


# --- Class 10: what reads as a decision and is not this meeting's -----------------------------------

def test_a_proposal_reported_before_the_decision_is_no_decision() -> None:
    assert found("""
        Styrelsen föreslog att avgiften höjs till 300 kr.
        Årsmötet beslutade att bifalla styrelsens förslag.
    """) == [("decision", "Årsmötet beslutade att bifalla styrelsens förslag.")]
    assert found("""
        Förslag:
        - Att avgiften höjs till 300 kr
        - Att avgiften gäller från 2025
        Årsmötet beslutade enligt förslaget.
    """) == [("decision", "Årsmötet beslutade enligt förslaget.")]
    # must not catch: the decision that follows a proposal in the same paragraph
    assert found("Förslag att välja Kim Berg till hedersmedlem. Årsmötet godkänner förslaget.") == [
        ("decision", "Årsmötet godkänner förslaget.")]


def test_an_earlier_decision_quoted_in_the_item_is_not_this_meetings() -> None:
    text = """
        Fullmäktige beslutade 2019 att införa en ny taxa.
        KF har den 12 mars 2023 antagit riktlinjerna.
        Riktlinjerna antogs av fullmäktige den 12 mars 2023, § 45.
        Kommunstyrelsen beslutar att ge förvaltningen i uppdrag att se över taxan 2025.
    """
    assert found(text, body="Kommunstyrelsen", meeting_date=date(2024, 5, 6)) == [
        ("decision", "Kommunstyrelsen beslutar att ge förvaltningen i uppdrag att se över taxan 2025.")]
    # must not catch: a year or date in what is decided, or in the subject of a passive
    assert found("Budgeten för 2023 fastställs.\nÅrsmötet beslutade att avgiften gäller från 2024-01-01.",
                 meeting_date=date(2024, 5, 6)) == [
        ("decision", "Budgeten för 2023 fastställs."),
        ("decision", "Årsmötet beslutade att avgiften gäller från 2024-01-01.")]


def test_another_bodys_decision_is_reported_and_the_meetings_own_is_not_vetoed() -> None:
    assert found("Styrgruppen har fattat beslut om att utöka målgruppen.", body="Styrelsen") == []
    assert found("Kommunstyrelsens arbetsutskott beslutade att bjuda in revisorerna.", body="Kommunstyrelsen") == []
    # must not catch: the body by another name, the meeting itself, or no body known
    assert found("KS beslutar att anta planen.", body="Kommunstyrelsen") == [
        ("decision", "KS beslutar att anta planen.")]
    assert found("Stämman beslutade att anta budgeten.", body="Årsmötet") == [
        ("decision", "Stämman beslutade att anta budgeten.")]
    assert found("Styrgruppen beslutade att anta budgeten.") == [
        ("decision", "Styrgruppen beslutade att anta budgeten.")]


def test_a_joke_or_a_quotation_is_no_decision() -> None:
    assert found("""
        Ordföranden skämtade att styrelsen beslutar att det blir tårta varje möte.
        Kassören läste upp: ”Styrelsen beslutar att alla får en ny stol.”
        Styrelsen beslutar att köpa in en ny projektor.
    """) == [("decision", "Styrelsen beslutar att köpa in en ny projektor.")]
    # must not catch: a decision on a quoted title
    assert found("”Stöd för resor” stryks ur budgeten.") == [("decision", "”Stöd för resor” stryks ur budgeten.")]


def test_the_page_header_and_the_next_dnr_stay_out_of_the_last_decision_of_a_page() -> None:
    lines = [
        make_line("Att uppdra åt förvaltningen att ta fram en ny", page=1, top=700),
        make_line("plan för lokalerna", page=1, top=714),
        make_line("Sammanträdesprotokoll 2024-05-06", page=2, top=40, x0=300),
        make_line("Dnr KS 2024/118", page=2, top=60),
    ]
    texts = [p.text for p in to_paragraphs(lines, "lines")]
    assert texts[0] == "Att uppdra åt förvaltningen att ta fram en ny plan för lokalerna"
    # must not catch: a sentence that runs on over the page break
    runs_on = [make_line("Att bevilja 50 000 kr till föreningen", page=1, top=700),
               make_line("Brukshundsklubben för hösten.", page=2, top=40)]
    assert [p.text for p in to_paragraphs(runs_on, "lines")] == [
        "Att bevilja 50 000 kr till föreningen Brukshundsklubben för hösten."]


# --- Plans and reports; minnesanteckningar ------------------------------------------------------------

def test_a_plan_describes_and_decides_only_where_it_says_a_body_decided() -> None:
    text = """
        Föreningen leds av en styrelse som väljs av årsmötet.
        Medlemmarna utser två revisorer.
        En avgift för gäster införs eventuellt under året.
        Styrelsen beslutade i mars att anta en ny policy för lån av verktyg.
    """
    assert found(text, kind="verksamhetsplan") == [
        ("decision", "Styrelsen beslutade i mars att anta en ny policy för lån av verktyg.")]
    # must not catch: minutes, where the same passive records a decision
    assert found("Medlemmarna utser två revisorer.", kind="protokoll") == [
        ("decision", "Medlemmarna utser två revisorer.")]


def test_an_agreement_in_notes_decides_and_a_shared_view_does_not() -> None:
    assert found("""
        Ändringen av ordlistan diskuterades och accepterades.
        OK till att publicera rapporten på webben.
        Gruppen var överens om att det är viktigt med tydliga mål.
        Vi kom överens om att ambitionsnivån är hög.
    """, kind="minnesanteckningar") == [
        ("decision", "Ändringen av ordlistan diskuterades och accepterades."),
        ("decision", "OK till att publicera rapporten på webben.")]


def test_points_that_a_lead_says_were_accepted_are_the_decisions() -> None:
    assert found("""
        Två ändringar av specifikationen diskuterades och accepterades:
        K1 Använd inga versionsnummer i adressen.
        K2 Undvik filändelser.
        Alternativ: en egen domän per typ.
    """, kind="minnesanteckningar") == [
        ("decision", "K1 Använd inga versionsnummer i adressen."), ("decision", "K2 Undvik filändelser.")]


# --- Decision blocks whose paragraphs the layout did not keep apart ----------------------------------

def test_a_block_paragraph_holding_several_decisions_gives_each_and_stops_at_a_section_label() -> None:
    assert found("**Beslut**\nNämnden beslutar att anta planen. Nämnden beslutar att inte bygga om. "
                 "Exp. till: Diariet") == [("decision", "Nämnden beslutar att anta planen."),
                                          ("decision", "Nämnden beslutar att inte bygga om.")]
    # must not catch: a sentence that goes on from the decision before it
    assert found("**Beslut**\nAtt anta planen. Samt att planen gäller från 2025.") == [
        ("decision", "Att anta planen. Samt att planen gäller från 2025.")]


def test_a_label_or_an_organisations_name_left_in_a_block_is_no_decision() -> None:
    assert found("**Beslut**\nAtt anta planen\nSammanträdesdatum\nSamordningsförbundet Västmanland") == [
        ("decision", "Att anta planen")]
    # must not catch: a one-word decision
    assert found("**Beslut**\nBifalles.") == [("decision", "Bifalles.")]


def test_an_officials_draft_decision_is_a_proposal() -> None:
    assert found("""
        **Förvaltningens förslag till beslut**
        Nämnden beslutar att anta riktlinjerna.
        **Diskussion**
        Nämnden beslutar i enlighet med förvaltningens förslag.
    """) == [("decision", "Nämnden beslutar i enlighet med förvaltningens förslag.")]
    assert found("""
        Förvaltningens förslag till beslut:
        Nämnden beslutar att anta riktlinjerna.
        Nämnden beslutar i enlighet med förvaltningens förslag.
    """) == [("decision", "Nämnden beslutar i enlighet med förvaltningens förslag.")]


def test_a_body_proposed_to_in_the_passive_makes_a_recommendation() -> None:
    assert found("**Beslut**\nKommunfullmäktige föreslås besluta att anta taxan.") == [
        ("recommendation", "Kommunfullmäktige föreslås besluta att anta taxan.")]


def test_an_earlier_meeting_as_what_is_decided_on_is_no_earlier_decision() -> None:
    when = {"meeting_date": date(2024, 5, 6)}
    assert found("Godkändes protokollet från förra mötet.", **when) == [
        ("decision", "Godkändes protokollet från förra mötet.")]
    assert found("Beslut: Budget 2023 fastställs.", **when) == [("decision", "Beslut: Budget 2023 fastställs.")]
    # the case the rule exists for: the decision's own time is earlier
    assert found("Kassören valdes vid förra mötet.", **when) == []


def test_taking_note_of_and_adopting_accounts_is_a_decision() -> None:
    assert found("**Beslut**\nNämnden tar del av och godkänner årsredovisningen.") == [
        ("decision", "Nämnden tar del av och godkänner årsredovisningen.")]
    # must not catch: taking note of a presentation
    assert found("**Beslut**\nNämnden tar del av och godkänner informationen.") == [
        ("noted", "Nämnden tar del av och godkänner informationen.")]


def test_a_passive_in_a_relative_clause_describes() -> None:
    assert found("Marken förvaltas enligt vad som vid bildandet bestämts om dess ändamål.") == []
    # must not catch: a relative clause closed before the decision
    assert found("Eva Lund, som är kassör, valdes till revisor.") == [
        ("decision", "Eva Lund, som är kassör, valdes till revisor.")]
    assert found("Som ordförande för mötet valdes Kim Berg.") == [
        ("decision", "Som ordförande för mötet valdes Kim Berg.")]
