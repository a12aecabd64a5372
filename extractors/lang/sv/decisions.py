"""The language of decisions: the verbs by which a body decides, notes, recommends or agrees, and the
words that make a sentence with such a verb something else (a proposal, an earlier decision, one
announced for later, reported speech, a vote record).

Verb phrases are written as lemma + particle ("lägga till handlingarna"); extractors/lang/sv/verbs.py
holds their principal parts and expands them to every form ("lägger", "lade", "lagt", "läggs",
"lades" ... "till handlingarna"). Who decides is a body noun of bodies.py or one of DECIDING_SUBJECTS.
"""

from __future__ import annotations

# The body decides: by its subject ("Styrelsen beslutar"), in the passive ("Dagordningen godkänns"),
# with its subject left out ("Beslutade att ...") or in an att-clause under a decision heading.
DECIDING_VERBS = (
    "besluta", "godkänna", "fastställa", "anta", "välja", "omvälja", "utse", "bevilja", "bifalla", "avslå",
    "uppdra", "ge i uppdrag", "tillsätta", "återremittera", "bordlägga", "delegera", "överlämna", "klubba",
    "bibehålla", "delge", "upphäva", "entlediga", "avskriva", "godta", "skjuta upp", "rösta", "ställa sig bakom",
    "fatta beslut", "ta beslut", "lämna yttrande", "avge yttrande", "konstituera sig", "bestämma", "fastslå",
    "tilldela", "avsätta", "medge",
)
# A participle decides with what it names after it only for these ("Anna Ek vald till kassör",
# "Återbäring beslutat enligt sammanställningen"); any deciding participle decides at a sentence's end
# ("Dagordningen godkänd."), not inside one ("mark avsatt som naturmark" describes).
NAMING_PARTICIPLE_VERBS = ("välja", "omvälja", "utse", "besluta")

# A change the meeting makes to a text before it ("“Stöd …” bryts ut i en egen kategori", "ordet stryks"):
# decides in the passive, unless a modal makes it a possibility ("kan tas bort").
CHANGING_VERBS = ("bryta ut", "stryka", "införa", "ta bort")

# The body only takes note: the kind "noted". With the body as subject ("Styrelsen noterar
# informationen"): an impersonal "Noterades inga frågor" is the minute-taker's note, no decision.
NOTING_VERBS = ("notera", "ta del av")
# Words that leave a passive of taking note without a subject ("Det noterades att ...", "Vidare noterades").
IMPERSONAL_SUBJECTS = ("det", "vidare", "även", "också", "här", "dessutom")
# A passive whose subject is none ("Inga synpunkter noterades", "Ingen ersättare valdes") decides nothing.
NEGATIVE_SUBJECTS = ("inga", "inget", "ingen", "inte några", "inte någon")
# Filing away, in any voice ("Informationen läggs till handlingarna", "lades till föreningens handlingar").
FILING_VERBS = ("lägga till",)
FILED_NOUNS = ("handlingarna", "handlingar", "akten")

# A proposal or endorsement to another body: the kind "recommendation" ("nominerar" unless it also elects).
RECOMMENDING_VERBS = ("tillstyrka", "avstyrka", "rekommendera", "nominera")
# A title naming a nomination ("Nominering av ledamöter till ..."): the names decided go to another body.
NOMINATION_NOUNS = ("nominering", "nomineringen", "nomineringar", "nomineringarna")
# "föreslå" is a recommendation when the body it proposes to follows ("föreslår kommunfullmäktige att"),
# else a proposal; these are bodies a proposal goes to, beyond the body nouns of bodies.py.
PROPOSAL_ADDRESSEES = ("kf", "ks", "fullmäktige", "årsmötet", "stämman", "medlemmarna")
# Words that recommend without a verb of their own ("Kommunen är positiv till förslaget").
RECOMMENDING_PHRASES = ("är positiv till", "är positiva till", "var positiv till", "var positiva till")

# In minnesanteckningar an agreement recorded without a formal verb decides ("diskuterades och
# accepterades", "OK till att ta bort ...", "Gruppen enades om att ..."); a shared view does not
# ("Gruppen var överens om att det är viktigt"), nor an agreement that something is so ("kom överens
# om att ambitionen är hög"): its content holds one of VIEW_VERBS instead of a deed.
AGREEING_VERBS = ("acceptera", "enas om", "komma överens om")
VIEW_VERBS = ("är", "var", "vore", "blir", "finns", "fanns", "behövs", "behövdes", "borde")
AGREEMENT_OPENERS = ("ok till", "ok på", "ok att", "okej till", "okej att", "klartecken till", "klartecken för",
                     "ja till", "nej till")
SHARED_VIEW_PHRASES = ("var överens om", "är överens om", "var eniga om", "är eniga om")

