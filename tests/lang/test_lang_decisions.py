"""extractors/lang/sv/decisions.py: each entry of each list, in a sentence of its own, does what its
list says (and the test of a list fails when an entry is added without a case here)."""

from datetime import date

import pytest

from extractors import vocabulary as v
from extractors.decisions import classify, find_decisions
from extractors.lang.sv import decisions as dl
from tests.conftest import paragraphs


def found(text: str, title: str = "", **context: object) -> list[tuple[str, str]]:
    return [(d.kind, d.text) for d in find_decisions(paragraphs(text), title, **context)]  # type: ignore[arg-type]


def decides(sentence: str, **context: object) -> bool:
    return [t for _, t in found(sentence, **context)] == [sentence]


def covers(cases: dict[str, object], entries: tuple[str, ...]) -> None:
    assert set(cases) == set(entries), set(entries) ^ set(cases)


DECIDING = {
    "besluta": "Styrelsen beslutade att köpa en ny server.",
    "godkänna": "Styrelsen godkände avtalet med hyresvärden.",
    "fastställa": "Årsmötet fastställer balansräkningen.",
    "anta": "Kommunfullmäktige antog den nya översiktsplanen.",
    "välja": "Mötet väljer Kim Berg till kassör.",
    "omvälja": "Mötet omvalde Eva Lund till revisor.",
    "utse": "Nämnden utsåg Ola Bok till ombud.",
    "bevilja": "Styrelsen beviljar ansökan om bidrag.",
    "bifalla": "Stämman biföll motionen.",
    "avslå": "Nämnden avslår ansökan om dispens.",
    "uppdra": "Styrelsen uppdrar åt kansliet att boka lokal.",
    "ge i uppdrag": "Kommunstyrelsen ger förvaltningen i uppdrag att utreda frågan.",
    "tillsätta": "Styrelsen tillsatte en arbetsgrupp för jubileet.",
    "återremittera": "Fullmäktige återremitterade ärendet.",
    "bordlägga": "Nämnden bordlägger ärendet.",
    "delegera": "Styrelsen delegerar attesträtten till kassören.",
    "överlämna": "Utskottet överlämnar ärendet till nämnden.",
    "klubba": "Stämman klubbade budgeten.",
    "bibehålla": "Årsmötet bibehåller avgiften oförändrad.",
    "delge": "Styrelsen delger medlemmarna protokollet.",
    "upphäva": "Nämnden upphäver det gamla reglementet.",
    "entlediga": "Fullmäktige entledigade ledamoten från uppdraget.",
    "avskriva": "Nämnden avskriver ärendet.",
    "godta": "Styrelsen godtog offerten från målaren.",
    "skjuta upp": "Styrelsen sköt upp frågan om ny logga.",
    "rösta": "Medlemmarna röstade för den nya stadgan.",
    "ställa sig bakom": "Rådet ställde sig bakom förslaget.",
    "fatta beslut": "Styrelsen fattade beslut om att byta bank.",
    "ta beslut": "Mötet tog beslut om att ansöka om bidrag.",
    "lämna yttrande": "Nämnden lämnar yttrande enligt förvaltningens förslag.",
    "avge yttrande": "Kommunstyrelsen avger yttrande över remissen.",
    "konstituera sig": "Styrelsen konstituerade sig på mötet.",
    "bestämma": "Vi bestämde att byta bank.",
    "fastslå": "Årsmötet fastslog medlemsavgiften.",
    "tilldela": "Styrelsen tilldelar ungdomssektionen 5 000 kr.",
    "avsätta": "Nämnden avsätter medel för en utredning.",
    "medge": "Nämnden medger undantag från taxan.",
}


def test_every_deciding_verb_has_a_case() -> None:
    covers(DECIDING, dl.DECIDING_VERBS)


@pytest.mark.parametrize("verb", DECIDING)
def test_a_body_deciding_with_each_verb_is_a_decision(verb: str) -> None:
    assert decides(DECIDING[verb])


