"""A response plan's own lines in Chinese, for a plan made from a report written in Chinese.

s18: a Chinese desk got a Chinese headline over English detail lines ("KAM-A1 (ambulance, Kamppi): ETA 3.2 min.",
"Hazard area: 150 m around ...", "Protective action (rule F2): ..."). The lines the planner composes itself have a
fixed shape; each shape has a Chinese wording here, and the values in it (unit ids, place and shelter names, incident
and unit types, figures) are kept as written.  What the project does not compose is left as it is: the plans'
passages (quoted, never machine-translated), the language model's text, and the planners' free-text reasons and
advice, which stay English inside the Chinese frame.  An English plan never passes through here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.text import detect_language

__all__ = ["item_in_chinese", "lines_in_chinese", "meta_in_chinese", "original_language_note", "summary_in_chinese"]


def original_language_note(passages: Iterable[str]) -> str:
    """What a Chinese answer says of the plan passages it quotes: English ones are quoted untranslated ("英文原文"); a
    passage written in Chinese is no English original (trial s20 M3: the label sat on Chinese passages too).
    "" when every passage is Chinese (or none is given)."""
    languages = {detect_language(text) for text in passages if text.strip()}
    if "en" not in languages:
        return ""
    return "英文段落为原文，未翻译" if "zh" in languages else "英文原文，未翻译"

# (the English line's shape, its Chinese wording): the first shape that matches the whole line is used
_ITEMS: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in [
    # the dispatch planner (agent.plan_items.add_dispatch_items)
    (r"(?P<unit>\S+) \((?P<type>[^,()]+), (?P<station>[^()]+)\): ETA (?P<eta>[\d.]+) min\. For: (?P<why>.+)\.",
     "{unit}（{type}，{station}）：预计 {eta} 分钟到达。派出原因：{why}。"),
    (r"(?P<unit>\S+) \((?P<type>[^,()]+), (?P<station>[^()]+)\): ETA (?P<eta>[\d.]+) min\.",
     "{unit}（{type}，{station}）：预计 {eta} 分钟到达。"),
    (r"PROPOSED \(awaiting confirmation\): (?P<units>.+)\. Nothing moves until the plan's dispatch is confirmed\.",
     "已提议（等待确认）：{units}。派车须经确认后才执行。"),
    (r"LISTED ONLY \(no free unit, not proposed\): (?P<needed>.+) needed\.", "仅列出（无空闲单位，未提议）：需要 {needed}。"),
    (r"Shortfall: (?P<n>\d+) × (?P<type>\S+)\. (?P<advice>.*)", "缺口：{n} × {type}。{advice}"),
    (r"Request mutual aid for (?P<n>\d+) × (?P<type>\S+)\?", "是否请求跨区支援 {n} × {type}？"),
    (r"Dispatch could not be planned: (?P<why>.*)", "无法规划派车：{why}"),
    (r"Not considered \(status\): (?P<units>.+)\.", "未纳入考虑（状态不可用）：{units}。"),
    (r"(?P<inc>INC-\S+) needs (?P<n>\d+) x (?P<type>[^:]+): (?P<why>.+)", "{inc} 需要 {n} × {type}：{why}"),
    # the evacuation planner (agent.plan_items.add_evacuation_items, agent.response_plan)
    (r"(?P<n>[\d,]+) people from (?P<group>.+) → (?P<shelter>.+): (?P<min>\d+) min \((?P<m>\d+) m\)\.",
     "{group} 的 {n} 人 → {shelter}：{min} 分钟（{m} 米）。"),
    (r"Assembly point for (?P<zone>.+): (?P<name>.+)\.", "{zone} 的集合点：{name}。"),
    (r"Assembly point: (?P<name>.+)\.", "集合点：{name}。"),
    (r"Estimated clearance time: (?P<min>\d+) min\.", "预计疏散完成时间：{min} 分钟。"),
    (r"Clearance time \(routing model\): (?P<min>\d+) min\.", "疏散完成时间（路网模型）：{min} 分钟。"),
    (r"(?P<n>[\d,]+) people have no shelter place: open additional shelters\?", "{n} 人没有避难所床位：是否开放更多避难所？"),
    (r"Hazard area: (?P<r>\d+) m around (?P<place>.+) \((?P<type>[a-z_]+)\)\.", "危险区域：{place} 周围 {r} 米（{type}）。"),
    (r"Evacuation could not be planned: (?P<why>.*)", "无法规划疏散：{why}"),
    (r"No evacuation indicated for (?P<type>[a-z_]+) at (?P<p>P\d); shelter in place and reassess if the situation grows\.",
     "{type}（{p}）无需疏散：就地避险，态势扩大时重新评估。"),
    (r"No evacuation indicated\.", "无需疏散。"),
    (r"Population at risk: the zones' resident \(night-time\) figures; time of day used: (?P<said>.+)\.",
     "受威胁人数：按各区夜间常住人口计；所用时段：{said}。"),
    (r"Population at risk: the zones' daytime figures; time of day used: (?P<said>.+)\.",
     "受威胁人数：按各区白天人口计；所用时段：{said}。"),
    (r"Time of day used for the people at risk: (?P<said>.+)\.", "评估受威胁人数所用的时段：{said}。"),
    # the protective-action step (agent.protective_step)
    (r"Protective action \(rule (?P<rule>[^)]+)\): (?P<what>.+?)\. Why: (?P<why>.+)\.", "防护行动（规则 {rule}）：{what}。依据：{why}。"),
    (r"Protective action could not be decided: (?P<why>.*)", "无法确定防护行动：{why}"),
    (r"People moved: about (?P<n>[\d,]+) \((?P<basis>.+)\)\.", "转移人数：约 {n} 人（{basis}）。"),
    (r"People to take to a shelter \(everyone else stays in\): about (?P<n>[\d,]+) \((?P<basis>.+)\)\.",
     "需送往避难所的人（其他人留在室内）：约 {n} 人（{basis}）。"),
    (r"Taken indoors to: (?P<names>.+)\.", "转入室内：{names}。"),
    (r"Public warning: (?P<text>.*)", "公众警报：{text}"),
    # the situation (agent.response_plan)
    (r"Location unconfirmed \((?P<name>.+), ± (?P<r>\d+) m\): ask the caller for the exact address, nearest junction or building\.",
     "地点未确认（{name}，± {r} 米）：请向来电人询问确切地址、最近的路口或建筑。"),
    (r"LOCATION UNCONFIRMED: units are pre-alerted toward (?P<name>.+) \(± (?P<r>\d+) m\); confirm the address\.",
     "地点未确认：单位已向 {name}（± {r} 米）预警出动；请确认地址。"),
    (r"Location: (?P<where>.+)\.", "地点：{where}。"),
    (r"Life at risk: (?P<why>.+) \(P1\)\.", "生命危险：{why}（P1）。"),
    (r"Also indicated: (?P<types>.+)\.", "另有迹象：{types}。"),
    (r"Determinants: (?P<list>.+)\.", "响应要素：{list}。"),
    (r"Other places named: (?P<names>.+)\.", "提到的其他地点：{names}。"),
    (r"Location matched approximately to (?P<name>.+); confirm\.", "地点近似匹配为 {name}：请确认。"),
    (r"Triage is uncertain \((?P<type>[a-z_]+) at (?P<pct>\d+%)\); confirm the incident type with the caller\.",
     "分诊不确定（{type}，{pct}）：请向来电人确认事件类型。"),
    # standing items
    (r"Inform the duty officer and log every decision in the incident log\.", "通知值班长，并在事件日志中记录每项决定。"),
    (r"Confirm with the caller how many people are affected, trapped or injured\.", "向来电人确认受影响、被困或受伤的人数。"),
    (r"No plan passage matched this incident type; consult the duty officer\.", "预案中没有与该事件类型相符的段落：请咨询值班长。"),
    (r"No units recommended until the location is confirmed\.", "地点确认之前不建议派出单位。"),
    (r"Evacuation cannot be planned until the location is confirmed\.", "地点确认之前无法规划疏散。"),
]]

# "Triage: fire (96%), priority P1 (97%); language zh; ...": the figures and codes kept, the words in Chinese
_TRIAGE = re.compile(r"Triage: (?P<type>[a-z_]+)(?P<tf> \(\d+%\))?, priority (?P<p>P\d)(?P<pf> \(\d+%\))?(?P<rest>.*)", re.DOTALL)
_TRIAGE_PARTS = [(re.compile(p), zh) for p, zh in [
    (r"; language (\w+)", "；语言 \\1"),
    (r"; priority from ([^;.]+)", "；优先级依据：\\1"),
    (r"; type from ([^;.]+)", "；类型依据：\\1"),
    (r", set by the operator", "，由操作员设定"),
    (r"; read by the multilingual fallback \(the triage model was not trained on this language: confirm type and priority\)",
     "；由多语言后备模型读取（分诊模型未用该语言训练：请确认类型和优先级）"),
    (r"\.$", "。"),
]]


# "Location: Annankatu 12 (street address) at 60.16, 24.93 ± 30 m, confirmed by the text; from the words "Annankatu 12"."
# (tools.locate.model.LocateResult.sentence); a note after it stays as written
_LOCATED = re.compile(r"Location: (?P<place>.+?) \((?P<method>[^()]+)\) at (?P<lat>-?[\d.]+), (?P<lon>-?[\d.]+) ± (?P<r>\d+) m, "
                      r"(?P<conf>confirmed by the text|UNCONFIRMED)(?:; from the words \"(?P<ev>.+?)\")?(?P<note>\. .+)?\.", re.DOTALL)


def _located(match: re.Match[str]) -> str:
    conf = "文本已确认" if match.group("conf") == "confirmed by the text" else "未确认"
    said = f"；依据原文“{match.group('ev')}”" if match.group("ev") else ""
    note = f"（{match.group('note')[2:]}）" if match.group("note") else ""
    return (f"地点：{match.group('place')}（{match.group('method')}），坐标 {match.group('lat')}, {match.group('lon')} ± "
            f"{match.group('r')} 米，{conf}{said}{note}。")


def item_in_chinese(text: str) -> str:
    """A plan line the planner composed, in Chinese (its values kept as written); any other line unchanged."""
    if match := _LOCATED.fullmatch(text):
        return _located(match)
    for pattern, zh in _ITEMS:
        if match := pattern.fullmatch(text):
            return zh.format(**match.groupdict())
    if match := _TRIAGE.fullmatch(text):
        rest = match.group("rest")
        for pattern, zh in _TRIAGE_PARTS:
            rest = pattern.sub(zh, rest)
        return (f"分诊：{match.group('type')}{(match.group('tf') or '').replace(' (', '（').replace(')', '）')}，"
                f"优先级 {match.group('p')}{(match.group('pf') or '').replace(' (', '（').replace(')', '）')}{rest}")
    return text


_META = [(re.compile(p), zh) for p, zh in [
    (r"^incident (\S+)$", "事件 \\1"),
    (r"^created (.+) UTC$", "创建于 \\1 UTC"),
    (r"^status: DRAFT \(not approved\)$", "状态：草稿（未批准）"),
    (r"^status: approved by (.+) at (.+)$", "状态：已由 \\1 于 \\2 批准"),
    (r"\(confidence (\S+) / (\S+)\)$", "（置信度 \\1 / \\2）"),
    (r"\(type and priority kept from the incident\)$", "（类型和优先级沿用事件记录）"),
    (r"\(type kept from the incident; priority confidence (\S+)\)$", "（类型沿用事件记录；优先级置信度 \\1）"),
    (r"\(type confidence (\S+); priority kept from the incident\)$", "（类型置信度 \\1；优先级沿用事件记录）"),
]]


def meta_in_chinese(part: str) -> str:
    """One part of a plan's meta line ("incident INC-1", "created ... UTC", "**fire / P1** (confidence ...)") in Chinese."""
    for pattern, zh in _META:
        part = pattern.sub(zh, part)
    return part


