"""Phrases that end several messages (how to save as UTF-8), kept once here and joined into them where defined."""

from __future__ import annotations

SAVE_AS_CSV_UTF8 = (
    "请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存，或在 WPS 中选择编码 UTF-8。",
    'In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)", or choose UTF-8 encoding in WPS.',
)
SAVE_AS_UTF8 = (
    "请在编辑器中把文件另存为 UTF-8 编码（例如记事本“另存为”时选择编码 UTF-8）。",
    'Save the file as UTF-8 in your editor (in Notepad: "Save As", encoding UTF-8).',
)
SAVE_COMMA_SEPARATED = (
    "请在 Excel 中选择“另存为”→“CSV UTF-8（逗号分隔）(*.csv)”重新保存。",
    'In Excel choose "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)".',
)
