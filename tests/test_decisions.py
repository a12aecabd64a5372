"""Decisions and their kinds."""

from extractors.decisions import classify, ends_sentence, find_decisions, split_sentences
from tests.conftest import paragraphs


def found(text: str, title: str = "") -> list[tuple[str, str]]:
    return [(d.kind, d.text) for d in find_decisions(paragraphs(text), title)]


def test_beslut_block_one_decision_per_att_clause() -> None:
    assert found("""
        Förslag till mindre ändring i dagordningen:
        Att besöket sker före lunch.
        **Beslut**
        - Att fastställa dagordningen
        - Att utse Ingela Kilholm Lindström till protokolljusterare
        Exp. till: Diariet
    """) == [("decision", "Att fastställa dagordningen"),
             ("decision", "Att utse Ingela Kilholm Lindström till protokolljusterare")]


def test_decision_sentences_without_a_heading() -> None:
    text = """
        Rolf Urby lyfter frågan om resurser. Styrelsen noterar informationen.
        Årsmötet beslutade att årsavgiften fortsatt skall vara 200 kr/fastighet.
        Ylva väljs till justerare.
        Ärendet föranleder inget beslut.
        Utvecklingsrådet tillstyrker att ansökan beviljas av Samordningsförbundets styrelse.
        Björn kontaktar leverantören. Beslut tas på nästa möte.
    """
    assert found(text) == [
        ("noted", "Styrelsen noterar informationen."),
        ("decision", "Årsmötet beslutade att årsavgiften fortsatt skall vara 200 kr/fastighet."),
        ("decision", "Ylva väljs till justerare."),
        ("no_decision", "Ärendet föranleder inget beslut."),
        ("recommendation", "Utvecklingsrådet tillstyrker att ansökan beviljas av Samordningsförbundets styrelse."),
    ]


def test_reported_opinions_are_not_decisions() -> None:
    assert found("""
        Carl presenterade revisionsberättelsen där revisorerna tillstyrkte resultaträkningen.
        Valberedningen föreslår omval av Anna Ek.
        Ordföranden förklarade mötet öppnat.
    """) == []


def test_announced_list_of_decisions() -> None:
    assert found("""
        Styrelsen har haft 3 möten där bland annat följande beslut har fattats:
        - Att välja Elisabet Pettersson till ordförande
        - Att godkänna förbundets årsredovisning 2022
    """) == [("decision", "Att välja Elisabet Pettersson till ordförande"),
             ("decision", "Att godkänna förbundets årsredovisning 2022")]


def test_lead_with_a_plain_list_is_one_decision() -> None:
    assert found("""
        **Kommunstyrelsens beslut**
        Till arbetsgrupp utses:
        Patrik Köhler
        Raymond Asp
        Till sammankallande utses Patrik Köhler.
    """) == [("decision", "Till arbetsgrupp utses: Patrik Köhler Raymond Asp"),
             ("decision", "Till sammankallande utses Patrik Köhler.")]


def test_kinds() -> None:
    assert classify("Godkänna informationen.") == "noted"
    assert classify("Godkänna rapporten.") == "decision"
    assert classify("Att föregående protokoll godkänns och läggs till handlingarna.") == "decision"
    assert classify("Lagt till handlingarna") == "noted"
    assert classify("Kommunstyrelsen föreslår kommunfullmäktige att anta planen.") == "recommendation"
    assert classify("Ärendet föranleder inget beslut.") == "no_decision"


def test_sentences_keep_abbreviations() -> None:
    assert split_sentences("Vi träffas kl. 13.00 i Köping. Styrelsen beslutar t.ex. Att ja.") == [
        "Vi träffas kl. 13.00 i Köping.", "Styrelsen beslutar t.ex. Att ja."]


def test_a_change_to_the_proposal_is_a_decision_and_a_possible_one_is_not() -> None:
    assert found("""
        “Stöd för programmeringsrelaterade ändamål” bryts ut i en egen kategori.
        Punkten om arvoden kan tas bort senare om ekonomin kräver det.
    """) == [("decision", "“Stöd för programmeringsrelaterade ändamål” bryts ut i en egen kategori.")]


def test_approved_minutes_are_a_decision_and_a_legal_reference_is_not() -> None:
    assert found("""
        Protokollet godkändes och lades till handlingarna.
        Beslut enligt 8 kap. 1 a § kommunallagen har anmälts.
    """) == [("decision", "Protokollet godkändes och lades till handlingarna.")]


