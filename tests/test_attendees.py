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


# --- issue 14, class 5: the municipal front page ---------------------------------------------

def test_party_written_after_the_name_without_brackets() -> None:
    lines = [
        make_line("Beslutande ledamöter\tKarin Dahl MP, ordförande"),
        make_line("Olof Strand KD §§ 3-7", x0=200),
        make_line("Mia Lund ÖP (i Ove Berg:s frånvaro)", x0=200),
        make_line("Ej beslutande ersättare\tJohan Ek V"),
        make_line("Övriga närvarande\tEva Björk, nämndsekreterare"),
    ]
    people = {a.name: a for a in attendees_from_lines(lines)}
    assert [(p.name, p.group, p.party) for p in people.values()] == [
        ("Karin Dahl", "beslutande", "MP"), ("Olof Strand", "beslutande", "KD"),
        ("Mia Lund", "beslutande", "ÖP"),  # a local party's capitals are no part of the name
        ("Johan Ek", "ersättare", "V"), ("Eva Björk", "övriga", None)]
    assert people["Olof Strand"].present_for == "§§ 3-7"


def test_a_single_capital_after_a_name_is_no_party_where_the_list_names_none() -> None:
    people = attendees_from_lines(make_lines("""
        Övriga: Tove Ask, Erika Olofsson L, Bo Nyström
    """))
    assert [(a.name, a.party) for a in people] == [("Tove Ask", None), ("Erika Olofsson L", None),
                                                   ("Bo Nyström", None)]


def test_an_attendee_table_is_read_by_its_header_row() -> None:
    table = [
        make_line("Funktion\tNamn\tParti", table=0),
        make_line("Ordförande\tLena Ström\tSPI", table=0),
        make_line("Ersättare\tNils Åberg\tC", table=0),
        make_line("Ledamot\tAnn Wik\tS", table=0),
    ]
    people = {a.name: a for a in attendees_from_lines([make_line("Närvarande"), *table])}
    assert (people["Lena Ström"].party, people["Lena Ström"].organisation, people["Lena Ström"].role) == (
        "SPI", None, "Ordförande")  # the party column is a party, not an organisation
    assert people["Nils Åberg"].party == "C" and people["Ann Wik"].role == "Ledamot"


def test_a_person_on_two_lines_is_present_for_both() -> None:
    people = attendees_from_lines(make_lines("""
        Beslutande
        Kim Berg (L) §§ 12-15
        Ersättare
        Kim Berg (L) §§ 9-11
    """))
    assert [(a.name, a.group, a.present_for) for a in people] == [("Kim Berg", "beslutande", "§§ 12-15, §§ 9-11")]


# --- issue 14, class 11: attendee lists in other shapes ---------------------------------------

def test_organisation_then_its_people_in_one_paragraph() -> None:
    lines = make_lines("""
        Närvarande
        Skatteverket: Ida Holm, Ove Lind, IT-
        avdelningen: Pia Ros (lämnade efter punkt 3), Trafikverket: Max
        Ek, Jan Strand
    """)
    people = {a.name: a for a in attendees_from_lines(lines)}
    assert [(p.name, p.organisation) for p in people.values()] == [
        ("Ida Holm", "Skatteverket"), ("Ove Lind", "Skatteverket"), ("Pia Ros", "IT-avdelningen"),
        ("Max Ek", "Trafikverket"), ("Jan Strand", "Trafikverket")]
    assert people["Pia Ros"].present_for == "lämnade efter punkt 3"


def test_organisation_and_person_one_a_line() -> None:
    people = attendees_from_lines(make_lines("""
        Deltagare:
        Tullverket: Sara Vik
        SMHI: Leo Falk, Åsa Berg
    """))
    assert [(a.name, a.organisation) for a in people] == [
        ("Sara Vik", "Tullverket"), ("Leo Falk", "SMHI"), ("Åsa Berg", "SMHI")]


def test_a_bracket_without_parties_in_the_list_is_the_organisation() -> None:
    people = attendees_from_lines(make_lines("""
        Närvarande
        • Hanna Borg (MSB)
        • Nils Falk (Polismyndigheten)
        • Ebba Lund (Statens fastighetsverk)
    """))
    assert [(a.name, a.organisation, a.party) for a in people] == [
        ("Hanna Borg", "MSB", None), ("Nils Falk", "Polismyndigheten", None),
        ("Ebba Lund", "Statens fastighetsverk", None)]


def test_a_checkbox_grid_ticks_who_was_there() -> None:
    lines = [make_line("Närvaro"), make_line("☒ Lind Maria\t☐ Holm Erik"), make_line("[X] Berg Ulla\t[ ] Ros Tor")]
    people = {a.name: a.group for a in attendees_from_lines(lines)}
    assert people == {"Lind Maria": "närvarande", "Holm Erik": "frånvarande", "Berg Ulla": "närvarande",
                      "Ros Tor": "frånvarande"}


def test_a_run_of_names_without_a_label_is_those_present() -> None:
    lines = make_lines("""
        Protokoll styrelsemöte 12 mars
        Elin Sand, Hugo Ahl, Vera Munk, Otto Ek
    """)
    assert [(a.name, a.group) for a in attendees_from_lines(lines)] == [
        ("Elin Sand", "närvarande"), ("Hugo Ahl", "närvarande"), ("Vera Munk", "närvarande"),
        ("Otto Ek", "närvarande")]


