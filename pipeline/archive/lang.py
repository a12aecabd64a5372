"""The Swedish words the archive layer reads records by, one list per concern.

They belong with the rest of the language data in extractors/lang/sv/; they live here because
extraction is another developer's work while this is written (move them when merging).
"""

from __future__ import annotations

# How a diarienummer is labelled before the number ("Dnr 2024.123", "Diarienummer: KS 2024/1").
DNR_LABELS: tuple[str, ...] = ("diarienummer", "diarienr", "diarie-nr", "dnr", "ärendenummer", "ärendenr")

# Words a file uses to say it is an extract of the minutes, not the whole protokoll (folded).
EXTRACT_WORDS: tuple[str, ...] = ("utdrag",)  # protokollsutdrag, "Utdrag ur protokoll", "Protokollsutdrag"

# Words before a meeting's number in a title ("Styrelsemöte nr 11", "möte 2", "Sammanträde nummer 4").
MEETING_NUMBER_WORDS: tuple[str, ...] = ("nr", "nummer", "möte", "sammanträde")

# Words that show a protokoll names its justerare in its text, where extraction did not pick the
# names out ("Till justeringsmän för dagens protokoll valdes ...", "Justeringsperson", "Justerare,").
# Folded; "justering" alone is left out: it is also any adjustment ("justering av budgeten").
ADJUSTER_WORDS: tuple[str, ...] = ("justerare", "justeringsm", "justeringsperson", "justeringskvinn",
                                   "justerande", "justera protokollet", "justera mötesprotokollet")
