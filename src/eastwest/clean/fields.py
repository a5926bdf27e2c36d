"""The field dictionary: the published tables and the curated inputs they are built from.

One description, type and unit rule per column; the same quantity has the same name in every
table. ``datapackage.json`` is generated from the published tables' fields, and the tests validate
the CSVs against it. The curated inputs (codebook, number decisions, official totals) are checked
row by row against the same dictionary (``csv_check``) before anything is built from them.
Every column list and allowed value below is defined here once; the code that writes or checks
a table imports it.
"""

import json

from eastwest import paths
from eastwest.atomic import write_text

UNITS = [
    "yuan", "km", "persons", "person-times", "households", "items", "counties", "provinces",
    "clinics", "projects", "buildings", "schools", "hospitals", "animals", "organisations",
]  # fmt: skip
# Units of things counted; the parser's generic measure words (个, 所, 家) leave the noun to the
# codebook, so "1690个" may be clinics.
COUNT_UNITS = {
    "count", "items", "institutions", "organisations", "buildings", "animals", "counties",
    "clinics", "projects", "schools", "hospitals", "provinces",
}  # fmt: skip
CATEGORIES = [
    "funding", "labour", "training", "exchange", "infrastructure", "social", "pairing",
    "livelihood", "governance", "technology",
]  # fmt: skip
QUALIFIERS = ["exact", "at_least", "approx", "range_low", "range_high"]
DECISIONS = [
    "indicator", "year", "duration", "ordinal", "word", "name", "slogan", "reference", "grade",
]  # fmt: skip
# Readings of where the article's "20 years" end, and the mark of a series only one total has.
PERIOD_END_READINGS = ["2015", "mid-2016", "2016"]
NOT_APPLICABLE = "n/a"


def _field(name, type_, description, **constraints):
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


INDICATOR_FIELDS = [
    _field(
        "indicator",
        "string",
        "Stable snake_case id of the indicator (data/codebook.csv)",
        required=True,
        pattern="[a-z][a-z0-9_]*",
    ),
    _field(
        "series",
        "string",
        "The quantity measured, shared by every figure of it across "
        "tables and sources (e.g. fiscal_aid); empty for local stories",
    ),
    _field("name_en", "string", "English name", required=True),
    _field("name_zh", "string", "Chinese name (简体中文)", required=True),
    _field(
        "category",
        "string",
        "Theme of the indicator",
        required=True,
        enum=CATEGORIES,
    ),
    _field(
        "part",
        "integer",
        "Part of the article stating it: 1 (篇一) or 2 (篇二)",
        required=True,
        enum=[1, 2],
    ),
    _field(
        "value",
        "number",
        "The figure in base units (yuan, not 亿元), parsed from `figure`",
        required=True,
        minimum=0,
    ),
    _field("unit", "string", "Base unit of `value`", required=True, enum=UNITS),
    _field(
        "qualifier",
        "string",
        "exact; at_least (多, 余: more than); approx (近, 约); "
        "range_low / range_high (the ends of a range such as 3000至5000元)",
        required=True,
        enum=QUALIFIERS,
    ),
    _field("figure", "string", "The quantity exactly as the article writes it", required=True),
    _field(
        "quote",
        "string",
        "The article's words stating the figure: an exact substring",
        required=True,
    ),
    _field(
        "quote_offset",
        "integer",
        "Character offset of `quote` in data/raw/article.txt",
        required=True,
        minimum=0,
    ),
    _field(
        "figure_offset",
        "integer",
        "Character offset of `figure` in the article",
        required=True,
        minimum=0,
    ),
    _field("period_start", "integer", "First year covered; empty where the article gives none"),
    _field("period_end", "integer", "Last year covered; empty where the article gives none"),
    _field("period_note", "string", "The article's own words on the period, translated"),
    _field("region_from", "string", "Giving side (east), in Chinese; 东部 for the East as a whole"),
    _field("region_to", "string", "Receiving side (west), in Chinese; 西部 for the West"),
    _field("note", "string", "Reading notes"),
]


AUDIT_FIELDS = [
    _field(
        "offset",
        "integer",
        "Character offset of the number in the article",
        required=True,
        minimum=0,
    ),
    _field(
        "number",
        "string",
        "The number as written (Arabic with 万/亿, or Chinese)",
        required=True,
    ),
    _field("kind", "string", "arabic or chinese", required=True, enum=["arabic", "chinese"]),
    _field("value", "number", "Numeric value of the number alone (no unit)"),
    _field("part", "integer", "Part of the article; empty for the preamble and headings"),
    _field("context", "string", "The text around the number", required=True),
    _field(
        "decision",
        "string",
        "What the number is: feeds an indicator, or why not",
        required=True,
        enum=DECISIONS,
    ),
    _field("indicator", "string", "The indicator it feeds, where decision is indicator"),
    _field("note", "string", "Why", required=True),
]


