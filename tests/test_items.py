"""Item segmentation: paragraphs, numbered points and headings; tables of contents."""

from extractors.items import find_item_starts, item_end, mark_readings
from extractors.record import build_record
from schemas.layout import Layout
from schemas.record import Document
from tests.conftest import make_line, make_lines


def starts(text: str, kind: str = "protokoll") -> list[tuple[int | None, str | None, str, str | None]]:
    return [(s.number, s.prefix, s.title, s.dnr) for s in find_item_starts(make_lines(text), kind)]


def test_paragraph_forms_and_dnr() -> None:
    assert starts("""
        SVM § 22
        Dnr SVM 2019/22
        Delårsrapport 2020
        Text.
        SVM § 23
        Revidering av budget 2020
        Text.
    """) == [(22, "SVM", "Delårsrapport 2020", "SVM 2019/22"), (23, "SVM", "Revidering av budget 2020", None)]
    assert starts("""
        KS § 3 a DNR:KU/2007.9
        Budget och målsättningar
        Text.
        KS § 3 b DNR: KF/2006.366
        Val av kommunledningsutskott
        KS § 4 DNR:KNSLI/20014197
        Möjligheternas kommun
    """) == [
        (3, "KS", "Budget och målsättningar", "KU/2007.9"),
        (3, "KS", "Val av kommunledningsutskott", "KF/2006.366"),
        (4, "KS", "Möjligheternas kommun", "KNSLI/20014197"),
    ]
    assert starts("§ 112 2026.272 KS\nDetaljplan för Nolhaga\nText\n§ 113\nÖvrigt") == [
        (112, None, "Detaljplan för Nolhaga", "2026.272 KS"), (113, None, "Övrigt", None)]


def test_compact_and_trailing_paragraph_signs() -> None:
    assert [s[0] for s in starts("§1 Objektiv\nText\n§2 Rapport\nText\n4 § Ekonomi\nText")] == [1, 2, 4]


def test_table_of_contents_is_not_an_item_and_the_body_wins() -> None:
    result = starts("""
        Innehållsförteckning
        § 20 Rapport från insats Teamsamverkan
        § 21 Rapport från projekt Rehabkoordinatorer
        SFV § 20
        Rapport från projekt Rehabkoordinatorer i Samverkan
        Text.
        SFV § 21
        Rapport från insats Teamsamverkan i Västra Mälardalen
        Text.
    """)
    assert [(n, t) for n, _, t, _ in result] == [
        (20, "Rapport från projekt Rehabkoordinatorer i Samverkan"),
        (21, "Rapport från insats Teamsamverkan i Västra Mälardalen"),
    ]


def test_quoted_paragraphs_of_other_meetings_are_not_items() -> None:
    result = starts("""
        KS § 7
        Nominering
        KS § 8
        Utseende av arbetsgrupp
        KU § 317 06-12-05
        Kommunledningsutskottets förslag
        KS § 437 06-12-13
        Tidigare beslut
        KS § 9
        Inkallande av ersättare
    """)
    assert [n for n, *_ in result] == [7, 8, 9]


def test_numbered_points_with_a_sub_list_restarting_at_one() -> None:
    lines = [
        make_line("1. Mötets öppnande", x0=56), make_line("Text", x0=90),
        make_line("2. Motioner och propositioner", x0=56),
        make_line("1. Inför ett halvårsmöte", x0=90), make_line("2. Kräv kontakt", x0=90),
        make_line("3. Personval", x0=56), make_line("Text", x0=90),
    ]
    assert [(s.number, s.title) for s in find_item_starts(lines, "protokoll")] == [
        (1, "Mötets öppnande"), (2, "Motioner och propositioner"), (3, "Personval")]


