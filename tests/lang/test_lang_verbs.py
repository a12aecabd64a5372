"""extractors/lang/sv/verbs.py: every verb's principal parts give the forms a meeting record writes.

The expected forms are written out here by hand (not derived), so a wrong principal part or a wrong
rule of the conjugator fails."""

import pytest

from extractors.lang.sv.verbs import REFLEXIVES, VERBS, conjugate
from extractors.vocabulary import SUBJECT_ACTS

# lemma: present, past, supine, passive (present, past, supine), participles, as written in Swedish
EXPECTED = {
    "besluta": "beslutar beslutade beslöt beslutat beslutit beslutas beslutades beslöts beslutats beslutad beslutade",
    "godkänna": "godkänner godkände godkänt godkänns godkännes godkändes godkänts godkänd godkända",
    "fastställa": "fastställer fastställde fastställt fastställs fastställes fastställdes fastställts fastställd",
    "anta": "antar antog antagit antas antogs antagits antagen antaget antagna",
    "välja": "väljer valde valt väljs väljes valdes valts vald valda",
    "omvälja": "omväljer omvalde omvalt omväljs omvaldes omvald omvalda",
    "utse": "utser utsåg utsett utses utsågs utsetts utsedd utsedda",
    "bevilja": "beviljar beviljade beviljat beviljas beviljades beviljats beviljad",
    "bifalla": "bifaller biföll bifallit bifalls bifalles bifölls bifallen bifallna",
    "avslå": "avslår avslog avslagit avslås avslogs avslagen avslagna",
    "uppdra": "uppdrar uppdrog uppdragit uppdras uppdrogs",
    "ge": "ger gav gett givit ges gavs getts givits given givna",
    "tillsätta": "tillsätter tillsatte tillsatt tillsätts tillsattes tillsatta",
    "återremittera": "återremitterar återremitterade återremitterat återremitteras återremitterades",
    "bordlägga": "bordlägger bordlade bordlagt bordläggs bordlades bordlagd",
    "delegera": "delegerar delegerade delegerat delegeras delegerades",
    "överlämna": "överlämnar överlämnade överlämnat överlämnas överlämnades",
    "klubba": "klubbar klubbade klubbat klubbas klubbades",
    "bibehålla": "bibehåller bibehöll bibehållit bibehålls bibehölls bibehållen",
    "delge": "delger delgav delgett delges delgavs delgiven",
    "upphäva": "upphäver upphävde upphävt upphävs upphävdes upphävd",
    "entlediga": "entledigar entledigade entledigat entledigas entledigades",
    "avskriva": "avskriver avskrev avskrivit avskrivs avskrevs avskriven",
    "godta": "godtar godtog godtagit godtas godtogs godtagen",
    "acceptera": "accepterar accepterade accepterat accepteras accepterades accepterad",
    "skjuta": "skjuter sköt skjutit skjuts sköts skjuten",
    "rösta": "röstar röstade röstat röstas röstades",
    "ställa": "ställer ställde ställt ställs ställdes ställd",
    "fatta": "fattar fattade fattat fattas fattades fattats",
    "ta": "tar tog tagit tas togs tagits tagen",
    "lämna": "lämnar lämnade lämnat lämnas lämnades",
    "avge": "avger avgav avgett avgivit avges avgavs avgiven",
    "enas": "enas enades enats",
    "komma": "kommer kom kommit",
    "finna": "finner fann funnit funnen",
    "förklara": "förklarar förklarade förklarat förklaras förklarades förklarad",
    "anse": "anser ansåg ansett anses ansågs ansedd",
    "notera": "noterar noterade noterat noteras noterades",
    "lägga": "lägger lade la lagt läggs lägges lades lagts lagd lagda",
    "tillstyrka": "tillstyrker tillstyrkte tillstyrkt tillstyrks tillstyrktes",
    "rekommendera": "rekommenderar rekommenderade rekommenderat rekommenderas",
    "nominera": "nominerar nominerade nominerat nomineras nominerades",
    "föreslå": "föreslår föreslog föreslagit föreslås föreslogs föreslagen",
    "yrka": "yrkar yrkade yrkat",
    "hemställa": "hemställer hemställde hemställt",
    "bryta": "bryter bröt brutit bryts bröts bruten",
    "stryka": "stryker strök strukit stryks ströks struken",
    "införa": "inför införde infört införs infördes införd",
    "föranleda": "föranleder föranledde föranlett",
    "delta": "deltar deltog deltagit",
    "avstå": "avstår avstod avstått",
    "reservera": "reserverar reserverade reserverat",
    "anmäla": "anmäler anmälde anmält anmäls anmäldes anmäld",
    "låta": "låter lät låtit",
    "redovisa": "redovisar redovisade redovisat redovisas redovisades",
    "rapportera": "rapporterar rapporterade rapporterat rapporteras rapporterades",
    "bekräfta": "bekräftar bekräftade bekräftat bekräftas bekräftades",
    "stadfästa": "stadfäster stadfäste stadfäst stadfästs stadfästes",
    "säga": "säger sade sa sagt sägs sades",
    "skämta": "skämtar skämtade skämtat",
    "mena": "menar menade menat",
    "tycka": "tycker tyckte tyckt",
    "undra": "undrar undrade undrat",
    "fråga": "frågar frågade frågat",
    "berätta": "berättar berättade berättat berättas",
    "citera": "citerar citerade citerat citeras",
    "påpeka": "påpekar påpekade påpekat",
    "påminna": "påminner påminde påmint",
    "betona": "betonar betonade betonat",
    "framföra": "framför framförde framfört framförs framfördes",
    "tro": "tror trodde trott",
    "konstituera": "konstituerar konstituerade konstituerat",
    "bestämma": "bestämmer bestämde bestämt bestäms bestämdes bestämd bestämda",
    "fastslå": "fastslår fastslog fastslagit fastslås fastslogs fastslagen",
    "tilldela": "tilldelar tilldelade tilldelat tilldelas tilldelades tilldelad",
    "avsätta": "avsätter avsatte avsatt avsätts avsattes avsatta",
    "medge": "medger medgav medgett medgivit medges medgavs medgiven",
    "avstyrka": "avstyrker avstyrkte avstyrkt avstyrks",
}


def test_every_verb_has_its_expected_forms_written_out() -> None:
    assert set(EXPECTED) == set(VERBS)


@pytest.mark.parametrize("lemma", sorted(VERBS))
def test_the_conjugator_gives_every_form(lemma: str) -> None:
    forms = set(conjugate(lemma).every)
    assert set(EXPECTED[lemma].split()) <= forms, set(EXPECTED[lemma].split()) - forms


def test_a_deponent_verb_has_no_passive_of_its_own() -> None:
    assert conjugate("enas").passive == ()


def test_a_phrase_keeps_its_particle_in_every_tense() -> None:
    forms = conjugate("lägga till handlingarna")
    assert {"lägger till handlingarna", "lade till handlingarna", "la till handlingarna", "lagt till handlingarna",
            "läggs till handlingarna", "lades till handlingarna"} <= set(forms.every)
    assert set(conjugate("ställa sig bakom").finite) == {"ställer sig bakom", "ställde sig bakom", "ställt sig bakom"}


@pytest.mark.parametrize("pronoun", REFLEXIVES)
def test_the_reflexive_takes_the_subjects_person(pronoun: str) -> None:
    assert SUBJECT_ACTS.match(f"Styrelsen ställde {pronoun} bakom förslaget")
    assert not SUBJECT_ACTS.match("Styrelsen ställde frågan bakom förslaget")