# The meeting declares itself duly called ("Mötet finner mötet behörigt kallat", "förklarades
# stadgeenligt utlyst") or a motion answered ("Motionen anses besvarad"): a declaring verb with a state.
DECLARING_VERBS = ("finna", "förklara", "anse")
DECLARED_STATES = ("behörig", "behörigt", "behöriga", "behörigen", "stadgeenlig", "stadgeenligt",
                   "stadgeenliga", "stadgeenligen", "i laga ordning", "i behörig ordning", "besvarad", "besvarat",
                   "besvarade")

# Nothing decided: the kind "no_decision".
NO_DECISION_PHRASES = (
    "föranleder inget beslut", "föranleder ingen åtgärd", "föranleder inga åtgärder", "föranleder ej",
    "föranleder inte", "föranledde inget beslut", "föranledde ingen åtgärd", "inget beslut fattas",
    "inget beslut fattades", "inget beslut togs", "utan åtgärd", "utan beslut",
)

# Thanks for a presentation is taking note of it ("Styrelsen tackar för informationen").
THANKS_PHRASES = ("tackar för", "tackade för", "tack för")

# Approving one of these is taking note of a presentation ("godkänna informationen"), not adopting a
# report: the kind "noted". Approving a report, accounts, minutes or a redovisning is a decision.
PRESENTATION_NOUNS = ("informationen", "informationerna", "genomgången", "föredragningen", "presentationen",
                      "redogörelsen", "dragningen", "rapporteringen")
# Verbs that adopt what they name: with one, "läggs till handlingarna" still records a decision.
ADOPTING_VERBS = ("godkänna", "fastställa", "anta", "bevilja")

# A proposal, not a decision ("Styrelsen föreslog att ...", "X yrkar bifall", "Förslag: ...").
PROPOSING_VERBS = ("föreslå", "yrka", "hemställa")
PROPOSAL_LABELS = ("förslag", "förslag till beslut", "förslagsvis", "yrkande", "yrkanden")

# Words in a decision's own clause that place it at an earlier time ("har tidigare beslutat",
# "beslutades senast", "valdes vid förra mötet"); a date or year before the meeting's, or a § reference,
# there does the same. An earlier meeting as what is decided on ("protokollet från förra mötet
# godkändes") is no time of the decision.
EARLIER_WORDS = ("tidigare", "redan", "senast", "förra året", "i fjol", "föregående år", "vid förra mötet",
                 "på förra mötet", "vid föregående möte", "på föregående möte", "vid förra sammanträdet",
                 "på förra sammanträdet", "dessförinnan")
# A decision taken outside the meeting and recorded in it ("beslutade per capsulam den 3 mars att").
OUTSIDE_MEETING_WORDS = ("per capsulam", "per e-post", "per mejl", "per mail", "via e-post", "via mejl",
                         "via mail", "mellan mötena", "mellan sammanträdena")
# A bare confirmation of such a decision ("Detta beslut bekräftades"): recorded as the decision it confirms.
CONFIRMING_VERBS = ("bekräfta", "stadfästa", "godkänna", "fastställa")
CONFIRMED_OBJECTS = ("beslutet", "besluten", "detta beslut", "dessa beslut", "det beslutet", "de besluten")

# A decision announced for later ("beslut tas på nästa möte", "ska beslutas"): a future or modal
# auxiliary in front of the decision word, or a later meeting right after it.
MODAL_WORDS = ("ska", "skall", "kommer att", "bör", "behöver", "måste", "kan", "kunde", "skulle", "vill", "torde")
LATER_MEETINGS = ("nästa möte", "nästa sammanträde", "nästa styrelsemöte", "nästkommande möte",
                  "nästkommande sammanträde", "kommande möte", "kommande sammanträde", "ett senare möte",
                  "ett senare tillfälle", "senare tillfälle")
# Right after the decision word, these leave it for later too ("Datum bestäms senare").
LATER_ADVERBS = ("senare", "längre fram", "framöver", "i ett senare skede", "efter sommaren", "till hösten")
# A deferral is itself a decision, whatever meeting it names ("bordläggs till nästa möte").
DEFERRING_VERBS = ("bordlägga", "skjuta upp", "återremittera")

# "Beslut" opens a decision ("Beslut: ...", "Beslut att ...") unless one of these follows, when it is a
# noun about one ("Beslut tas på nästa möte", "Beslut enligt 8 kap. ... har anmälts").
BESLUT_AS_NOUN_BEFORE = ("tas", "fattas", "kommer", "ska", "skall", "har", "hade", "är", "var", "behöver",
                         "enligt", "kan", "bör", "måste", "från")
# Present tense of taking a decision reads as a plan ("Styrelsen fattar beslut i mars").
LATER_PHRASES = ("fattar beslut", "tar beslut", "inför beslut", "kommer att besluta", "kommer att fatta beslut")

# Reported speech or opinion: a decision verb after one of these is what someone said, meant or joked.
SPEECH_VERBS = ("säga", "skämta", "mena", "tycka", "undra", "fråga", "berätta", "citera", "påpeka",
                "påminna om", "betona", "framföra", "tro", "anse")