CHANGING = {
    "bryta ut": "Posten för resor bryts ut ur budgeten.",
    "stryka": "Paragraf 4 ströks ur förslaget.",
    "införa": "En ny avgift för gäster införs.",
    "ta bort": "Punkten om arvoden tas bort.",
}


def test_every_changing_verb_has_a_case() -> None:
    covers(CHANGING, dl.CHANGING_VERBS)


@pytest.mark.parametrize("verb", CHANGING)
def test_a_change_to_the_text_decides_and_a_possible_one_does_not(verb: str) -> None:
    sentence = CHANGING[verb]
    assert decides(sentence)
    subject, rest = sentence.split(" ", 1)
    assert found(f"Vi tror att {subject.lower()} {rest}") == []  # what someone thinks
    modal = {"bryta ut": "kan brytas ut ur budgeten.", "stryka": "kan strykas ur förslaget.",
             "införa": "kan införas.", "ta bort": "kan tas bort."}[verb]
    assert found(f"Posten {modal}") == []


NOTING = {"notera": "Styrelsen noterar informationen.", "ta del av": "Nämnden tar del av rapporten."}


def test_every_noting_verb_has_a_case() -> None:
    covers(NOTING, dl.NOTING_VERBS)


@pytest.mark.parametrize("verb", NOTING)
def test_a_body_taking_note_is_noted_and_an_impersonal_note_is_none(verb: str) -> None:
    assert found(NOTING[verb]) == [("noted", NOTING[verb])]
    assert found("Noterades inga frågor från medlemmarna.") == []


@pytest.mark.parametrize("noun", dl.FILED_NOUNS)
@pytest.mark.parametrize("verb", dl.FILING_VERBS)
def test_filing_away_is_noted_in_any_voice(verb: str, noun: str) -> None:
    assert verb == "lägga till"
    assert found(f"Rapporten läggs till {noun}.") == [("noted", f"Rapporten läggs till {noun}.")]
    assert found(f"Styrelsen lade rapporten till föreningens {noun}.")[0][0] == "noted"


RECOMMENDING = {
    "tillstyrka": "Rådet tillstyrker ansökan.",
    "avstyrka": "Nämnden avstyrker motionen.",
    "rekommendera": "Nämnden rekommenderar medlemskommunerna att anta planen.",
    "nominera": "Styrelsen nominerar Kim Berg till regionens råd.",
}


def test_every_recommending_verb_has_a_case() -> None:
    covers(RECOMMENDING, dl.RECOMMENDING_VERBS)


@pytest.mark.parametrize("verb", RECOMMENDING)
def test_a_recommendation_to_another_body(verb: str) -> None:
    assert found(RECOMMENDING[verb]) == [("recommendation", RECOMMENDING[verb])]


def test_nominating_and_electing_in_one_sentence_is_a_decision() -> None:
    assert classify("Mötet nominerar och väljer Kim Berg.") == "decision"


@pytest.mark.parametrize("addressee", dl.PROPOSAL_ADDRESSEES)
def test_a_proposal_to_a_named_body_is_a_recommendation_and_one_to_no_one_a_proposal(addressee: str) -> None:
    name = addressee.upper() if len(addressee) == 2 else addressee
    sentence = f"Nämnden föreslår {name} att anta taxan."
    assert found(sentence) == [("recommendation", sentence)]
    assert found("Nämnden föreslår att taxan antas.") == []


@pytest.mark.parametrize("phrase", dl.RECOMMENDING_PHRASES)
def test_being_positive_to_a_proposal_is_a_recommendation(phrase: str) -> None:
    sentence = f"Kommunen {phrase} förslaget om nya busslinjer."
    assert found(sentence) == [("recommendation", sentence)]


AGREEING = {
    "acceptera": "Ändringen av ordlistan diskuterades och accepterades.",
    "enas om": "Gruppen enades om att byta mötesdag till tisdag.",
    "komma överens om": "Vi kom överens om att dela upp arbetet.",
}


def test_every_agreeing_verb_has_a_case() -> None:
    covers(AGREEING, dl.AGREEING_VERBS)


