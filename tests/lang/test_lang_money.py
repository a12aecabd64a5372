"""Every entry of extractors/lang/sv/money.py, as the extractors read it."""

import pytest

from extractors.amounts import amounts_in
from extractors.lang.sv import money
from extractors.tables import table_amounts
from extractors.vocabulary import table_unit, talks_money
from schemas.layout import Table


def found(text: str) -> list[tuple[int, str | None]]:
    return [(m.value_sek, m.qualifier) for m in amounts_in(text)]


@pytest.mark.parametrize(("unit", "scale"), [(u, s) for u, s in money.CURRENCY_UNITS.items() if s >= 1])
def test_each_currency_unit_scales_its_number(unit: str, scale: float) -> None:
    assert [v for v, _ in found(f"Styrelsen beviljar 12 {unit} till projektet.")] == [12 * scale]


@pytest.mark.parametrize("unit", [u for u, s in money.CURRENCY_UNITS.items() if s < 1])
def test_each_subunit_adds_to_the_kronor_before_it(unit: str) -> None:
    assert [v for v, _ in found(f"Priset är 12 kr och 60 {unit} per liter.")] == [13]


@pytest.mark.parametrize(("word", "scale"), list(money.SCALE_WORDS.items()))
def test_each_scale_word_multiplies_before_a_currency(word: str, scale: int) -> None:
    assert [v for v, _ in found(f"Ramen är 3 {word} kronor för året.")] == [3 * scale]


@pytest.mark.parametrize("word", money.BARE_SCALE_WORDS)
def test_each_bare_scale_word_is_money_only_near_money(word: str) -> None:
    assert [v for v, _ in found(f"Överskottet (ca 2 {word}) förs över.")] == [2 * money.SCALE_WORDS[word]]
    assert found(f"Omkring 2 {word} resenärer passerar.") == []


@pytest.mark.parametrize("currency", money.CURRENCY_BEFORE)
def test_each_currency_written_before_the_number(currency: str) -> None:
    assert [v for v, _ in found(f"Avgiften blir {currency} 1 500 per år.")] == [1500]


@pytest.mark.parametrize("joiner", money.LIST_JOINERS)
def test_each_list_joiner_shares_the_unit(joiner: str) -> None:
    assert [v for v, _ in found(f"Bidragen är 12 400 {joiner} 9 800 kr.")] == [12400, 9800]


@pytest.mark.parametrize("joiner", [j for j in money.RANGE_JOINERS if j != "till"])
def test_each_range_joiner_shares_the_unit(joiner: str) -> None:
    assert [v for v, _ in found(f"Kostnaden blir 5{joiner}10 tkr.")] == [5000, 10000]


@pytest.mark.parametrize("opener", money.RANGE_OPENERS)
def test_each_range_opener_lets_till_join(opener: str) -> None:
    assert [v for v, _ in found(f"Avgiften ändras {opener} 100 till 125 kr.")] == [100, 125]
    assert [v for v, _ in found("Avgiften ändras 100 till 125 kr.")] == [125]


@pytest.mark.parametrize("word", money.NOT_MONEY_BEFORE)
def test_a_number_after_each_not_money_word_shares_no_unit(word: str) -> None:
    assert [v for v, _ in found(f"Enligt {word} 12 och 500 kr.")] == [500]


@pytest.mark.parametrize("qualifier", money.QUALIFIERS_BEFORE)
def test_each_qualifier_before_is_kept(qualifier: str) -> None:
    assert found(f"Projektet får {qualifier} 60 tkr.") == [(60000, qualifier)]


@pytest.mark.parametrize("qualifier", money.QUALIFIERS_AFTER)
def test_each_qualifier_after_is_kept(qualifier: str) -> None:
    assert found(f"Offerten är 50 350 kr {qualifier} och gäller ett år.") == [(50350, qualifier)]


@pytest.mark.parametrize("word", money.MONEY_WORDS)
def test_each_money_word_names_money(word: str) -> None:
    assert talks_money(f"Ärendet gäller {word} för nästa år.")
    assert [v for v, _ in found(f"Vi räknar med {word}: 3 miljoner.")] == [3_000_000]


def test_a_word_that_only_holds_a_money_word_is_not_money() -> None:
    assert not talks_money("Försäkringskassan och krisgruppen deltog.")


@pytest.mark.parametrize("word", money.NOT_MONEY_HEADER_WORDS)
def test_each_count_header_makes_a_table_no_money(word: str) -> None:
    table = Table(page=1, rows=[["Verksamhet", f"Ärenden {word}"], ["Rehab", "12 345"], ["Stöd", "6 789"]])
    assert table_amounts(table) == []


@pytest.mark.parametrize(("unit", "scale"), list(money.TABLE_UNITS.items()))
def test_each_table_unit_in_a_caption_scales_the_table(unit: str, scale: int) -> None:
    assert table_unit(f"Resultat per nämnd ({unit})") == scale
    table = Table(page=1, caption=f"Belopp i {unit}", rows=[["Nämnd A", "12"], ["Nämnd B", "-3"]])
    assert [a.value_sek for a in table_amounts(table)] == [12 * scale, -3 * scale]


@pytest.mark.parametrize("word", money.WORDS_AFTER_LISTED_AMOUNT)
def test_each_word_after_a_listed_amount_keeps_it_money(word: str) -> None:
    assert [v for v, _ in found(f"Avgiften är kr 250 resp 500 {word} året.")] == [250, 500]
    assert [v for v, _ in found("Avgiften är kr 250 och 3 personer betalar.")] == [250]


@pytest.mark.parametrize("word", money.SUM_HEADER_WORDS)
def test_each_sum_header_keeps_its_column_money_beside_counts(word: str) -> None:
    table = Table(page=1, rows=[["Insats", "Antal deltagare", word.capitalize()], ["Rehab", "12", "12 345"],
                                ["Stöd", "3", "6 789"]])
    assert [(a.row, a.column, a.value_sek) for a in table_amounts(table)] == [
        ("Rehab", word.capitalize(), 12345), ("Stöd", word.capitalize(), 6789)]  # not the counts
