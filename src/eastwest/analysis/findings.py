"""The report's front page: a one-sentence bottom line and four key findings.

Every number is computed here from the article's figures and, where a finding says so, from the
figures published elsewhere, so the front page cannot drift from the evidence behind it. The
findings are ordered by what depends on what: the end of the "20 years" first, then the pace of
fiscal aid that rests on it; the independent cross-checks and labour income rest on neither.
Money is written in 亿元 with billions of yuan beside it, enterprise investment in 万亿元 with
trillions, person-times in 万人次 with millions. A derived number (a sum, ratio or pace) is
marked with ``derived`` so that the report links it to the notebook cell that states it.
"""

from dataclasses import dataclass

import pandas as pd

from eastwest.analysis import checks
from eastwest.analysis.external import PROGRAMME_START, official
from eastwest.analysis.tables import derived
from eastwest.clean.indicators import indicator_row, value_of
from eastwest.formats import (
    WAN,
    YI,
    billions,
    fmt_approx,
    fmt_number,
    fmt_one_decimal,
    fmt_percent,
    period,
    wan_first,
    yi,
    yi_first,
)


@dataclass(frozen=True)
class Finding:
    headline: str  # the finding in one plain sentence
    evidence: str  # the numbers behind it, with their periods
    section: str  # where the report sets out the evidence ("2.2", "3", ...)

    def markdown(self) -> str:
        return f"**{self.headline}** {self.evidence} (Section\u00a0{self.section}.)"


def markdown_list(findings: list[Finding]) -> str:
    """The findings as a numbered Markdown list, lead first."""
    return "\n".join(f"{n}. {finding.markdown()}" for n, finding in enumerate(findings, 1))


def _article(table: pd.DataFrame, indicator: str, qualifier: str | None = None) -> float:
    return float(value_of(table, indicator, qualifier))


@dataclass(frozen=True)
class Pace:
    """Fiscal aid a year in the sub-periods the sources allow (yuan, nominal)."""

    earlier: float  # the article's total for part 2's stated period (1996–2014)
    earlier_last: int  # the last year of that period, from the data
    later: float  # the article's "20 years" total (part 1)
    plan: float  # the December 2016 briefing's 2011–2015 total
    end: int  # the inferred last year of the "20 years"

    @property
    def added(self) -> float:
        return self.later - self.earlier

    @property
    def earlier_years(self) -> int:
        return self.earlier_last - PROGRAMME_START + 1

    @property
    def mean_1996_2014(self) -> float:
        return self.earlier / self.earlier_years

    @property
    def upto_2010(self) -> float:
        return self.later - self.plan

    @property
    def yearly_upto_2010(self) -> float:
        return self.upto_2010 / (checks.PLAN_12[0] - PROGRAMME_START)

    @property
    def plan_before_end(self) -> float:
        return self.plan - self.added

    @property
    def yearly_plan_before_end(self) -> float:
        return self.plan_before_end / (self.earlier_last - checks.PLAN_12[0] + 1)

    @property
    def step(self) -> float:
        return self.yearly_plan_before_end / self.yearly_upto_2010

    @property
    def last_to_recent(self) -> float:
        return self.added / self.yearly_plan_before_end

    @property
    def rise_over_recent(self) -> float:
        """How much more the last year brought than the years before it, as a share."""
        return self.last_to_recent - 1

    @property
    def last_to_mean(self) -> float:
        return self.added / self.mean_1996_2014


def fiscal_pace(table: pd.DataFrame, official_totals: pd.DataFrame, end: int) -> Pace:
    """The pace of fiscal aid with the "20 years" read as ending in ``end``."""
    earlier = indicator_row(table, "fiscal_aid_1996_2014")
    earlier_last = int(earlier["period_end"])
    if end != earlier_last + 1:
        raise ValueError(
            f"the pace reads the increase after {earlier_last} as one year's aid: it needs the "
            f"'20 years' to end in {earlier_last + 1}, not {end}"
        )
    plan = official(official_totals, "fiscal_aid", *checks.PLAN_12)["value"]
    return Pace(float(earlier["value"]), earlier_last, _article(table, "fiscal_aid_20y"), plan, end)


def _period(row: pd.Series) -> str:
    return period(int(row["period_start"]), int(row["period_end"]))


def bottom_line(pace: Pace) -> str:
    """The report in one sentence."""
    return (
        f"If the article’s “20 years” end in {pace.end}, as outside figures indicate, fiscal aid "
        f"from east to west averaged {derived(fmt_one_decimal(pace.step) + ' times')} as much a "
        f"year in {period(checks.PLAN_12[0], pace.earlier_last)} as in "
        f"{period(*checks.BEFORE_PLAN_12)}; the article’s total for labour export, by contrast, "
        "is hard to reconcile with the figures published before and after it."
    )


