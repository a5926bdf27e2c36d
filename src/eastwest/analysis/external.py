"""Official figures published outside the article (data/external/official_totals.csv).

They are context for the article's figures, never a replacement: every row keeps its own
Chinese term, period and publication, and the timeline marks them apart from the article's.
"""

import re
from pathlib import Path

import pandas as pd

from eastwest import paths
from eastwest.clean.csv_check import check_csv
from eastwest.clean.fields import official_totals_fields, sources_fields
from eastwest.edition import current
from eastwest.formats import iso_date

# A total counted from the year the programme began covers the whole programme.
PROGRAMME_START = 1996

# The official figures these checks lean on, by the span they cover: the national review of
# 1996–2007 (People's Daily, 2008) and the 12th Five-Year Plan, 2011–2015 (briefing, 2016).
FIRST_REVIEW = (PROGRAMME_START, 2007)
PLAN_12 = (2011, 2015)
BEFORE_PLAN_12 = (PROGRAMME_START, PLAN_12[0] - 1)


def load_official(path=paths.OFFICIAL_TOTALS) -> pd.DataFrame:
    """The official figures, each row checked against the field dictionary (numbers, units,
    publishers), with values as numbers and years as whole numbers."""
    check_csv(Path(path), official_totals_fields())
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["value"] = frame["value"].astype("float64")
    for column in ("period_start", "period_end"):
        frame[column] = frame[column].astype("int64")
    return frame


def load_sources(path=paths.SOURCES) -> pd.DataFrame:
    """data/sources.csv, its columns checked against the field dictionary."""
    check_csv(Path(path), sources_fields())
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8").set_index("source")


def official(
    frame: pd.DataFrame,
    series: str,
    start: int | None = None,
    end: int | None = None,
    published: str | None = None,
) -> pd.Series:
    """The one official row of ``series`` matching the period and publication date given."""
    rows = frame[frame["series"] == series]
    for column, wanted in (("period_start", start), ("period_end", end), ("published", published)):
        if wanted is not None:
            rows = rows[rows[column] == wanted]
    if len(rows) != 1:
        raise KeyError(
            f"official figure {series} {start}–{end} (published {published}): {len(rows)} rows"
        )
    return rows.iloc[0]


def publisher_names(publisher: str) -> tuple[str, str]:
    """``People's Daily (人民日报)`` → (``People’s Daily``, ``人民日报``): the one reading of a
    publisher's name, with the typographic apostrophe the report's text uses."""
    match = re.fullmatch(r"(.+?)(?: \((.+)\))?", publisher.strip())
    return match.group(1).replace("'", "’"), match.group(2) or ""


def short_publisher(publisher: str) -> str:
    """``People’s Daily``: labels name the paper in English, and 《人民日报》 in Chinese (a
    newspaper, 报, between 书名号; an agency, 新华社, as it is)."""
    english, chinese = publisher_names(publisher)
    if current() != "zh":
        return english
    return f"《{chinese}》" if chinese.endswith("报") else chinese or english


def publisher_label(publisher: str) -> str:
    """``Xinhua 新华社``: a chart's source line names the paper in both languages (the Chinese
    edition: 新华社)."""
    if current() == "zh":
        return short_publisher(publisher)
    return " ".join(name for name in publisher_names(publisher) if name)


def publisher_owner(publisher: str) -> str:
    """``Guangming Daily’s (光明日报)``: whose report it is."""
    english, chinese = publisher_names(publisher)
    return f"{english}’s ({chinese})" if chinese else f"{english}’s"


def _dated(name: str, published: str) -> str:
    # Chinese writes a source and its date with no comma between: 《光明日报》2015年11月28日.
    return f"{name}{'' if current() == 'zh' else ', '}{iso_date(published)}"


def source_label(row: pd.Series) -> str:
    """``Guangming Daily 光明日报, 2016-12-09``: a chart's note names a publication so (the
    Chinese edition: 《光明日报》2016年12月9日)."""
    return _dated(publisher_label(row["publisher"]), row["published"])


def citation(row: pd.Series) -> str:
    """Publisher and date, as every label and source line gives them."""
    return _dated(short_publisher(row["publisher"]), row["published"])


# The codebook names a cumulative figure with its period ("财政援助资金(1996—2014年累计)",
# "Fiscal aid over 20 years"); the term and the series name are what is left without it.
_PERIOD_ZH = re.compile(r"\s*\((?:\d{4}[—–-]\d{4}年|\d+年)累计\)$")
_PERIOD_EN = re.compile(r"\s+(?:\d{4}[–—-]\d{4}|over \d+ years)$")


def own_term(name_zh: str) -> str:
    """The Chinese term of an article figure, without the period its name carries."""
    return _PERIOD_ZH.sub("", name_zh)


def series_name_en(name_en: str) -> str:
    return _PERIOD_EN.sub("", name_en)
