"""Jobs, without Slack: the durable queue and the de-duplication ledger, every SQL statement on the ``jobs``
and ``requests`` tables (``queue``), the thread pool that runs jobs (``runner``) and the extraction worker
processes (``extract_pool``). The Slack side of a job's life cycle is ``handlers.jobs``."""
