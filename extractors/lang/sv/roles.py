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
)

# Endings that make a word a title whatever comes before ("ekonomichef", "kvalitetssamordnare").
ROLE_ENDINGS = (
    "chef", "sekreterare", "ordförande", "samordnare", "ledare", "direktör", "strateg", "handläggare", "ekonom",
    "coach", "koordinator", "konsult", "ansvarig", "controller", "ledamot", "ersättare", "utredare", "assistent",
    "kassör", "revisor", "notarie", "jurist", "registrator", "specialist", "administratör", "rådgivare",
    "inspektör", "arkitekt", "ingenjör", "planerare", "sakkunnig",
)
