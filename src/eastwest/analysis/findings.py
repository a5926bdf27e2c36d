"""The report's front page: a one-sentence bottom line and four key findings.

The sentences are text, in findings.toml beside this file; every number in them is computed here
from the article's figures and, where a finding says so, from the figures published elsewhere,
so the front page cannot drift from the evidence behind it. The findings are ordered by what
depends on what: the end of the "20 years" first, then the pace of fiscal aid that rests on it
(computed once, in ``pace.Pace``); labour export and labour income rest on neither. Money is
written in 亿元 with billions of yuan beside it, enterprise investment in 万亿元 with trillions,
person-times in 万人次 with millions. A derived number (a sum, ratio or pace) is marked with
``derived`` so that the report links it to the notebook cell that states it.
"""

from dataclasses import dataclass

import pandas as pd

from eastwest.analysis import checks
from eastwest.analysis.external import PROGRAMME_START
from eastwest.analysis.pace import Pace, fiscal_pace
from eastwest.analysis.tables import derived, texts_beside
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual
from eastwest.formats import (
    YI,
    billions,
    fmt_approx,
    fmt_number,
    fmt_one_decimal,
    fmt_percent,
    gloss,
    period,
    times_as_much,
    wan,
    wan_and_count,
    wan_first,
    yi,
    yi_first,
    yuan,
)


@dataclass(frozen=True)
class Finding:
    headline: str  # the finding in one plain sentence
    evidence: str  # the numbers behind it, with their periods
    section: str  # where the report sets out the evidence ("2.2", "3", ...)

    def markdown(self) -> str:
        return _texts()["finding"].format(
            headline=self.headline, evidence=self.evidence, section=self.section
        )


def markdown_list(findings: list[Finding]) -> str:
    """The findings as a numbered Markdown list, lead first."""
    return "\n".join(f"{n}. {finding.markdown()}" for n, finding in enumerate(findings, 1))


def _period(row: pd.Series) -> str:
    return period(int(row["period_start"]), int(row["period_end"]))


def _texts() -> dict:
    """The front page's sentences, with their placeholders (findings.toml, beside this file)."""
    return texts_beside(__file__)


def _finding(name: str, **numbers: object) -> Finding:
    """Finding ``name`` of findings.toml, its placeholders filled with ``numbers``."""
    text = _texts()[name]
    return Finding(
        text["headline"].format(**numbers), text["evidence"].format(**numbers), text["section"]
    )


def bottom_line(pace: Pace, labour: checks.Check) -> str:
    """The report in one sentence."""
    gap = labour.numbers
    return _texts()["bottom_line"].format(
        gap_years=period(int(gap["gap_start"]), int(gap["gap_end"])),
        end=pace.end,
        step=derived(times_as_much(pace.step)),
        recent=period(checks.PLAN_12[0], pace.earlier_last),
        before=period(*checks.BEFORE_PLAN_12),
    )


def _end_year(end_check: checks.Check) -> Finding:
    n = end_check.numbers
    end = int(n["inferred_end"])
    return _finding(
        "end_year",
        end=end,
        published=end + 1,
        fiscal=yi(n["fiscal"]),
        social=yi(n["social"]),
        sum=derived(yi(n["sum"])),
        sum_gloss=gloss(
            f"{billions(n['fiscal'], '')} + {billions(n['social'], '')} = {billions(n['sum'])}"
        ),
        # The briefing's own words, 160多亿元, in both editions.
        briefing=f"{n['briefing_lower'] / YI:.0f}多亿元",
        briefing_gloss=gloss(f"over {billions(n['briefing_lower'], ' billion')}"),
        room=derived(yi_first(n["after_2015_max"])),
        years=period(PROGRAMME_START, end),
    )


def _aid_pace(pace: Pace) -> Finding:
    first, last = checks.PLAN_12[0], pace.earlier_last
    return _finding(
        "aid_pace",
        step=fmt_one_decimal(pace.step),
        recent=period(first, last),
        before=period(*checks.BEFORE_PLAN_12),
        recent_yearly=derived(yi_first(pace.yearly_plan_before_end)),
        before_yearly=derived(yi_first(pace.yearly_upto_2010)),
        end=pace.end,
        added=derived(yi_first(pace.added)),
        rise=derived(fmt_percent(pace.rise_over_recent)),
        first=first,
        plan=yi_first(pace.plan),
        plan_years=period(*checks.PLAN_12),
    )


def _labour_export(table: pd.DataFrame, labour: checks.Check) -> Finding:
    export = indicator_row(table, "labour_export_1996_2014")
    d = labour.numbers
    return _finding(
        "labour_export",
        early=wan(d["early"], "人次"),
        early_years=period(*checks.FIRST_REVIEW),
        plan=wan(d["plan"], "人次"),
        plan_years=period(*checks.PLAN_12),
        total=wan_first(export["value"], "人次", "person-times"),
        years=_period(export),
        least=derived(wan_and_count(d["gap_yearly_min"], "人次")),
        gap_years=period(int(d["gap_start"]), int(d["gap_end"])),
        before=derived(wan_and_count(d["before_yearly"], "人次")),
        after=derived(wan_and_count(d["after_yearly"], "人次")),
    )


def _labour_income(table: pd.DataFrame) -> Finding:
    export = indicator_row(table, "labour_export_1996_2014")
    income = indicator_row(table, "labour_income_1996_2014")
    gx_workers = indicator_row(table, "guangxi_labour_export_2015")
    gx_income = indicator_row(table, "guangxi_labour_income_2015")
    per_head = fmt_approx(gx_income["value"] / gx_workers["value"]).lstrip("≈约")
    return _finding(
        "labour_income",
        share=derived(fmt_percent(gx_income["value"] / income["value"])),
        years=int(income["period_end"]) - int(income["period_start"]) + 1,
        income=yi_first(gx_income["value"]),
        year=int(gx_income["period_start"]),
        workers=gx_workers["figure"],
        workers_count=gloss(fmt_number(gx_workers["value"])),
        per_head=derived(yuan(per_head)),
        period=_period(income),
        programme_income=yi_first(income["value"]),
        export=export["figure"],
        per_trip=derived(yuan(fmt_approx(income["value"] / export["value"]))),  # ≈: rounded
    )


@bilingual
def front_page(
    table: pd.DataFrame, official_totals: pd.DataFrame, results: list[checks.Check]
) -> tuple[str, str]:
    """The bottom line and the key findings as Markdown, in each edition."""
    bottom, findings = key_findings(table, official_totals, results)
    return bottom, markdown_list(findings)


def key_findings(
    table: pd.DataFrame, official_totals: pd.DataFrame, results: list[checks.Check]
) -> tuple[str, list[Finding]]:
    """The bottom line and four findings, ordered by what depends on what.

    ``results`` are the checks of :func:`checks.run_checks`; the end of the "20 years" is the
    one check (e) infers.
    """
    by_key = {check.key: check for check in results}
    end = int(by_key["e"].numbers["inferred_end"])
    pace = fiscal_pace(table, official_totals, end)
    return bottom_line(pace, by_key["d"]), [
        _end_year(by_key["e"]),
        _aid_pace(pace),
        _labour_export(table, by_key["d"]),
        _labour_income(table),
    ]
