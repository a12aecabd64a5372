"""Kind, organisation, body, dates, place and time."""

from datetime import date

from extractors.meta import body, definite, document_kind, meeting_date, organisation, people_from_items, place_and_time
from tests.conftest import paragraphs


def test_kind_from_the_documents_words() -> None:
    assert document_kind(["Minnesanteckningar Utvecklingsrådet"], [], False, False) == "minnesanteckningar"
    assert document_kind(["Sammanträdesprotokoll", "Styrelsen"], [], False, False) == "protokoll"
    assert document_kind(["Delårsrapport", "januari-augusti 2023"], [], False, False) == "rapport"
    assert document_kind(["Verksamhetsplan och budget 2025-2027"], [], False, False) == "verksamhetsplan"
    assert document_kind(["Samordningsförbundet"], [], True, True) == "protokoll"
    assert document_kind(["Något annat"], [], False, False) == "annat"


def org(*title: str) -> str | None:
    return organisation(list(title), list(title), "")


def test_organisation_forms() -> None:
    assert org("Styrelsen Samordningsförbundet Västmanland") == "Samordningsförbundet Västmanland"
    assert org("Norra Västmanlands", "SAMORDNINGSFÖRBUND") == "Norra Västmanlands Samordningsförbund"
    assert org("HÖGSBY KOMMUN\tPROTOKOLL\t2") == "Högsby kommun"
    assert org("LiTHe kods vårmöte 2019 - Protokoll") == "LiTHe kod"
    assert org("Långasands Byalag\tPROTOKOLL") == "Långasands Byalag"
    assert org("Årsmöte Trollhättans Judoklubb 2024-02-14") == "Trollhättans Judoklubb"
    assert org("Styrelsemöte - Python Sverige", "Sekreterare: Frej Connolly") == "Python Sverige"
    assert org("Protokoll för årsmöte Österlen Budo 2026") == "Österlen Budo"
    assert org("Mötesprotokoll", "LiTHe kod", "2015-09-26") == "LiTHe kod"
    assert org("Kommunstyrelsen", "Protokoll", "Utdragsbestyrkande") is None


def test_body_in_definite_form() -> None:
    assert definite("Styrelsemöte") == "Styrelsen"
    assert definite("Årsmöte") == "Årsmötet"
    assert definite("KS") == "Kommunstyrelsen"
    assert definite("vårmöte") == "Vårmötet"
    assert body(["Stenålderns samfällighet", "Styrelsemöte nr 11"], []) == "Styrelsen"
    assert body(["Samordningsförbundet Västra Mälardalen"], ["Styrelsen noterar informationen."]) == "Styrelsen"


def test_meeting_date_is_not_the_justering_date() -> None:
    front = ["Justerings tid och plats Köping den 16 september 2020", "Datum 2020-09-03"]
    assert meeting_date(front, [], []) == date(2020, 9, 3)


def test_place_and_time() -> None:
    assert place_and_time(["Plats och tid Stadskällaren, Nygatan 42, Arboga, kl. 09.00 – 14.20"], []) == (
        "Stadskällaren, Nygatan 42, Arboga", "09.00-14.20")
    assert place_and_time(["Plats och tid Kommunhusets tingssal måndagen den 8 januari 2007 kl 08.30-09.30"], []) == (
        "Kommunhusets tingssal", "08.30-09.30")
    assert place_and_time([], ["Minnesanteckningar 2024-09-30 (Teams)"]) == ("Teams", None)


def test_meeting_functionaries_elected_in_the_items() -> None:
    found = people_from_items([
        ("Val av ordförande för mötet", paragraphs("Till ordförande valdes Anna Ek.")),
        ("Val av sekreterare", paragraphs("Lisa Berg valdes till sekreterare.")),
        ("Val av justerare", paragraphs("Per Holm vald till justerare.")),
        ("Dagordning", paragraphs("Anna Ek föreslog att dagordningen godkänns.")),
    ])
    assert found == {"chair": ["Anna Ek"], "secretary": ["Lisa Berg"], "adjusters": ["Per Holm"]}


