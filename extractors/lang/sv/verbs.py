"""Swedish verbs: principal parts as data, and a small conjugator that expands them to every form a
meeting record writes.

A verb is written once as its principal parts: infinitive, present, past, supine and past participle
(common gender), alternatives joined by "/" ("beslutade/beslöt"), "-" where there is none. The
conjugator derives the rest: the s-passive of present, past and supine ("beslutas", "beslutades",
"beslutats"; "väljs"/"väljes"), and the participle's neuter and plural ("vald", "valt", "valda";
"antagen", "antaget", "antagna"). A deponent verb (infinitive in -s: "enas") has no passive of its
own. A phrase is a verb followed by its particle or fixed object ("lägga till handlingarna", "ställa
sig bakom"): the verb is conjugated, the rest stays as written.
"""

from __future__ import annotations

from dataclasses import dataclass

# Principal parts: infinitive, present, past, supine, past participle.
VERBS: dict[str, tuple[str, str, str, str, str]] = {
    "besluta": ("besluta", "beslutar", "beslutade/beslöt", "beslutat/beslutit", "beslutad"),
    "godkänna": ("godkänna", "godkänner", "godkände", "godkänt", "godkänd"),
    "fastställa": ("fastställa", "fastställer", "fastställde", "fastställt", "fastställd"),
    "anta": ("anta", "antar", "antog", "antagit", "antagen"),
    "välja": ("välja", "väljer", "valde", "valt", "vald"),
    "omvälja": ("omvälja", "omväljer", "omvalde", "omvalt", "omvald"),
    "utse": ("utse", "utser", "utsåg", "utsett", "utsedd"),
    "bevilja": ("bevilja", "beviljar", "beviljade", "beviljat", "beviljad"),
    "bifalla": ("bifalla", "bifaller", "biföll", "bifallit", "bifallen"),
    "avslå": ("avslå", "avslår", "avslog", "avslagit", "avslagen"),
    "uppdra": ("uppdra", "uppdrar", "uppdrog", "uppdragit", "uppdragen"),
    "ge": ("ge", "ger", "gav", "gett/givit", "given"),
    "tillsätta": ("tillsätta", "tillsätter", "tillsatte", "tillsatt", "tillsatt"),
    "återremittera": ("återremittera", "återremitterar", "återremitterade", "återremitterat", "återremitterad"),
    "bordlägga": ("bordlägga", "bordlägger", "bordlade", "bordlagt", "bordlagd"),
    "delegera": ("delegera", "delegerar", "delegerade", "delegerat", "delegerad"),
    "överlämna": ("överlämna", "överlämnar", "överlämnade", "överlämnat", "överlämnad"),
    "klubba": ("klubba", "klubbar", "klubbade", "klubbat", "klubbad"),
    "bibehålla": ("bibehålla", "bibehåller", "bibehöll", "bibehållit", "bibehållen"),
    "delge": ("delge", "delger", "delgav", "delgett/delgivit", "delgiven"),
    "upphäva": ("upphäva", "upphäver", "upphävde", "upphävt", "upphävd"),
    "entlediga": ("entlediga", "entledigar", "entledigade", "entledigat", "entledigad"),
    "avskriva": ("avskriva", "avskriver", "avskrev", "avskrivit", "avskriven"),
    "godta": ("godta", "godtar", "godtog", "godtagit", "godtagen"),
    "acceptera": ("acceptera", "accepterar", "accepterade", "accepterat", "accepterad"),
    "skjuta": ("skjuta", "skjuter", "sköt", "skjutit", "skjuten"),
    "rösta": ("rösta", "röstar", "röstade", "röstat", "röstad"),
    "ställa": ("ställa", "ställer", "ställde", "ställt", "ställd"),
    "fatta": ("fatta", "fattar", "fattade", "fattat", "fattad"),
    "ta": ("ta", "tar", "tog", "tagit", "tagen"),
    "lämna": ("lämna", "lämnar", "lämnade", "lämnat", "lämnad"),
    "avge": ("avge", "avger", "avgav", "avgett/avgivit", "avgiven"),
    "enas": ("enas", "enas", "enades", "enats", "-"),
    "komma": ("komma", "kommer", "kom", "kommit", "-"),
    "finna": ("finna", "finner", "fann", "funnit", "funnen"),
    "förklara": ("förklara", "förklarar", "förklarade", "förklarat", "förklarad"),
    "anse": ("anse", "anser", "ansåg", "ansett", "ansedd"),
    "notera": ("notera", "noterar", "noterade", "noterat", "noterad"),
    "lägga": ("lägga", "lägger", "lade/la", "lagt", "lagd"),
    "tillstyrka": ("tillstyrka", "tillstyrker", "tillstyrkte", "tillstyrkt", "tillstyrkt"),
    "rekommendera": ("rekommendera", "rekommenderar", "rekommenderade", "rekommenderat", "rekommenderad"),
    "nominera": ("nominera", "nominerar", "nominerade", "nominerat", "nominerad"),
    "föreslå": ("föreslå", "föreslår", "föreslog", "föreslagit", "föreslagen"),
    "yrka": ("yrka", "yrkar", "yrkade", "yrkat", "yrkad"),
    "hemställa": ("hemställa", "hemställer", "hemställde", "hemställt", "hemställd"),
    "bryta": ("bryta", "bryter", "bröt", "brutit", "bruten"),
    "stryka": ("stryka", "stryker", "strök", "strukit", "struken"),
    "införa": ("införa", "inför", "införde", "infört", "införd"),
    "föranleda": ("föranleda", "föranleder", "föranledde", "föranlett", "föranledd"),
    "delta": ("delta", "deltar", "deltog", "deltagit", "-"),
    "avstå": ("avstå", "avstår", "avstod", "avstått", "-"),
    "reservera": ("reservera", "reserverar", "reserverade", "reserverat", "reserverad"),
    "anmäla": ("anmäla", "anmäler", "anmälde", "anmält", "anmäld"),
    "låta": ("låta", "låter", "lät", "låtit", "-"),
    "redovisa": ("redovisa", "redovisar", "redovisade", "redovisat", "redovisad"),
    "rapportera": ("rapportera", "rapporterar", "rapporterade", "rapporterat", "rapporterad"),
    "bekräfta": ("bekräfta", "bekräftar", "bekräftade", "bekräftat", "bekräftad"),
    "stadfästa": ("stadfästa", "stadfäster", "stadfäste", "stadfäst", "stadfäst"),
    "säga": ("säga", "säger", "sade/sa", "sagt", "sagd"),
    "skämta": ("skämta", "skämtar", "skämtade", "skämtat", "-"),
    "mena": ("mena", "menar", "menade", "menat", "-"),
    "tycka": ("tycka", "tycker", "tyckte", "tyckt", "-"),
    "undra": ("undra", "undrar", "undrade", "undrat", "-"),
    "fråga": ("fråga", "frågar", "frågade", "frågat", "-"),
    "berätta": ("berätta", "berättar", "berättade", "berättat", "berättad"),
    "citera": ("citera", "citerar", "citerade", "citerat", "citerad"),
    "påpeka": ("påpeka", "påpekar", "påpekade", "påpekat", "påpekad"),
    "påminna": ("påminna", "påminner", "påminde", "påmint", "-"),
    "betona": ("betona", "betonar", "betonade", "betonat", "betonad"),
    "framföra": ("framföra", "framför", "framförde", "framfört", "framförd"),
    "tro": ("tro", "tror", "trodde", "trott", "-"),
    "konstituera": ("konstituera", "konstituerar", "konstituerade", "konstituerat", "konstituerad"),
    "bestämma": ("bestämma", "bestämmer", "bestämde", "bestämt", "bestämd"),
    "fastslå": ("fastslå", "fastslår", "fastslog", "fastslagit", "fastslagen"),
    "tilldela": ("tilldela", "tilldelar", "tilldelade", "tilldelat", "tilldelad"),
    "avsätta": ("avsätta", "avsätter", "avsatte", "avsatt", "avsatt"),
    "medge": ("medge", "medger", "medgav", "medgett/medgivit", "medgiven"),
    "avstyrka": ("avstyrka", "avstyrker", "avstyrkte", "avstyrkt", "avstyrkt"),
}