def test_surname_first_with_a_comma() -> None:
    people = attendees_from_lines(make_lines("""
        Närvarande styrelsen:
        Lundqvist, Pernilla
        Åström, Gustav (sekreterare)
    """))
    assert [(a.name, a.group, a.role) for a in people] == [
        ("Pernilla Lundqvist", "närvarande", None), ("Gustav Åström", "närvarande", "sekreterare")]


def test_an_item_headed_by_an_attendee_label_holds_the_list() -> None:
    from extractors.record import build_record
    from schemas.layout import Layout

    lines = make_lines("""
        Protokoll medlemsmöte 2022-05-04
        § 1 Mötet öppnas
        Ordföranden öppnade mötet.
        § 2 Närvarande
        - Greta Lilja
        - Arvid Moberg
        § 3 Val av justerare
        Mötet valde Arvid Moberg.
    """)
    record = build_record(Layout(source="x.pdf", pages=1, lines=lines), "0" * 64)
    assert [(a.name, a.group) for a in record.attendees] == [("Greta Lilja", "närvarande"),
                                                             ("Arvid Moberg", "närvarande")]
    assert [i.number for i in record.items] == [1, 2, 3]  # the list stays an item too


def test_a_labelled_run_of_names_keeps_its_label_out_of_the_first_name() -> None:
    lines = [make_line("Frånvarande\tOla Ström, Siv Lax, Pål Ek"), make_line("Närvarande\tAda Holm, Bo Ring, Eli Sten")]
    assert {a.name: a.group for a in attendees_from_lines(lines)} == {
        "Ola Ström": "frånvarande", "Siv Lax": "frånvarande", "Pål Ek": "frånvarande",
        "Ada Holm": "närvarande", "Bo Ring": "närvarande", "Eli Sten": "närvarande"}


def test_the_municipal_front_page_block_ends_each_list_at_the_next_label() -> None:
    lines = [
        make_line("Plats och tid\tKommunhuset, kl 18.00-20.15"),
        make_line("Beslutande ledamöter\tAnna Lind S, ordförande"),
        make_line("Björn Ulv M", x0=200),
        make_line("Ej beslutande ersättare\tCilla Tå SD"),
        make_line("Övriga närvarande\tDan Ås, sekreterare"),
        make_line("Justeringsperson\tBjörn Ulv"),
        make_line("Underskrifter\tSekreterare"),
        make_line("Dan Ås", x0=200),
    ]
    assert [(a.name, a.group, a.party) for a in attendees_from_lines(lines)] == [
        ("Anna Lind", "beslutande", "S"), ("Björn Ulv", "beslutande", "M"), ("Cilla Tå", "ersättare", "SD"),
        ("Dan Ås", "övriga", None)]


def test_a_run_of_names_wrapped_over_centred_lines() -> None:
    lines = [make_line("Protokoll från föreningsmöte", x0=200),
             make_line("Siri Holm, Ture Ahl, Maj Lund, Ivar", x0=180),
             make_line("Sten, Liv Ek", x0=250), make_line("1. Mötets öppnande")]
    assert [a.name for a in attendees_from_lines(lines)] == ["Siri Holm", "Ture Ahl", "Maj Lund", "Ivar Sten", "Liv Ek"]


def test_more_entry_forms() -> None:
    assert [a.name for a in parse_entry("Berg, Alva; Nord, Sixten Karl", "närvarande")] == [
        "Alva Berg", "Sixten Karl Nord"]
    assert one("Alva Berg, Arvika", "närvarande")["organisation"] == "Arvika"  # a name and a place: not surname-first
    assert one("Alva Berg (Teams)", "närvarande")["present_for"] == "Teams"
    assert one("Alva Berg (ordf)", "närvarande")["role"] == "ordf"


def test_an_attendance_column_and_the_label_over_the_function() -> None:
    table = [
        make_line("Namn\tFunktion\tNärvaro", table=0),
        make_line("Rut Falk\tLedamot\tX", table=0),
        make_line("Sam Holm\tErsättare\tJa", table=0),
        make_line("Ulf Sand\tLedamot", table=0),  # nothing under Närvaro: absent
        make_line("Vera Ek\tLedamot\t§§ 1-4", table=0),
    ]
    people = {a.name: a for a in attendees_from_lines([make_line("Beslutande"), *table])}
    assert {n: a.group for n, a in people.items()} == {
        "Rut Falk": "beslutande", "Sam Holm": "beslutande",  # a substitute under "Beslutande" decides
        "Ulf Sand": "frånvarande", "Vera Ek": "beslutande"}
    assert people["Vera Ek"].present_for == "§§ 1-4"


def test_a_list_printed_surname_first_is_read_in_the_order_its_signatories_sign() -> None:
    from extractors.attendees import in_signed_order
    from schemas.record import Attendee

    listed = [Attendee(name="Lindqvist Maria", group="beslutande", role="ordförande"),
              Attendee(name="Berg Olof", group="beslutande"),
              Attendee(name="Nyström Anna Karin", group="ersättare"),
              Attendee(name="Maria Lindqvist", group="övriga")]  # the signature block, read as a list
    assert [(a.name, a.group) for a in in_signed_order(listed, ["Maria Lindqvist", None])] == [
        ("Maria Lindqvist", "beslutande"), ("Olof Berg", "beslutande"), ("Anna Karin Nyström", "ersättare")]


def test_names_stay_as_printed_without_a_signatory_turned_round() -> None:
    from extractors.attendees import in_signed_order
    from schemas.record import Attendee

    listed = [Attendee(name="Maria Lindqvist", group="beslutande"), Attendee(name="Berg Olof", group="närvarande")]
    assert in_signed_order(listed, ["Maria Lindqvist", "Sven Dahl"]) == listed
