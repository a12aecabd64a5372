"""Money in tables."""

from extractors.tables import is_data_table, table_amounts
from schemas.layout import Table


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