def test_unnumbered_headings_after_the_attendee_list() -> None:
    lines = [
        make_line("Minnesanteckningar Utvecklingsrådet 2024-09-30", bold=True, size=16),
        make_line("Närvarande", bold=True),
        make_line("Rolf Urby, Försäkringskassan"),
        make_line("Projekt Rehabkoordinatorer i samverkan.", bold=True, size=12),
        make_line("Riitta Högberg berättar kort om projektets uppstart och nuläge. Bildspel bifogas."),
        make_line("Region Västmanland planerar att lämna in en ansökan om fortsatt finansiering."),
        make_line("Rådgivande myndighetsgemensamt team (RMGT)", bold=True, size=12),
        make_line("Text."),
    ]
    assert [(s.number, s.title) for s in find_item_starts(lines, "minnesanteckningar")] == [
        (None, "Projekt Rehabkoordinatorer i samverkan"), (None, "Rådgivande myndighetsgemensamt team (RMGT)")]


def test_a_listing_without_heading_gives_way_to_the_body() -> None:
    listing = "\n".join(f"§ {n} | Ärende {n}" for n in range(111, 116))
    body = "\n".join(f"§ {n}\nÄrende {n}\nText om ärendet.\nMer text.\nBeslut\nAtt bifalla." for n in range(111, 116))
    result = find_item_starts(make_lines(listing.replace(" | ", "\t") + "\n" + body), "protokoll")
    assert [s.number for s in result] == [111, 112, 113, 114, 115]
    assert all(s.index >= 5 for s in result)  # the five listing lines come first


def test_several_meetings_in_one_file_each_number_from_one() -> None:
    meeting = "§1 Objektiv\nText.\n§2 Rapport\nText.\n§3 Mötesslut\nText."
    text = f"Mötesprotokoll 1\nDatum: 31-08-2020\n{meeting}\nMötesprotokoll 2\nDatum: 01-09-2020\n{meeting}"
    lines = make_lines(text)
    lines = [ln.model_copy(update={"segments": [s.model_copy(update={"bold": True}) for s in ln.segments]})
             if ln.text.startswith("Mötesprotokoll") else ln for ln in lines]
    assert [s.number for s in find_item_starts(lines, "protokoll")] == [1, 2, 3, 1, 2, 3]


def test_point_numbers_alone_on_their_line_as_ocr_reads_them() -> None:
    lines = make_lines("""
        Protokoll från årsmöte
        1l
        Ordföranden hälsade samtliga välkomna och förklarade mötet öppnat.
        2l
        Dagordningen fastställdes i enlighet med det dagordningsförslag som utsänts.
        4l
        Till ordförande för mötet valdes Jan Jacobson.
    """)
    result = find_item_starts(lines, "protokoll")
    assert [s.number for s in result] == [1, 2, 4]
    assert result[1].title.startswith("Dagordningen fastställdes") and result[1].body == result[1].index + 1


def test_minutes_set_in_a_grid_number_their_points_in_the_first_column() -> None:
    lines = [make_line(text, table=0, top=20.0 * n) for n, text in enumerate([
        "Punkt\tVad\tAnsvar", "2\tVal av justerare", "Ylva väljs till justerare.", "4\tEkonomi\tAnna",
        "Kassan är god.", "6\tVägen\tPer", "Per kontaktar entreprenören."])]
    assert [(s.number, s.title) for s in find_item_starts(lines, "protokoll")] == [
        (2, "Val av justerare"), (4, "Ekonomi"), (6, "Vägen")]


def test_signature_labels_side_by_side_end_the_last_item() -> None:
    lines = make_lines("§ 7 Mötets avslutande\nOrdföranden tackade.\nSekreterare\tJusterare\nLisa Berg\tPer Holm")
    starts = find_item_starts(lines, "protokoll")
    assert item_end(lines, starts[-1].body, len(lines)) == 2


def test_initials_in_a_responsibility_column_are_not_part_of_the_title() -> None:
    lines = make_lines("1. Mötet öppnades\n2. Föregående mötesprotokoll\tBG\nLades till handlingarna.\n"
                       "3. Ekonomi\tJS/LJ\nText.")
    assert [s.title for s in find_item_starts(lines, "protokoll")] == [
        "Mötet öppnades", "Föregående mötesprotokoll", "Ekonomi"]


