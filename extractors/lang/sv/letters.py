"""Swedish letters, as data: which letter pairs Swedish text is made of, and which single
letters are words. A text layer whose words are built of other pairs has its letters substituted
(a font whose character map lies: the page shows "Protokoll", the layer holds "Qspuplpmm"),
however word-like its tokens look.

COMMON_LETTER_PAIRS are the pairs of adjacent letters inside words that make up 97.7 % of the
pairs of Swedish text: those that are each at least 0.03 % of the pairs in wordfreq's 50 000
most frequent Swedish words, every word weighted by its frequency (tests/lang/test_lang_letters.py
derives them again). Most frequent first. Swedish text has 84-100 % of its pairs among them on
every page of the corpus, poor OCR included; English 87 %, German 83 %; the same pages with their
letters shifted or shuffled 42-56 %.
"""

from __future__ import annotations

# wordfreq's Swedish list, its most frequent words, and the least share of all pairs a pair must have.
SOURCE_WORDS = 50_000
PAIR_SHARE_FLOOR = 3e-4

COMMON_LETTER_PAIRS = (
    "de", "en", "er", "ar", "et", "an", "tt", "in", "är", "te", "ll", "at", "om", "ra", "ör", "st", "ka", "me",
    "ta", "oc", "ig", "ti", "ch", "sk", "la", "fö", "ag", "nt", "li", "ha", "va", "na", "nd", "ja", "il", "re",
    "ng", "ge", "vi", "so", "or", "le", "ed", "al", "el", "på", "ns", "ve", "än", "ri", "ad", "ma", "on", "ga",
    "ck", "is", "nn", "it", "da", "se", "ke", "sa", "ko", "så", "mi", "av", "år", "ne", "tr", "kt", "äl", "rt",
    "ut", "si", "as", "rs", "he", "ni", "ån", "mm", "es", "un", "du", "vä", "be", "di", "am", "ro", "ol", "id",
    "ba", "pp", "fr", "ss", "pe", "ik", "gt", "lt", "to", "bl", "dr", "ot", "rn", "lä", "em", "fa", "fi", "rå",
    "åg", "pa", "ur", "nä", "sv", "ät", "no", "hä", "sä", "rä", "ak", "ku", "kl", "gr", "ld", "go", "rd", "ju",
    "br", "pr", "iv", "gå", "rk", "ts", "ho", "få", "ul", "kr", "nu", "nå", "mo", "up", "sl", "tä", "ft", "jä",
    "äg", "hu", "ls", "öv", "må", "bo", "åt", "yc", "us", "då", "gö", "jo", "vå", "ru", "sp", "nk", "ic", "fo",
    "io", "ty", "os", "ek", "ef", "hö", "dä", "äs", "lu", "gi", "ål", "lo", "kä", "ev", "rl", "po", "eg", "do",
    "lk", "ir", "gg", "bi", "ki", "je", "lj", "lå", "op", "og", "ie", "ap", "rr", "ob", "tu", "tv", "mä", "äv",
    "ac", "lv", "pl", "ks", "sn", "fl", "äm", "rg", "fe", "od", "my", "tå", "sj", "ny", "bb", "ej", "kn", "ås",
    "ia", "rm", "kv", "rö", "hi", "hå", "kö", "rf", "ly", "mt", "ec", "ex", "sö", "ök", "rb", "ok", "bä", "nl",
    "gs", "ry", "um", "eh", "ci", "rj", "dd", "af", "ud", "ds", "im", "ys", "ff", "ce", "mn", "lö", "äk", "gl",
    "mp", "lm", "bö", "åd", "öd", "dl", "sm", "uk", "ös", "öt", "yt", "if", "tö", "yg", "mö", "of", "su", "ov",
    "ab", "gn", "sy", "fu", "nv", "öp", "tn", "yr", "ön", "ög", "vs", "ms", "mu", "eb", "åk", "tl", "pi", "dö",
    "rv", "gä", "by", "vl", "tj", "hj", "th", "dn", "gh", "gj", "äd", "öl", "yd", "öj", "nf", "pt", "ml", "ep",
    "fä", "ea", "ln", "bu", "öm", "gu", "ca", "ip", "ug", "ps", "lb", "yn", "äc", "lp",
)

# The letters that are words on their own: the preposition "i", a river "å", an island "ö".
# Any other lone letter on a page is read as noise (a stroke or a speck read as "l", "I", "t").
SINGLE_LETTER_WORDS = ("i", "å", "ö")
