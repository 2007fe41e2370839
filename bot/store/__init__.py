"""The store: the schema and its migrations (``migrations``), the SQLite store (``storage``), keys that
find the same person, link or paste again (``keys``, ``people_match``) and recall's search (``recall``)."""