# The unit statuses as the board writes them (core vocabulary ids), in Chinese
_STATUS_ZH = {"available": "可用", "dispatched": "已出动", "on_scene": "在现场", "transporting": "转运中",
              "out_of_service": "停用", "returning": "返回中"}
# The lines of a tool's own summary (an evacuation plan, the unit board, shelter occupancy) read in chat
_TOOL_LINES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in [
    (r"(?P<unit>[A-Z]{3}-[A-Z]\d+) \((?P<type>[^,()]+), (?P<station>[^()]+)\): (?P<status>[a-z_]+), ETA (?P<min>[\d.]+) min by road to (?P<place>.+)",
     "{unit}（{type}，{station}）：{status}，到 {place} 的道路行驶时间约 {min} 分钟"),
    (r"(?P<unit>[A-Z]{3}-[A-Z]\d+) \((?P<type>[^,()]+), (?P<station>[^()]+)\): (?P<status>[a-z_]+), no road route to (?P<place>.+)",
     "{unit}（{type}，{station}）：{status}，没有到 {place} 的道路路线"),
    (r"(?P<unit>[A-Z]{3}-[A-Z]\d+) \((?P<type>[^,()]+), (?P<station>[^()]+)\): (?P<status>[a-z_]+)", "{unit}（{type}，{station}）：{status}"),
    (r"Evacuation plan \((?P<type>[a-z_]+), (?P<mode>\w+), (?P<basis>[\w() -]+) population, (?P<strategy>\w+)\): "
     r"(?P<total>[\d,]+) people, (?P<served>[\d,]+) with a shelter place\.",
     "疏散方案（{type}，{mode}，{basis} 人口，{strategy}）：共 {total} 人，其中 {served} 人有避难所床位。"),
    (r"Assembly point for (?P<zone>\S+): (?P<name>.+) \((?P<min>[\d.]+) min to leave the hazard area\), (?P<n>[\d,]+) people\.",
     "{zone} 的集合点：{name}（{min} 分钟离开危险区域），{n} 人。"),
    (r"(?P<group>.+): (?P<n>[\d,]+) people to (?P<shelter>.+) \[(?P<id>[^\]]+)\], (?P<min>[\d.]+) min\.",
     "{group}：{n} 人 → {shelter} [{id}]，{min} 分钟。"),
    (r"Estimated clearance time: (?P<min>\d+) min \(simple bound\)\.", "预计疏散完成时间：{min} 分钟（简单上界）。"),
    (r"Clearance time from the routing model \(road capacities, CCRP\): (?P<min>\d+) min\.", "路网模型（道路通行能力，CCRP）估算的疏散完成时间：{min} 分钟。"),
    (r"Everyone \((?P<n>[\d,]+) people\) has a shelter place\.", "所有人（{n} 人）都有避难所床位。"),
    (r"Warning: (?P<text>.*)", "注意：{text}"),
]]