def test_numbered_points_whose_estimated_size_drifts_stay_items() -> None:
    big = [make_line(f"{n}. Punkt nummer {n} godkändes.", size=16.0, top=40.0 * n) for n in range(1, 5)]
    small = [make_line(f"{n}. Punkt nummer {n} godkändes.", size=11.0, top=40.0 * n) for n in range(5, 8)]
    lettered = [make_line("8.a) Val av styrelseledamöter för 2 år.", size=11.0, top=400.0)]
    body = [make_line("Text i punkten.", size=11.0, top=500.0 + k) for k in range(6)]
    assert [s.number for s in find_item_starts(big + small + lettered + body, "protokoll")] == list(range(1, 9))


def test_parenthesised_points_keep_their_lettered_sub_points_and_an_appendix_is_no_item() -> None:
    lines = make_lines("""
        **Styrelsemöte nr 11**
        1) Föregående protokoll
        Protokollet godkändes.
        2) Ekonomi
        a) Sponsorer
        Diskussion om sponsorer.
        b) Medlemsavgift
        Ingen ändring.
        A) Övrigt om ekonomin
        3) Nästa möte
        Den 12 november.
        **Bilaga 1**
        1) Budgetförslag
        2) Kassarapport
    """)
    assert [(s.number, s.title) for s in find_item_starts(lines, "protokoll")] == [
        (1, "Föregående protokoll"), (2, "Ekonomi"), (3, "Nästa möte")]


def test_a_contents_list_that_wraps_titles_around_their_numbers_is_no_item() -> None:
    lines = make_lines("""
        Innehållsförteckning
        Val av justerare och
        § 1
        tid för justering
        Budget för 2024
        § 2
        § 1 Val av justerare och tid för justering
        Text text.
        § 2 Budget för 2024
        Budgeten fastställs.
    """)
    assert [(s.number, s.title, s.index) for s in find_item_starts(lines, "protokoll")] == [
        (1, "Val av justerare och tid för justering", 6), (2, "Budget för 2024", 8)]


# -- class 1: numbers OCR damaged; the numbering sequence says what they are ----------------


def test_paragraph_signs_ocr_misread_count_where_the_sequence_confirms_them() -> None:
    assert [(n, t) for n, _, t, _ in starts("""
        § 3 Val av justerare
        Karin Lind valdes.
        & 4. Val av sekreterare
        Per Holm valdes.
        $ 5 Budget 2025
        Budgeten fastställdes.
        8 6. Val av revisorer
        Eva Ek valdes.
        § 7 Övriga frågor
        Inga frågor.
    """)] == [(3, "Val av justerare"), (4, "Val av sekreterare"), (5, "Budget 2025"), (6, "Val av revisorer"),
              (7, "Övriga frågor")]


def test_a_lone_misread_sign_opens_an_item_when_an_items_sections_follow() -> None:
    assert [(n, t) for n, _, t, _ in starts("""
        Nämnden för teknik
        8 212 Detaljplan för Norra torget
        Beslut
        Nämnden beslutar att anta planen.
    """)] == [(212, "Detaljplan för Norra torget")]
    # the same line with nothing of an item after it is a number in the text
    assert starts("Nämnden för teknik\n8 212 Hushåll har fått brev\nUtskicket gjordes i maj.") == []


def test_numbers_that_are_sums_or_references_never_become_items() -> None:
    assert [n for n, *_ in starts("""
        § 7 Bidrag till föreningar
        Enligt 8 kap. 3 § kommunallagen får bidrag lämnas.
        8 000 kronor beviljas.
        8 000 Kronor beviljas föreningen.
        Summa 8 500 Kronor
        § 8 Övriga frågor
    """)] == [7, 8]


def test_a_paragraph_number_ocr_could_not_read_takes_the_number_between_its_neighbours() -> None:
    assert [n for n, *_ in starts("§ 12 Val\nText.\n§ l3 Budget\nText.\n§ 14 Övrigt\nText.")] == [12, 13, 14]


def test_point_marks_alone_on_their_lines_read_by_the_sequence() -> None:
    marks = ["1/", "2l", "Z/", "4/", "5l", "t6l", "7/", "8t", "9/", "lO/", "Ill", "12/"]
    text = "Protokoll från stämman\n" + "\n".join(f"{m}\nPunkten {k} behandlades." for k, m in enumerate(marks, 1))
    assert [n for n, *_ in starts(text)] == list(range(1, 13))


