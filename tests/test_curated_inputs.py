"""Curated inputs are checked row by row: file, line, column and what was expected."""

from pathlib import Path

import pytest

from eastwest import external, paths
from eastwest.errors import InputError
from eastwest.schema import check_csv, codebook_fields


def refusal(load, path: Path) -> str:
    with pytest.raises(InputError) as err:
        load(path)
    return str(err.value)


def official_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the official totals with one value of line 2 replaced."""
    lines = paths.OFFICIAL_TOTALS.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[1]
    lines[1] = lines[1].replace(old, new, 1)
    path = tmp_path / "official_totals.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_official_total_that_is_not_a_number(tmp_path):
    message = refusal(external.load_official, official_with(tmp_path, ",5520000000,", ",55.2亿,"))
    assert "official_totals.csv line 2, column 'value'" in message
    assert "'55.2亿' is not a number; expected digits" in message


def test_official_total_from_an_unknown_source(tmp_path):
    path = official_with(tmp_path, "People's Daily (人民日报)", "a blog")
    message = refusal(external.load_official, path)
    assert "official_totals.csv line 2, column 'publisher'" in message
    assert "unknown publisher 'a blog'; expected one of" in message
    assert "Xinhua (新华社)" in message


def test_official_total_in_an_unknown_unit(tmp_path):
    message = refusal(external.load_official, official_with(tmp_path, ",yuan,", ",元,"))
    assert "line 2, column 'unit': unknown unit '元'; expected one of: yuan" in message


def test_lines_count_from_the_header_and_through_quoted_line_breaks(tmp_path):
    """A quoted note that spans two lines moves every later row down by one line."""
    codebook = paths.CODEBOOK.read_text(encoding="utf-8").splitlines(keepends=True)
    header, first, second, third = codebook[:4]
    assert first.endswith('"\n')
    broken = first[:-2] + '\nsecond line of the note"\n'
    bad_third = third.replace(",pairing,", ",welfare,", 1)
    path = tmp_path / "codebook.csv"
    path.write_text(header + broken + second + bad_third, encoding="utf-8")
    with pytest.raises(InputError, match=r"codebook\.csv line 5, column 'category'"):
        check_csv(path, codebook_fields(), unique=("indicator",))


def test_curated_file_not_utf8(tmp_path):
    path = tmp_path / "codebook.csv"
    path.write_bytes(paths.CODEBOOK.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(InputError, match=r"codebook\.csv: not UTF-8"):
        check_csv(path, codebook_fields())