@pytest.mark.parametrize("verb", AGREEING)
def test_an_agreement_in_notes_is_a_decision(verb: str) -> None:
    assert decides(AGREEING[verb], kind="minnesanteckningar")


@pytest.mark.parametrize("opener", dl.AGREEMENT_OPENERS)
def test_an_agreement_without_a_verb_is_a_decision(opener: str) -> None:
    sentence = f"{opener.capitalize()} att ändra rubriken i mallen."
    assert decides(sentence.replace("att att", "att"), kind="minnesanteckningar")


@pytest.mark.parametrize("phrase", dl.SHARED_VIEW_PHRASES)
def test_a_shared_view_is_no_decision(phrase: str) -> None:
    assert found(f"Gruppen {phrase} att protokollet godkänns i tid.") == []


@pytest.mark.parametrize("verb", dl.VIEW_VERBS)
def test_agreeing_that_something_is_so_is_no_decision(verb: str) -> None:
    assert found(f"Vi kom överens om att det {verb} viktigt med tydliga mål.") == []
    assert decides("Vi kom överens om att sätta tydliga mål.")


@pytest.mark.parametrize("state", dl.DECLARED_STATES)
@pytest.mark.parametrize("verb", dl.DECLARING_VERBS)
def test_declaring_the_meeting_duly_called_is_a_decision(verb: str, state: str) -> None:
    past = {"finna": "fann", "förklara": "förklarade", "anse": "ansåg"}[verb]
    answered = state.startswith("besvar")
    sentence = f"Mötet {past} motionen {state}." if answered else f"Mötet {past} mötet {state} utlyst."
    assert decides(sentence)
    assert found(f"Ordföranden {past} mötet öppnat.") == []


@pytest.mark.parametrize("phrase", dl.NO_DECISION_PHRASES)
def test_no_decision(phrase: str) -> None:
    sentence = f"Ärendet {phrase}." if phrase.startswith("föranled") else f"Ärendet avslutas, {phrase}."
    assert found(sentence) == [("no_decision", sentence)]


@pytest.mark.parametrize("phrase", dl.THANKS_PHRASES)
def test_thanks_for_a_presentation_is_noted(phrase: str) -> None:
    assert classify(f"Styrelsen {phrase} informationen.", "decision") == "noted"


@pytest.mark.parametrize("noun", dl.PRESENTATION_NOUNS)
def test_approving_a_presentation_is_noted_and_approving_a_report_a_decision(noun: str) -> None:
    assert classify(f"Nämnden godkänner {noun}.") == "noted"
    assert classify("Nämnden godkänner årsredovisningen.") == "decision"


@pytest.mark.parametrize("verb", dl.ADOPTING_VERBS)
def test_adopting_and_filing_is_a_decision_and_filing_alone_is_noted(verb: str) -> None:
    present = {"godkänna": "godkänns", "fastställa": "fastställs", "anta": "antas", "bevilja": "beviljas"}[verb]
    assert classify(f"Redovisningen {present} och läggs till handlingarna.") == "decision"
    assert classify("Redovisningen läggs till handlingarna.") == "noted"


PROPOSING = {
    "föreslå": "Styrelsen föreslog att avgiften höjs.",
    "yrka": "Kim Berg yrkade att ärendet avslås.",
    "hemställa": "Föreningen hemställer att bidraget beviljas.",
}


def test_every_proposing_verb_has_a_case() -> None:
    covers(PROPOSING, dl.PROPOSING_VERBS)


@pytest.mark.parametrize("verb", PROPOSING)
def test_a_proposal_is_no_decision_though_it_names_one(verb: str) -> None:
    assert found(PROPOSING[verb]) == []


@pytest.mark.parametrize("label", dl.PROPOSAL_LABELS)
def test_a_labelled_proposal_is_no_decision(label: str) -> None:
    assert found(f"{label.capitalize()}: att medlemsavgiften fastställs till 200 kr.") == []


