"""The article: verified on load, refused when changed, and split into the two parts its
headings mark."""

import hashlib

import pytest
from conftest import ROOT

from eastwest.clean.article import Article, load_article
from eastwest.errors import InputError

SHA256 = ROOT / "data" / "raw" / "article.txt.sha256"


def test_parts_are_told_apart_by_their_headings():
    article = load_article()
    one, two = article.parts
    assert (one.number, two.number) == (1, 2)
    assert one.heading == "东西扶贫协作战略意义篇一"
    assert two.heading == "东西扶贫协作战略意义篇二"
    assert article.text[one.start :].startswith("20年前的苏玉莲")
    assert article.text[two.start :].startswith("1996年,福建、宁夏两省区")
    # Part 1 ends where part 2's heading begins.
    assert article.text[one.end :].startswith("东西扶贫协作战略意义篇二")


def test_part_at_places_figures_in_their_parts():
    article = load_article()
    assert article.part_at(article.text.index("132.7亿元")) == 1
    assert article.part_at(article.text.index("118.2亿元")) == 2
    # The compiling site's preamble belongs to neither part.
    assert article.part_at(0) is None


def test_article_without_headings_is_refused(tmp_path):
    article = Article(tmp_path / "a.txt", "没有标题的文章。", "0" * 64)
    with pytest.raises(InputError, match="no part headings"):
        article.parts  # noqa: B018


def test_parts_out_of_order_are_refused(tmp_path):
    text = "标题篇二\n正文\n标题篇一\n正文\n"
    with pytest.raises(InputError, match="out of order"):
        Article(tmp_path / "a.txt", text, "0" * 64).parts  # noqa: B018


def _refusal(tmp_path, data: bytes) -> str:
    path = tmp_path / "data" / "raw" / "article.txt"
    path.parent.mkdir(parents=True)
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        load_article(path, SHA256)
    return str(err.value)


def test_a_changed_figure_is_refused_with_both_hashes(tmp_path):
    text = (ROOT / "data" / "raw" / "article.txt").read_text(encoding="utf-8")
    assert text.count("132.7亿元") == 1
    changed = text.replace("132.7亿元", "133.7亿元").encode("utf-8")
    message = _refusal(tmp_path, changed)
    recorded = SHA256.read_text(encoding="ascii").split()[0]
    assert "article.txt has changed" in message
    assert recorded in message and hashlib.sha256(changed).hexdigest() in message
    assert "make rehash" in message


def test_an_article_saved_in_another_encoding_is_refused(tmp_path):
    text = (ROOT / "data" / "raw" / "article.txt").read_text(encoding="utf-8")
    assert "article.txt: not UTF-8" in _refusal(tmp_path, text.encode("gb18030"))


@pytest.mark.parametrize("data", [b"", b" \n\n"], ids=["empty", "blank"])
def test_an_empty_article_is_refused(tmp_path, data):
    assert "article.txt: the article is empty" in _refusal(tmp_path, data)