# The unit board's counts ("Units: 16 available, 0 committed, 1 out of service [S2]", "- Kamppi base: 4 available")
_COUNT_WORDS = {"available": "可用", "committed": "已投入", "dispatched": "已出动", "transporting": "转运中",
                "out of service": "停用", "on scene": "在现场"}
_COUNT = r"\d+ (?:" + "|".join(_COUNT_WORDS) + r")"
_COUNTS = re.compile(rf"(?P<head>Units|[^:]+): (?P<counts>{_COUNT}(?:, {_COUNT})*)(?P<tail> \[S2\])?")


def _counts_line(match: re.Match[str]) -> str:
    counts = "，".join(f"{n} {_COUNT_WORDS[word]}" for n, word in (c.split(" ", 1) for c in match.group("counts").split(", ")))
    head = "单位" if match.group("head") == "Units" else match.group("head")
    return f"{head}：{counts}{match.group('tail') or ''}"


# The situation report's lines (agent.situation._sitrep_text and its alerts): trial s20 M3, "给我一份中文态势报告" got
# English lines under a Chinese header.  Ids, places, counts and the [S1] refs kept; words inside a line (plan states,
# "and N more") in ``_SITREP_WORDS``.
_PLAN_STATE_ZH = {"draft": "草稿", "approved": "已批准", "none": "无"}
_SITREP_LINES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in [
    (r"Open incidents: (?P<n>\d+) \((?P<by>[^)]*)\); plans approved (?P<a>\d+), draft (?P<d>\d+), none (?P<none>\d+) \[S1\]",
     "未结事件：{n}（{by}）；预案已批准 {a}，草稿 {d}，无预案 {none} [S1]"),
    (r"Open incidents: 0 \[S1\]", "未结事件：0 [S1]"),
    (r"Units: (?P<a>\d+) available, (?P<c>\d+) committed, (?:(?P<t>\d+) transporting, )?(?P<o>\d+) out of service of (?P<n>\d+) \[S2\]",
     "单位：共 {n}，{a} 可用，{c} 已投入，{t}{o} 停用 [S2]"),
    (r"Shelters: (?P<a>\d+) of (?P<c>\d+) places assigned(?: \((?P<use>[^)]*)\))? \[S3\]", "避难所：{c} 个床位中已分配 {a}{use} [S3]"),
    (r"Stream reports: none waiting for a human read \[S1\]", "信息流报告：没有等待人工查看的报告 [S1]"),
    (r"Stream reports: (?P<n>\d+) not triaged, waiting for a human read \[S1\]", "信息流报告：{n} 条未分诊，等待人工查看 [S1]"),
    (r"P1 \((?P<n>\d+)\): (?P<list>.+) \[S1\]", "P1（{n}）：{list} [S1]"),
    (r"Alerts:", "警报："),
    (r"No alerts\.", "无警报。"),
    (r"… and (?P<n>\d+) more alerts", "…… 另有 {n} 条警报"),
    (r"⚠ P1 (?P<inc>\S+) \((?P<place>.+)\) open (?P<min>\d+) min with plan state '(?P<state>\w+)'\. \[(?P<ref>S\d)\]",
     "⚠ P1 {inc}（{place}）已开 {min} 分钟，预案状态：{state}。[{ref}]"),
    (r"⚠ (?P<p>P\S) (?P<inc>\S+) \((?P<place>.+)\) open (?P<min>\d+) min without a plan\. \[(?P<ref>S\d)\]",
     "⚠ {p} {inc}（{place}）已开 {min} 分钟，尚无预案。[{ref}]"),
    (r"⚠ (?P<n>\d+) uncommitted unit\(s\) proposed to more than one incident: (?P<list>.+): commit each to one incident and "
     r"re-plan the others\. \[(?P<ref>S\d)\]", "⚠ {n} 个未投入的单位同时被提议给多个事件：{list}：请把每个单位只投入一个事件，并重新规划其他事件。[{ref}]"),
    (r"⚠ (?P<n>\d+) stream report\(s\) not triaged, waiting for a human read \(Situation tab\)\. \[(?P<ref>S\d)\]",
     "⚠ {n} 条信息流报告未分诊，等待人工查看（态势页）。[{ref}]"),
    (r"⚠ Shelter (?P<name>.+) at (?P<pct>\d+)% \((?P<a>\d+)/(?P<c>\d+)\)\. \[(?P<ref>S\d)\]", "⚠ 避难所 {name} 已满 {pct}%（{a}/{c}）。[{ref}]"),
    (r"⚠ No (?P<type>.+) available\. \[(?P<ref>S\d)\]", "⚠ 没有可用的 {type}。[{ref}]"),
    (r"⚠ (?P<n>[\d,]+) people of the approved evacuation at (?P<where>.+) \((?P<inc>\S+)\) have no shelter place: open additional "
     r"shelters or re-plan the evacuation\. \[(?P<ref>S\d)\]", "⚠ {where}（{inc}）已批准疏散中有 {n} 人没有避难所床位：请开放更多避难所或重新规划疏散。[{ref}]"),
    (r"Sources: (?P<list>.+)", "来源：{list}"),
]]
_SITREP_WORDS: list[tuple[re.Pattern[str], str]] = [(re.compile(p), zh) for p, zh in [
    (r"\((\d+) min, plan (draft|approved|none)\)", "（已开 \\1 分钟，预案 \\2）"),
    (r"; … and (\d+) more \(list open incidents\)", "；…… 另有 \\1 个（请列出未结事件）"),
    (r"; … and (\d+) more", "；…… 另有 \\1 个"),
    (r" proposed for ", " 被提议给 "),
    (r" and (\d+) more", " 等另 \\1 个"),
    (r"incident log \(open incidents, plans and approvals, stream reports\)", "事件日志（未结事件、预案与批准、信息流报告）"),
    (r"unit board \(scenario unit statuses, confirmed changes\)", "单位状态板（场景单位状态、已确认的变更）"),
    (r"shelters \(scenario capacities, approved evacuation plans\)", "避难所（场景容量、已批准的疏散方案）"),
]]


