"""Articles into the registry: `rollcall extract` reads one and prints the facts it reports.

The extractor (`rollcall.extraction`) is plain Python and knows no registry; this app adds what
needs one, starting with matching the people an article names to the people Rollcall holds.
"""
