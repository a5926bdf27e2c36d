"""The title page's and the appendix's parts: figure tables, sources, glossary, colophon."""

import re
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from eastwest.analysis.external import publisher_owner, short_publisher
from eastwest.analysis.tables import figure_row_id, html_table, texts_beside
from eastwest.edition import current
from eastwest.formats import (
    WAN,
    WAN_YI,
    YI,
    fmt_scaled,
    format_number,
    iso_date,
    long_date,
    part_numeral,
    period,
)
from eastwest.publish import TEMPLATES, words

# ---------------------------------------------------------------------------------------------
# Title page and appendix

# The appendix's headings, with their words' keys in templates/report.toml.
APPENDIX_HEADS = (
    (1, "A", "appendix_a"),
    (2, "A.1", "appendix_a1"),
    (2, "A.2", "appendix_a2"),
    (1, "B", "appendix_b"),
    (2, "B.1", "appendix_b1"),
    (2, "B.2", "appendix_b2"),
)


def read_text_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _year(text: str) -> str:
    return re.sub(r"^(\d{4})\.0+$", r"\1", str(text).strip())


def _periods(frame: pd.DataFrame) -> list[str]:
    return [
        period(_year(s) or None, _year(e) or None)
        for s, e in zip(frame["period_start"], frame["period_end"], strict=True)
    ]


def _value(value: str) -> str:
    """A figure as read: separators when it is a number, the text as it is otherwise."""
    number = pd.to_numeric(value, errors="coerce")
    return value if pd.isna(number) else format_number(float(number))


def full_width_brackets(name: str) -> str:
    """A Chinese name as the Chinese edition sets it, with （） for the codebook's ()."""
    return name.replace("(", "（").replace(")", "）")


_ENGLISH_GLOSS = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)$")


def in_edition_title(title: str) -> str:
    """A source's title: in Chinese, the Chinese title without the English gloss sources.csv
    gives it (东西扶贫协作战略意义 (The strategic…) → 东西扶贫协作战略意义)."""
    if current() == "en" or not re.search(r"[\u4e00-\u9fff]", title):
        return title
    return _ENGLISH_GLOSS.sub("", title)


def access_note(note: str) -> str:
    """What sources.csv says of a source's copy, in the edition's words (report.toml's
    [access])."""
    return words()["access"].get(note, note) if note else note


def first_published(sources: pd.DataFrame) -> list[str]:
    """Where each part of the article comes from, from sources.csv: 'part 2, Guangming Daily’s
    (光明日报) report of 28 November 2015'; a part found nowhere else is known by its figures
    only: 'part 1, a 2016 report whose “20 years” total is Xinhua’s (新华社) of 21 July 2016'."""
    text, out = words(), []
    for part in ("part1", "part2"):
        row = sources.loc[part]
        number = part.removeprefix("part")
        owner = publisher_owner if current() == "en" else short_publisher
        key = "published_part" if row["url"] else "published_part_known_by_total"
        out.append(
            text[key].format(
                part=part_numeral(int(number)),
                publisher=owner(row["publisher"]),
                year=row["published"][:4],
                date=long_date(row["published"]),
            )
        )
    return out


def indicator_table(indicators: pd.DataFrame) -> str:
    """Every figure of the article: names in both languages, as written, period and quote.

    Each row carries the id that the figures in the text link to; a range's second row (the
    wage range gives two values) shares the first row's.
    """
    text = words()
    columns, units = text["columns"], text["units"]
    names = [
        Markup('<span class="name-en">{}</span><span class="name-zh">{}</span>').format(
            r.name_en, r.name_zh
        )
        if current() == "en"
        else Markup('<span class="name-zh">{}</span>').format(full_width_brackets(r.name_zh))
        for r in indicators.itertuples()
    ]
    written = indicators.get("figure", pd.Series("", index=indicators.index))
    values = [Markup("{}").format(w or _value(v)) for v, w in zip(indicators["value"], written,
                                                                   strict=True)]  # fmt: skip
    rows = pd.DataFrame(
        {
            columns["figure"]: names,
            columns["as_written"]: values,
            columns["unit"]: indicators["unit"].map(lambda unit: units.get(unit, unit)),
            columns["period"]: _periods(indicators),
            columns["part"]: indicators["part"].map(_year),
            columns["quote"]: indicators["quote"],
        }
    )
    # The second value of a range repeats its first row's figure: keep one row per figure.
    first = ~indicators["indicator"].duplicated()
    rows = rows[first.to_numpy()]
    ids = [figure_row_id(i) for i in indicators.loc[first, "indicator"]]
    return html_table(
        rows,
        raw_html=list(rows.columns[:2]),
        right=[columns["as_written"]],
        stacks=True,
        row_ids=ids,
    )


