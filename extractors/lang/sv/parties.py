"""Political parties as attendee lists write them: "Anna Ek (S)", "Lina Jörnkrans S".

National parties have fixed abbreviations; a local party writes its own ("SPI", "KIA", "ÖP"),
so a local party is known only by its form: a short run of capitals where the list around it
names parties.
"""

from __future__ import annotations

# Abbreviations of the parties in the Riksdag, now and before (FP became L), and the mark of a
# member without a party.
NATIONAL_PARTIES = ("S", "M", "SD", "C", "V", "KD", "L", "MP", "FP", "-")

# A local party's abbreviation: capitals only, this many letters at most ("SPI", "ÖP", "SNP").
LOCAL_PARTY_MAX_LETTERS = 5
