"""Words that make a name an organisation's ("Köpings kommun", "Försäkringskassan")."""

from __future__ import annotations

# A name holding a word that ends in one of these is an organisation's.
ORGANISATION_ENDINGS = (
    "kommun", "kommuner", "stad", "staden", "region", "regionen", "landsting", "kassan", "förmedlingen", "förbund",
    "förbundet", "förening", "föreningen", "nämnd", "nämnden", "bolag", "bolaget", "ab", "myndighet", "myndigheten",
    "verket", "verk", "universitet", "högskola", "skola", "skolan", "polisen", "länsstyrelsen", "kyrka",
    "församling", "sjukhus", "vårdcentral", "förvaltning", "förvaltningen", "kansli", "kansliet",
    "samordningsförbund", "samordningsförbundet", "byalag", "samfällighet", "samfällighetsförening", "klubb",
    "klubben", "sällskap", "stiftelse", "stiftelsen", "företag", "företagarna", "försäkringskassan",
    "arbetsförmedlingen", "fk", "af", "psykiatri", "psykiatrin", "socialtjänst", "socialtjänsten", "rådet",
    "centrum", "center", "gruppen", "kommunförbund",
)
# A name that starts with one of these is an organisation's ("Region Västmanland", "Brf Linden").
ORGANISATION_HEADS = ("region", "regionen", "samordningsförbundet", "föreningen", "brf", "stiftelsen",
                      "kommunförbundet", "riksförbundet", "bostadsrättsföreningen")

# The generic word of a public body's name, set on a line of its own under the name in a narrow
# header ("Storumans" / "kommun").
GENERIC_ORGANISATION_WORDS = ("kommun", "stad", "region", "landsting", "kommunförbund", "samordningsförbund")

# The label of an organisation's registration number: the name stands before it ("Höganäs
# Makerspace org.nummer 802523-8968").
ORGANISATION_NUMBER_LABELS = ("org.nummer", "org.nr", "org nr", "org. nr", "orgnr", "org-nr", "organisationsnummer",
                              "org. nummer", "org nummer")
