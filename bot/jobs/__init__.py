"""Jobs: the durable queue and ledger (``queue``), the thread pool for slow work (``runner``) and the
extraction worker processes (``extract_pool``). Nothing here knows Slack."""
