"""Section 2 of the staff guide: columns and cells of the data package's tables."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_CELL = Location("datasets/observations.csv", row=23, column="value")


def _is_not(code: str, zh: str, en: str, cell: str, where: Location = _CELL) -> Message:
    return Message(code, "“{cell}”不是" + zh, '"{cell}" is not ' + en, {"cell": cell}, where)


NOT_A_NUMBER = _is_not(
    "csv.not-a-number",
    "数字（只写数字，例如 70.5；不要带单位、空格或千位分隔符）",
    "a number (write digits only, such as 70.5: no units, spaces or thousands separators)",
    "7O.5",
)
NOT_AN_INTEGER = _is_not(
    "csv.not-an-integer",
    "整数（例如 3）",
    "a whole number (such as 3)",
    "two",
    Location("datasets/indicators.csv", row=3, column="decimals"),
)
NOT_A_DATE = _is_not(
    "csv.not-a-date",
    "日期（格式为 2024-03-05）",
    "a date (written 2024-03-05)",
    "2021年底",
    Location("datasets/sources.csv", row=2, column="published"),
)
NOT_A_YEAR = _is_not(
    "csv.not-a-year",
    "年份（四位数字，例如 2023）",
    "a year (four digits, such as 2023)",
    "23",
    Location("datasets/observations.csv", row=23, column="year"),
)
NOT_A_BOOLEAN = _is_not(
    "csv.not-true-or-false",
    "true 或 false",
    "true or false",
    "yes",
    Location("datasets/observations.csv", row=23, column="definition_differs"),
)
NOT_OF_TYPE = Message(
    "csv.not-of-type",
    "“{cell}”不是{expected}",
    '"{cell}" is not {expected}',
    {"cell": "x", "expected": "geopoint"},
    _CELL,
)
SPACE_AROUND = Message(
    "csv.space-around",
    "“{cell}”前后有空格：请删除空格，写成“{stripped}”",
    '"{cell}" has a space before or after it: delete the space and write "{stripped}"',
    {"cell": " 77.8", "stripped": "77.8"},
    _CELL,
)
NOT_A_WEB_ADDRESS = Message(
    "csv.not-a-web-address",
    "“{cell}”不是完整的网址：应为以 http:// 或 https:// 开头、中间没有空格的网址",
    '"{cell}" is not a whole web address: write one starting with http:// or https://, with no spaces',
    {"cell": "www.huzhou.gov.cn"},
    Location("datasets/sources.csv", row=2, column="url"),
)
WRONG_FORM = Message(
    "csv.wrong-form",
    "“{cell}”的格式不对（{note}）",
    '"{cell}" has the wrong form ({note})',
    {"cell": "x", "note": 'type is "string/email"'},
    _CELL,
)
NOT_FINITE = Message(
    "csv.not-finite",
    "“{cell}”不是可以发布的数值（请填写具体数字，没有数据就留空）",
    '"{cell}" is not a value that can be published (write a number, or leave it empty)',
    {"cell": "NaN"},
    _CELL,
)
REQUIRED = Message(
    "csv.required",
    "不能为空，请填写",
    "is empty but required; please fill it in",
    where=Location("datasets/indicators.csv", row=3, column="name_zh"),
)
NOT_ALLOWED = Message(
    "csv.not-allowed",
    "“{cell}”不是允许的取值，应为：{allowed}",
    '"{cell}" is not allowed; use one of: {allowed}',
    {"cell": "mandatory", "allowed": "expected, binding"},
    Location("datasets/indicators.csv", row=14, column="attribute"),
)
BELOW_MINIMUM = Message(
    "csv.below-minimum",
    "“{cell}”不能小于 {limit}",
    '"{cell}" must not be less than {limit}',
    {"cell": "-3", "limit": "0"},
    _CELL,
)
ABOVE_MAXIMUM = Message(
    "csv.above-maximum",
    "“{cell}”不能大于 {limit}",
    '"{cell}" must not be greater than {limit}',
    {"cell": "2100", "limit": "2035"},
    Location("datasets/observations.csv", row=23, column="year"),
)
NOT_UNIQUE = Message(
    "csv.not-unique",
    "“{cell}”重复：这一列的值必须唯一",
    '"{cell}" appears twice; values in this column must be unique',
    {"cell": "urban-rural"},
    Location("datasets/chapters.csv", row=4, column="slug"),
)


def _form(code: str, zh: str, en: str, cell: str, where: Location) -> Message:
    return Message(code, "“{cell}”格式不对：" + zh, '"{cell}" has the wrong form: ' + en, {"cell": cell}, where)


_ID = Location("datasets/chapters.csv", row=2, column="id")
SLUG_FORM = _form(
    "csv.slug-form",
    "只能用小写字母 a–z、数字和连字符，不能有空格、点或斜杠，例如 urban-rural",
    "use lower-case letters a–z, digits and hyphens only, with no spaces, dots or slashes, such as urban-rural",
    "../etc",
    _ID,
)
URL_FORM = _form(
    "csv.url-form",
    "应为以 http:// 或 https:// 开头的网址",
    "write a web address starting with http:// or https://",
    "ftp://x",
    Location("datasets/sources.csv", row=2, column="url"),
)
SECTION_FORM = _form(
    "csv.section-form",
    "应为章节锚点，s 加数字，例如 s12",
    "write a section anchor: s and a number, such as s12",
    "12",
    Location("datasets/commitments.csv", row=2, column="section"),
)
BOX_FORM = _form(
    "csv.box-form",
    "应为专栏锚点，例如 box-3-1",
    "write a box anchor such as box-3-1",
    "3-1",
    Location("datasets/commitments.csv", row=2, column="box"),
)
PATTERN_FORM = Message(
    "csv.pattern-form",
    "“{cell}”格式不对：应符合 {pattern}",
    '"{cell}" has the wrong form: expected {pattern}',
    {"cell": "x", "pattern": "[0-9]+"},
    _CELL,
)
BREAKS_A_RULE = Message(
    "csv.breaks-a-rule",
    "“{cell}”不符合要求：{note}",
    '"{cell}" breaks a rule: {note}',
    {"cell": "x", "note": 'constraint "maxLength" is "3"'},
    _CELL,
)
DUPLICATE_KEY = Message(
    "csv.duplicate-key",
    "“{keys}”与第 {other} 行相同：这几列合起来区分每一行，不能有两行相同",
    '"{keys}" is the same as in row {other}: these columns together tell the rows apart, so no two rows may share them',
    {"keys": "expressway-access, 2020", "other": "2"},
    Location("datasets/observations.csv", row=27, column="indicator_id, year"),
)
DUPLICATE_KEY_SOMEWHERE = Message(
    "csv.duplicate-key-somewhere",
    "“{keys}”出现了两次：这几列合起来区分每一行，不能有两行相同",
    '"{keys}" appears twice: these columns together tell the rows apart, so no two rows may share them',
    {"keys": "expressway-access, 2020"},
    Location("datasets/observations.csv", row=27, column="indicator_id, year"),
)
NOT_FOUND_IN = Message(
    "csv.not-found-in",
    "“{values}”在 {target} 的“{columns}”列中不存在：请检查拼写，或先在 {target} 中加上这一行",
    '"{values}" is not found in column "{columns}" of {target}: check the spelling, or add that row to {target} first',
    {"values": "good-air-dayz", "target": "datasets/indicators.csv", "columns": "id"},
    Location("datasets/observations.csv", row=23, column="indicator_id"),
)


_ROW = Location("datasets/sources.csv", row=5)


def _row(code: str, zh: str, en: str, where: Location = _ROW) -> Message:
    return Message(code, zh, en, where=where)


HEADING_MISSING = _row("csv.heading-missing", "缺少列名（表头少了一列）", "a column heading is missing")
HEADING_EXTRA = _row(
    "csv.heading-extra", "多出一列表头，数据包中没有定义", "has an extra column heading the schema does not define"
)
HEADING_DIFFERS = _row("csv.heading-differs", "列名与数据包定义的不一致", "the column heading differs from the schema")
HEADING_TWICE = _row("csv.heading-twice", "列名重复", "the column heading appears twice")
HEADING_BLANK = _row("csv.heading-blank", "列名为空", "a column heading is blank")
CELL_MISSING = _row("csv.cell-missing", "这一行少了一个单元格", "this row has too few cells")
CELL_EXTRA = _row(
    "csv.cell-extra", "这一行多了一个单元格（多余的逗号？）", "this row has an extra cell (a stray comma?)"
)
BLANK_ROW = _row(
    "csv.blank-row",
    "空行，请删除（Excel 常在表格末尾留下这样的行）",
    "the row is blank; delete it (Excel often leaves such rows at the end)",
)
WITH_LABEL = Message(
    "csv.with-label",
    "“{label}”：{problem}",
    '"{label}": {problem}',
    {"label": "grade", "problem": HEADING_TWICE.said()},
    Location("datasets/sources.csv", row=1),
)
PACKAGE_INVALID = Message(
    "csv.package-invalid",
    "数据包有误：{message}",
    "the data package is invalid: {message}",
    {"message": "The data source could not be successfully loaded"},
    Location("datasets/datapackage.json"),
)
OUT_OF_RANGE = Message(
    "csv.number-out-of-range",
    "“{cell}”超出了能够保存和计算的数字范围（绝对值约在 10⁻³⁰⁸ 到 10³⁰⁸ 之间）：请检查是否多写了数字或指数",
    '"{cell}" is beyond the range of numbers that can be stored and computed (about 10^-308 to 10^308 '
    "in size): check for extra digits or a wrong exponent",
    {"cell": "1e400"},
    _CELL,
)
FULL_WIDTH_DIGITS = Message(
    "csv.full-width-digits",
    "“{cell}”用了全角数字或其他文字的数字，未被接受（不会自动转换）：请用半角数字 0–9 写成“{plain}”",
    '"{cell}" is written with full-width or other non-ASCII digits; refused (not converted): write it '
    'with the digits 0–9, as "{plain}"',
    {"cell": "７７.８", "plain": "77.8"},
    _CELL,
)
UNDERSCORE = Message(
    "csv.underscore-in-number",
    "“{cell}”中有下划线“_”：数字里不能有下划线，请删除它（写成“{plain}”）",
    '"{cell}" holds an underscore "_": a number cannot hold one; delete it (write "{plain}")',
    {"cell": "7_7.8", "plain": "77.8"},
    _CELL,
)
SHORT_DATE = Message(
    "csv.short-date",
    "“{cell}”：日期的月和日都要写两位数，写成“{year}-{month:0>2}-{day:0>2}”",
    '"{cell}": write the month and the day with two digits each, as "{year}-{month:0>2}-{day:0>2}"',
    {"cell": "2024-3-5", "year": "2024", "month": "3", "day": "5"},
    Location("datasets/sources.csv", row=2, column="published"),
)
INVISIBLE = Message(
    "csv.invisible-character",
    "第 {position} 个字符是看不见的字符 {name}，写出来是“{shown}”：页面上看不出它，它却会改变数据"
    "（或使下载文件无法生成）。请删除它",
    'character {position} is an invisible character, {name}: written out, "{shown}". It does not '
    "show on a page but changes the data (or breaks a download). Delete it",
    {"position": 3, "name": "U+200B ZERO WIDTH SPACE", "shown": "77<U+200B>.8"},
    _CELL,
)
UNCLOSED_QUOTE = Message(
    "csv.unclosed-quote",
    '这个单元格以引号 " 开头，引号却没有在这个单元格里闭合：文件其后 {lines} 行的文字都被读进了这个单元格。'
    "请删除这个引号，或在这个单元格的文字末尾补上另一个引号",
    'this cell opens a quote (") that is not closed within the cell, so the next {lines} lines of the file were '
    "read into it. Delete the quote, or close it at the end of this cell's text",
    {"lines": 4},
    Location("datasets/observations.csv", row=2, column="note_zh"),
)
INVISIBLE_LINE_BREAK = Message(
    "csv.invisible-line-break",
    INVISIBLE.zh + "（Excel for Mac 会把单元格内的换行存成这个字符：请把文字写在一行里）",
    INVISIBLE.en + " (Excel for Mac saves a line break inside a cell as this character: keep the text on one line)",
    {"position": 5, "name": "U+000B LINE TABULATION", "shown": "城镇化率<U+000B>"},
    Location("datasets/indicators.csv", row=2, column="name_zh"),
)
PADDED_HEADING = Message(
    "csv.padded-heading",
    "列名“{column}”前后多了字符（{names_zh}）：请删除，只写“{column}”",
    'the column heading "{column}" has {names_en} before or after it: delete it, leaving "{column}"',
    {"column": "id", "names_zh": "U+FEFF ZERO WIDTH NO-BREAK SPACE", "names_en": "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
    Location("datasets/sources.csv", row=1),
)
MISSING_COLUMNS = Message(
    "csv.missing-columns", "缺少列：{names_zh}。", " Missing: {names_en}.", {"names_zh": "grade", "names_en": "grade"}
)
EXTRA_COLUMNS = Message(
    "csv.extra-columns",
    "多出的列：{names_zh}。",
    " Not expected: {names_en}.",
    {"names_zh": "extra", "names_en": "extra"},
)
HEADINGS_DIFFER = Message(
    "csv.headings-differ",
    "列名与数据包的定义不一致。{missing}{extra}应为（按顺序）：{expected}",
    "the column headings differ from the schema.{missing}{extra} Expected, in order: {expected}",
    {
        "missing": MISSING_COLUMNS.said(names_zh="grade", names_en="grade"),
        "extra": "",
        "expected": "id,title,title_en,publisher_zh,publisher_en,url,published,grade",
    },
    Location("datasets/sources.csv", row=1),
)

TAB_OR_RETURN = Message(
    "csv.tab-or-return",
    "{name}（看不见的字符）",
    "{name} (a character no one can see)",
    {"name": "U+0009 CHARACTER TABULATION"},
)
STARTS_LIKE_A_FORMULA = Message(
    "csv.starts-like-a-formula",
    "“{cell}”以“{first}”开头：Excel 和 WPS 会把以 =、+、-、@、制表符或回车开头的文字当作公式执行（可能打开链接或运行"
    "命令），而这张表会原样发布供下载。请改写，使它不以这些符号开头：例如把“+5%”写成“增长5%”，把“-”写成“无”或"
    "留空，或在前面加上文字",
    '"{cell}" starts with "{first}": Excel and WPS run a text that starts with =, +, -, @, a tab or a carriage return as '
    "a formula (which can open links or run commands), and this table is published for download as it is. Write it "
    'so that it does not start with one of these: "+5%" as "up 5%", "-" as "none" (or leave the cell empty), or put '
    "words before it",
    {"cell": '=HYPERLINK("http://example.org/x","click")', "first": "="},
    Location("datasets/sources.csv", row=5, column="title"),
)
_DATE_TEXT = (
    "。用 Excel 打开 CSV 时它会把日期改成自己的样式再保存：在 Excel 里先把这一列设为“文本”格式再输入，或用“数据”→"
    "“从文本/CSV”打开并把这一列设为“文本”",
    ". Excel rewrites dates in its own style when it opens a CSV and saves it again: set the column's format to Text "
    "before typing, or open the file with Data → From Text/CSV and set the column to Text",
)
REWRITTEN_DATE = Message(
    "csv.rewritten-date",
    "“{cell}”：日期要写成 年-月-日，月和日都写两位，即“{date}”" + _DATE_TEXT[0],
    '"{cell}": write a date as year-month-day with two-digit month and day, that is "{date}"' + _DATE_TEXT[1],
    {"cell": "2024/1/25", "date": "2024-01-25"},
    Location("datasets/sources.csv", row=2, column="published"),
)
AMBIGUOUS_DATE = Message(
    "csv.ambiguous-date",
    "“{cell}”可能是“{one}”（月/日/年），也可能是“{other}”（日/月/年）：请对照原始资料，写成 年-月-日 的形式"
    + _DATE_TEXT[0],
    '"{cell}" may be "{one}" (month/day/year) or "{other}" (day/month/year): check the source and write it as '
    "year-month-day" + _DATE_TEXT[1],
    {"cell": "3/5/2024", "one": "2024-03-05", "other": "2024-05-03"},
    Location("datasets/sources.csv", row=2, column="published"),
)
CURLY_QUOTES = Message(
    "csv.curly-quotes",
    '把含逗号的单元格括起来的英文引号 " 被换成了中文（弯）引号 “ ”（Mac 的“文本编辑”、Word 或 WPS 的“智能引号”会这样做），'
    "于是这些单元格里的逗号把一格拆成了几格（共 {rows} 行）。请不要逐行修改：先在 PowerShell 里运行 "
    "git restore {file} 取回上次发布的文件（这个文件此后的修改会丢失），再用 Excel 或 WPS 重新修改并另存为 CSV UTF-8",
    'the straight quotes (") that enclose cells holding a comma were changed to curly quotes “ ” (the "smart quotes" '
    "of a Mac's TextEdit, Word or WPS), so the commas in those cells split each into several ({rows} rows). Do not "
    "fix it row by row: first run git restore {file} in PowerShell to take back the file as last published (the "
    "changes made to it since are lost), then make your change again in Excel or WPS and save as CSV UTF-8",
    {"rows": 5, "file": "datasets/observations.csv"},
    Location("datasets/observations.csv", row=6),
)
TAB_BEFORE_NUMBERS = Message(
    "csv.tab-before-numbers",
    "这一格和这个文件里另外 {others} 格的数字前面有一个看不见的制表符（WPS 把数字存成文本时会这样做），数字因此读不出来。"
    "请用记事本打开这个文件，按 Ctrl+H 打开“替换”，在“查找内容”里粘贴一个制表符（在记事本的空白处按一下 Tab 键，"
    "选中打出的空白，按 Ctrl+C 复制），“替换为”空着，点“全部替换”，保存，再检查一次",
    "this cell and {others} other(s) in this file have an invisible tab before their number (WPS does this to keep "
    "a number as text), so the numbers cannot be read. Open the file in Notepad, press Ctrl+H (Replace), paste a tab "
    'into "Find what" (press Tab once on an empty spot in Notepad, select the gap it makes and press Ctrl+C), leave '
    '"Replace with" empty, click "Replace All", save and check again',
    {"others": 51},
    Location("datasets/observations.csv", row=2, column="year"),
)
SCIENTIFIC_NOTATION = Message(
    "csv.scientific-notation",
    "“{cell}”是科学计数法：Excel 打开再保存时，会把 12 位以上的长数字改写成这个样子，后面的数字就丢了，所以不接受。"
    "请写出完整的数字；在 Excel 里先把这一列设为“文本”格式再输入，或用“数据”→“从文本/CSV”打开这个文件",
    "“{cell}” is in scientific notation: Excel rewrites a number of 12 digits or more like this when it opens and saves "
    "a CSV, and the digits after the first few are lost, so it is refused. Write the whole number; in Excel set the "
    "column's format to Text before typing, or open the file with Data → From Text/CSV",
    {"cell": "1.23E+11"},
    _CELL,
)