# The measure words the sources write their counts with.
_MEASURE = {
    "person-times": "人次", "projects": "个", "items": "项", "schools": "所", "counties": "个",
}  # fmt: skip


def _as_published(value: str, unit: str, note: str) -> str:
    """An external figure as its source prints it: 1020.1亿元, 1.5万亿元, 7.2万个, 199.8万人次,
    2901项, and 160多亿元 where the row's note records a "多" (more than)."""
    number = float(value)
    more = "多" if re.search(r"stated as '[\d.]+多", note) else ""
    if unit == "yuan":
        if number >= WAN_YI:
            return f"{fmt_scaled(number, WAN_YI)}{more}万亿元"
        return f"{fmt_scaled(number, YI).replace(',', '')}{more}亿元"
    measure = _MEASURE.get(unit, "")
    if number >= WAN:
        return f"{fmt_scaled(number, WAN).replace(',', '')}{more}万{measure}"
    return f"{number:.0f}{more}{measure}"


def _reference(
    publisher: str, published: str, reporter: str, url: str, sources: pd.DataFrame
) -> dict:
    """A publication of Table A.2 as the reference list gives it: its title, and what its copy
    is, from its one row in sources.csv (matched by address); its date in words."""
    rows = sources[
        (sources["url"] == url)
        & (sources["publisher"] == publisher)
        & (sources["published"] == published)
    ]
    if len(rows) != 1:
        raise ValueError(
            f"sources.csv: {len(rows)} rows for {publisher}, {published} at {url}; expected one,"
            " with the same publisher, date and address, to give its title"
        )
    row = rows.iloc[0]
    names = [name.strip() for name in reporter.split(";") if name.strip()]
    return {
        "title": in_edition_title(row["title"]),
        "publisher": publisher if current() == "en" else short_publisher(publisher),
        "date": long_date(published),
        "by": words()["names_separator"].join(names),
        "url": url,
        "access": access_note(row["access"]),
    }


def totals_table(totals: pd.DataFrame, sources: pd.DataFrame) -> tuple[str, list[dict]]:
    """The external figures, each with its term, period and publication (a numbered reference,
    its title and address from ``sources``).

    A figure Xinhua published on the day of part 1 is a "20 years" total whose end year the
    report infers: its period says so.
    """
    inferred_from = sources.loc["part1", "published"]
    columns = ["publisher", "published", "reporter", "url"]
    keys = list(totals[columns].itertuples(index=False, name=None))
    publications = list(dict.fromkeys(keys))
    reference = {p: i + 1 for i, p in enumerate(publications)}
    text = words()
    columns = text["columns"]
    periods = [
        columns["inferred"].format(period=span) if published == inferred_from else span
        for span, published in zip(_periods(totals), totals["published"], strict=True)
    ]
    rows = pd.DataFrame(
        {
            columns["series"]: totals["series"].map(text["series"]),
            columns["term"]: totals["term_zh"],
            columns["as_published"]: [
                _as_published(v, u, n)
                for v, u, n in zip(totals["value"], totals["unit"], totals["note"], strict=True)
            ],
            columns["period"]: periods,
            columns["source"]: [f"[{reference[key]}] {iso_date(key[1])}" for key in keys],
        }
    )
    table = html_table(rows, right=[columns["as_published"]], stacks=True)
    return table, [_reference(*p, sources) for p in publications]


# ---------------------------------------------------------------------------------------------
# Key findings, glossary, colophon


def glossary() -> list[tuple[str, str]]:
    """The glossary's terms and meanings, as text in templates/glossary.toml."""
    entries = texts_beside(str(TEMPLATES / "glossary.toml"))["term"]
    return [(entry["term"], entry["meaning"]) for entry in entries]


def read_citation(path: Path) -> dict[str, str]:
    """The top-level ``key: value`` pairs of CITATION.cff (version, date-released, title…), and
    ``authors``: the names under its ``authors:``, the one place the report's author is named."""
    fields, names, section = {}, [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r'^([a-z-]+):\s*"?(.*?)"?\s*$', line)
        if match:
            section = match.group(1)
            if match.group(2):
                fields[section] = match.group(2)
        name = re.match(r'^\s+-?\s*name:\s*"?(.*?)"?\s*$', line)
        if section == "authors" and name:
            names.append(name.group(1))
    if names:
        fields["authors"] = ", ".join(names)
    for needed in ("version", "date-released", "title", "license", "authors"):
        if needed not in fields:
            raise ValueError(f"{path.name}: no {needed!r}")
    return fields
