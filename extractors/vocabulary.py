"""Swedish words of the meeting-record domain that several extractors recognise."""

from __future__ import annotations

import re

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
}

# Labels of the front matter and signature block that end an attendee list.
OTHER_LABELS = (
    "plats och tid", "plats", "tid", "datum", "datum och tid", "sammanträdesdatum", "mötesdatum",
    "lokal", "justerare", "justerande", "utses att justera", "justering", "justeringens plats och tid",
    "justerings tid och plats", "justeringens tid och plats", "paragrafer", "underskrifter", "underskrift",
    "sekreterare", "ordförande", "vid protokollet", "justeras", "anslag/bevis", "anslagsbevis",
    "anslag", "bevis", "organ", "förvaringsplats för protokollet", "agenda", "dagordning",
    "föredragningslista", "mötesform", "kallade", "innehåll", "innehållsförteckning", "protokollförare",
    "vid pennan", "mötesordförande", "mötessekreterare", "ärenden", "närvarolista",
)

# Headings inside an item that are part of the item, never an item of their own.
ITEM_SECTION_LABELS = (
    "beslut", "beslutet", "förslag till beslut", "förslag till beslut på sammanträdet", "beslutsgång",
    "beslutsunderlag", "ärendebeskrivning", "ärendet", "sammanfattning", "bakgrund", "beredning",
    "yrkanden", "yrkande", "propositionsordning", "omröstning", "omröstningsresultat", "reservation",
    "reservationer", "protokollsanteckning", "protokollsanteckningar", "anteckning", "expedieras till",
    "exp. till", "expedieras", "skickas till", "anförande", "jäv", "handlingar", "bilagor", "bilaga",
    "resultat", "diskussion", "information", "noteringar", "ansvarig", "ansvar", "åtgärd",
)

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
_ROLE_SUFFIX = re.compile(
    r"(?:chef|sekreterare|ordförande|samordnare|ledare|direktör|strateg|handläggare|ekonom|"
    r"coach|koordinator|konsult|ansvarig|controller|ledamot|ersättare|utredare|assistent|"
    r"kassör|revisor|notarie|jurist|registrator|specialist|administratör|rådgivare|"
    r"inspektör|arkitekt|ingenjör|planerare|sakkunnig)$"
)

ORG_WORDS = re.compile(
    r"(?:kommun|kommuner|stad|staden|region|regionen|landsting|kassan|förmedlingen|förbund|förbundet|"
    r"förening|föreningen|nämnd|nämnden|bolag|bolaget|ab|myndighet|myndigheten|verket|verk|"
    r"universitet|högskola|skola|skolan|polisen|länsstyrelsen|kyrka|församling|sjukhus|vårdcentral|"
    r"förvaltning|förvaltningen|kansli|kansliet|samordningsförbund|samordningsförbundet|byalag|"
    r"samfällighet|samfällighetsförening|klubb|klubben|sällskap|stiftelse|stiftelsen|företag|"
    r"företagarna|försäkringskassan|arbetsförmedlingen|fk|af|psykiatri|psykiatrin|socialtjänst|"
    r"socialtjänsten|rådet|centrum|center|gruppen|kommunförbund)$",
    re.IGNORECASE,
)


def is_role(text: str) -> bool:
    """A title or role ("ordförande", "verksamhetschef", "projektledare Hela Viia")."""
    words = text.strip().casefold().split()
    if not words:
        return False
    head = words[0].strip(",.")
    return text.strip().casefold() in ROLE_WORDS or head in ROLE_WORDS or bool(_ROLE_SUFFIX.search(head))


def is_organisation(text: str) -> bool:
    """Names an organisation ("Köpings kommun", "Försäkringskassan", "Region Västmanland")."""
    words = [w.strip(",.()") for w in text.split()]
    if not words:
        return False
    if words[0].casefold() in ("region", "regionen", "samordningsförbundet", "föreningen", "brf"):
        return True
    return any(ORG_WORDS.search(w) for w in words)


def label_key(text: str) -> str:
    """A label as compared: lower case, no trailing colon, single spaces."""
    return " ".join(text.replace("\u00a0", " ").strip().rstrip(":").strip().casefold().split())


def attendee_group(text: str) -> str | None:
    return ATTENDEE_LABELS.get(label_key(text))


def is_front_label(text: str) -> bool:
    key = label_key(text)
    return key in ATTENDEE_LABELS or key in OTHER_LABELS


def is_item_section_label(text: str) -> bool:
    key = label_key(text)
    return key in ITEM_SECTION_LABELS or bool(re.fullmatch(r"[\wåäö-]+s (?:beslut|förslag(?: till beslut)?)", key))


# A table cell that holds only a point's number ("4", "4.", "§ 4"): the first column of minutes
# set in a grid (Punkt | Vad | Ansvar).
ITEM_NUMBER_CELL = re.compile(r"^(?:§\s*)?(\d{1,3})[.):]?$")
