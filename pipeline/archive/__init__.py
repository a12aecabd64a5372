"""The archive as a whole: meetings (every file that records one is one of its renderings),
cases (an ärende through its bodies), completeness (what is missing) and feeds (what is new).

Built over the store's reads and the search result, never inside them: SQL stays in
pipeline/store/archive.py, and search hits are grouped into meetings by their document's
sha256, whatever engine found them. Nothing is imported here, so `pipeline.archive.keys` can be
used by the store at load time without a cycle.
"""
