"""Stage 3, ``make report``: the notebooks executed, their reviewers' pages, the reader's HTML and
its PDF. ``execute`` runs one notebook and renders its page; ``reader`` writes the report."""