def test_dates_as_written() -> None:
    assert meeting_date(["Datum: 14 februari 2024"], [], []) == date(2024, 2, 14)
    assert meeting_date(["Sammanträdesdatum den 8 januari 2007"], [], []) == date(2007, 1, 8)
    assert meeting_date(["Datum: 08-10-2020"], [], []) == date(2020, 10, 8)  # day first


def test_a_first_name_elected_is_spelled_from_the_attendee_list_later() -> None:
    assert people_from_items([("Val av justerare", paragraphs("Ylva väljs till justerare."))])["adjusters"] == ["Ylva"]


# --- issue 14, class 9 and the meta fields -----------------------------------------------------

def test_body_named_in_a_compound_of_the_title() -> None:
    assert body(["Anteckningar från arbetsgrupp för lokalfrågor", "2024-01-12"], []) == "Arbetsgruppen"
    assert body(["Kanotklubben Forsen Stämmoprotokoll", "Vårmötesprotokoll 2020"], []) == "Vårmötet"


def test_a_remote_meeting_names_its_medium_as_the_place() -> None:
    assert place_and_time([], ["Protokoll", "Digitalt sammanträde den 3 maj 2022"])[0] == "Digitalt"
    assert place_and_time([], ["Styrelsemöte via Zoom, 14 juni"])[0] == "Zoom"


def test_organisation_before_its_number_before_a_record_word_and_in_the_text() -> None:
    assert org("Verksamhetsplan 2025", "Båtklubben Ankaret, org nr 812000-1234") == "Båtklubben Ankaret"
    assert org("KFUM Väst Styrelseprotokoll 2023") == "KFUM Väst"
    assert org("Socialnämnden Sammanträdesprotokoll 2023") is None  # a body names no organisation
    assert org("Nordkod Mötesprotokoll 2022") == "Nordkod"
    assert org("Extra mötesprotokoll") is None
    assert organisation(["Barn- och utbildningsnämnden", "Protokoll"], [], "Anslaget på Tranås kommuns "
                        "anslagstavla. Tranås kommun, Box 1") == "Tranås kommun"
    assert organisation(["Årsmöte"], [], "Firmatecknare för Sjöbo Ridklubb är ordföranden.") == "Sjöbo Ridklubb"


def test_secretary_in_the_forms_of_a_signature_block() -> None:
    from extractors.meta import signatories
    from tests.conftest import make_line, make_lines

    assert signatories(make_lines("Vid protokollet\nKarin Nord"))["secretary"] == ["Karin Nord"]
    assert signatories(make_lines("Mötessekreterare: Ola Sund"))["secretary"] == ["Ola Sund"]
    found = signatories([make_line("Ida Falk, sekreterare\tBo Ek / ordförande")])
    assert (found["secretary"], found["chair"]) == (["Ida Falk"], ["Bo Ek"])
    block = [make_line("Justerare\tElsa Grön"), make_line("Tor Blå", x0=50 + 6 * len("Justerare") + 40),
             make_line("Ordförande"), make_line("Lars Vit")]
    found = signatories(block)
    assert (found["adjusters"], found["chair"]) == (["Elsa Grön", "Tor Blå"], ["Lars Vit"])


def test_justerare_elected_together_and_the_organisations_chair_is_not_the_meetings() -> None:
    found = people_from_items([
        ("Val av justerare", paragraphs("Stämman utsåg Maja Kron och Leo Dahl till justerare.")),
        ("Val av föreningens ordförande för 2 år", paragraphs("Till ordförande valdes Nora Brink.")),
        ("Val av ordförande för mötet", paragraphs("Valberedningen nominerar Eva Sten.")),
    ])
    assert found == {"chair": [], "secretary": [], "adjusters": ["Maja Kron", "Leo Dahl"]}


def test_an_organisation_heading_its_people_is_no_body() -> None:
    listed = "Deltagare: Skolverket: Ida Ek, Per Lund, Naturhistoriska riksmuseet: Bo Sten, Kulturrådet: Al Berg"
    assert body(["Minnesanteckningar samverkansgrupp", listed], []) == "Samverkansgruppen"
    assert body([listed], []) is None


