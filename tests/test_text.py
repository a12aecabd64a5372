"""Dates, times and names as Swedish minutes write them."""

from datetime import date

from extractors.text import find_dates, find_time, looks_like_person, person_key


def test_dates_in_every_written_form() -> None:
    text = "Sammanträdesdatum 2024-05-27, justerat den 16 september 2020, nästa möte 12-10-2020, 3 maj 2021"
    assert [d for _, d in find_dates(text)] == [
        date(2024, 5, 27), date(2020, 9, 16), date(2020, 10, 12), date(2021, 5, 3)]


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("Rad 2024-13-45 och 31 februari 2023") == []


def test_meeting_times() -> None:
    assert find_time("Stadskällaren, Arboga, kl. 09.00 – 14.20")[0] == "09.00-14.20"
    assert find_time("Hotell scheele 13.00-17.00")[0] == "13.00-17.00"
    assert find_time("2023-07-25 kl 09.00")[0] == "09.00"
    assert find_time("Datum 2024-05-27") is None


def test_person_names() -> None:
    assert looks_like_person("Britt-Mari Enholm Gahnström")
    assert looks_like_person("IngMarie Juring")
    assert not looks_like_person("Kungsörs kommun")
    assert not looks_like_person("ordförande")
    assert person_key("Britt-Mari Enholm") == person_key("britt mari  Enholm")
