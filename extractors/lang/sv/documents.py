"""The parts of a meeting record as a document: the words of its own title, and the headings
of the appendices bound into it."""

from __future__ import annotations

# Words that name the meeting or the record in a document's own title ("Ixs konstituerande
# styrelsemöte för år 2018", "Protokoll årsmöte 2024"): with a year, a heading is the title, not an item.
MEETING_TITLE_WORDS = (
    "protokoll", "sammanträdesprotokoll", "mötesprotokoll", "minnesanteckningar", "mötesanteckningar",
    "anteckningar", "möte", "sammanträde", "stämma", "kallelse",
)

# The record's own word at the end of a compound that names the meeting ("Årsmötesprotokoll",
# "Styrelsemötesanteckningar"): what stands before it is the meeting.
RECORD_WORDS = ("protokoll", "protokollet", "anteckningar", "minnesanteckningar", "kallelse")

# Words a title sets before the record's word that qualify the record, never name its organisation
# ("Extra årsmötesprotokoll", "Justerat protokoll").
RECORD_QUALIFIERS = ("extra", "ordinarie", "justerat", "justerade", "signerat", "preliminärt", "utdrag", "kopia",
                     "konstituerande", "digitalt", "gemensamt", "gemensamma", "rättat", "reviderat", "bilaga")

# Headings that open an appendix bound into the minutes: "Bilaga 1", "Bilaga A - Stadgar",
# "Tjänsteskrivelse". Its text belongs to no item.
APPENDIX_HEADS = ("bilaga", "appendix", "tjänsteskrivelse", "tjänsteutlåtande", "protokollsbilaga")

# Headings that list a paragraph's appendices and end nothing: "Bilagor", "Bilaga:".
APPENDIX_LISTS = ("bilagor", "bilaga", "bilageförteckning", "bilagor till protokollet", "bifogade handlingar")
