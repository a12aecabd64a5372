"""Attendee lists: groups, roles, organisations, parties and partial presence."""

from extractors.attendees import attendees_from_lines, parse_entry
from tests.conftest import make_line, make_lines


def one(text: str, group: str = "beslutande") -> dict:
    [attendee] = parse_entry(text, group)
    return attendee.model_dump(exclude_none=True)


def test_name_role_organisation() -> None:
    assert one("Shpetim Pirraku, ordförande, Köpings kommun") == {
        "name": "Shpetim Pirraku", "group": "beslutande", "role": "ordförande", "organisation": "Köpings kommun"}


def test_party_in_either_case_and_presence() -> None:
    assert one("Ewa Engdahl (c), ordförande")["party"] == "C"
    entry = one("Roger Lindberg (S), Arbetsförmedlingen §§ 20-21", "ersättare")
    assert (entry["party"], entry["organisation"], entry["present_for"]) == ("S", "Arbetsförmedlingen", "§§ 20-21")
    assert one("Sonja Jernberg, Försäkringskassan § 20 via Teams")["present_for"] == "§ 20 via Teams"
    assert one("Madeleine Åkerlind, Region Västmanland (kl 13.15-13.30)")["present_for"] == "kl 13.15-13.30"


def test_role_before_name_and_role_with_organisation() -> None:
    assert one("Ekonomichef Anders Svensson", "övriga") == {
        "name": "Anders Svensson", "group": "övriga", "role": "Ekonomichef"}
    entry = one("Anna Bernanker, verksamhetschef Köpings kommun §§ 20-21", "övriga")
    assert (entry["role"], entry["organisation"]) == ("verksamhetschef", "Köpings kommun")
    assert one("Birgitta Nilsson, projektledare Hela Viia", "övriga")["role"] == "projektledare Hela Viia"


def test_several_names_on_one_line() -> None:
    people = parse_entry("Björn Goffeng, Jan Sjögren, Ingrid Kristensen", "närvarande")
    assert [p.name for p in people] == ["Björn Goffeng", "Jan Sjögren", "Ingrid Kristensen"]


def test_a_count_of_members_is_nobody() -> None:
    assert parse_entry("samt ytterligare 31 medlemmar i föreningen", "närvarande") == []


def test_lists_under_labels_with_wrapped_entries() -> None:
    lines = make_lines("""
        Beslutande
        Carl-Inge Westberg (S), Köpings kommun, ordförande
        Marie-Louise Söderström (C), Arboga kommun
        Ersättare
        Carl-Inge Westberg (S), Köpings kommun
        Joakim Rönnberg (S), Region Västmanland
        Övriga deltagande
        Beatrice Lyckholm, sekreterare,
        Samordningsförbundet
        Madeleine Åkerlind, Region Västmanland (kl 13.15-
        13.30)
        Frånvarande: Erik Ehn Blomgren, Emil Stigsson
        Justerare
        Marie-Louise Söderström
    """)
    people = {a.name: a for a in attendees_from_lines(lines)}
    assert people["Carl-Inge Westberg"].group == "beslutande"  # listed twice: the weightier group
    assert people["Joakim Rönnberg"].group == "ersättare"
    assert people["Beatrice Lyckholm"].organisation == "Samordningsförbundet"
    assert people["Madeleine Åkerlind"].present_for == "kl 13.15-13.30"
    assert people["Emil Stigsson"].group == "frånvarande"
    assert len(people) == 7  # the justerare line is no attendee list


def test_label_column_with_sub_labels() -> None:
    lines = [
        make_line("Övriga deltagande\tErsättare"),
        make_line("Roger Lindberg, Arbetsförmedlingen §§ 20-21", x0=150),
        make_line("Tjänstemän och övriga deltagare", x0=150),
        make_line("Linda Anderfjäll, förbundssamordnare", x0=150),
    ]
    people = {a.name: a.group for a in attendees_from_lines(lines)}
    assert people == {"Roger Lindberg": "ersättare", "Linda Anderfjäll": "övriga"}


def test_municipal_groups_parties_before_and_after_and_substitutes() -> None:
    lines = make_lines("""
        Beslutande
        (C) Ewa Engdahl, ordförande
        (S) Anna Ek
        (-) Per Holm
        Olle Berg (KD) §§ 5-9 ersätter Lena Björk (SD)
        Ej beslutande ledamöter
        Sven Dahl (S)
        Ej tjänstgörande ersättare
        Karin Lind (M)
        Övriga deltagande
        Anders Svensson, kommunsekreterare
    """)
    people = {a.name: a for a in attendees_from_lines(lines)}
    assert [(p.name, p.party) for p in people.values() if p.group == "beslutande"] == [
        ("Ewa Engdahl", "C"), ("Anna Ek", "S"), ("Per Holm", "-"), ("Olle Berg", "KD")]
    assert people["Olle Berg"].present_for == "§§ 5-9" and "Lena Björk" not in people
    assert (people["Sven Dahl"].group, people["Karin Lind"].group) == ("ersättare", "ersättare")
    assert people["Anders Svensson"].role == "kommunsekreterare"


def test_name_lists_after_a_label_wrap_across_lines() -> None:
    lines = make_lines("""
        Deltagare: Anna Ek, Per Holm, Lisa
        Berg, Karl Svensson
        Frånvarande: Eva Lund
    """)
    assert [(a.name, a.group) for a in attendees_from_lines(lines)] == [
        ("Anna Ek", "närvarande"), ("Per Holm", "närvarande"), ("Lisa Berg", "närvarande"),
        ("Karl Svensson", "närvarande"), ("Eva Lund", "frånvarande")]
