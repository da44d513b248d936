"""Finnish inflection of a place name in a report: the case endings and stem changes ("Kaivokadulla": Kaivokatu)."""

from __future__ import annotations

import re

from tools.gazetteer import FI_CASE_ENDINGS
from tools.locate.patterns import _FUNCTION_WORDS


def _spelling_variants(gram: str) -> list[tuple[str, str]]:
    """(variant, how): the gram ("as"); its words joined ("joined"); its last word without a case ending ("stem")."""
    out = [(gram, "as")]
    words = gram.split()
    joinable = len(words) > 1 and all(len(w) >= 3 and w not in _FUNCTION_WORDS for w in words)
    if joinable:
        out.append(("".join(words), "joined"))
    last = words[-1]
    for end in FI_CASE_ENDINGS:
        if last.endswith(end) and len(last) - len(end) >= 4:
            stem = last[: -len(end)]
            # Stem changes of inflection: katu -> kadu-, lahti -> lahde-, Sokos -> Sokokse-.
            for s in (stem, re.sub(r"kadu$", "katu", stem), re.sub(r"hde$", "hti", stem), re.sub(r"kse$", "s", stem)):
                out.append((" ".join(words[:-1] + [s]), "stem"))
                if joinable:  # a compound written apart and inflected ("Kolmen sepän aukiolla": Kolmensepänaukio)
                    out.append(("".join(words[:-1] + [s]), "joined"))
    return list(dict.fromkeys(out))
