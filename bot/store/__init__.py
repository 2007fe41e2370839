"""The store: the schema and its migrations (``migrations``), the SQLite store (``storage``: connections,
transactions, saving a digest), reading back and export (``readback``), forgetting and retention
(``retention``), keys that find the same person, link or paste again (``keys``, ``people_match``), recall's
query language (``recall_query``) and search (``recall``), and what the engine asks of a store
(``protocols``)."""
