"""Names the store's values go by in Swedish, for exports, pages and the command line's choices
(a module of its own: `protokoll --help` lists them without loading the store)."""

# The decision kinds as a Swedish beslutsförteckning names them.
DECISION_KIND_LABELS: dict[str, str] = {
    "decision": "beslut",
    "noted": "noterat",
    "no_decision": "inget beslut",
    "recommendation": "rekommendation",
}