def test_a_record_nobody_signs_is_notes() -> None:
    assert document_kind([], [], True, True, signed=False) == "minnesanteckningar"
    assert document_kind([], [], True, True, signed=True) == "protokoll"


def test_the_host_of_a_meeting_of_several_organisations() -> None:
    represented = ["Skolverket", "MSB", "MSB", "Polisen", "Skolverket", "MSB"]
    assert organisation(["Samverkansmöte 4"], [], "Presentation (Eva, MSB). Se msb.se", represented) == "MSB"
    assert organisation(["Samverkansmöte 4"], [], "", ["Skolverket", "MSB"]) is None  # one each: nobody hosts
    assert organisation(["Samverkansmöte 4"], [], "", ["Skolverket", "Skolverket", "MSB", "MSB"]) is None  # a tie


def test_a_place_after_the_date_in_the_title_block() -> None:
    assert place_and_time([], ["Medlemsmöte", "5 oktober 2023, Bygdegården, Ås"])[0] == "Bygdegården, Ås"
    assert place_and_time([], ["Medlemsmöte", "2023-10-05, kl. 18.30"])[0] is None  # a time is no place


def test_an_organisation_set_on_two_header_lines() -> None:
    assert org("Samordningsförbundet", "Södra Lappland", "Protokoll") == "Samordningsförbundet Södra Lappland"
    assert org("Vilhelmina", "kommun", "Protokoll") == "Vilhelmina kommun"


def test_a_body_keeps_the_first_half_of_its_coordinated_name() -> None:
    assert body(["Protokoll", "Kultur- och fritidsnämnden", "2021-04-12"], []) == "Kultur- och fritidsnämnden"
    assert body(["Miljö- och byggnadsnämndens arbetsutskott"], []) == "Miljö- och byggnadsnämndens arbetsutskott"
    assert body(["Kommunstyrelsens arbetsutskott 2020-01-02"], []) == "Kommunstyrelsens arbetsutskott"
    assert body(["Protokoll", "Socialnämnden"], []) == "Socialnämnden"


def test_one_name_under_a_row_of_labels_is_the_one_it_stands_under() -> None:
    from extractors.meta import signatories
    from tests.conftest import make_line

    block = [make_line("Vid protokollet"), make_line("Justeras", x0=300), make_line("Tova Rask", x0=302)]
    block = [block[0].model_copy(update={"segments": block[0].segments + block[1].segments}), block[2]]
    assert signatories(block) == {"chair": [], "secretary": [], "adjusters": ["Tova Rask"]}


def test_a_board_elected_in_a_table_gives_no_chair_of_the_meeting() -> None:
    found = people_from_items([
        ("Val av styrelse", paragraphs("Ordförande\nKlara Sjö\nKassör\nNils Bäck")),
        ("Val av mötesordförande", paragraphs("Till mötesordförande valdes Ebbe Strand.")),
    ])
    assert found["chair"] == ["Ebbe Strand"]


def test_roles_set_under_the_signatures_name_the_signatures_above_them() -> None:
    from extractors.meta import signatories
    from schemas.layout import Line, Segment

    def row(top: float, *cells: str) -> Line:
        return Line(segments=[Segment(text=c, x0=70.0 + 260 * k, x1=70.0 + 260 * k + 6 * len(c))
                              for k, c in enumerate(cells)], page=2, top=top, bottom=top + 11)

    lines = [row(600, "Underskrifter"), row(640, "Lars Wikström", "Maja Holmberg"),
             row(655, "sekreterare", "ordförande"), row(700, "Protokolljustering"), row(740, "Sten Ahl", "Eva Dunér")]
    found = signatories(lines)
    assert (found["chair"], found["secretary"]) == (["Maja Holmberg"], ["Lars Wikström"])
    assert found["adjusters"] == ["Sten Ahl", "Eva Dunér"]