def _end_year(end_check: checks.Check) -> Finding:
    n = end_check.numbers
    end = int(n["inferred_end"])
    in_billions = [billions(n[key], "") for key in ("fiscal", "social", "sum")]
    return Finding(
        f"The “20 years” most likely end in {end}.",
        f"Xinhua gave it in July {end + 1}, too early to count all of {end + 1}, and its fiscal "
        f"plus social aid, {yi(n['fiscal'])} + {yi(n['social'])} = {derived(yi(n['sum']))} "
        f"({in_billions[0]} + {in_billions[1]} = {in_billions[2]} billion yuan), falls inside "
        f"the “{n['briefing_lower'] / YI:.0f}多亿元” (over {billions(n['briefing_lower'])}) a "
        f"December {end + 1} briefing gives for {period(PROGRAMME_START, end)}. The article’s "
        "wording cannot settle it.",
        "2.2",
    )


def _aid_pace(pace: Pace) -> Finding:
    first, last = checks.PLAN_12[0], pace.earlier_last
    return Finding(
        f"If so, fiscal aid a year averaged {fmt_one_decimal(pace.step)} times as much in "
        f"{period(first, last)} as in {period(*checks.BEFORE_PLAN_12)}:",
        f"{derived(yi_first(pace.yearly_plan_before_end))} against "
        f"{derived(yi_first(pace.yearly_upto_2010))}. {pace.end} then brought "
        f"{derived(yi_first(pace.added))}, {derived(fmt_percent(pace.rise_over_recent))} above "
        f"the {period(first, last)} average. The split at {first} rests on the briefing’s "
        f"{yi_first(pace.plan)} for {period(*checks.PLAN_12)}, not on the article.",
        "2.3",
    )


def _in_wan(value: float, unit: str) -> str:
    """A count in 万 with the plain count beside it: 74.7万人次 (747,000)."""
    in_wan = fmt_one_decimal(value / WAN)
    return f"{in_wan}万{unit} ({float(in_wan.replace(',', '')) * WAN:,.0f})"


def _labour_export(table: pd.DataFrame, labour: checks.Check) -> Finding:
    export = indicator_row(table, "labour_export_1996_2014")
    d = labour.numbers
    early, plan = (f"{fmt_one_decimal(d[key] / WAN)}万人次" for key in ("early", "plan"))
    total = wan_first(export["value"], "人次", "person-times")
    least, before, after = (
        derived(_in_wan(d[key], "人次"))
        for key in ("gap_yearly_min", "before_yearly", "after_yearly")
    )
    return Finding(
        "The article’s labour-export total is hard to reconcile with the releases around it.",
        f"Less People’s Daily’s {early} for {period(*checks.FIRST_REVIEW)} and the briefing’s "
        f"{plan} for {period(*checks.PLAN_12)}, its {total} for {_period(export)} leaves at least "
        f"{least} a year for {period(int(d['gap_start']), int(d['gap_end']))}, against {before} "
        f"before and {after} after, unless the terms differ or those years were exceptional.",
        "2.4",
    )


def _labour_income(table: pd.DataFrame) -> Finding:
    export = indicator_row(table, "labour_export_1996_2014")
    income = indicator_row(table, "labour_income_1996_2014")
    gx_workers = indicator_row(table, "guangxi_labour_export_2015")
    gx_income = indicator_row(table, "guangxi_labour_income_2015")
    share = gx_income["value"] / income["value"]
    years = int(income["period_end"]) - int(income["period_start"]) + 1
    per_head = fmt_approx(gx_income["value"] / gx_workers["value"]).lstrip("≈")
    per_trip = fmt_approx(income["value"] / export["value"])  # ≈8,100: rounded
    return Finding(
        f"One province’s labour income in one year equals "
        f"{derived(fmt_percent(share))} of the programme’s {years} years.",
        f"The article reports {yi_first(gx_income['value'])} earned in "
        f"{int(gx_income['period_start'])} by {gx_workers['figure']} "
        f"({fmt_number(gx_workers['value'])}) Guangxi workers, {derived(per_head + ' yuan')} a "
        f"head; {_period(income)} brought {yi_first(income['value'])} for {export['figure']}, "
        f"{derived(per_trip + ' yuan')} per person-time. Either earnings rose steeply or the "
        "figures count different things: the article does not say.",
        "3.1",
    )


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
    return bottom_line(pace), [
        _end_year(by_key["e"]),
        _aid_pace(pace),
        _labour_export(table, by_key["d"]),
        _labour_income(table),
    ]