def test_two_digit_point_marks_whose_stop_ocr_read_as_a_one_are_read_by_the_sequence() -> None:
    # "10/" read as "101", "14/" as "141": digits only, yet no agenda runs to a hundred points
    marks = ["1/", "2/", "3l", "4/", "5/", "6l", "7/", "8/", "9l", "101", "111", "\\21", "131", "14/", "151"]
    text = "Stämmoprotokoll\n" + "\n".join(f"{m}\nÄrendet behandlades, punkt {k}." for k, m in enumerate(marks, 1))
    assert [n for n, *_ in starts(text)] == list(range(1, 16))


def test_a_number_alone_on_its_line_outside_a_sequence_of_marks_is_no_point() -> None:
    text = "1/\nMötet öppnades.\n2/\nKassan redovisades:\n101\nkronor i kassan.\n3/\nMötet avslutades."
    assert [n for n, *_ in starts(text)] == [1, 2, 3]


def test_lettered_sub_points_are_not_read_as_lost_numbers() -> None:
    text = "1/\nMötet öppnades.\n2/\nÖvriga frågor:\na/\nVägen.\nb/\nSladden.\n3/\nMötet avslutades."
    assert [n for n, *_ in starts(text)] == [1, 2, 3]


def test_points_whose_digits_ocr_lost_take_their_numbers_from_the_sequence() -> None:
    lines = [make_line(text, x0=x, top=20.0 * k) for k, (text, x) in enumerate([
        ("Årsmöte i föreningen", 120), (". Mötets öppnande", 92), ("Mötet öppnades.", 103),
        (". Val av ordförande", 92), ("Anna Ek valdes.", 103), ("3. Val av sekreterare", 89),
        ("Per Holm valdes.", 103), (". Val av justerare", 92), ("Eva Lund valdes.", 103),
        ("5. Mötets avslutande", 89), ("Mötet avslutades.", 103)])]
    assert [(s.number, s.title) for s in find_item_starts(lines, "protokoll")] == [
        (1, "Mötets öppnande"), (2, "Val av ordförande"), (3, "Val av sekreterare"), (4, "Val av justerare"),
        (5, "Mötets avslutande")]


def test_a_first_point_set_plain_before_bold_ones_is_an_item() -> None:
    lines = [make_line("1. Inledning (Anna, kansliet)", x0=89, top=0),
             make_line("Text om inledningen.", x0=107, top=20),
             *[make_line(f"{n}. Punkt {n}", x0=89, bold=True, top=40.0 * n) for n in range(2, 5)],
             make_line("Text.", x0=107, top=200)]
    assert [s.number for s in find_item_starts(lines, "minnesanteckningar")] == [1, 2, 3, 4]


# -- class 2: a list of appendices, an appendix bound in: later items are still found ---------


def test_a_heading_listing_appendices_ends_no_item() -> None:
    result = starts("""
        § 5 Budget 2025
        Styrelsen beslutade att fastställa budgeten.
        **Bilagor**
        Bilaga 1 Budgetförslag
        Bilaga 2 Investeringsplan
        § 6 Val av revisorer
        Eva Ek valdes.
        § 7 Övriga frågor
        Inga frågor.
    """)
    assert [n for n, *_ in result] == [5, 6, 7]


def test_an_appendix_bound_in_after_a_paragraph_ends_it_and_the_next_paragraph_starts_an_item() -> None:
    lines = [make_line(t, page=p, top=top) for p, top, t in [
        (1, 60, "§ 5 Budget 2025"), (1, 80, "Styrelsen beslutade att fastställa budgeten."),
        (2, 40, "Tjänsteskrivelse"), (2, 60, "1. Bakgrund"), (2, 80, "Förvaltningen föreslår 200 000 kr."),
        (2, 100, "2. Förslag"), (2, 120, "Att anta budgeten."),
        (3, 60, "§ 6 Val av revisorer"), (3, 80, "Eva Ek valdes."),
        (3, 100, "§ 7 Övriga frågor"), (3, 120, "Inga frågor.")]]
    result = find_item_starts(lines, "protokoll")
    assert [s.number for s in result] == [5, 6, 7]
    assert result[0].end == 2 and result[1].end is None


