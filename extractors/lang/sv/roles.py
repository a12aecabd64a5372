"""Roles and titles of the people in a meeting record."""

from __future__ import annotations

# A role written out ("vice ordförande") or its head word ("projektledare Hela Viia").
ROLE_WORDS = (
    "ordförande", "vice ordförande", "1:e vice ordförande", "2:e vice ordförande", "sekreterare",
    "ledamot", "ersättare", "kassör", "revisor", "förbundschef", "förbundssamordnare", "ekonom",
    "controller", "kommundirektör", "kommunchef", "förvaltningschef", "nämndsekreterare",
    "registrator", "handläggare", "utvecklingsledare", "verksamhetschef", "projektledare",
    "samordnare", "sakkunnig", "tjänsteman", "tjänsteperson", "utredare", "strateg", "jurist",
    "ekonomichef", "räddningschef", "personalchef", "stadsdirektör", "kanslichef", "notarie",
    "adjungerad", "suppleant", "valberedning", "föredragande", "gäst", "inbjuden", "projektcoach",
    "koordinator", "rektor", "direktör", "chef", "konsult", "revisorsersättare", "vice",
    # short forms beside a name ("Anna Ek (ordf)", "Per Holm, sekr.")
    "ordf", "sekr", "v ordf", "adj", "suppl", "led", "ers",
)

# Endings that make a word a title whatever comes before ("ekonomichef", "kvalitetssamordnare").
ROLE_ENDINGS = (
    "chef", "sekreterare", "ordförande", "samordnare", "ledare", "direktör", "strateg", "handläggare", "ekonom",
    "coach", "koordinator", "konsult", "ansvarig", "controller", "ledamot", "ersättare", "utredare", "assistent",
    "kassör", "revisor", "notarie", "jurist", "registrator", "specialist", "administratör", "rådgivare",
    "inspektör", "arkitekt", "ingenjör", "planerare", "sakkunnig",
)

# Words in an election's heading that make it the election of the organisation's officers, for a
# term, not of the meeting's ("Val av föreningens ordförande för 1 år", "Val av ordförande i
# styrelsen"): the person elected does not chair this meeting.
TERM_OF_OFFICE_WORDS = ("föreningens", "föreningen", "styrelse", "styrelsen", "styrelsens", "styrelseledamöter",
                        "ledamöter", "revisor", "revisorer", "valberedning", "år", "året", "verksamhetsåret",
                        "mandatperiod", "mandatperioden", "mandattid", "tid", "period", "perioden")

# Words that make an election's heading the meeting's own ("Val av mötesordförande", "ordförande
# för mötet"): these hold whatever else the heading says.
MEETING_OFFICER_WORDS = ("möte", "mötet", "mötets", "mötesordförande", "mötessekreterare", "årsmötet",
                         "årsmötets", "stämman", "stämmans", "sammanträdet")