def _sitrep_line(text: str) -> str | None:
    for pattern, zh in _SITREP_LINES:
        if match := pattern.fullmatch(text):
            values = {k: v or "" for k, v in match.groupdict().items()}
            if values.get("t"):
                values["t"] += " 转运中，"
            if values.get("use"):
                values["use"] = f"（{values['use']}）"
            if "state" in values:
                values["state"] = _PLAN_STATE_ZH.get(values["state"], values["state"])
            said = zh.format(**values)
            for word, zh_word in _SITREP_WORDS:
                said = word.sub(zh_word, said)
            for en, zh_state in _PLAN_STATE_ZH.items():
                said = said.replace(f"预案 {en}）", f"预案 {zh_state}）")
            return said
    return None


# A proposal's summary (agent.proposals, agent.incident_changes) as a Chinese chat shows it (trial s20 L2: "Proposed: Set
# KAI-A1 (ambulance) from available to dispatched" in a Chinese chat).  The summaries' shapes; ids, places and types kept.
_SUMMARIES: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern, re.DOTALL), zh) for pattern, zh in [
    (r"Set (?P<unit>\S+) \((?P<type>[^()]+)\) from (?P<was>[a-z_ ]+) to (?P<now>[a-z_ ]+)", "把 {unit}（{type}）从 {was} 改为 {now}"),
    (r"Commit (?P<units>.+?) to (?P<target>\S+ \([^()]*\)) \(status dispatched\)", "把 {units} 投入 {target}（状态：已出动）"),
    (r"Close incident (?P<inc>\S+) \((?P<title>.+?)\); no unit is committed to it(?P<rest>.*)", "关闭事件 {inc}（{title}）；没有投入的单位{rest}"),
    (r"Close incident (?P<inc>\S+) \((?P<title>.+?)\); releases (?P<units>.+?) \(available again\)(?P<rest>.*)",
     "关闭事件 {inc}（{title}）；释放 {units}（恢复可用）{rest}"),
    (r"Close incident (?P<inc>\S+) \((?P<title>.+?)\)(?P<rest>.*)", "关闭事件 {inc}（{title}）{rest}"),
    (r"Merge (?P<merged>INC-\S+) \((?P<mwhat>.+?)\) into (?P<kept>INC-\S+) \((?P<kwhat>.+?)\): (?P=merged) is closed as merged, its "
     r"(?P<n>\d+) report\(s\) move to (?P=kept), (?P<units>.+)",
     "把 {merged}（{mwhat}）合并到 {kept}（{kwhat}）：{merged} 以“已合并”关闭，它的 {n} 份报告转到 {kept}，{units}"),
    (r"Approve plan (?P<plan>\S+) of (?P<inc>\S+)(?P<rest>.*)", "批准事件 {inc} 的方案 {plan}{rest}"),
]]
_SUMMARY_WORDS = [(re.compile(p), zh) for p, zh in [
    (r"^no unit is committed to it", "没有投入的单位"),
    (r"^its units (.+) move to (\S+) \(still dispatched\)", "它的单位 \\1 转到 \\2（仍为已出动）"),
]]