def test_a_bare_name_under_an_election_is_its_result() -> None:
    assert found("Tome Cvitan och Jyrki Pulliainen.", title="Val av mötesjusterare") == [
        ("decision", "Tome Cvitan och Jyrki Pulliainen.")]
    assert found("Tome Cvitan och Jyrki Pulliainen.", title="Närvarande") == []


def test_a_decision_clause_completed_by_bullets_gives_one_decision_per_bullet() -> None:
    assert found("""
        Föreningen behöver ett bankkonto. Det beslutades att
        • Rickard öppnar ett bankkonto hos Swedbank.
        • Fredrik och Frej ges tillgång till kontot.
    """) == [("decision", "Rickard öppnar ett bankkonto hos Swedbank."),
             ("decision", "Fredrik och Frej ges tillgång till kontot.")]


def test_decisions_taken_voted_through_or_left_for_later() -> None:
    assert found("""
        Beslut om budget tas på nästa styrelsemöte.
        För att styrelsen ska kunna diskutera privat tog beslut att använda ett nytt forum.
        Följande ansvarsområden röstades igenom.
        • Sponsring
        • Program
    """) == [("decision", "För att styrelsen ska kunna diskutera privat tog beslut att använda ett nytt forum."),
             ("decision", "Följande ansvarsområden röstades igenom. Sponsring Program")]


def test_a_municipal_paragraph_gives_its_decisions_and_not_the_debate() -> None:
    assert found("""
        Ekonomichefen redogör för budgeten.
        **Yrkanden**
        Anna Ek (S) yrkar bifall till förslaget.
        **Propositionsordning**
        Ordföranden ställer proposition på förslagen och finner att kommunstyrelsen bifaller förslaget.
        **Kommunstyrelsens beslut**
        1. Budgeten fastställs till 12 345 tkr.
        2. Investeringsramen blir 3-4 miljoner kronor.
        **Reservation**
        Per Holm (-) reserverar sig mot beslutet.
        **Protokollsanteckning**
        Anna Ek låter anteckna att hon stöder förslaget.
    """) == [("decision", "Budgeten fastställs till 12 345 tkr."),
             ("decision", "Investeringsramen blir 3-4 miljoner kronor.")]


def test_a_proposal_to_the_council_is_a_recommendation() -> None:
    assert found("""
        **Förslag till beslut i kommunfullmäktige**
        Kommunfullmäktige avslår motionen.
    """) == [("recommendation", "Kommunfullmäktige avslår motionen.")]
    assert found("""
        **Nämndens beslut:**
        Informationen läggs till handlingarna.
    """) == [("noted", "Informationen läggs till handlingarna.")]


def test_names_one_a_bullet_under_an_election_are_one_result() -> None:
    assert found("• Jyrki Pulliainen\n• Tome Cvitan", title="Val av två personer att justera protokollet") == [
        ("decision", "Jyrki Pulliainen Tome Cvitan")]


def test_the_answer_under_a_heading_that_names_a_decision_is_the_decision() -> None:
    assert found("6 ledamöter och 1 ersättare.", title="Beslut om antal ledamöter") == [
        ("decision", "6 ledamöter och 1 ersättare.")]
    assert found("Frågan diskuterades men inget bestämdes?", title="Beslut om mandatperiod") == []
    assert found("6 ledamöter och 1 ersättare.", title="Antal ledamöter") == []


def test_unanimous_votes_decide_and_an_abbreviation_ends_no_sentence() -> None:
    assert found("Föreningens stadgar röstades enhälligt igenom. Medlemsavgift röstades enhälligt till 0 kr.") == [
        ("decision", "Föreningens stadgar röstades enhälligt igenom."),
        ("decision", "Medlemsavgift röstades enhälligt till 0 kr.")]
    assert not ends_sentence("Beslut om antal ledamöter i styrelsen och ev.")
    assert ends_sentence("Dagordningen godkändes.")


def test_a_later_meeting_vetoes_only_a_decision_left_to_it_not_one_about_it() -> None:
    """The veto that "nästa möte" once was: it reads the decision's own clause, so a decision whose
    content names the next meeting decides, and one put off to the next meeting does not."""
    assert found("""
        Gruppen enades om att flytta nästa möte till den 4 juni.
        Beslut i frågan tas på nästa möte.
        Styrelsen fattar beslut om lokalen på nästa sammanträde.
        Frågan bordläggs till nästa möte.
    """) == [("decision", "Gruppen enades om att flytta nästa möte till den 4 juni."),
             ("decision", "Frågan bordläggs till nästa möte.")]
