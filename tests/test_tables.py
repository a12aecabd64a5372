"""Money in tables."""

from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.tables import column_tables, document_table_amounts, is_data_table, table_amounts
from pipeline.extract import extract_file
from schemas.layout import Line, Segment, Table
from tests.conftest import make_line, make_lines


def test_budget_table_with_id_column_and_sections() -> None:
    table = Table(page=6, rows=[
        ["ID", "kr", "Årsbudget 2023", "Utfall 2023-08-31"],
        ["INTÄKTER", None, None, None],
        ["1002", "Medel från huvudmännen", "7 030 000", "4 393 753"],
        ["1064", "Samordningsteam Sala", "-1 500 000", "-790 394"],
        [None, "SUMMA", "-748 370", "680 810"],
    ])
    found = {(a.row, a.column): a.value_sek for a in table_amounts(table)}
    assert found == {
        ("Medel från huvudmännen", "Årsbudget 2023"): 7030000,
        ("Medel från huvudmännen", "Utfall 2023-08-31"): 4393753,
        ("Samordningsteam Sala", "Årsbudget 2023"): -1500000,
        ("Samordningsteam Sala", "Utfall 2023-08-31"): -790394,
        ("SUMMA", "Årsbudget 2023"): -748370,
        ("SUMMA", "Utfall 2023-08-31"): 680810,
    }


def test_unit_of_the_table_scales_its_cells() -> None:
    table = Table(page=1, caption="Budget (tkr)", rows=[["", "Budget 2025"], ["Styrelse", "619"]])
    assert [a.value_sek for a in table_amounts(table)] == [619000]


def test_counts_and_shares_are_not_money() -> None:
    table = Table(page=1, rows=[["AVSLUTSANLEDNING", "ANTAL", "ANDEL (%)"], ["Arbete", "12", "26 %"]])
    assert table_amounts(table) == []


def test_minutes_set_in_a_grid_are_text_not_figures() -> None:
    grid = Table(page=1, rows=[["Punkt", "Vad", "Ansvar"], ["2", "Val av justerare", ""], ["4", "Ekonomi", "Anna"],
                               ["6", "Vägen", "Per"]])
    budget = Table(page=1, rows=[["Post", "Budget"], ["Vägunderhåll", "12 000"], ["Snöröjning", "8 000"]])
    assert not is_data_table(grid)
    assert is_data_table(budget)


# Tables as minutes nobody here had read print them (issue 14, class 8): without a header row,
# without a unit of their own, set with gaps or tabs, printed turned on a landscape page.


def cells(table: Table) -> list[tuple[str, str, int]]:
    return [(a.row, a.column, a.value_sek) for a in table_amounts(table)]


def test_a_table_without_a_header_row_gives_the_column_nothing() -> None:
    table = Table(page=2, rows=[["Gemensamt", "1 234 tkr"], ["Nämnd B", "- 567 tkr"], ["", "667 tkr"]])
    assert cells(table) == [("Gemensamt", "", 1234000), ("Nämnd B", "", -567000)]


def test_a_table_without_a_unit_takes_the_unit_its_caption_states() -> None:
    table = Table(page=1, caption="Fördelning per nämnd, belopp i tkr",
                  rows=[["Nämnd A", "1 234"], ["Nämnd B", "-567"]])
    assert cells(table) == [("Nämnd A", "", 1234000), ("Nämnd B", "", -567000)]


def test_an_amount_in_the_caption_states_no_unit_for_the_table() -> None:
    table = Table(page=1, caption="Styrelsen beviljar 60 tkr enligt följande:",
                  rows=[["Lokalhyra", "40 000"], ["Fika", "20 000"]])
    assert cells(table) == [("Lokalhyra", "", 40000), ("Fika", "", 20000)]


def test_figures_to_the_ore_are_money_without_a_header() -> None:
    table = Table(page=4, caption="Ekonomi", rows=[["Ingående balans", "12345.67"], ["Porto", "150.00"]])
    assert cells(table) == [("Ingående balans", "", 12346), ("Porto", "", 150)]


def test_an_account_statement_row_is_labelled_by_its_date() -> None:
    table = Table(page=2, rows=[["Datum", "Belopp"], ["2024-01-05", "-320"], ["2024-02-11", "1 500"]])
    assert cells(table) == [("2024-01-05", "Belopp", -320), ("2024-02-11", "Belopp", 1500)]


def test_a_cell_with_plus_sign_and_glued_unit() -> None:
    table = Table(page=1, rows=[["Post", "Förändring"], ["Kassa", "+ 1 234kr"], ["Bank", "12.500 kr"]])
    assert cells(table) == [("Kassa", "Förändring", 1234), ("Bank", "Förändring", 12500)]