def test_after_an_appendix_the_meeting_resumes_at_the_next_paragraph_even_when_a_contents_list_came_first() -> None:
    # A contents list names every paragraph before the first; the numbering an appendix
    # interrupts is that of the paragraph read just before it, not the contents list's last.
    lines = [make_line(t, page=p, top=top) for p, top, t in [
        (1, 40, "Innehåll"), (1, 60, "§ 21 Öppnande 2"), (1, 80, "§ 22 Ekonomi 3"), (1, 100, "§ 23 Val 4"),
        (2, 40, "§ 21 Öppnande"), (2, 60, "Ordföranden öppnade mötet."),
        (3, 40, "§ 22 Ekonomi"), (3, 60, "Nämnden beslutar att godkänna rapporten."),
        (4, 40, "Bilaga 1 till § 22"), (4, 60, "Rapport om ekonomin."),
        (5, 40, "§ 23 Val"), (5, 60, "Eva Ek valdes.")]]
    result = find_item_starts(lines, "protokoll")
    assert [s.number for s in result] == [21, 22, 23]
    assert result[1].end == 8  # the appendix heading


def test_a_bold_appendix_reference_in_a_paragraph_ends_nothing() -> None:
    result = starts("""
        § 5 Budget 2025
        **Bilaga 1**
        Budgetförslaget.
        **Beslut**
        Styrelsen beslutade att fastställa budgeten.
        § 6 Val av revisorer
        Eva Ek valdes.
    """)
    assert [n for n, *_ in result] == [5, 6]
    assert find_item_starts(make_lines("§ 5 Budget\n**Bilaga 1**\nText.\n**Beslut**\nText.\n§ 6 Val\nText."),
                            "protokoll")[0].end is None


# -- class 3: unnumbered headings by the document's own styles --------------------------------


def test_plain_bold_headings_of_body_size_are_the_items_and_a_bold_lead_sentence_is_not() -> None:
    lines = [
        make_line("Anteckningar från arbetsgruppen för kulturhuset", bold=True, size=16, top=0),
        make_line("Närvarande: Anna Ek, Per Holm, Eva Lund", top=30),
        make_line("Lokalfrågan", bold=True, top=60),
        make_line("Gruppen gick igenom de tre förslagen till lokal och jämförde hyrorna.", top=80),
        make_line("Ekonomi", bold=True, top=110),
        make_line("Kassören redovisade läget, som är gott.", top=130),
        make_line("Det viktigaste just nu är att hitta en hyresgäst som kan", bold=True, top=150),
        make_line("dela på kostnaderna under det första året.", top=164),
        make_line("Nästa möte", bold=True, top=190),
        make_line("Den 12 maj.", top=210),
    ]
    assert [s.title for s in find_item_starts(lines, "minnesanteckningar")] == ["Lokalfrågan", "Ekonomi", "Nästa möte"]


def test_the_heading_style_that_repeats_is_the_items_not_a_larger_title_set_once() -> None:
    lines = [
        make_line("Kulturhuset i Norrby", size=18, bold=True, top=0),
        make_line("Genomgång av hyresavtalet inför sommaren", size=14, bold=True, top=40),
        make_line("Text om avtalet.", top=60),
        make_line("Underhållsplanen", size=14, bold=True, top=90),
        make_line("Text om planen.", top=110),
    ]
    assert [s.title for s in find_item_starts(lines, "minnesanteckningar")] == [
        "Genomgång av hyresavtalet inför sommaren", "Underhållsplanen"]


def test_a_title_naming_the_meeting_and_its_year_is_no_item() -> None:
    lines = [make_line("Referat", top=0), make_line("Föreningens styrelsemöte för år 2023", size=14, top=20),
             make_line("Öppnande", size=14, top=50), make_line("Mötet öppnades av ordföranden klockan sju.", top=70),
             make_line("Styrelseprotokollet", size=14, top=100),
             make_line("Protokollet från förra mötet lades till handlingarna.", top=120)]
    assert [s.title for s in find_item_starts(lines, "protokoll")] == ["Öppnande", "Styrelseprotokollet"]


