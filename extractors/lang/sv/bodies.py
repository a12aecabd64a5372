"""Meeting bodies: the nouns that name one, the meetings that are one, and their abbreviations.

The contract names a body in its definite form whatever the title calls the meeting
("Styrelsemöte nr 11" -> "Styrelsen", "Årsmöte" -> "Årsmötet", "KS" -> "Kommunstyrelsen").
"""

from __future__ import annotations

# A body's head noun, indefinite -> definite ("kommunstyrelse" ends in "styrelse": "Kommunstyrelsen").
BODY_NOUNS: dict[str, str] = {
    "styrelse": "styrelsen",
    "nämnd": "nämnden",
    "råd": "rådet",
    "fullmäktige": "fullmäktige",
    "utskott": "utskottet",
    "kommitté": "kommittén",
    "direktion": "direktionen",
    "presidium": "presidiet",
    "beredning": "beredningen",
    "grupp": "gruppen",
}

# A meeting that is its own body ("Årsmöte 2024" is held by "Årsmötet"), indefinite -> the body.
MEETING_BODIES: dict[str, str] = {
    "årsmöte": "årsmötet",
    "årsstämma": "årsstämman",
    "föreningsstämma": "föreningsstämman",
    "stämma": "stämman",
    "extrastämma": "extrastämman",
    "extra årsmöte": "extra årsmötet",
    "stormöte": "stormötet",
    "vårmöte": "vårmötet",
    "höstmöte": "höstmötet",
    "medlemsmöte": "medlemsmötet",
    "styrelsemöte": "styrelsen",
    "konstituerande styrelsemöte": "styrelsen",
}

# Abbreviations a municipality writes for its bodies.
BODY_ABBREVIATIONS: dict[str, str] = {
    "ks": "Kommunstyrelsen",
    "kf": "Kommunfullmäktige",
    "ksau": "Kommunstyrelsens arbetsutskott",
}