@pytest.mark.parametrize("word", dl.EARLIER_WORDS)
def test_an_earlier_decision_is_not_this_meetings(word: str) -> None:
    assert found(f"Styrelsen beslutade {word} att köpa in stolar.") == []
    assert decides("Styrelsen beslutade att köpa in stolar.")


@pytest.mark.parametrize("word", dl.OUTSIDE_MEETING_WORDS)
def test_a_decision_taken_between_meetings_is_recorded(word: str) -> None:
    sentence = f"Styrelsen beslutade {word} den 3 mars 2024 att anta budgeten."
    assert decides(sentence, meeting_date=date(2024, 4, 10))
    assert found("Styrelsen beslutade den 3 mars 2024 att anta budgeten.", meeting_date=date(2024, 4, 10)) == []


@pytest.mark.parametrize("verb", dl.CONFIRMING_VERBS)
def test_a_confirmed_earlier_decision_is_recorded_once(verb: str) -> None:
    past = {"bekräfta": "bekräftades", "stadfästa": "stadfästes", "godkänna": "godkändes",
            "fastställa": "fastställdes"}[verb]
    text = f"""
        Styrelsen beslutade den 3 mars 2024 att anta budgeten.
        Detta beslut {past}.
    """
    assert found(text, meeting_date=date(2024, 4, 10)) == [
        ("decision", "Styrelsen beslutade den 3 mars 2024 att anta budgeten.")]


@pytest.mark.parametrize("confirmed", dl.CONFIRMED_OBJECTS)
def test_each_confirmed_object_makes_a_bare_confirmation(confirmed: str) -> None:
    text = f"""
        Styrelsen beslutade per mejl att anta budgeten.
        Mötet godkänner {confirmed}.
    """
    assert found(text) == [("decision", "Styrelsen beslutade per mejl att anta budgeten.")]


@pytest.mark.parametrize("modal", dl.MODAL_WORDS)
def test_a_modal_before_the_decision_word_makes_it_possible_not_decided(modal: str) -> None:
    assert found(f"Frågan {modal} beslutas senare.") == []


@pytest.mark.parametrize("meeting", dl.LATER_MEETINGS)
def test_a_decision_left_to_a_later_meeting_is_none_and_deferring_to_it_is_one(meeting: str) -> None:
    assert found(f"Frågan beslutas på {meeting}.") == []
    assert decides(f"Frågan bordläggs till {meeting}.")


@pytest.mark.parametrize("phrase", dl.LATER_PHRASES)
def test_a_decision_announced_for_later_is_none(phrase: str) -> None:
    assert found(f"Styrelsen {phrase} om budgeten i mars.") == []


@pytest.mark.parametrize("verb", dl.DEFERRING_VERBS)
def test_a_deferral_is_a_decision_whatever_later_meeting_it_names(verb: str) -> None:
    present = {"bordlägga": "bordläggs", "skjuta upp": "skjuts upp", "återremittera": "återremitteras"}[verb]
    assert decides(f"Ärendet {present} till nästa möte.")


@pytest.mark.parametrize("word", dl.BESLUT_AS_NOUN_BEFORE)
def test_beslut_as_the_subject_of_a_sentence_opens_no_decision(word: str) -> None:
    assert found(f"Beslut {word} styrelsen i frågan om avgifter.") == []
    assert decides("Beslut att höja avgiften till 300 kr.")


@pytest.mark.parametrize("verb", dl.SPEECH_VERBS)
def test_a_decision_in_reported_speech_is_none(verb: str) -> None:
    finite = {"säga": "sa", "skämta": "skämtade", "mena": "menade", "tycka": "tyckte", "undra": "undrade",
              "fråga": "frågade", "berätta": "berättade", "citera": "citerade", "påpeka": "påpekade",
              "påminna om": "påminde om", "betona": "betonade", "framföra": "framförde", "tro": "trodde",
              "anse": "ansåg"}[verb]
    assert found(f"Kim {finite} att styrelsen beslutar att alla får tårta.") == []