def test_a_numbered_list_inside_a_headings_text_is_no_item() -> None:
    lines = [make_line("Anteckningar", bold=True, size=16, top=-20),
             make_line("Läget i projektet", bold=True, size=12, top=0), make_line("Text.", top=20),
             make_line("Genomgång av utkastet", bold=True, size=12, top=40), make_line("Kapitlen är:", top=60),
             *[make_line(f"{n}. Kapitel {n}", x0=70, top=60.0 + 20 * n) for n in range(1, 6)],
             make_line("Synpunkter", bold=True, size=12, top=200), make_line("Text.", top=220)]
    assert [(s.number, s.title) for s in find_item_starts(lines, "minnesanteckningar")] == [
        (None, "Läget i projektet"), (None, "Genomgång av utkastet"), (None, "Synpunkter")]


def test_in_a_plan_every_heading_is_an_item_and_a_decimal_sub_heading_takes_its_sections_number() -> None:
    lines = [make_line("Plan för 2026", size=20, bold=True, top=0),
             make_line("1. Uppdrag", size=14, bold=True, top=40), make_line("Text.", top=60),
             make_line("2. Mål", size=14, bold=True, top=80), make_line("Text.", top=100),
             make_line("2.1 Mål för barn", size=12, bold=True, top=120), make_line("Text.", top=140),
             make_line("2.1.1 Förskolan", size=11, bold=True, top=160), make_line("Text.", top=180),
             make_line("3. Budget", size=14, bold=True, top=200), make_line("Text.", top=220)]
    result = find_item_starts(lines, "verksamhetsplan")
    assert [(s.number, s.title) for s in result] == [
        (1, "Uppdrag"), (2, "Mål"), (2, "Mål för barn"), (2, "Förskolan"), (3, "Budget")]
    # in minutes the same sub-sections belong to their item
    assert [s.number for s in find_item_starts(lines, "protokoll")] == [1, 2, 3]


def test_outline_headings_of_a_report_are_items_whatever_their_words() -> None:
    lines = [make_line(t, top=20.0 * k, heading_level=lv) for k, (t, lv) in enumerate([
        ("Verksamhetsberättelse 2025", 0), ("Plats", 2), ("Lokalen är hyrd.", None),
        ("Sammanfattning", 2), ("Året var bra.", None)])]
    assert [s.title for s in find_item_starts(lines, "rapport")] == ["Plats", "Sammanfattning"]


def test_headings_of_a_report_set_larger_than_its_text_are_items_whatever_their_words() -> None:
    # The PDF reading of the case above: no outline levels, only sizes; the title is the first
    # line in a size of its own, and a heading that is also a front-page label ("Tid") is no label.
    lines = [make_line(t, top=20.0 * k, size=size, bold=size > 11) for k, (t, size) in enumerate([
        ("Årsberättelse för föreningen 2024", 18.0), ("Tid", 12.5), ("Vi har öppet tre kvällar i veckan.", 11.0),
        ("Ekonomi", 12.5), ("Kassan är god.", 11.0), ("Framåt", 12.5), ("Vi växer.", 11.0)])]
    assert [s.title for s in find_item_starts(lines, "rapport")] == ["Tid", "Ekonomi", "Framåt"]


# -- class 4: a number with no heading of its own -------------------------------------------


def test_a_paragraph_without_a_heading_takes_its_first_sentence_as_title_and_keeps_it_as_text() -> None:
    lines = make_lines("""
        § 2 Till ordförande valdes Anna Ek och till
        sekreterare Per Holm.
        § 3 Val av justerare. Eva Lund valdes att justera protokollet.
        § 4 Budget
        Styrelsen beslutade att fastställa budgeten.
    """)
    result = find_item_starts(lines, "protokoll")
    assert [s.title for s in result] == ["Till ordförande valdes Anna Ek och till sekreterare Per Holm",
                                          "Val av justerare", "Budget"]
    assert result[0].lead is not None and result[0].lead.text == (
        "Till ordförande valdes Anna Ek och till sekreterare Per Holm.")
    assert result[0].body == 2 and result[1].lead.text.endswith("Eva Lund valdes att justera protokollet.")
    assert result[2].lead is None


