"""Where a meeting is held when it is held nowhere in particular: online, by phone."""

from __future__ import annotations

# A meeting held online names its medium as its place ("Digitalt möte", "Möte via Teams",
# "Plats: Zoom").
REMOTE_PLACES = ("digitalt", "digital", "teams", "microsoft teams", "zoom", "skype", "distans", "telefon",
                 "google meet", "videolänk", "webben", "jitsi")

# Words for the meeting itself that a remote place stands before or after.
MEETING_NOUNS = ("möte", "mötet", "sammanträde", "sammanträdet", "träff")
