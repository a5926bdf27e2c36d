"""Stage 1, ``make data``: the article and the curated files become ``data/processed/``.

``python -m eastwest.build.data INPUT...`` is the Makefile's step (done only when its inputs
changed); ``python -m eastwest.clean.build`` builds unconditionally.
"""
