"""Section 8 of the staff guide: text that is UTF-8 but garbled (opened with the wrong encoding and saved again)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_WHERE = Location("datasets/chapters.csv", row=2, column="title_zh")

GARBLED_MARK = Message(
    "text.garbled-mark",
    "文字中有乱码“{part}”：文件多半曾用错误的编码打开后又保存。请从原始资料重新输入这段文字",
    'the text holds "{part}", the mark of garbled text: the file was probably opened with the wrong '
    "encoding and saved again. Type the text again from the source",
    {"part": "锟斤拷"},
    _WHERE,
)
GARBLED = Message(
    "text.garbled",
    "文字是乱码：“{part}”原本应是“{original}”。文件多半曾用错误的编码打开后又保存，请改回正确的文字",
    'the text is garbled: "{part}" was "{original}". The file was probably opened with the wrong encoding and '
    "saved again; put the right text back",
    {"part": "æ€»åˆ™", "original": "总则"},
    _WHERE,
)
GARBLED_PARTLY = Message(
    "text.garbled-partly",
    "文字是乱码：“{part}”原本应是“{original}”，其中 {lost} 个字（{mark}）已无法还原。文件多半曾在 Excel 或 WPS "
    "里被当作 GBK 打开后又保存。请改回正确的文字，{mark} 处的字请从原始资料补上",
    'the text is garbled: "{part}" was "{original}", of which {lost} character(s) ({mark}) cannot be recovered. '
    "The file was probably opened in Excel or WPS as GBK and saved again; put the right text back, taking the "
    "characters at {mark} from the source",
    {"part": "瑙勫垝鍩烘湡鍊?", "original": "规划基期□", "lost": 1, "mark": "□"},
    Location("datasets/observations.csv", row=2, column="note_zh"),
)
_REOPEN_ZH = (
    "请不要逐格修改，先恢复文件：在项目文件夹里运行 git checkout -- {file}（取回最后一次提交的版本；"
    "这个文件此后的改动会被放弃）。再重新打开：Excel 里用“数据”→“从文本/CSV”，“文件原始格式”选"
    "“65001: Unicode (UTF-8)”；WPS 里打开时编码选 UTF-8。改好后在 Excel 里另存为“CSV UTF-8（逗号分隔）”"
)
_REOPEN_EN = (
    "Do not fix it cell by cell: first restore the file by running git checkout -- {file} in the project folder "
    "(this takes back the last committed version; the changes to this file since then are dropped). Then open it "
    'again: in Excel with Data → From Text/CSV, File origin "65001: Unicode (UTF-8)"; in WPS choose the encoding '
    'UTF-8 when opening. When done, save it in Excel as "CSV UTF-8 (Comma delimited)"'
)
GARBLED_FILE = Message(
    "text.garbled-file",
    "整个文件的中文都成了乱码（{count} 个含中文的单元格中有 {garbled} 个是乱码）：文件多半是在 Excel 或 WPS "
    "里被当作 GBK 打开后又保存了。" + _REOPEN_ZH,
    "the Chinese of the whole file is garbled ({garbled} of its {count} cells with Chinese): the file was "
    "probably opened in Excel or WPS as GBK and saved again. " + _REOPEN_EN,
    {"file": "datasets/observations.csv", "garbled": 26, "count": 26},
    Location("datasets/observations.csv"),
)
GARBLED_HEADER = Message(
    "text.garbled-header",
    "整个文件成了乱码，连第 1 行的列名也是（“{part}”原本是“{original}”）：文件多半是在 Excel 或 WPS "
    "里被当作 GBK 打开后又保存了。" + _REOPEN_ZH,
    'the whole file is garbled, even the column headings of row 1 ("{part}" was "{original}"): the file was '
    "probably opened in Excel or WPS as GBK and saved again. " + _REOPEN_EN,
    {"part": "锘縤ndicator_id", "original": "indicator_id", "file": "datasets/observations.csv"},
    Location("datasets/observations.csv", row=1),
)