def test_a_bold_heading_keeps_its_whole_line_as_title() -> None:
    lines = make_lines("**§ 7 Information: Ekonomi och lokaler**\nKassören informerade.\n**§ 8 Övrigt**\nText.")
    assert [(s.title, s.lead) for s in find_item_starts(lines, "protokoll")] == [
        ("Information: Ekonomi och lokaler", None), ("Övrigt", None)]


def test_a_title_in_bold_with_a_plain_note_after_it_on_its_line() -> None:
    line = make_line("1. Ekonomin (Anna Ek, kassör)")
    line.segments[0].bold_lead = len("1. Ekonomin")
    result = find_item_starts([line, make_line("Text.", top=20), make_line("2. Övrigt", top=40, bold=True),
                               make_line("Text.", top=60)], "protokoll")
    assert result[0].title == "Ekonomin" and result[0].lead is not None and result[0].lead.text == "(Anna Ek, kassör)"


# -- the record: what the segmenter's starts mean for items, decisions and amounts ------------


def _record(lines: list, pages: int = 1) -> Document:
    return build_record(Layout(source="x.pdf", pages=pages, lines=lines), "0" * 64)


def test_a_paragraph_that_is_one_sentence_keeps_it_as_text_and_decision() -> None:
    record = _record(make_lines("""
        Protokoll årsmöte
        § 1 Mötets öppnande
        Ordföranden öppnade mötet.
        § 2 Till ordförande för mötet valdes Anna Ek.
        § 3 Budget
        Årsmötet beslutade att fastställa budgeten.
    """))
    item = record.items[1]
    assert (item.number, item.title) == (2, "Till ordförande för mötet valdes Anna Ek")
    assert item.text == "Till ordförande för mötet valdes Anna Ek."
    assert [d.text for d in item.decisions] == ["Till ordförande för mötet valdes Anna Ek."]


def test_money_of_an_appendix_bound_in_between_paragraphs_is_outside_every_item() -> None:
    lines = [make_line(t, page=p, top=top) for p, top, t in [
        (1, 40, "Protokoll kommunstyrelsen"), (1, 60, "§ 5 Budget 2025"),
        (1, 80, "Kommunstyrelsen beslutade att fastställa budgeten."),
        (2, 40, "Tjänsteskrivelse"), (2, 60, "Förvaltningen föreslår en ram om 200 000 kr."),
        (3, 60, "§ 6 Val av revisorer"), (3, 80, "Eva Ek valdes.")]]
    record = _record(lines, pages=3)
    assert [(i.number, i.page_start, i.page_end) for i in record.items] == [(5, 1, 1), (6, 3, 3)]
    assert "200 000" not in record.items[0].text and not record.items[0].amounts
    assert [a.value_sek for a in record.amounts] == [200000]


def test_a_colon_before_names_or_a_lettered_sub_point_below_ends_no_title() -> None:
    lines = make_lines("""
        1. Till styrelsesuppleant valdes: Johan Larsson
        2. Övriga frågor: Johan föreslog en skylt vid infarten.
        3. Val av
        a) ordförande för 2 år
        Per Larsson valdes.
        4. Mötets avslutande
    """)
    assert [s.title for s in find_item_starts(lines, "protokoll")] == [
        "Till styrelsesuppleant valdes: Johan Larsson", "Övriga frågor", "Val av", "Mötets avslutande"]


def test_a_heading_size_is_one_style_whatever_weight_each_page_reads_it_in() -> None:
    sizes = [(14.0, True), (14.5, True), (14.3, False)]  # an OCR'd page and a text page of one file
    lines = [make_line("Protokoll", top=0)]
    for k, (size, bold) in enumerate(sizes):
        lines += [make_line(f"Rubrik {k + 1}", size=size, bold=bold, top=40.0 * k + 20),
                  make_line("Text som hör till rubriken och fyller raden.", top=40.0 * k + 40)]
    assert [s.title for s in find_item_starts(lines, "protokoll")] == ["Rubrik 1", "Rubrik 2", "Rubrik 3"]


def test_an_unread_number_the_gap_does_not_fit_stays_unnumbered_and_no_item() -> None:
    # between 12 and 15 two numbers are missing: one unread paragraph cannot say which it is
    assert [n for n, *_ in starts("§ 12 Val\nText.\n§ l3 Budget\nText.\n§ 15 Övrigt\nText.")] == [12, 15]


