"""The build's machinery, apart from the code that draws the report: each step make runs
(``data``, ``notebook``, ``page``, ``reader``) and the content records that let a step with
nothing new to do finish at once (``records``). It imports every stage; no stage imports it.
"""
