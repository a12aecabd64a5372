"""Swedish number words, as minutes write a sum in words ("fem (5) miljoner kronor",
"tjugofemtusen kronor"). Compounds are written as one word ("tjugofem", "tvåhundra"); the parser
in extractors/vocabulary.py reads them from these parts.
"""

from __future__ import annotations

# Units and teens: a number by itself, or the last part of a compound ("tjugo|fem").
UNITS: dict[str, int] = {
    "noll": 0,
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
}

# Tens, first part of a compound ("trettio|två").
TENS: dict[str, int] = {
    "tjugo": 20,
    "trettio": 30,
    "fyrtio": 40,
    "femtio": 50,
    "sextio": 60,
    "sjuttio": 70,
    "åttio": 80,
    "nittio": 90,
}

# Multipliers inside a compound number word ("två|hundra", "femtio|tusen").
MULTIPLIERS: dict[str, int] = {
    "hundra": 100,
    "tusen": 1_000,
}

# "en halv miljon" is half a million.
FRACTIONS: dict[str, float] = {
    "halv": 0.5,
    "halvannan": 1.5,
}
