"""The article: a verbatim, checksummed copy, split into its two parts.

The article is immutable input. Any change to its bytes stops the build with both hashes; a
deliberate update means replacing the file and its recorded hash together (see the README).
"""

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from eastwest import paths
from eastwest.errors import InputError

# Each part opens with a heading line ending in 篇一 / 篇二 ("part one", "part two").
PART_HEADING = re.compile(r"^.*篇([一二三四五六七八九十])$", re.MULTILINE)
PART_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}


@dataclass(frozen=True)
class Part:
    number: int
    heading: str
    start: int  # first character after the heading line
    end: int  # one past the last character of the part


@dataclass(frozen=True)
class Article:
    path: Path
    text: str
    sha256: str

    @cached_property
    def parts(self) -> tuple[Part, ...]:
        headings = list(PART_HEADING.finditer(self.text))
        if not headings:
            raise InputError(f"{paths.shown(self.path)}: no part headings (…篇一, …篇二) found")
        parts = []
        for i, match in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(self.text)
            number = PART_NUMBERS.get(match.group(1))
            if number != i + 1:
                raise InputError(
                    f"{paths.shown(self.path)}: heading {match.group(0)!r} is out of order "
                    f"(expected part {i + 1})"
                )
            parts.append(Part(number, match.group(0), match.end() + 1, end))
        return tuple(parts)

    def part_at(self, offset: int) -> int | None:
        """The part a character belongs to; None for the preamble and the headings."""
        for part in self.parts:
            if part.start <= offset < part.end:
                return part.number
        return None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def recorded_sha256(path: Path) -> str:
    """The hash recorded beside the article, in `sha256sum` format."""
    try:
        return path.read_text(encoding="ascii").split()[0].lower()
    except (OSError, IndexError, UnicodeDecodeError) as err:
        raise InputError(f"{paths.shown(path)}: cannot read the recorded SHA-256 ({err})") from None


def load_article(path: Path = paths.ARTICLE, sha_path: Path = paths.ARTICLE_SHA256) -> Article:
    """Read and verify the article; raise InputError naming the file and the problem."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{paths.shown(path)}: cannot read the article ({err.strerror})") from None
    if not data.strip():
        raise InputError(f"{paths.shown(path)}: the article is empty")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{paths.shown(path)}: not UTF-8: byte 0x{data[err.start]:02x} at offset {err.start} "
            f"({err.reason})"
        ) from None
    expected, found = recorded_sha256(sha_path), sha256_of(data)
    if found != expected:
        raise InputError(
            f"{paths.shown(path)} has changed: recorded SHA-256 {expected} "
            f"({paths.shown(sha_path)}), "
            f"found {found}. The article is immutable input; if the change is deliberate, "
            f"record the new hash with `make rehash` and review the codebook."
        )
    article = Article(path, text, found)
    article.parts  # noqa: B018 - fail here, not later, if the headings are missing
    return article