def test_headerless_counts_are_not_money() -> None:
    """Counts in thousands without a header, unit or money word: not money (with a header that
    names money they would be)."""
    assert cells(Table(page=1, rows=[["Invånare", "12 345"], ["Hushåll", "5 678"]])) == []
    assert cells(Table(page=1, rows=[["Tid", "Start"], ["Måndag", "13.00"], ["Tisdag", "15.30"]])) == []


def test_label_amount_rows_set_with_gaps_are_a_table() -> None:
    lines = make_lines("""
        Förslag till fördelning
        Gemensamt\t1 234 tkr
        Nämnd B\t- 567 tkr
        Beslutet gäller från årsskiftet.
    """)
    found = column_tables(lines)
    assert [indexes for indexes, _ in found] == [[1, 2]]
    assert cells(found[0][1]) == [("Gemensamt", "", 1234000), ("Nämnd B", "", -567000)]


def test_two_rows_of_figures_without_money_are_no_table() -> None:
    lines = make_lines("""
        Närvarande\t12
        Frånvarande\t3
    """)
    assert column_tables(lines) == []


def test_one_label_amount_row_is_text() -> None:
    assert column_tables(make_lines("Kostnad\t1 234 kr\nMötet avslutades.")) == []


def test_label_amount_rows_in_an_item_go_to_table_amounts_not_the_items_amounts(tmp_path: Path) -> None:
    """A DOCX whose § lists label–amount rows with tabs: the rows are a table; the sentence's
    amount stays the item's."""
    document = docx.Document()
    document.add_paragraph("Protokoll styrelsemöte 2024-03-12")
    document.add_paragraph("§ 4 Budget")
    document.add_paragraph("Styrelsen beslutar att fördela 2 000 kr enligt följande:")
    document.add_paragraph("Gemensamt\t1 234 kr")
    document.add_paragraph("Ungdomssektionen\t766 kr")
    document.add_paragraph("§ 5 Avslutning")
    document.add_paragraph("Ordföranden avslutade mötet.")
    path = tmp_path / "budget.docx"
    document.save(path)
    record = extract_file(path)
    assert [(a.row, a.column, a.value_sek) for a in record.table_amounts] == [
        ("Gemensamt", "", 1234), ("Ungdomssektionen", "", 766)]
    budget = next(item for item in record.items if item.number == 4)
    assert [a.value_sek for a in budget.amounts] == [2000]


@pytest.mark.parametrize("turn", [90, -90])
def test_a_budget_table_printed_turned_on_a_portrait_page_is_read(tmp_path: Path, turn: int) -> None:
    """A landscape table on a portrait page, its text turned a quarter (either way round)."""
    path = tmp_path / "turned.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.drawString(60, 800, "Bilaga 2 till protokoll 2025-03-12")  # upright, above the table
    canvas.saveState()
    canvas.translate(*((A4[0], 0) if turn == 90 else (0, A4[1])))
    canvas.rotate(turn)
    rows = [("Budget 2025-2026 (tkr)", "2025", "2026"), ("Kansli", "1 200", "1 250"), ("Insatser", "3 400", "3 100")]
    for k, (label, *figures) in enumerate(rows):
        canvas.drawString(60, 500 - 16 * k, label)
        for c, figure in enumerate(figures):
            canvas.drawRightString(420 + 90 * c, 500 - 16 * k, figure)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    record = extract_file(path)
    assert [(a.row, a.column, a.value_sek) for a in record.table_amounts] == [
        ("Kansli", "2025", 1_200_000), ("Kansli", "2026", 1_250_000),
        ("Insatser", "2025", 3_400_000), ("Insatser", "2026", 3_100_000)]


def positioned(page: int, top: float, *cells: tuple[str, float, float]) -> Line:
    """A PDF line whose cells (text, x0, x1) the reader parted by their gaps."""
    return Line(segments=[Segment(text=t, x0=a, x1=b, size=9.0) for t, a, b in cells], page=page, top=top,
                bottom=top + 9)


def test_a_ledger_with_columns_of_words_and_figures_joined_to_words() -> None:
    """A kassabok: date, payee, amount, balance, text. The reader joined the balance with the text
    after it (their gap was under its column gap); the columns of words are columns too."""
    lines = [
        positioned(1, 100, ("Datum Motpart Belopp Saldo Text", 60, 285)),
        positioned(1, 112, ("2025-02-03", 60, 105), ("Hyra", 120, 140), ("-4 500", 170, 200),
                   ("12 250,00 Februarihyra", 215, 320)),
        positioned(1, 124, ("2025-02-10 Swish", 60, 140), ("300", 185, 200), ("12 550,00 Medlemsavgift", 215, 325)),
        positioned(1, 136, ("2025-02-14", 60, 105), ("Bank", 120, 141), ("-45", 188, 200),
                   ("12 505,00 Avgift", 215, 290)),
    ]
    found = column_tables(lines)
    assert len(found) == 1
    assert cells(found[0][1]) == [
        ("2025-02-03", "Belopp", -4500), ("2025-02-03", "Saldo", 12250),
        ("2025-02-10", "Belopp", 300), ("2025-02-10", "Saldo", 12550),
        ("2025-02-14", "Belopp", -45), ("2025-02-14", "Saldo", 12505)]