TOTALS_FIELDS = [
    _field("series", "string", "The quantity compared", required=True),
    _field("name_en", "string", "English name", required=True),
    _field("name_zh", "string", "Chinese name", required=True),
    _field("unit", "string", "Base unit of the values", required=True, enum=UNITS),
    _field("indicator_1996_2014", "string", "Indicator id of the 1996–2014 total (part 2)"),
    _field("indicator_20_years", "string", "Indicator id of the '20 years' total (part 1)"),
    _field("value_1996_2014", "number", "Cumulative total 1996–2014 (Guangming Daily, 2015-11-28)"),
    _field("value_20_years", "number", "Cumulative total over '20 years' (Xinhua, 2016-07)"),
    _field("difference", "number", "value_20_years − value_1996_2014"),
    _field("growth_ratio", "number", "difference / value_1996_2014"),
    _field("yearly_average_1996_2014", "number", "value_1996_2014 / 19 years"),
    _field(
        "period_end_assumed",
        "string",
        "Assumed end of the '20 years' period; n/a for a series only one total reports",
        enum=[*PERIOD_END_READINGS, NOT_APPLICABLE],
    ),
    _field("added_years", "number", "Years between the two totals under that assumption"),
    _field("implied_yearly_added", "number", "difference / added_years"),
    _field("ratio_to_yearly_average", "number", "implied_yearly_added / yearly_average_1996_2014"),
    _field("comparable", "boolean", "Whether both totals exist", required=True),
    _field("reason", "string", "Why a comparison is impossible, or the caveat on it"),
]


def _fields(fields: list[dict], names: list[str]) -> list[dict]:
    by_name = {field["name"]: field for field in fields}
    return [by_name[name] for name in names]


def codebook_fields() -> list[dict]:
    """data/codebook.csv: the indicator table's own columns, before the figure is parsed."""
    return _fields(
        INDICATOR_FIELDS,
        [
            "indicator", "series", "name_en", "name_zh", "category", "part", "quote", "figure",
            "unit", "period_start", "period_end", "period_note", "region_from", "region_to", "note",
        ],
    )  # fmt: skip


def decision_fields() -> list[dict]:
    """data/number_decisions.csv: a curated decision for a number that feeds no indicator."""
    return [
        _field(
            "context",
            "string",
            "The article's words around the number, verbatim",
            required=True,
        ),
        _field("number", "string", "The number as written, once in `context`", required=True),
        _field(
            "decision",
            "string",
            "What the number is (an indicator's numbers are decided by the codebook)",
            required=True,
            enum=[d for d in DECISIONS if d != "indicator"],
        ),
        _field("note", "string", "Why", required=True),
    ]


# The publications data/external/official_totals.csv may cite; data/external/README.md has them.
PUBLISHERS = ["People's Daily (人民日报)", "Guangming Daily (光明日报)", "Xinhua (新华社)"]


def official_totals_fields() -> list[dict]:
    """data/external/official_totals.csv: figures published elsewhere, each with its source."""
    return [
        _field("series", "string", "The quantity (as in indicators.csv)", required=True,
               pattern="[a-z][a-z0-9_]*"),
        _field("term_zh", "string", "The publication's own Chinese term", required=True),
        _field("value", "number", "The figure in base units (yuan, not 亿元)", required=True,
               minimum=0),
        _field("unit", "string", "Base unit of `value`", required=True, enum=UNITS),
        _field("period_start", "integer", "First year covered", required=True),
        _field("period_end", "integer", "Last year covered", required=True),
        _field("published", "date", "Publication date (YYYY-MM-DD)", required=True),
        _field("publisher", "string", "The publication, as the report cites it", required=True,
               enum=PUBLISHERS),
        _field("reporter", "string", "Reporter(s) named by the publication"),
        _field("url", "string", "Where a copy can be read", required=True,
               pattern=r"https?://\S+"),
        _field("note", "string", "Reading notes"),
    ]  # fmt: skip


def sources_fields() -> list[dict]:
    """data/sources.csv: the article's parts and the other publications it is read beside."""
    return [
        _field("source", "string", "Id of the source: article, part1, part2, …", required=True),
        _field("title", "string", "Title as published", required=True),
        _field("publisher", "string", "Publisher, in English with the Chinese name"),
        _field("published", "string", "Publication date (YYYY-MM-DD)"),
        _field("author", "string", "Reporters, separated by ';'"),
        _field("url", "string", "Where a copy can be read"),
        _field("licence", "string", "Terms of use"),
        _field("note", "string", "Reading notes"),
    ]


def names(fields: list[dict]) -> list[str]:
    return [field["name"] for field in fields]


INDICATOR_COLUMNS = names(INDICATOR_FIELDS)
AUDIT_COLUMNS = names(AUDIT_FIELDS)
TOTALS_COLUMNS = names(TOTALS_FIELDS)


def _resource(name, path, fields, primary_key, title):
    return {
        "name": name,
        "title": title,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {"fields": fields, "primaryKey": primary_key, "missingValues": [""]},
    }


def datapackage() -> dict:
    return {
        "name": "eastwest-cooperation-figures",
        "title": "East–West poverty-alleviation cooperation (东西扶贫协作): the article's figures",
        "profile": "tabular-data-package",
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "title": "Tables: Creative Commons Attribution 4.0; quotes remain the publishers'",
            }
        ],
        "sources": [
            {
                "title": "东西扶贫协作战略意义, parts 1 (Xinhua, 2016-07-21) and 2 "
                "(Guangming Daily, 2015-11-28)",
                "path": "../raw/article.txt",
            }
        ],
        "resources": [
            _resource(
                "indicators",
                "indicators.csv",
                INDICATOR_FIELDS,
                ["indicator", "qualifier"],
                "Every figure of the article",
            ),
            _resource(
                "number_audit",
                "number_audit.csv",
                AUDIT_FIELDS,
                ["offset"],
                "Every number of the article and its decision",
            ),
            _resource(
                "totals_2014_2016",
                "totals_2014_2016.csv",
                TOTALS_FIELDS,
                ["series", "period_end_assumed"],
                "The 1996–2014 and '20 years' cumulative totals compared",
            ),
        ],
    }


def write_datapackage(path=paths.DATAPACKAGE) -> None:
    write_text(path, json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