def summary_in_chinese(summary: str) -> str:
    """A proposal's summary in Chinese (its ids, places and types kept); a summary of another shape unchanged."""
    for pattern, zh in _SUMMARIES:
        if match := pattern.fullmatch(summary):
            values = {k: _STATUS_ZH.get(v.replace(" ", "_"), v) if k in ("was", "now") else v for k, v in match.groupdict().items()}
            if "units" in values and pattern.pattern.startswith("Merge"):
                for word, zh_word in _SUMMARY_WORDS:
                    values["units"] = word.sub(zh_word, values["units"])
            return zh.format(**values)
    return summary


def _tool_line(text: str) -> str:
    if match := re.fullmatch(r"Proposed: (?P<summary>.+)\. Awaiting the operator's confirmation \((?P<id>PRO-\w+)\)\.(?P<rest>.*)", text,
                             re.DOTALL):
        return f"已提议：{summary_in_chinese(match.group('summary'))}。等待操作员确认（{match.group('id')}）。{match.group('rest')}"
    if (sitrep := _sitrep_line(text)) is not None:
        return sitrep
    if match := _COUNTS.fullmatch(text):
        return _counts_line(match)
    if text.startswith("Free units: "):  # "Free units: ambulance: ERO-A1, HAK-A1; engine: ... [S2]" (ids and types kept)
        return "空闲单位：" + re.sub(r"^none(?= \[S2\]$)", "无", text[len("Free units: "):])
    if match := re.fullmatch(r"committed to (?P<inc>\S+): (?P<units>.+)", text):
        return f"已投入 {match.group('inc')}：{match.group('units')}"
    for pattern, zh in _TOOL_LINES:
        if match := pattern.fullmatch(text):
            values = match.groupdict()
            if "status" in values:
                values["status"] = _STATUS_ZH.get(values["status"], values["status"])
            return zh.format(**values)
    return item_in_chinese(text)


def lines_in_chinese(text: str) -> str:
    """A tool's readable output, each line the project composed in Chinese (a bullet kept); other lines unchanged."""
    out = []
    for line in text.split("\n"):
        bullet = re.match(r"^(\s*-\s+)", line)
        head = bullet.group(1) if bullet else ""
        out.append(head + _tool_line(line[len(head):]))
    return "\n".join(out)
