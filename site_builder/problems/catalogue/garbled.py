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
