"""Pasted tables and checklists: the operator's question around them is what is asked.

Operators paste what they have in front of them: rows of a spreadsheet (tab-separated), a pipe or Markdown table, a
checklist ("- [ ] send ladder"). Its cells are data, not requests: "evacuate 2nd floor" in a shift-log row was
someone's note, "Bulevardi 5" in a column is a value. So the router reads the message without its rows, and

* where the question refers to them ("which of these are free?", "fill the status column", "start with the first
  box"), the rows that only name things are read with it, never a row's order (an evacuation, a dispatch, a status
  change);
* only where the operator asks to act on them ("do what the table says", "dispatch as listed below", "按下面的表派车")
  is every row read as the operator's own words;
* a message that is only rows (a checklist item asking "SOP: suspicious package") is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a tab BETWEEN cells (a line merely indented with a tab is the operator's own text), or a cell between pipes
_TABLE_ROW = re.compile(r"\S\t|\|[^|\n]*\|")
_SEPARATOR = re.compile(r"^\s*+(?:\|\s*+)?:?-{3,}:?\s*+(?:\|\s*+:?-{3,}:?\s*+)*+\|?\s*+$")
_CHECKBOX = re.compile(r"^\s*(?:[-*•+]\s*)?\[[ xX✓✔]?\]\s|^\s*[☐☑☒✅✓✔]\s")
_HEADER = re.compile(r"^\s*#{1,6}\s")
# the question names the rows: "these", "the table", "the list", "the following", "column", "box", "row", "上面", "表",
# or the pasted thing as a whole at the end of the request ("response plan for this", "what do we do about it?")
_REFERS = re.compile(r"\b(?:(?:for|on|about|with|of|to) (?:this|it|that)\b(?!\s+\w)|this one|these|those|th(?:is|at|e) (?:table|list|sheet|log|checklist)|the following|above|below|columns?|rows?|boxes|box|"
                     r"items?|entries|lines?|each (?:one|of them)|all of them|which one)\b|上面|下面|以上|以下|这些|那些|表格?|清单|列表|这几", re.IGNORECASE)
# the operator asks to act on the rows: "do what the table says", "dispatch as listed", "send the units below", "按下面的表派车"
_ACT_ON = re.compile(r"\b(?:do|carry out|execute|action|handle|deal with|take care of|process|go ahead with|proceed with|follow|apply|dispatch|send|evacuate|plan|set|mark)\b"
                     r"[^.?!\n]{0,30}?\b(?:these|this (?:list|table)|the (?:table|list|rows?|items|following)|as (?:listed|below|above|in the (?:table|list))|"
                     r"(?:what|as) (?:the )?(?:table|list|sheet) says|above|below|each (?:row|line|item)|all of (?:them|these))\b|"
                     r"按(?:照)?(?:下面|上面|以下|以上|这个|这张|表格?|清单|列表)|照(?:着)?(?:表|清单|下面|上面)(?:执行|派|办|做)|(?:下面|上面|以下|以上)(?:的|这些)?(?:都|全部)?(?:派|疏散|执行|处理|设)",
                     re.IGNORECASE)


def _is_row(line: str) -> bool:
    return bool(_TABLE_ROW.search(line) or _SEPARATOR.match(line) or _CHECKBOX.match(line))


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]{2,}", text)) + len(re.findall(r"[\u4e00-\u9fff]", text)) // 2


def rows_set_aside(text: str, order_in: Callable[[str], bool]) -> str:
    """``text`` as the router should read it: without the pasted rows (see the module doc); ``order_in(line)``
    says whether a line asks for an order (an evacuation, a dispatch, a status change). The text itself when it holds
    no table or checklist, when it is only rows, or when the operator asks to act on them."""
    lines = text.split("\n")
    rows = [_is_row(line) for line in lines]
    table = sum(rows) >= 2 or any(_CHECKBOX.match(line) for line in lines)
    if not table:
        return text
    prose = "\n".join(line for line, row in zip(lines, rows) if not row and not _HEADER.match(line))
    if _words(prose) < 3 or _ACT_ON.search(prose):
        return text
    refers = _REFERS.search(prose)
    kept = [line for line, row in zip(lines, rows)
            if not row or (refers and not _SEPARATOR.match(line) and not order_in(line))]
    return "\n".join(kept)