@pytest.mark.parametrize("phrase", dl.VOTE_RECORD_PHRASES)
def test_a_vote_record_is_no_decision(phrase: str) -> None:
    verb, _, rest = phrase.partition(" ")
    finite = {"delta": "deltar", "avstå": "avstår", "reservera": "reserverar", "anmäla": "anmäler",
              "låta": "låter"}[verb]
    sentence = f"Kim Berg (S) {finite} {rest}."
    assert found(f"**Beslut**\nNämnden beslutar att anta planen.\n{sentence}") == [
        ("decision", "Nämnden beslutar att anta planen.")]


@pytest.mark.parametrize("verb", dl.REPORTING_VERBS)
def test_a_list_of_decisions_reported_is_no_decisions(verb: str) -> None:
    passive = {"anmäla": "anmäls", "redovisa": "redovisas", "rapportera": "rapporteras"}[verb]
    assert found(f"""
        Följande beslut {passive}:
        - Beslut om färdtjänst, dnr 2024/101
        - Beslut om parkeringstillstånd, dnr 2024/102
    """) == []


@pytest.mark.parametrize("word", dl.REPORTED_DECISION_WORDS)
def test_a_lead_naming_decisions_taken_elsewhere_reports_them(word: str) -> None:
    assert v.REPORTS_DECISIONS.search(f"Nämnden tar del av listan över {word}:")
    assert found(f"""
        Listan över {word}:
        - Beslut om färdtjänst, dnr 2024/101
    """) == []


@pytest.mark.parametrize("word", dl.LIST_WORDS)
def test_a_lead_with_a_list_word_takes_the_names_below(word: str) -> None:
    assert found(f"""
        Till styrelsen valdes {word}:
        Kim Berg
        Eva Lund
    """) == [("decision", f"Till styrelsen valdes {word}: Kim Berg Eva Lund")]


@pytest.mark.parametrize("opener", dl.NAMING_OPENERS)
def test_a_heading_that_names_a_decision_is_none(opener: str) -> None:
    assert found(f"{opener.capitalize()} arvoden till styrelsen\nMötet beslutade att inga arvoden betalas.") == [
        ("decision", "Mötet beslutade att inga arvoden betalas.")]


@pytest.mark.parametrize("opener", dl.ANSWERED_TITLES)
def test_the_short_answer_under_a_title_naming_a_decision_is_it(opener: str) -> None:
    assert found("Två år.", title=f"{opener.capitalize()} mandattid") == [("decision", "Två år.")]
    assert found("Två år.", title="Mandattid") == []


@pytest.mark.parametrize("opener", dl.ELECTION_OPENERS)
def test_an_election_written_without_a_verb(opener: str) -> None:
    sentence = f"{opener.capitalize()} kassör, Eva Lund på 2 år."
    assert found(sentence) == [("decision", sentence)]


@pytest.mark.parametrize(("yes", "no"), list(zip(dl.VOTE_FOR_LABELS, dl.VOTE_AGAINST_LABELS, strict=True)))
def test_a_vote_count_is_the_decision_when_it_is_the_only_record(yes: str, no: str) -> None:
    assert found(f"{yes.capitalize()}: 12\n{no.capitalize()}: 3") == [("decision", f"{yes.capitalize()}: 12 "
                                                                        f"{no.capitalize()}: 3")]


@pytest.mark.parametrize("subject", dl.DECIDING_SUBJECTS)
def test_each_deciding_subject_decides(subject: str) -> None:
    assert decides(f"{subject.capitalize()} beslutade att hyra en buss.")


@pytest.mark.parametrize("subject", dl.NON_DECIDING_SUBJECTS)
def test_a_body_that_proposes_or_reviews_decides_nothing(subject: str) -> None:
    assert found(f"{subject.capitalize()} tillstyrker att styrelsen beviljas ansvarsfrihet.") == []