# A vote record beside a decision ("X deltog inte i beslutet"), never a decision itself.
VOTE_RECORD_PHRASES = (
    "delta inte i beslutet", "delta ej i beslutet", "delta inte i handläggningen", "delta ej i handläggningen",
    "avstå från att delta", "reservera sig", "anmäla jäv", "låta anteckna",
)

# A lead that reports decisions taken elsewhere (a delegate's, another body's): the list under it
# is what is reported, not decisions of this meeting.
REPORTING_VERBS = ("anmäla", "redovisa", "rapportera")
REPORTED_DECISION_WORDS = ("delegationsbeslut", "delegationsbesluten", "på delegation", "med stöd av delegation",
                           "ordförandebeslut", "anmälda beslut", "anmälningsärenden", "meddelanden")

# Words that make a lead introduce the list under it ("Följande valdes:", "... enligt nedan:").
LIST_WORDS = ("följande", "nedanstående", "enligt nedan", "enligt följande", "dessa")

# A heading or title that names a decision ("Beslut om antal ledamöter", "Fastställande av
# röstlängd"): the short answer under it is the decision; as a paragraph of its own it decides nothing.
NAMING_OPENERS = ("beslut om", "fastställande av", "godkännande av", "antagande av", "beviljande av")
# Titles whose short answer is the decision ("Beslut om mandatperiod" over "1 år."); under
# "Godkännande av fullmakter" a statement ("Inga fullmakter har inlämnats.") is no decision.
ANSWERED_TITLES = ("beslut om",)
# An election written without a verb ("Val av kassör, Anna Ek på 2 år").
ELECTION_OPENERS = ("val av", "val till", "fyllnadsval av", "nyval av", "omval av")

# A vote count that is the only record of an adoption ("För: Samtliga närvarande  Emot: Ingen").
VOTE_FOR_LABELS = ("för",)
VOTE_AGAINST_LABELS = ("emot",)

# A sentence opening with one of these goes on from the one before ("Att X. Samt att Y" is one decision).
CONTINUING_WORDS = ("samt", "och", "men", "dock", "även", "vilket", "varvid", "därmed")

# Labels inside a decision's list of names ("Ordinarie", "Ersättare" over names), not headings that end it.
NAME_LIST_LABELS = ("ordinarie", "ersättare", "ledamöter", "ledamot", "suppleanter", "suppleant",
                    "ordinarie ledamöter", "ordförande", "vice ordförande", "revisorer", "revisor", "valberedning")

# Subjects that decide besides the bodies of bodies.py: the meeting itself and collectives.
DECIDING_SUBJECTS = ("mötet", "sammanträdet", "vi", "föreningen", "förbundet", "kommunen", "regionen",
                     "medlemmarna", "deltagarna")
# Bodies that propose or review but do not decide ("Valberedningen föreslår", "Revisorerna tillstyrker").
NON_DECIDING_SUBJECTS = ("valberedningen", "valberedning", "revisorerna", "revisorn", "revisor",
                         "lekmannarevisorerna", "lekmannarevisorn", "lekmannarevisor")

# Headings that announce the decisions under them ("Beslut", "Kommunstyrelsens beslut",
# "Styrelsen beslutar"); "<Body>s beslut" and "<Body> beslutar" are read with the body nouns.
DECISION_HEADINGS = ("beslut", "beslutet", "beslut i sammanträdet", "beslut på sammanträdet", "beslutades",
                     "beslöts", "mötet beslutade", "beslut att")
# Headings of a proposal to another body: what follows is a recommendation.
RECOMMENDATION_HEADINGS = ("förslag till beslut i kommunfullmäktige", "förslag till beslut i regionfullmäktige",
                           "förslag till kommunfullmäktige", "förslag till regionfullmäktige",
                           "förslag till fullmäktige", "förslag - kommunfullmäktige", "förslag - regionfullmäktige",
                           "förslag till beslut i fullmäktige", "förslag till årsmötet", "förslag till stämman")
# Sections of an item that never hold its decision: a decision block ends at one, and sentences
# under one are background, debate or proposal.
NON_DECISION_SECTIONS = (
    "expedieras till", "exp. till", "exp till", "expedieras", "skickas till", "beslutsunderlag", "reservation",
    "reservationer", "protokollsanteckning", "protokollsanteckningar", "anteckning", "anteckningar", "yrkanden",
    "yrkande", "propositionsordning", "omröstning", "omröstningsresultat", "jäv", "särskilt yttrande",
    "ärendebeskrivning", "bakgrund", "beredning", "förslag till beslut", "förslag till beslut på sammanträdet",
    "beslutsgång", "bilagor", "bilaga", "handlingar", "ansvarig", "sammanfattning", "ärendet", "anförande",
    "förslag", "tjänsteskrivelse", "delegationsbeslut", "voteringslista",
)
