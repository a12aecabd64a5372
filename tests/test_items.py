"""Item segmentation: paragraphs, numbered points and headings; tables of contents."""

from extractors.items import find_item_starts, item_end
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
