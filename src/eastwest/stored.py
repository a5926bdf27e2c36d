"""Derived bytes kept by content under ``.cache/``, for work that is slow and deterministic.

Cutting a font to a page's characters takes a second or more, and the same font, characters and
options give the same bytes every time. So the bytes are kept under the hash of everything that
decides them (the font's own digest among it, and the versions of the code that cuts it), and a
rebuild that asks again reads them back instead. The folder is not committed and ``make clean``
removes it: a clean build does all the work.
"""

import hashlib
import json
from collections.abc import Callable
from functools import cache

from eastwest.atomic import atomic_path
from eastwest.cache import file_digest
from eastwest.paths import ROOT

CACHE = ROOT / ".cache"


def remembered(kind: str, key: dict, make: Callable[[], bytes]) -> bytes:
    """``make()``, or the bytes it gave for the same ``key`` before."""
    text = json.dumps(key, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    path = CACHE / kind / hashlib.sha256(text.encode("ascii")).hexdigest()
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    data = make()
    with atomic_path(path, log=False) as tmp:
        tmp.write_bytes(data)
    return data


# A font's SHA-256, read once per process (the CJK fonts are 16 MB).
digest_of_file = cache(file_digest)
