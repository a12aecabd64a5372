"""How attendee lists mark presence: ticked and unticked boxes, and notes on arriving or leaving
during the meeting."""

from __future__ import annotations

# A ticked box before a name in a checkbox grid ("[X] Ek Anna", "☒ Ek Anna").
TICKED_BOXES = ("[x]", "[X]", "☒", "☑", "✓", "✔", "■", "(x)", "(X)")
# An unticked box: the person was absent.
UNTICKED_BOXES = ("[ ]", "[]", "☐", "□", "( )")

# A bracket that says when someone came or went is a partial presence, not a role
# ("Martin Malmsten (kom in under mötet)", "(lämnade mötet efter § 5)").
PRESENCE_NOTES = (
    "kom in", "kom till", "anslöt", "ansluter", "lämnade", "lämnar", "gick", "går", "avvek", "deltog under",
    "deltar under", "närvarade under", "närvarar under", "del av mötet", "delvis", "från och med", "till och med",
)

# Words that join a bullet or list mark to a name and are no part of it.
LIST_MARKS = ("•", "·", "▪", "◦", "‣", "–", "-", "*", "o")

# A cell under an attendance column ("Närvaro") that says the person came, or did not; an empty
# cell there is an absence too.
PRESENT_CELLS = ("x", "ja", "✓", "✔", "☒", "☑", "närvarande", "närv")
ABSENT_CELLS = ("nej", "-", "–", "frånvarande", "förhinder", "anmält förhinder", "☐", "ej närvarande")
