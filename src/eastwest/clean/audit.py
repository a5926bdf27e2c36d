"""The number audit: every number in the article, Arabic or Chinese, and what became of it.

Each number either feeds an indicator (it stands inside an indicator's figure), is decided by a
curated rule in ``data/number_decisions.csv`` (a word such as 一直, a slogan, a name...), or is a
year or a duration by the two mechanical rules below. A number left undecided stops the build.
"""

import re
from pathlib import Path

import pandas as pd

from eastwest import paths
from eastwest.clean.article import Article
from eastwest.clean.csv_check import check_csv, csv_rows
from eastwest.clean.fields import AUDIT_COLUMNS, decision_fields
from eastwest.clean.quantities import find_numbers
from eastwest.errors import InputError

CONTEXT_CHARS = 12
YEAR = re.compile(r"(19|20)\d\d")
# 20年来, 近5年来, 连续6年: a short Arabic number of years is a span of time, not a date.
DURATION_AFTER = re.compile(r"年")


def load_decisions(article: Article, path: Path = paths.NUMBER_DECISIONS) -> dict[int, dict]:
    """Curated decisions keyed by the offset of the number they decide.

    Each decision also carries its file and the line of its rule, so that a rule that decides
    nothing can be named by its line.
    """
    check_csv(path, decision_fields())
    name = paths.shown(path)
    header, rows = csv_rows(path)
    decided: dict[int, dict] = {}
    for line, record in (row for row in rows if row[1]):
        rule = dict(zip(header, record, strict=True))
        context, number = rule["context"], rule["number"]
        if context.count(number) != 1:
            raise InputError(
                f"{name} line {line}, column 'number': {number!r} occurs "
                f"{context.count(number)} times in its context {context!r}; expected the number "
                "exactly as written there, once"
            )
        starts = [m.start() for m in re.finditer(re.escape(context), article.text)]
        if not starts:
            raise InputError(
                f"{name} line {line}, column 'context': {context!r} is not in the article; "
                "expected the article's words around the number, verbatim"
            )
        for start in starts:
            decided[start + context.index(number)] = {
                "decision": rule["decision"],
                "note": rule["note"],
                "line": line,
                "file": name,
            }
    return decided


def _mechanical(text: str, match) -> dict | None:
    if match.kind != "arabic":
        return None
    if YEAR.fullmatch(match.text):
        return {"decision": "year", "note": "a calendar year"}
    if len(match.text) <= 2 and DURATION_AFTER.match(text, match.end):
        return {"decision": "duration", "note": "a number of years"}
    return None


def build_audit(article: Article, indicators: pd.DataFrame, decisions: dict[int, dict]):
    """One row per number, in article order; raise InputError listing undecided numbers."""
    text = article.text
    spans = [
        (row.figure_offset, row.figure_offset + len(row.figure), row.indicator)
        for row in indicators.drop_duplicates("indicator").itertuples()
    ]
    rows, undecided, used = [], [], set()
    for match in find_numbers(text):
        feeding = [ind for start, end, ind in spans if start <= match.start and match.end <= end]
        if feeding:
            decision = {
                "decision": "indicator",
                "indicator": feeding[0],
                "note": "feeds the indicator",
            }
        elif match.start in decisions:
            decision = {
                k: v for k, v in decisions[match.start].items() if k not in ("line", "file")
            }
            used.add(match.start)
        else:
            decision = _mechanical(text, match)
        context = text[max(0, match.start - CONTEXT_CHARS) : match.end + CONTEXT_CHARS]
        context = context.replace("\n", " ")
        if decision is None:
            undecided.append(f"{match.text!r} at offset {match.start} in …{context}…")
            continue
        rows.append(
            {
                "offset": match.start,
                "number": match.text,
                "kind": match.kind,
                "value": match.value,
                "part": article.part_at(match.start),
                "context": context,
                "indicator": "",
                **decision,
            }
        )
    if undecided:
        raise InputError(
            f"number audit: {len(undecided)} number(s) in the article are neither an indicator "
            "nor decided in data/number_decisions.csv:\n  " + "\n  ".join(undecided)
        )
    stale = sorted(set(decisions) - used)
    if stale:
        lines = sorted({decisions[offset]["line"] for offset in stale})
        raise InputError(
            f"{decisions[stale[0]]['file']} line(s) {lines}, column 'number': the rules "
            f"decide no number found (offsets {stale}); expected a number the audit finds in "
            "the article (the rule or the number finder is wrong)"
        )
    frame = pd.DataFrame(rows, columns=AUDIT_COLUMNS)
    frame["part"] = frame["part"].astype("Int64")
    return frame