def test_digits_alone_on_a_line_are_no_point_mark() -> None:
    assert mark_readings("12") is None and mark_readings("2024") is None and mark_readings("Ja") is None
    assert mark_readings("J/") == [] and mark_readings("t6l") == [6, 16]


def test_lines_whose_digits_were_lost_count_only_in_the_points_column() -> None:
    lines = [make_line(text, x0=x, top=20.0 * k) for k, (text, x) in enumerate([
        ("1. Mötets öppnande", 89), ("Mötet öppnades.", 103), ("2. Ekonomi", 89), ("Kassören redovisade:", 103),
        (". Intäkterna steg med en tiondel", 130), ("4. Mötets avslutande", 89)])]
    assert [s.number for s in find_item_starts(lines, "protokoll")] == [1, 2, 4]


def test_a_heading_wrapped_onto_a_line_in_lower_case_is_one_heading() -> None:
    lines = [make_line("Protokoll", top=0),
             make_line("Genomgång av budgeten inför", size=14, top=20),
             make_line("nästa verksamhetsår", size=14, top=38),
             make_line("Kassören gick igenom budgeten post för post och svarade på frågor.", top=60),
             make_line("Övriga frågor", size=14, top=90),
             make_line("Inga övriga frågor hade anmälts före mötet eller under det.", top=110)]
    assert [s.title for s in find_item_starts(lines, "protokoll")] == [
        "Genomgång av budgeten inför nästa verksamhetsår", "Övriga frågor"]


def test_a_bold_heading_with_a_full_stop_is_an_item_on_one_line_or_wrapped_and_a_bold_decision_is_none() -> None:
    # A heading may end in a full stop; whether it fits one line (a DOCX paragraph, a wide PDF
    # template) or wraps (a narrow one) must not decide whether it is an item.
    one_line = [make_line("Anteckningar från arbetsgruppen", bold=True, size=16, top=0),
                make_line("Hyresavtalet för lokalen på Storgatan (förlängning 2026).", bold=True, top=40),
                make_line("Avtalet löper ut i december och hyresvärden vill höja hyran.", top=60),
                make_line("Styrelsen beslutar att teckna ett nytt avtal.", bold=True, top=80),
                make_line("Sommarfesten", bold=True, top=100), make_line("Den hålls i juni.", top=120)]
    wrapped = [*one_line[:1], make_line("Hyresavtalet för lokalen på Storgatan", bold=True, top=40),
               make_line("(förlängning 2026).", bold=True, top=53), *one_line[2:]]
    for lines in (one_line, wrapped):
        assert [s.title for s in find_item_starts(lines, "minnesanteckningar")] == [
            "Hyresavtalet för lokalen på Storgatan (förlängning 2026)", "Sommarfesten"]


def test_the_wrapped_line_of_a_bold_title_ending_in_a_full_stop_is_no_heading() -> None:
    lines = [make_line("Synpunkter från mötet i byalaget om planerna för nybyggnation vid", bold=True, top=0),
             make_line("stranden vid Norra hamnen.", bold=True, top=14),
             make_line("Trafik – hur påverkas vägen?", bold=True, top=36),
             make_line("Många oroar sig för fler bilar.", top=56),
             make_line("Parkering – räcker platserna?", bold=True, top=76),
             make_line("Det behövs fler platser på sommaren.", top=96)]
    assert [s.title for s in find_item_starts(lines, "minnesanteckningar")] == [
        "Trafik – hur påverkas vägen?", "Parkering – räcker platserna?"]
    # must not catch: a first heading set right under the title in its style, capitalised
    titled = [make_line("Föreningens årsmöte 2023", bold=True, size=14, top=0),
              make_line("Mötets öppnande", bold=True, size=14, top=22),
              make_line("Ordföranden hälsade alla välkomna.", top=44),
              make_line("Val av sekreterare", bold=True, size=14, top=66),
              make_line("Anna Ek valdes.", top=88)]
    assert [s.title for s in find_item_starts(titled, "protokoll")] == ["Mötets öppnande", "Val av sekreterare"]
