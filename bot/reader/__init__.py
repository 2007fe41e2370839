"""Reading links and documents: the safe fetch (``fetch``, ``transport``, ``netpolicy``, ``fetchcache``),
the page reader (``article`` with ``pagedate`` and ``byline``) and the document reader (``documents``).
No spaCy here; everything returns a ``bot.models.Article``."""
