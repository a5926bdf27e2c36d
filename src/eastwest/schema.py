"""The field dictionary of the published tables, written out as a Frictionless data package.

One description, type and unit rule per column; the same quantity has the same name in every
table. ``datapackage.json`` is generated from here, and the tests validate the CSVs against it.
"""

import json

from eastwest import paths
from eastwest.atomic import write_text

UNITS = [
    "yuan", "km", "persons", "person-times", "households", "items", "counties", "provinces",
    "clinics", "projects", "buildings", "schools", "hospitals", "animals", "organisations",
]  # fmt: skip


def _field(name, type_, description, **constraints):
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def _indicator_fields():
    return [
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
            enum=[
                "funding",
                "labour",
                "training",
                "exchange",
                "infrastructure",
                "social",
                "pairing",
                "livelihood",
                "governance",
                "technology",
            ],
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
            enum=["exact", "at_least", "approx", "range_low", "range_high"],
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
        _field(
            "region_from", "string", "Giving side (east), in Chinese; 东部 for the East as a whole"
        ),
        _field("region_to", "string", "Receiving side (west), in Chinese; 西部 for the West"),
        _field("note", "string", "Reading notes"),
    ]


def _audit_fields():
    return [
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
            enum=[
                "indicator",
                "year",
                "duration",
                "ordinal",
                "word",
                "name",
                "slogan",
                "reference",
                "grade",
            ],
        ),
        _field("indicator", "string", "The indicator it feeds, where decision is indicator"),
        _field("note", "string", "Why", required=True),
    ]


def _totals_fields():
    return [
        _field("series", "string", "The quantity compared", required=True),
        _field("name_en", "string", "English name", required=True),
        _field("name_zh", "string", "Chinese name", required=True),
        _field("unit", "string", "Base unit of the values", required=True, enum=UNITS),
        _field("indicator_1996_2014", "string", "Indicator id of the 1996–2014 total (part 2)"),
        _field("indicator_20_years", "string", "Indicator id of the '20 years' total (part 1)"),
        _field(
            "value_1996_2014", "number", "Cumulative total 1996–2014 (Guangming Daily, 2015-11-28)"
        ),
        _field("value_20_years", "number", "Cumulative total over '20 years' (Xinhua, 2016-07)"),
        _field("difference", "number", "value_20_years − value_1996_2014"),
        _field("growth_ratio", "number", "difference / value_1996_2014"),
        _field("yearly_average_1996_2014", "number", "value_1996_2014 / 19 years"),
        _field(
            "period_end_assumed",
            "string",
            "Assumed end of the '20 years' period; n/a for a series only one total reports",
            enum=["2015", "mid-2016", "2016", "n/a"],
        ),
        _field("added_years", "number", "Years between the two totals under that assumption"),
        _field("implied_yearly_added", "number", "difference / added_years"),
        _field(
            "ratio_to_yearly_average", "number", "implied_yearly_added / yearly_average_1996_2014"
        ),
        _field("comparable", "boolean", "Whether both totals exist", required=True),
        _field("reason", "string", "Why a comparison is impossible, or the caveat on it"),
    ]


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
                _indicator_fields(),
                ["indicator", "qualifier"],
                "Every figure of the article",
            ),
            _resource(
                "number_audit",
                "number_audit.csv",
                _audit_fields(),
                ["offset"],
                "Every number of the article and its decision",
            ),
            _resource(
                "totals_2014_2016",
                "totals_2014_2016.csv",
                _totals_fields(),
                ["series", "period_end_assumed"],
                "The 1996–2014 and '20 years' cumulative totals compared",
            ),
        ],
    }


def write_datapackage(path=paths.DATAPACKAGE) -> None:
    write_text(path, json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n")
