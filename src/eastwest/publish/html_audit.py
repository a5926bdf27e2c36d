"""The check every page passes before it is written: offline, self-contained, accessible."""

import re
from html.parser import HTMLParser

# ---------------------------------------------------------------------------------------------
# Offline and accessibility audit


class _Audit(HTMLParser):
    """Everything in a page that would run, or load from elsewhere, or lacks a text alternative."""

    LOADING = frozenset({"src", "srcset", "data", "poster", "background"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "base"):
            self.problems.append(f"<{tag}> element")
        # An alternate edition is named for the reader and for search engines, never fetched.
        if tag == "link" and attrs.get("rel") != "alternate":
            self.problems.append(f"<link> to {attrs.get('href')!r}")
        for key, value in attrs.items():
            value = (value or "").strip()
            if key.startswith("on"):
                self.problems.append(f"event handler {key} on <{tag}>")
            if key in self.LOADING and not value.startswith("data:"):
                self.problems.append(f"<{tag} {key}={value[:60]!r}> loads a file")
            svg_link = key in ("href", "xlink:href") and tag in ("image", "use", "feimage")
            if svg_link and not value.startswith(("#", "data:")):
                self.problems.append(f"<{tag} {key}={value[:60]!r}> loads a file")
            if key == "style":
                self._css(value, f"style of <{tag}>")
        if tag == "img" and not (attrs.get("alt") or "").strip():
            self.problems.append(f"<img> without alt text: {str(attrs.get('src'))[:40]!r}")
        if tag == "svg" and not (attrs.get("aria-label") or attrs.get("aria-hidden")):
            self.problems.append("<svg> without aria-label")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data, "<style>")

    def _css(self, css: str, where: str) -> None:
        if re.search(r"@import", css, re.IGNORECASE):
            self.problems.append(f"@import in {where}")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]*)", css):
            if not url.startswith(("data:", "#")):
                self.problems.append(f"url({url[:60]!r}) in {where}")


def audit_html(text: str) -> list[str]:
    """Why ``text`` is not a self-contained, script-free, accessible page (empty if it is)."""
    audit = _Audit()
    audit.feed(text)
    audit.close()
    return audit.problems


def checked(text: str, what: str) -> str:
    problems = audit_html(text)
    if problems:
        listed = "\n  ".join(dict.fromkeys(problems))
        raise ValueError(f"{what} is not self-contained and accessible:\n  {listed}")
    return text
