"""Consistency checks of the article's totals against the official figures, with verdicts.

Each check states its numbers and one verdict — consistent, in tension or cannot tell — that
the rules in ``verdicts`` compute. The official figures are the yardstick only: a check never
changes or completes one of the article's figures.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from eastwest.analysis.external import PROGRAMME_START, citation, official, own_term
from eastwest.analysis.verdicts import (
    BREAK_FACTOR,
    CANNOT_TELL,
    CONSISTENT,
    IN_TENSION,
    PACE_TOLERANCE,
    Check,
    Inputs,
    Segment,
    corners,
    display_unit,
    pace_verdict,
    rounding_half_unit,
    verdict_over_corners,
)
from eastwest.clean.indicators import indicator_row
from eastwest.formats import WAN_YI, YI, long_date
from eastwest.formats import fmt_one_decimal as fmt
from eastwest.formats import fmt_times as times

# The official figures these checks lean on, by the span they cover: the national review of
# 1996–2007 (People's Daily, 2008) and the 12th Five-Year Plan, 2011–2015 (briefing, 2016).
FIRST_REVIEW = (PROGRAMME_START, 2007)
PLAN_12 = (2011, 2015)
BEFORE_PLAN_12 = (PROGRAMME_START, PLAN_12[0] - 1)


def _writer(unit: str, scale: float) -> Callable[[float], str]:
    """How a check writes an amount: in the unit of its article figure, 72.0亿元 or 1.2万亿元."""
    return lambda value: f"{fmt(value / scale)}{unit}"


def _said(value: float, unit: str, scale: float, term: str, cite: str) -> str:
    return f"{_writer(unit, scale)(value)} ({term}, {cite})"


def _spreads(values: dict[str, float]) -> dict[str, float]:
    return {key: rounding_half_unit(value) for key, value in values.items()}


def period_end_evidence(inp: Inputs) -> Check:
    """(e) Xinhua's fiscal plus social aid against the briefing's "160多亿" for 1996–2015."""
    part1 = inp.article("fiscal_aid", 1)
    unit, scale = display_unit(part1["figure"])
    amount = _writer(unit, scale)
    xinhua = inp.sources.loc["part1", "published"]
    fiscal = official(inp.official, "fiscal_aid", PROGRAMME_START, published=xinhua)
    social = official(inp.official, "social_donations", PROGRAMME_START, published=xinhua)
    total = official(inp.official, "total_aid", PROGRAMME_START)
    if fiscal["value"] != part1["value"]:
        raise ValueError("Xinhua's fiscal aid no longer equals the article's part 1 figure")
    if "多" not in total["note"]:
        raise ValueError("the briefing's total is no longer recorded as a '多' (more than) figure")
    lower = total["value"]
    upper = lower + 2 * rounding_half_unit(lower)
    values = {"fiscal": part1["value"], "social": social["value"]}
    flagged = [
        not lower <= c["fiscal"] + c["social"] < upper for c in corners(values, _spreads(values))
    ]
    summed = values["fiscal"] + values["social"]
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    plan_yearly = plan["value"] / (PLAN_12[1] - PLAN_12[0] + 1)
    after_2015 = summed - lower
    end = int(total["period_end"])
    invest = official(inp.official, "enterprise_investment", PROGRAMME_START, published=xinhua)
    invest_briefing = official(inp.official, "enterprise_investment", PROGRAMME_START, end,
                               published=total["published"])  # fmt: skip
    wan_yi = _writer("万亿元", WAN_YI)
    statement = (
        f"Xinhua published its “20 years” total of {amount(fiscal['value'])} of fiscal aid "
        f"({fiscal['term_zh']}) on {long_date(xinhua)}, so it cannot count all of {end + 1}. "
        "Beside it "
        f"Xinhua gave {_said(social['value'], unit, scale, social['term_zh'], citation(social))}"
        f": {fmt(fiscal['value'] / scale)} + {fmt(social['value'] / scale)} = "
        f"{amount(summed)}. The December {end + 1} briefing ({citation(total)}) puts aid "
        f"({total['term_zh']}) for {total['period_start']}–{end} at “{lower / scale:.0f}多亿”, "
        f"at least {lower / scale:.0f} and less than {upper / scale:.0f}{unit}: the sum falls in "
        f"that range, and leaves at most {fmt(summed / scale)} − {lower / scale:.0f} = "
        f"{amount(after_2015)} for the first half of {end + 1}, against {amount(plan_yearly)} "
        f"of fiscal aid a year in {PLAN_12[0]}–{PLAN_12[1]}. The range also lets Xinhua’s "
        f"total fall short of the briefing’s by up to {amount(upper - summed)}, so it does not "
        f"rule out a cut-off within {end}; the report reads the “20 years” as whole years, "
        f"{total['period_start']}–{end}, as annual statistics are kept. Xinhua’s "
        f"{wan_yi(invest['value'])} of enterprise investment ({invest['term_zh']}) over the "
        f"“20 years” is also the briefing’s figure ({invest_briefing['term_zh']}) for "
        f"{invest_briefing['period_start']}–{end}."
    )
    return Check(
        "e", "Where the “20 years” end", verdict_over_corners(flagged), statement,
        "an inference: the article never states the end year, and the sum assumes the "
        "briefing’s aid is fiscal plus social aid as Xinhua counts them. Both figures set Xinhua "
        "against the same briefing: two quantities from one pair of sources.",
        {"fiscal": values["fiscal"], "social": values["social"], "sum": summed,
         "briefing_lower": lower, "briefing_upper": upper, "after_2015_max": after_2015,
         "plan_yearly": plan_yearly, "inferred_end": end,
         "enterprise_xinhua": invest["value"], "enterprise_briefing": invest_briefing["value"]},
    )  # fmt: skip


def _against_neighbours(
    gap: Segment, before: Segment, after: Segment, scale: float, unit: str
) -> str:
    """Where a sub-period's yearly amount stands against its neighbours', in words."""
    low, high = sorted((before.yearly, after.yearly))
    where = (
        "between" if low <= gap.yearly <= high else "above both" if gap.yearly > high
        else "below both"
    )  # fmt: skip
    return (
        f"{where} the {before.start}–{before.end} average of {fmt(before.yearly / scale)}{unit} "
        f"and the {after.start}–{after.end} average of {fmt(after.yearly / scale)}{unit}"
    )


def fiscal_aid_1996_2010(inp: Inputs, twenty_years_end: int) -> Check:
    """(a) The article's '20 years' less the 2011–2015 aid, against the 1996–2007 donations."""
    part1 = inp.article("fiscal_aid", 1)
    unit, scale = display_unit(part1["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    early = official(inp.official, "fiscal_aid", *FIRST_REVIEW)
    title = "Fiscal aid 1996–2010 implied by the “20 years” total"
    if twenty_years_end != PLAN_12[1]:
        return Check("a", title, CANNOT_TELL, f"It needs the “20 years” to end in {PLAN_12[1]}.",
                     "")  # fmt: skip
    values = {"twenty": part1["value"], "plan": plan["value"], "early": early["value"]}

    def build(v):
        return [
            Segment(*FIRST_REVIEW, v["early"]),
            Segment(FIRST_REVIEW[1] + 1, PLAN_12[0] - 1, v["twenty"] - v["plan"] - v["early"]),
            Segment(*PLAN_12, v["plan"]),
        ]

    before, gap, after = build(values)
    upto_2010 = values["twenty"] - values["plan"]
    term, cite = own_term(part1["name_zh"]), inp.article_citation(1)
    statement = (
        f"Read as {PROGRAMME_START}–{twenty_years_end}, the article’s “20 years” total of "
        f"{_said(values['twenty'], unit, scale, term, cite)} less the "
        f"{PLAN_12[0]}–{PLAN_12[1]} figure of "
        f"{_said(values['plan'], unit, scale, plan['term_zh'], citation(plan))} leaves "
        f"{fmt(values['twenty'] / scale)} − {fmt(values['plan'] / scale)} = "
        f"{amount(upto_2010)} for {PROGRAMME_START}–{PLAN_12[0] - 1}. Against the "
        f"{FIRST_REVIEW[0]}–{FIRST_REVIEW[1]} total of "
        f"{_said(values['early'], unit, scale, early['term_zh'], citation(early))} that leaves "
        f"{amount(gap.amount)} for {gap.start}–{gap.end}, {fmt(gap.yearly / scale)}"
        f"{unit} a year: {_against_neighbours(gap, before, after, scale, unit)} a year."
    )
    return Check(
        "a", title, pace_verdict(build, values, _spreads(values)), statement,
        f"the {FIRST_REVIEW[1]} figure counts {early['term_zh']} (free donations), which need not "
        f"equal {own_term(part1['name_zh'])} (fiscal aid); the check rests on the "
        f"{twenty_years_end} end of the “20 years”.",
        {"upto_2010": upto_2010, "gap": gap.amount, "gap_yearly": gap.yearly,
         "before_yearly": before.yearly, "after_yearly": after.yearly},
    )  # fmt: skip


def enterprise_investment_split(inp: Inputs) -> Check:
    """(b) The article's 1996–2014 investment against the briefing's 2011–2015 and 1996–2015."""
    article = inp.article("enterprise_investment", 2)
    unit, scale = display_unit(article["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "enterprise_investment", *PLAN_12)
    whole = official(inp.official, "enterprise_investment", PROGRAMME_START, PLAN_12[1],
                     published=plan["published"])  # fmt: skip
    early = official(inp.official, "enterprise_investment", *FIRST_REVIEW)
    last = int(article["period_end"])
    values = {"article": article["value"], "plan": plan["value"], "whole": whole["value"]}

    def build(v):
        return [
            Segment(PROGRAMME_START, PLAN_12[0] - 1, v["whole"] - v["plan"]),
            Segment(PLAN_12[0], last, v["plan"] - (v["whole"] - v["article"])),
            Segment(last + 1, PLAN_12[1], v["whole"] - v["article"]),
        ]

    spreads = _spreads(values)
    jumps = [b[1].yearly / b[0].yearly for b in map(build, corners(values, spreads))]
    before, middle, final = build(values)
    half = max(spreads.values()) / scale
    said = _said(
        values["article"], unit, scale, own_term(article["name_zh"]), inp.article_citation(2)
    )
    plan_yearly = values["plan"] / (PLAN_12[1] - PLAN_12[0] + 1)
    statement = (
        f"The article’s {said} for {PROGRAMME_START}–{last} and the briefing’s "
        f"{amount(values['plan'])} "
        f"for {PLAN_12[0]}–{PLAN_12[1]} and {amount(values['whole'])} for "
        f"{PROGRAMME_START}–{PLAN_12[1]} ({plan['term_zh']}, {citation(plan)}) leave "
        f"{fmt(values['whole'] / scale)} − {fmt(values['plan'] / scale)} = "
        f"{amount(before.amount)} for {before.start}–{before.end}, "
        f"{fmt(values['plan'] / scale)} − {fmt(final.amount / scale)} = "
        f"{amount(middle.amount)} for {middle.start}–{middle.end} and "
        f"{fmt(values['whole'] / scale)} − {fmt(values['article'] / scale)} = "
        f"{amount(final.amount)} for {final.start} alone. The yearly pace jumps from "
        f"{amount(before.yearly)} ({before.start}–{before.end}) to {amount(middle.yearly)} "
        f"({middle.start}–{middle.end}), {times(middle.yearly / before.yearly)}; with every "
        f"figure anywhere within its rounding (±{fmt(half)}{unit}) the jump stays between "
        f"{times(min(jumps))} and {times(max(jumps))}. The jump does not hinge on the article: "
        f"the briefing’s own two figures give {amount(before.yearly)} a year before "
        f"{PLAN_12[0]} and {amount(plan_yearly)} a year in {PLAN_12[0]}–{PLAN_12[1]}, and "
        f"the article’s total splits the later period smoothly."
    )
    return Check(
        "b", "Enterprise investment: the pace the releases imply",
        pace_verdict(build, values, spreads), statement,
        f"the same {amount(values['whole'])} for {PROGRAMME_START}–{PLAN_12[1]} is in "
        f"Xinhua’s text of {inp.sources.loc['part1', 'published']} too. People’s Daily’s "
        f"{_said(early['value'], '亿元', YI, early['term_zh'], citation(early))} for "
        f"{early['period_start']}–{early['period_end']} also puts the early years low, so the jump "
        f"may be real growth or a widening of what counts as investment; the sources do not say.",
        {"year_2015": final.amount, "upto_2010": before.amount, "plan_before_2015": middle.amount,
         "before_yearly": before.yearly, "middle_yearly": middle.yearly,
         "plan_yearly": plan_yearly,
         "jump": middle.yearly / before.yearly, "jump_min": min(jumps), "jump_max": max(jumps)},
    )  # fmt: skip


def cadre_exchange_2011_2015(inp: Inputs) -> Check:
    """(c) The article's cadre exchanges against the briefing's, same period."""
    article = inp.article("cadre_exchange", 1, start=PLAN_12[0])
    other = official(inp.official, "cadre_exchange", int(article["period_start"]),
                     int(article["period_end"]))  # fmt: skip
    tolerance = max(rounding_half_unit(article["value"]), rounding_half_unit(other["value"]))
    difference = abs(article["value"] - other["value"])
    verdict = CONSISTENT if difference <= tolerance else IN_TENSION
    statement = (
        f"The article gives {article['value']:,.0f}人次 ({own_term(article['name_zh'])}, "
        f"{inp.article_citation(1)}) for {article['period_start']}–{article['period_end']}; "
        f"the December 2016 briefing gives {other['value']:,.0f}人次 ({other['term_zh']}, "
        f"{citation(other)}) for the same years: a difference of {difference:,.0f}."
    )
    return Check(
        "c", "Cadre exchanges 2011–2015", verdict, statement,
        "the terms differ (挂职干部, cadres on secondment; 党政干部, party and government "
        "cadres), but the same count for the same years points to one statistic.",
        {"article": article["value"], "official": other["value"], "difference": difference},
    )  # fmt: skip


def labour_export_2008_2010(inp: Inputs) -> Check:
    """(d) The article's 1996–2014 labour export less 1996–2007, against 2011–2015."""
    article = inp.article("labour_export", 2)
    unit, scale = display_unit(article["figure"])
    amount = _writer(unit, scale)
    early = official(inp.official, "labour_export", *FIRST_REVIEW)
    plan = official(inp.official, "labour_export", *PLAN_12)
    # How much of the 2011–2015 figure fell before 2015 is unknown: anywhere from none to all.
    values = {"article": article["value"], "early": early["value"], "plan": plan["value"],
              "share_before_2015": 0.5}  # fmt: skip
    spreads = _spreads({k: values[k] for k in ("article", "early", "plan")})
    spreads["share_before_2015"] = 0.5

    def build(v):
        gap = v["article"] - v["early"] - v["share_before_2015"] * v["plan"]
        return [
            Segment(*FIRST_REVIEW, v["early"]),
            Segment(FIRST_REVIEW[1] + 1, PLAN_12[0] - 1, gap),
            Segment(*PLAN_12, v["plan"]),
        ]

    before, gap, after = build(values | {"share_before_2015": 1.0})  # the least it can be
    since_2007 = values["article"] - values["early"]
    said = _said(
        values["article"], unit, scale, own_term(article["name_zh"]), inp.article_citation(2)
    )
    plan_said = _said(values["plan"], unit, scale, plan["term_zh"], citation(plan))
    statement = (
        f"The article’s {said} for {PROGRAMME_START}–{article['period_end']} less "
        f"{_said(values['early'], unit, scale, early['term_zh'], citation(early))} for "
        f"{early['period_start']}–{early['period_end']} leaves {amount(since_2007)} "
        f"for {gap.start}–{article['period_end']}. {PLAN_12[0]}–{article['period_end']} cannot "
        f"have brought more than the {plan_said} of {PLAN_12[0]}–{PLAN_12[1]}, so "
        f"{gap.start}–{gap.end} brought at least "
        f"{amount(gap.amount)}, {amount(gap.yearly)} a year or more: "
        f"{_against_neighbours(gap, before, after, scale, unit)} a year."
    )
    return Check(
        "d", "Labour export 2008–2010 implied by the 1996–2014 total",
        pace_verdict(build, values, spreads), statement,
        f"three terms ({own_term(article['name_zh'])}, {early['term_zh']}, {plan['term_zh']}) "
        "may count organised labour export differently, so the tension may lie in definitions.",
        {"since_2007": since_2007, "gap_min": gap.amount, "gap_yearly_min": gap.yearly,
         "gap_start": gap.start, "gap_end": gap.end, "early": values["early"],
         "plan": values["plan"],
         "before_yearly": before.yearly, "after_yearly": after.yearly},
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The pace of fiscal aid: one home for the split that check (f) tests and the report draws


@dataclass(frozen=True)
class Pace:
    """Fiscal aid a year in the sub-periods the sources allow (yuan, nominal)."""

    earlier: float  # the article's total for part 2's stated period (1996–2014)
    earlier_last: int  # the last year of that period, from the data
    later: float  # the article's "20 years" total (part 1)
    plan: float  # the December 2016 briefing's 2011–2015 total
    end: int  # the inferred last year of the "20 years"

    def segments(self) -> list[Segment]:
        """Before the plan period, the plan period up to part 2's last year, and the year the
        increase between the two totals stands for."""
        return [
            Segment(*BEFORE_PLAN_12, self.upto_2010),
            Segment(PLAN_12[0], self.earlier_last, self.plan_before_end),
            Segment(self.earlier_last + 1, self.end, self.added),
        ]

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
        return self.segments()[0].yearly

    @property
    def plan_before_end(self) -> float:
        return self.plan - self.added

    @property
    def yearly_plan_before_end(self) -> float:
        return self.segments()[1].yearly

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
    plan = official(official_totals, "fiscal_aid", *PLAN_12)["value"]
    later = indicator_row(table, "fiscal_aid_20y")["value"]
    return Pace(float(earlier["value"]), earlier_last, float(later), plan, end)


def fiscal_aid_2015_pace(inp: Inputs, twenty_years_end: int) -> Check:
    """(f) The increase between the two totals as 2015's aid, within the 2011–2015 plan."""
    earlier, later = inp.article("fiscal_aid", 2), inp.article("fiscal_aid", 1)
    unit, scale = display_unit(later["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    title = "The increase as one year of the 2011–2015 plan"
    last = int(earlier["period_end"])
    if twenty_years_end != PLAN_12[1] or twenty_years_end != last + 1:
        return Check("f", title, CANNOT_TELL, f"It needs the “20 years” to end in {last + 1}.", "")
    values = {"earlier": earlier["value"], "later": later["value"], "plan": plan["value"]}

    def build(v):
        return Pace(v["earlier"], last, v["later"], v["plan"], twenty_years_end).segments()

    before, middle, final = build(values)
    statement = (
        f"Read with the {twenty_years_end} end, the increase of {fmt(final.amount / scale)}"
        f"{unit} is the aid of {final.start}. The briefing’s "
        f"{_said(values['plan'], unit, scale, plan['term_zh'], citation(plan))} for "
        f"{PLAN_12[0]}–{PLAN_12[1]} then leaves {amount(middle.amount)} for "
        f"{middle.start}–{middle.end}, {amount(middle.yearly)} a year, after "
        f"{amount(before.yearly)} a year in {before.start}–{before.end}. The "
        f"yearly pace rose {times(middle.yearly / before.yearly)} from {before.start}–"
        f"{before.end} to {middle.start}–{middle.end}, and {final.start} brought "
        f"{times(final.yearly / middle.yearly)} the {middle.start}–{middle.end} average."
    )
    return Check(
        "f", title, pace_verdict(build, values, _spreads(values)), statement,
        f"part 1 says {own_term(later['name_zh'])}, part 2 and the briefing "
        f"{own_term(earlier['name_zh'])}; read as the same quantity.",
        {"year_2015": final.amount, "plan_before_2015": middle.amount,
         "plan_before_2015_yearly": middle.yearly, "upto_2010_yearly": before.yearly,
         "ratio_2015_to_plan": final.yearly / middle.yearly},
    )  # fmt: skip


def run_checks(inp: Inputs) -> list[Check]:
    """Every check, (a) to (f); (e) first fixes the end of the '20 years' the others use."""
    period = period_end_evidence(inp)
    end = int(period.numbers["inferred_end"])
    return [
        fiscal_aid_1996_2010(inp, end),
        enterprise_investment_split(inp),
        cadre_exchange_2011_2015(inp),
        labour_export_2008_2010(inp),
        period,
        fiscal_aid_2015_pace(inp, end),
    ]


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


def verdict_rules() -> str:
    """The rules behind every verdict, with their thresholds, as Markdown."""
    return (
        f"- *Rounding*: a published figure stands for anything that rounds to it (118.2亿 is "
        f"118.15–118.25亿); a verdict must hold at every combination of these limits, else "
        f"it is **{CANNOT_TELL}**.\n"
        f"- *Pace*: where totals from different releases are split into sub-periods, a "
        f"sub-period is out of line if its yearly amount exceeds the higher of its neighbours' "
        f"by more than {PACE_TOLERANCE - 1:.0%} or undercuts the lower by as much; a step of "
        f"more than {BREAK_FACTOR:g}-fold between adjacent sub-periods is a break; a negative "
        f"amount is impossible. Any of these: **{IN_TENSION}**; none: **{CONSISTENT}**.\n"
        f"- *Same figure*: two figures for the same years agree if they differ by no more than "
        f"the rounding of the coarser one.\n"
        f"- *“多” (more than)*: “160多亿” covers at least 160亿 and less than 170亿."
    )
