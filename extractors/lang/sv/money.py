"""Money as Swedish minutes write it: currency units and their scale, scale words, the words that
qualify or join amounts, and the words that make a table or a bare "miljoner" about money.

Read by extractors/amounts.py (running text) and extractors/tables.py (table cells, headers and
captions) through extractors/vocabulary.py.
"""

from __future__ import annotations

# A unit written after the number, and what one of it is in kronor ("19 038 tkr" -> 19 038 000).
# A trailing full stop ("kr.", "milj.") is allowed by the matcher, not listed here.
CURRENCY_UNITS: dict[str, float] = {
    "kr": 1,
    "kronor": 1,
    "krona": 1,
    "sek": 1,
    ":-": 1,
    "öre": 0.01,
    "tkr": 1_000,
    "tsek": 1_000,
    "ksek": 1_000,
    "mkr": 1_000_000,
    "mnkr": 1_000_000,
    "msek": 1_000_000,
    "mdkr": 1_000_000_000,
    "mdr kr": 1_000_000_000,
}

# A scale word between the number and the currency ("2,5 miljoner kronor", "fem (5) miljoner kr").
SCALE_WORDS: dict[str, int] = {
    "tusen": 1_000,
    "miljon": 1_000_000,
    "miljoner": 1_000_000,
    "milj": 1_000_000,
    "mn": 1_000_000,
    "miljard": 1_000_000_000,
    "miljarder": 1_000_000_000,
    "mdr": 1_000_000_000,
}

# Scale words that are money by themselves, without a currency, when money is talked about nearby
# ("överskottet (ca 1,7 milj)"); "tusen" alone never is.
BARE_SCALE_WORDS: tuple[str, ...] = ("miljoner", "milj", "miljarder")

# A currency written before the number ("kr 15 000", "SEK 2 500"). Capital "KR" is left out: it
# is a document code's tail ("OPF-KR 26"), not a currency.
CURRENCY_BEFORE: tuple[str, ...] = ("kr", "Kr", "kr.", "Kr.", "SEK", "sek", "kronor")

# Words that put several numbers under one unit ("12 400 och 9 800 kr", "kr 250 resp 500").
LIST_JOINERS: tuple[str, ...] = ("och", "eller", "resp", "resp.", "respektive", "samt", "alternativt", "&")

# Words that may follow a number listed under a currency written before it ("kr 250 resp 500 för
# medlem"); any other word makes the number a count ("kr 250 och 3 personer").
WORDS_AFTER_LISTED_AMOUNT: tuple[str, ...] = (
    "för", "per", "i", "till", "om", "vardera", "var", "styck", "inklusive", "exklusive", "inkl", "exkl",
    "ex", "plus", "från", "med", "under", "efter",
)

# Words that join the two ends of a range ("5-10 miljoner kronor", "från 100 till 125 kr").
RANGE_JOINERS: tuple[str, ...] = ("-", "–", "—", "till")
RANGE_OPENERS: tuple[str, ...] = ("från", "mellan")

# A number right after one of these is a point, a chapter, a year or a time, never money, even
# when a unit follows later in the list ("§ 12 och 500 kr").
NOT_MONEY_BEFORE: tuple[str, ...] = (
    "§", "§§", "kap", "kap.", "paragraf", "paragraferna", "punkt", "punkterna", "nr", "nummer", "sid", "sidan",
    "kl", "kl.", "klockan", "år", "året", "åren", "under", "sedan", "inför", "version", "bilaga",
)

# Qualifiers written before an amount ("ca 1,7 milj", "upp till 60 tkr").
QUALIFIERS_BEFORE: tuple[str, ...] = (
    "ca", "ca.", "cirka", "c:a", "upp till", "högst", "maximalt", "max", "max.", "minst", "drygt", "knappt",
    "omkring", "ungefär", "runt", "totalt", "sammanlagt", "maximal kostnad om", "uppskattningsvis",
)

# Qualifiers written after an amount ("50 350 kr exkl moms").
QUALIFIERS_AFTER: tuple[str, ...] = (
    "exkl moms", "exkl. moms", "exklusive moms", "inkl moms", "inkl. moms", "inklusive moms", "ex moms",
    "ex. moms", "plus moms", "+ moms",
)

# Words that make a bare scale word ("2 milj") money, and a table of figures a money table.
MONEY_WORDS: tuple[str, ...] = (
    "kr", "kronor", "sek", "tkr", "mkr", "budget", "kostnad", "kostnader", "medel", "anslag", "intäkt",
    "intäkter", "pengar", "finansiering", "finansierad", "bidrag", "resultat", "kapital", "tilldelning",
    "överskott", "underskott", "belopp", "utfall", "prognos", "avvikelse", "summa", "saldo", "bokslut",
    "ekonomi", "inkomst", "inkomster", "utgift", "utgifter", "debet", "kredit", "tillgång", "tillgångar",
    "skuld", "skulder", "balans", "avgift", "avgifter", "arvode", "hyra", "ersättning", "lön",
    "investering", "driftbudget", "statlig", "statliga",
)

# Column headers and captions of tables that count things, not money ("Antal", "Andel (%)").
NOT_MONEY_HEADER_WORDS: tuple[str, ...] = (
    "antal", "andel", "procent", "%", "timmar", "st", "deltagare", "personer",
)

# Header words that name a column of sums even in a table that also counts things ("Antal" beside
# "Belopp").
SUM_HEADER_WORDS: tuple[str, ...] = ("belopp", "summa", "kostnad", "kostnader")

# The unit of a whole table, stated in its caption, header or the text above it ("Belopp i tkr").
TABLE_UNITS: dict[str, int] = {
    "tkr": 1_000,
    "tsek": 1_000,
    "ksek": 1_000,
    "tusen kronor": 1_000,
    "tusentals kronor": 1_000,
    "tusental kronor": 1_000,
    "mkr": 1_000_000,
    "mnkr": 1_000_000,
    "msek": 1_000_000,
    "mn kr": 1_000_000,
    "miljoner kronor": 1_000_000,
    "kr": 1,
    "kronor": 1,
    "sek": 1,
}
