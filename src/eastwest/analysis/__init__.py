"""Stage 2: what the notebooks import, one module per chapter (``totals``, ``labour``,
``funding``) with their helpers (``checks``, ``findings``, ``external``, ``timeline``,
``pairings``), one chart style (``style``) and the notebook display (``tables``)."""