@pytest.mark.parametrize("heading", dl.DECISION_HEADINGS)
def test_each_decision_heading_opens_a_block(heading: str) -> None:
    assert found(f"Diskussion om lokalen.\n**{heading.capitalize()}**\nAtt hyra lokalen i ett år") == [
        ("decision", "Att hyra lokalen i ett år")]


@pytest.mark.parametrize("heading", dl.RECOMMENDATION_HEADINGS)
def test_each_recommendation_heading_makes_its_block_recommendations(heading: str) -> None:
    assert found(f"**{heading.capitalize()}**\nTaxan antas.") == [("recommendation", "Taxan antas.")]


@pytest.mark.parametrize("section", dl.NON_DECISION_SECTIONS)
def test_each_non_decision_section_ends_a_block_and_holds_no_decision(section: str) -> None:
    assert found(f"**Beslut**\nAtt anta planen\n**{section.capitalize()}**\nStyrelsen beslutade att anta planen.") == [
        ("decision", "Att anta planen")]
    assert found(f"**{section.capitalize()}**\nStyrelsen beslutade 2019 att anta planen.\n**Diskussion**\n"
                 "Styrelsen beslutade att anta planen.") == [("decision", "Styrelsen beslutade att anta planen.")]


@pytest.mark.parametrize("word", dl.CONTINUING_WORDS)
def test_a_sentence_that_goes_on_from_the_one_before_stays_one_decision(word: str) -> None:
    assert found(f"**Beslut**\nAtt anta planen. {word.capitalize()} att planen godkänns av förbundet.") == [
        ("decision", f"Att anta planen. {word.capitalize()} att planen godkänns av förbundet.")]


@pytest.mark.parametrize("word", dl.IMPERSONAL_SUBJECTS)
def test_an_impersonal_note_is_the_minute_takers_and_a_body_noting_decides(word: str) -> None:
    assert found(f"{word.capitalize()} noterades att lokalen är bokad.") == []
    assert found("Informationen noteras.") == [("noted", "Informationen noteras.")]


@pytest.mark.parametrize("word", dl.NEGATIVE_SUBJECTS)
def test_a_passive_with_no_subject_decides_nothing(word: str) -> None:
    assert found(f"{word.capitalize()} ersättare valdes till styrelsen.") == []
    assert found("En ersättare valdes till styrelsen.") == [("decision", "En ersättare valdes till styrelsen.")]


@pytest.mark.parametrize("label", dl.NAME_LIST_LABELS)
def test_a_label_inside_a_list_of_names_belongs_to_the_decision(label: str) -> None:
    assert found(f"**Beslut**\nTill styrelsen utses:\n**{label.capitalize()}**\nKim Berg\nEva Lund") == [
        ("decision", f"Till styrelsen utses: {label.capitalize()} Kim Berg Eva Lund")]
    assert found(f"**Beslut**\n{label.capitalize()}") == []


@pytest.mark.parametrize("noun", dl.NOMINATION_NOUNS)
def test_the_names_under_a_nomination_title_are_a_recommendation(noun: str) -> None:
    text = "**Beslut**\nKim Berg utses till ledamot."
    assert found(text, title=f"{noun.capitalize()} till regionens råd") == [
        ("recommendation", "Kim Berg utses till ledamot.")]
    assert found(text, title="Val till regionens råd") == [("decision", "Kim Berg utses till ledamot.")]


@pytest.mark.parametrize("adverb", dl.LATER_ADVERBS)
def test_a_decision_left_for_later_by_an_adverb_is_none(adverb: str) -> None:
    assert found(f"Datum för festen bestäms {adverb}.") == []
    assert decides("Datum för festen bestäms till den 4 juni.")


@pytest.mark.parametrize("verb", dl.NAMING_PARTICIPLE_VERBS)
def test_a_participle_naming_what_it_decides(verb: str) -> None:
    participle = {"välja": "vald", "omvälja": "omvald", "utse": "utsedd", "besluta": "beslutad"}[verb]
    assert decides(f"Kim Berg {participle} till kassör.")
    assert found("Marken avsatt som naturmark enligt planen.") == []
    assert decides("Dagordningen godkänd.")
