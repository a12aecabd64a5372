"""How agenda items are numbered: the sign and the words before an item's number, what OCR
makes of them, and the words after a number that make it a reference or a sum, not an item."""

from __future__ import annotations

# The sign of a paragraph: "KS § 17", "§17", "17 §".
SECTION_SIGNS = ("§",)

# Words written before an item's number in place of the sign: "Punkt 3", "p. 3", "Paragraf 12".
ITEM_NUMBER_WORDS = ("punkt", "p", "paragraf")

# What OCR reads for a paragraph sign ("$ 4", "& 4. Val av sekreterare", "8 9. Val av revisorer",
# "S 12"). A number after one of these is an item only where the numbering around it says so.
SECTION_SIGN_MISREADINGS = ("$", "&", "8", "S")

# Characters OCR gives for the digits of a point number and the stop or slash after it, on a
# line of their own ("1l", "J/", "t6l", "L2l", "r3l."): such a line is a point whose number the
# sequence of the others tells.
POINT_MARK_CHARS = "lIiLtrJjsSoOeZzBGgq|!/\\)(.,"

# What stands for the stop or slash after a point number ("4l", "8t", "18/", "\21" for "12/").
POINT_STOP_CHARS = "/lI|1\\t)."

# The separator after a point number, as printed or as OCR reads it ("6, Underhåll").
POINT_SEPARATORS = ".):/,;"

# A word after a number that makes it a reference or an amount, never an item
# ("8 kap. 3 §", "8 000 kr", "3 st. Val").
NOT_AN_ITEM_AFTER = ("kap", "kapitlet", "st", "mom", "kr", "kronor", "tkr", "mkr", "milj", "procent")
