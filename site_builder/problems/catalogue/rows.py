"""Section 2 of the staff guide, continued: rows checked against other rows, other tables and site.toml."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

NO_ROWS = Message(
    "file.no-rows",
    "只有表头，没有数据行：请至少填写一行数据",
    "has a header but no rows: add at least one row of data",
    where=Location("datasets/glossary.csv", row=2),
)
MISSING_TRANSLATION = Message(
    "translation.missing-cell",
    "缺少译文：另一种语言已填写，这一格却是空的",
    "missing translation: the other language is filled in but this cell is empty",
    where=Location("datasets/indicators.csv", row=13, column="name_en"),
    severity="warning",
)
AFTER_ASSESSMENT = Message(
    "csv.after-assessment-year",
    "{year}年晚于评估年份（{assessment}年，见 site.toml 的 assessment_year），不可能已有公开数据",
    "{year} is after the assessment year ({assessment}, assessment_year in site.toml): no source can have "
    "published it yet",
    {"year": 2031, "assessment": 2026},
    Location("datasets/observations.csv", row=23, column="year"),
)
HALF_A_VISION = Message(
    "csv.half-a-vision",
    "填写了 {filled}，{empty} 却是空的：2035 年远景目标的年份和数值要一起填写（或都留空）",
    "{filled} is filled in but {empty} is empty: the 2035 vision needs both its year and its value (or neither)",
    {"filled": "vision_year", "empty": "vision_value"},
    Location("datasets/indicators.csv", row=5, column="vision_value"),
)
NO_BASELINE = Message(
    "csv.target-needs-baseline",
    "目标要按基期值计算（target_basis 是 change_from_baseline_pct），基期值 baseline_value 却是空的："
    "请填写基期值，或把目标写成绝对数值（并把 target_basis 改为 absolute）",
    "the target is computed from the baseline (target_basis is change_from_baseline_pct), but baseline_value is "
    "empty: fill in the baseline, or write the target as a value (and set target_basis to absolute)",
    where=Location("datasets/indicators.csv", row=16, column="baseline_value"),
)
SAME_CLAUSE = Message(
    "csv.same-clause",
    "与第 {earlier} 行引用了同一段原文“{clause}”：每条承诺要链接到正文中它自己的那句话，请引用更长或不同的一段",
    'quotes the same clause as row {earlier}, "{clause}": each commitment links to its own phrase of the text; '
    "quote a longer or a different one",
    {"earlier": 2, "clause": "中心城市GDP总量占比达到50%"},
    Location("datasets/commitments.csv", row=3, column="clause_zh"),
)
MEASURED_BY_INDICATOR = Message(
    "csv.progress-of-measured-commitment",
    "承诺“{commitment}”由指标“{indicator}”衡量（见 commitments.csv 的 indicator_id 列），它的进展取自 "
    "observations.csv 中这项指标的数值，这一行不会被使用：请把数值填进 observations.csv 并删除这一行；"
    "如果这项指标并不衡量这条承诺，请清空 commitments.csv 中它的 indicator_id",
    'the commitment "{commitment}" is measured by the indicator "{indicator}" (column indicator_id of '
    "commitments.csv): its progress comes from that indicator's values in observations.csv, so this row would "
    "never be used. Put the value in observations.csv and delete this row; or, if the indicator does not measure "
    "this commitment, empty its indicator_id in commitments.csv",
    {"commitment": "urban-rural-income-ratio", "indicator": "urban-rural-income-ratio"},
    Location("datasets/commitment_progress.csv", row=2, column="commitment_id"),
)
_VALUE = Location("datasets/observations.csv", row=25, column="value")
_IF_NOT = (
    "；如果两者确实不同（例如换算了单位、四舍五入，或取自同一资料的另一处），请在 note_zh 和 note_en 列写明原因",
    "; if they do differ on purpose (a unit converted, a figure rounded, or taken from elsewhere in the same source), "
    "say why in note_zh and note_en",
)
QUOTE_DIFFERS = Message(
    "rows.quote-differs",
    "数值 {value} 在“quote”列的引文里找不到（引文中最接近的数字是 {quoted}）：请对照原始资料，改正数值或引文"
    + _IF_NOT[0],
    "the value {value} is not in the quote (the nearest number the quote holds is {quoted}): check the source and "
    "correct the value or the quote" + _IF_NOT[1],
    {"value": "1.58", "quoted": "1.56"},
    _VALUE,
)
QUOTE_WITHOUT_NUMBER = Message(
    "rows.quote-without-number",
    "“quote”列的引文里没有数字，无法核对数值 {value}：请把原始资料中写出这个数值的那句话照抄进“quote”列" + _IF_NOT[0],
    'the quote holds no number, so the value {value} cannot be checked against it: copy into "quote" the words of '
    "the source that state the value" + _IF_NOT[1],
    {"value": "67.5"},
    _VALUE,
)
