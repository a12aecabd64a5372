"""Labels printed in meeting records: the front page's label column, attendee lists, an item's
sections."""

from __future__ import annotations

# Labels that open an attendee list, and the group the list gives its people.
ATTENDEE_LABELS: dict[str, str] = {
    "beslutande": "beslutande",
    "beslutande ledamöter": "beslutande",
    "närvarande beslutande": "beslutande",
    "ledamöter": "beslutande",
    "närvarande ledamöter": "beslutande",
    "tjänstgörande ledamöter": "beslutande",
    "ordinarie ledamöter": "beslutande",
    "styrelseledamöter": "beslutande",
    "tjänstgörande ersättare": "beslutande",
    "tjänstgörande ersättare och ledamöter": "beslutande",
    "ersättare": "ersättare",
    "ej tjänstgörande ersättare": "ersättare",
    "icke tjänstgörande ersättare": "ersättare",
    "närvarande ersättare": "ersättare",
    "ej beslutande": "ersättare",
    "ej beslutande ersättare": "ersättare",
    "ej beslutande ledamöter": "ersättare",
    "ej tjänstgörande ledamöter": "ersättare",
    "icke tjänstgörande ledamöter": "ersättare",
    "övriga deltagande": "övriga",
    "övriga deltagare": "övriga",
    "övriga närvarande": "övriga",
    "övriga": "övriga",
    "tjänstemän": "övriga",
    "tjänstemän och övriga deltagare": "övriga",
    "närvarande tjänstemän": "övriga",
    "adjungerade": "övriga",
    "adjungerad": "övriga",
    "insynsplats": "övriga",
    "gäster": "övriga",
    "närvarande": "närvarande",
    "deltagare": "närvarande",
    "deltagande": "närvarande",
    "närvarande personer": "närvarande",
    "närvaro": "närvarande",
    "närvarande medlemmar": "närvarande",
    "närvarande styrelseledamöter": "närvarande",
    "frånvarande": "frånvarande",
    "frånvarande ledamöter": "frånvarande",
    "ej närvarande": "frånvarande",
    "förhinder": "frånvarande",
    "anmält förhinder": "frånvarande",
    "har anmält förhinder": "frånvarande",
    "närvarolista": "närvarande",
}

# Words between an attendee label and a body that the label narrows ("Närvarande styrelsen",
# "Närvarande från styrelsen"): the label's group holds.
LABEL_BODY_LINKS = ("från", "ur", "i", "för")

# The header row of an attendee table ("Namn | Parti | Funktion"): each header names the field
# its column holds.
ATTENDEE_COLUMNS: dict[str, str] = {
    "namn": "name",
    "ledamot": "name",
    "ledamöter": "name",
    "deltagare": "name",
    "person": "name",
    "parti": "party",
    "partibeteckning": "party",
    "funktion": "role",
    "roll": "role",
    "uppdrag": "role",
    "befattning": "role",
    "titel": "role",
    "organisation": "organisation",
    "representerar": "organisation",
    "företräder": "organisation",
    "myndighet": "organisation",
    "kommun": "organisation",
    "förvaltning": "organisation",
    "närvaro": "attendance",
    "närvarande": "attendance",
    "deltog": "attendance",
    "paragrafer": "presence",
    "§": "presence",
    "§§": "presence",
}

# Labels of the front matter and signature block that end an attendee list.
OTHER_LABELS = (
    "plats och tid", "plats", "tid", "datum", "datum och tid", "sammanträdesdatum", "mötesdatum",
    "lokal", "justerare", "justerande", "utses att justera", "justering", "justeringens plats och tid",
    "justerings tid och plats", "justeringens tid och plats", "paragrafer", "underskrifter", "underskrift",
    "sekreterare", "ordförande", "vid protokollet", "justeras", "anslag/bevis", "anslagsbevis",
    "anslag", "bevis", "organ", "förvaringsplats för protokollet", "agenda", "dagordning",
    "föredragningslista", "mötesform", "kallade", "innehåll", "innehållsförteckning", "protokollförare",
    "vid pennan", "mötesordförande", "mötessekreterare", "ärenden", "justeringsperson", "justeringspersoner",
    "protokolljusterare", "plats och datum", "tid och plats", "datum och plats", "mötesplats", "sammanträdesplats",
    "sammanträdestid", "mötestid",
)

# Labels of the signature block and the front page that name who chairs, keeps and checks the
# minutes; the name stands after the label, below it, or before it ("Anna Ek / Protokollförare").
SIGNATORY_LABELS: dict[str, tuple[str, ...]] = {
    "chair": ("ordförande", "mötesordförande", "ordf", "ordförande för mötet"),
    "secretary": ("sekreterare", "vid protokollet", "protokollförare", "mötessekreterare", "vid pennan",
                  "vid anteckningarna", "antecknat", "antecknades av", "protokollförd av", "antecknat av",
                  "antecknare", "vid tangentbordet", "protokollet fördes av", "sekreterare för mötet"),
    "adjusters": ("justerare", "justerande", "utses att justera", "justeras", "justeringsperson",
                  "justeringspersoner", "protokolljusterare", "justerat", "justerat av", "justeras av",
                  "protokolljustering", "elektronisk protokolljustering"),
}

# Headings inside an item that are part of the item, never an item of their own.
ITEM_SECTION_LABELS = (
    "beslut", "beslutet", "förslag till beslut", "förslag till beslut på sammanträdet", "beslutsgång",
    "beslutsunderlag", "ärendebeskrivning", "ärendet", "sammanfattning", "bakgrund", "beredning",
    "yrkanden", "yrkande", "propositionsordning", "omröstning", "omröstningsresultat", "reservation",
    "reservationer", "protokollsanteckning", "protokollsanteckningar", "anteckning", "expedieras till",
    "exp. till", "expedieras", "skickas till", "anförande", "jäv", "handlingar", "bilagor", "bilaga",
    "resultat", "diskussion", "information", "noteringar", "ansvarig", "ansvar", "åtgärd",
)
