"""Swedish words of the meeting-record domain, as data: one module per concern, each list written
once and read by every extractor that needs it (extractors/vocabulary.py turns them into
matchers). Lists here hold words and phrases, never regular expressions; a test covers every
entry (tests/lang/test_lang_<module>.py).

- labels.py: labels of the front page and signature block, attendee groups, an item's sections
- roles.py: roles and titles of people ("ordförande", "verksamhetschef")
- organisations.py: words that make a name an organisation's
- bodies.py: meeting bodies, meetings that are bodies, their abbreviations
- money.py: currency units and scales, qualifiers, joiners and the words of money tables
- numerals.py: number words ("fem", "tjugo", "hundra") for sums written in words
"""