# The reflexive pronoun a phrase writes as "sig" takes the subject's person ("vi ställde oss bakom").
REFLEXIVES = ("sig", "oss", "er", "mig", "dig")


@dataclass(frozen=True)
class VerbForms:
    """Every form of one verb or verb phrase, grouped by what a sentence does with it."""

    infinitive: tuple[str, ...]
    present: tuple[str, ...]
    past: tuple[str, ...]
    supine: tuple[str, ...]
    passive: tuple[str, ...]
    participles: tuple[str, ...]
    present_passive: tuple[str, ...] = ()

    @property
    def finite(self) -> tuple[str, ...]:
        """The forms a subject takes: present, past and the supine after "har"."""
        return self.present + self.past + self.supine

    @property
    def every(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.infinitive + self.finite + self.passive + self.participles))


def conjugate(phrase: str) -> VerbForms:
    """Every form of a verb phrase whose first word is a verb of VERBS ("lägga till handlingarna")."""
    verb, _, rest = phrase.partition(" ")
    infinitive, present, past, supine, participle = (_alternatives(p) for p in VERBS[verb])
    deponent = infinitive[0].endswith("s")
    present_passive = () if deponent else _present_passive(infinitive[0], present)
    passive = () if deponent else (
        present_passive + tuple(p + "s" for p in past) + tuple(s + "s" for s in supine))
    participles = tuple(form for p in participle for form in _participle_forms(p))

    def with_rest(forms: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f"{f} {rest}" if rest else f for f in forms))

    return VerbForms(infinitive=with_rest(infinitive), present=with_rest(present), past=with_rest(past),
                     supine=with_rest(supine), passive=with_rest(passive), participles=with_rest(participles),
                     present_passive=with_rest(present_passive))


def _alternatives(part: str) -> tuple[str, ...]:
    return () if part == "-" else tuple(part.split("/"))


def _present_passive(infinitive: str, present: tuple[str, ...]) -> tuple[str, ...]:
    """"antar" -> "antas" (present = infinitive + r), "väljer" -> "väljs"/"väljes", "inför" -> "införs"."""
    out: list[str] = []
    for form in present:
        if form == infinitive + "r":
            out.append(infinitive + "s")
        elif form.endswith("er"):
            stem = form[:-2].removesuffix("m") if form.endswith("mmer") else form[:-2]  # "bestäms": no mm before s
            out += [stem + "s", form[:-2] + "es"]
        else:
            out += [form + "s", form + "es"]
    return tuple(out)


def _participle_forms(common: str) -> tuple[str, ...]:
    """The participle in common gender, neuter and plural: "vald" -> "valt", "valda"."""
    if common.endswith("en"):
        return common, common[:-2] + "et", common[:-2] + "na"
    if common.endswith("dd"):
        return common, common[:-2] + "tt", common + "a"
    if common.endswith("ad"):
        return common, common[:-1] + "t", common + "e"
    if common.endswith("d"):
        return common, common[:-1] + "t", common + "a"
    return common, common + "a"  # "tillsatt", "stadfäst"