def test_a_label_wrapped_in_its_cell_goes_on_in_the_line_below() -> None:
    lines = [
        positioned(1, 100, ("Post", 60, 80), ("Budget 2025", 250, 300)),
        positioned(1, 112, ("Bidrag till", 60, 110), ("12 000", 270, 300)),
        positioned(1, 124, ("föreningar i kommunen", 60, 150)),
        positioned(1, 136, ("Hyra", 60, 80), ("8 000", 275, 300)),
    ]
    assert cells(column_tables(lines)[0][1]) == [("Bidrag till föreningar i kommunen", "Budget 2025", 12000),
                                                 ("Hyra", "Budget 2025", 8000)]


def test_a_row_of_sums_without_a_label_under_its_header_is_a_table_that_gives_no_amount() -> None:
    """ "Ingående saldo | Utgående saldo" over their two sums: table money without a row label, so
    no amount anywhere (and none in the text)."""
    lines = [
        positioned(1, 100, ("Ingående saldo", 60, 130), ("Utgående saldo", 300, 370)),
        positioned(1, 112, ("10 250,00 kr", 60, 120), ("12 400,00 kr", 310, 370)),
        positioned(1, 130, ("Styrelsen lägger rapporten till handlingarna.", 60, 290)),
    ]
    found = column_tables(lines)
    assert [indexes for indexes, _ in found] == [[0, 1]]
    assert cells(found[0][1]) == []


def test_a_sentence_with_two_sums_is_no_table() -> None:
    lines = [positioned(1, 100, ("Kostnaden blev", 60, 130), ("10 250 kr", 200, 240), ("och 300 kr", 300, 340))]
    assert column_tables(lines) == []


def test_a_table_going_on_over_a_page_break_keeps_its_header() -> None:
    first = Table(page=3, caption="Utfall per verksamhet (kr)",
                  rows=[["Verksamhet", "Budget", "Utfall"], ["Kansli", "1 200 000", "1 150 000"]])
    rest = Table(page=4, rows=[["Insatser", "3 400 000", "3 390 500"], ["Summa", "4 600 000", "4 540 500"]])
    other = Table(page=5, rows=[["Ofördelat", "100 000 kr"], ["Reserv", "50 000 kr"]])
    found = [(a.row, a.column, a.value_sek) for a in document_table_amounts([first, rest, other])]
    assert found == [("Kansli", "Budget", 1200000), ("Kansli", "Utfall", 1150000),
                     ("Insatser", "Budget", 3400000), ("Insatser", "Utfall", 3390500),
                     ("Summa", "Budget", 4600000), ("Summa", "Utfall", 4540500),
                     ("Ofördelat", "", 100000), ("Reserv", "", 50000)]  # not a part of the table before it


def test_label_amount_rows_lined_up_with_spaces_in_a_docx_are_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("§ 7 Fördelning av medel")
    document.add_paragraph("Styrelsen fördelar medlen så här:")
    document.add_paragraph("Gemensamt          1 234 tkr")
    document.add_paragraph("Nämnd B            - 567 tkr")
    document.add_paragraph("Beslutet gäller  från 1 januari.")  # two spaces part no columns
    path = tmp_path / "spaces.docx"
    document.save(path)
    record = extract_file(path)
    assert [(a.row, a.column, a.value_sek) for a in record.table_amounts] == [
        ("Gemensamt", "", 1234000), ("Nämnd B", "", -567000)]
    assert [a.value_sek for item in record.items for a in item.amounts] == []


def _rows_at(rows: list[tuple[str, float]]) -> list[Line]:
    """Lines of a table without rules, each at its own top (11 pt type)."""
    return [make_line(text, top=top) for text, top in rows]


def test_a_label_wrapped_in_its_cell_stays_one_row_and_a_group_row_starts_anew() -> None:
    # Rows 16 pt apart, the lines of a wrapped cell 12 pt: the line under a row's label closer
    # than any two rows is its cell going on, capitalised or not; a group row sits a row's distance below.
    lines = _rows_at([
        ("Post\tUtfall 2024\tBudget 2025", 100), ("Hyra\t-48 000\t-50 000", 116),
        ("Lokal i\t-12 000\t-14 000", 132), ("Folkets Hus", 144), ("Aktiviteter", 160),
        ("Resa till\t-8 000\t-9 000", 176), ("Tekniska Museet", 188), ("Stockholm", 200),
        ("Fika\t-2 000\t-2 500", 216)])
    found = column_tables(lines)
    assert len(found) == 1
    labels = [row[0] for row in found[0][1].rows[1:]]
    assert labels == ["Hyra", "Lokal i Folkets Hus", "Aktiviteter", "Resa till Tekniska Museet Stockholm", "Fika"]
