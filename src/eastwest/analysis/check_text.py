"""The checks as the report states them: each with its verdict, statement and caveat in one
paragraph, check (e) as the evidence for the end of the "20 years", the table of what each
rests on, and the rules behind the verdicts. The words are text in check_text.toml beside this
file; the checks themselves are ``checks``."""

import pandas as pd

from eastwest.analysis.tables import texts_beside
from eastwest.analysis.verdicts import (
    BREAK_FACTOR,
    CANNOT_TELL,
    CONSISTENT,
    IN_TENSION,
    PACE_TOLERANCE,
    Check,
)
from eastwest.edition import Bilingual, edition


def _texts() -> dict:
    return texts_beside(__file__)


# What each check's verdict rests on, so that a reader can count the ones that test the article:
# (d) alone sets one of its totals against figures from other releases that it needs all of;
# (b) finds a jump in pace that the briefing's own figures make without the article's; (e) is the
# inference about the end year itself, (a) and (f) build on it, and (c) compares the article's
# cadre count with what is most likely the same statistic published again.
INDEPENDENT = "figures from two other releases"
RESTS_ON = {
    "a": "the inferred end year (e)",
    "b": "not a test of the article: the briefing’s figures make the jump",
    "c": "not a test: the same statistic, published twice",
    "d": INDEPENDENT,
    "e": "outside figures alone (the end-year inference)",
    "f": "the inferred end year (e)",
}


def checks_table(checks: list[Check]) -> pd.DataFrame:
    return pd.DataFrame(
        {"Check": [f"({c.key}) {c.title}" for c in checks],
         "Verdict": [c.verdict for c in checks],
         "Rests on": [RESTS_ON.get(c.key, "") for c in checks]}
    )  # fmt: skip


def _in_both(check: Check, render) -> str:
    """``render(check)``, and in the Chinese edition its counterpart's, where it has one."""
    english = render(check)
    if check.zh is None:
        return english
    with edition("zh"):
        return Bilingual(english, render(check.zh))


def _markdown(check: Check) -> str:
    text = _texts()["markdown"]
    caveat = text["caveat"].format(caveat=check.caveat) if check.caveat else ""
    verdict = _texts()["verdicts"][check.verdict]
    return text["check"].format(
        key=check.key, title=check.title, verdict=verdict, statement=check.statement, caveat=caveat
    )


def markdown(check: Check) -> str:
    """The check, its verdict, statement and caveat, as one Markdown paragraph."""
    return _in_both(check, _markdown)


def evidence_paragraph(check: Check) -> str:
    """Check (e) as the evidence for the end of the “20 years”, without its heading."""
    return _in_both(
        check,
        lambda c: _texts()["markdown"]["evidence"].format(statement=c.statement, caveat=c.caveat),
    )


def verdict_rules() -> str:
    """The rules behind every verdict, with their thresholds, as Markdown."""
    verdicts = _texts()["verdicts"]
    return _texts()["rules"]["text"].format(
        cannot_tell=verdicts[CANNOT_TELL],
        tolerance=f"{PACE_TOLERANCE - 1:.0%}",
        break_factor=f"{BREAK_FACTOR:g}",
        in_tension=verdicts[IN_TENSION],
        consistent=verdicts[CONSISTENT],
    )
