"""Section 4 of the staff guide: the Markdown pages under content/ (names, front matter, text, links, images)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_PAGE = Location("content/zh/about.md", row=46)
_NAMES = "api, assets, changes, commitments, data, downloads, glossary, images, indicators, pagefind, progress, report, search"

NOT_MD = Message(
    "page.not-md",
    "这个文件不会被当作页面读取：页面的文件名必须以小写的 .md 结尾（记事本可能会加上 .txt，请在“另存为”时把"
    "“保存类型”选为“所有文件”）。请把文件改名为以 .md 结尾",
    'this file is not read as a page: a page\'s file name must end in ".md", in lower case (Notepad may add '
    '".txt": in "Save As" choose "All files" as the type). Rename it to end in .md',
    where=Location("content/zh/notes.MD"),
)
NOT_AN_ADDRESS = Message(
    "page.name-not-an-address",
    "文件名（和文件夹名）会成为网页地址，只能用小写字母 a–z、数字和连字符，不能有空格、点或汉字，例如 annual-report.md",
    "the file's name (and its folders') becomes the page's address: use lower-case letters a–z, digits and "
    "hyphens only, with no spaces, dots or Chinese characters, such as annual-report.md",
    where=Location("content/zh/annual report.md"),
)
PAGE_IS_RTF = Message(
    "page.rtf",
    "这个文件是 RTF（带格式的文字：Mac 的“文本编辑”和写字板默认这样保存），不是纯文本，网站读不了。"
    "在“文本编辑”里选“格式”→“制作纯文本”后再保存（编码选 UTF-8）；在 Windows 上请用记事本编辑页面",
    "this file is RTF (formatted text, which a Mac's TextEdit and WordPad save by default), not plain text, so the site "
    'cannot read it. In TextEdit choose Format → "Make Plain Text", then save (encoding UTF-8); on Windows edit pages '
    "in Notepad",
    where=Location("content/zh/notice.md", row=1),
)
NO_FRONT_MATTER = Message(
    "page.no-front-matter",
    "缺少页面开头的标题部分：请在文件最前面加上一行 ---、一行 title: 页面标题、再一行 ---",
    "has no title block at the top: add a line ---, a line title: the page's title, and another line --- at the top",
    where=Location("content/zh/b.md", row=1),
)
YAML_BEGAN = Message(
    "page.yaml-error-began",
    "，出错的部分从第 {row} 行开始",
    "; the part in error begins on row {row}",
    {"row": 3},
)
NOT_YAML = Message(
    "page.front-matter-not-yaml",
    "页面开头的标题部分（两行 --- 之间）写法有误（{detail}{began}）。"
    "请检查括号和引号是否成对；值里有冒号“:”时，请把整个值放在引号里。",
    "the title block at the top (between the two --- lines) cannot be read ({detail}{began}). "
    'Check that brackets and quotes are closed; put a value that contains a colon ":" in quotes.',
    {"detail": "expected ',' or ']', but got ':'", "began": YAML_BEGAN.said(row=3)},
    Location("content/en/about.md", row=4),
)
NOT_KEY_VALUE = Message(
    "page.front-matter-not-key-value",
    "页面开头的标题部分（两行 --- 之间）每行应当写成“键: 值”，例如 title: 页面标题",
    "the title block at the top (between the two --- lines) must be key: value lines, such as title: the page's title",
    where=Location("content/zh/a.md", row=2),
)
UNKNOWN_KEY = Message(
    "page.unknown-key",
    "不认识的键“{key}”，可用的键：{names}",
    'unknown key "{key}"; allowed keys: {names}',
    {"key": "author", "names": "chapter, description, title"},
    Location("content/zh/chapters/implementation.md", key="author"),
)
NOT_TEXT = Message("page.not-text", "应当是文字", "must be text", where=Location("content/zh/a.md", key="title"))
NO_TITLE = Message(
    "page.no-title", "缺少标题 title", "the title is missing", where=Location("content/zh/a.md", key="title")
)
NO_TRANSLATION = Message(
    "page.no-translation",
    "缺少译文：{file} 没有对应的 {lang} 页面；请在这个位置写上译文",
    "missing translation: {file} has no {lang} counterpart; write the translation here",
    {"file": "content/zh/notes.md", "lang": "en"},
    Location("content/en/notes.md"),
    "warning",
)
ATTRIBUTE = Message(
    "page.attribute",
    "{{{written}}} 不能使用：页面的样式和行为由网站主题决定，Markdown 中只能用 {{#锚点}} 给标题加锚点（小写字母、"
    "数字和连字符，且不能与网站模板已用的 id 重名，如 main、search-query）。请删除它或换一个锚点名",
    "{{{written}}} cannot be used: a page's look and behaviour come from the theme, and Markdown may only give a "
    "heading an anchor, {{#name}} (lower-case letters, digits and hyphens, and not an id the theme uses, such as "
    "main or search-query). Delete it or choose another anchor",
    {"written": "#main"},
    _PAGE,
)
TOO_DEEP = Message(
    "page.nested-too-deep",
    "列表或引用嵌套得太深（到了 Markdown 解析的上限），从这里起的文字会丢失：请减少缩进或“>”的层数",
    "lists or quotes nest too deep here (as deep as Markdown is read) and the text from here on would be lost: "
    'indent less, or use fewer ">"',
    where=Location("content/zh/about.md", row=54),
)
REMOTE_IMAGE = Message(
    "page.remote-image",
    "图片必须由本网站自己提供，不能引用其他网站的图片（在中国大陆可能打不开）：{src}。"
    "请把图片文件放在 content/images/ 里，地址写成 /images/文件名",
    "images must be served by the site itself, not taken from another host (which may not load in mainland "
    "China): {src}. Put the file in content/images/ and write its address as /images/<file name>",
    {"src": "https://example.org/huzhou.png"},
    _PAGE,
)
NO_IMAGE = Message(
    "page.image-missing",
    "图片文件不存在：{link}。请把图片放在 content/images/ 里，地址写成 /images/文件名",
    "the image file does not exist: {link}. Put the image in content/images/ and write its address as "
    "/images/<file name>",
    {"link": "/images/map.png"},
    _PAGE,
)
BROKEN_LINK = Message(
    "page.broken-link",
    "链接指向不存在的页面或锚点：{link}。请检查地址；指标和承诺的地址见 /{lang}/indicators/ 和 /{lang}/commitments/",
    "the link leads to a page or anchor that does not exist: {link}. Check the address; the addresses of "
    "indicators and commitments are listed on /{lang}/indicators/ and /{lang}/commitments/",
    {"link": "/zh/indicators/no-such-indicator/", "lang": "zh"},
    _PAGE,
)
NOT_A_CHAPTER_PAGE = Message(
    "page.not-a-chapter",
    "“{name}”不是 chapters.csv 中的章节：chapters/ 下的页面只能是规划的各章，文件名就是章节的 id（例如 new-stage.md），"
    "否则不会被发布；其他页面请放在 chapters/ 文件夹之外",
    '"{name}" is not a chapter in chapters.csv: the pages under chapters/ are the plan\'s chapters, each named by '
    "its id (such as new-stage.md), and no other page there is published; put other pages outside the chapters/ "
    "folder",
    {"name": "notes"},
    Location("content/zh/chapters/notes.md"),
)
NO_SUCH_CHAPTER = Message(
    "page.no-such-chapter",
    "“{chapter}”不是 chapters.csv 中的章节",
    '"{chapter}" is not a chapter in chapters.csv',
    {"chapter": "no-such-chapter"},
    Location("content/zh/about.md", key="chapter"),
)
CHAPTER_MISSING = Message(
    "page.chapter-missing",
    "缺少这一章的正文页面",
    "the text of this chapter is missing",
    where=Location("content/en/chapters/new-stage.md"),
    severity="warning",
)
ADDRESS_TAKEN = Message(
    "page.address-taken",
    "这个页面的地址 {address} 已经属于{owner_zh}：一个地址只能有一个来源，生成的页面不会被替换。"
    "请给这个 Markdown 文件（两种语言的都要）换一个构建没有用到的名字，不要用：{names}",
    "this page's address {address} belongs to {owner_en}: an address has one source only, and the generated "
    "page is not replaced. Rename this Markdown file (in both languages) to a name the build does not use; "
    "not: {names}",
    {"address": "/zh/search/", "owner_zh": "搜索页", "owner_en": "the search page", "names": _NAMES},
    Location("content/zh/search.md"),
)
LANGUAGE_ADDRESS_TAKEN = Message(
    "config.language-address-taken",
    "语言代码“{code}”会成为地址 /{code}/，而这个地址已经属于{owner_zh}。请用语言的代码，例如 zh、en",
    'the language code "{code}" would become the address /{code}/, which belongs to {owner_en}. Use the '
    "language's code, such as zh or en",
    {"code": "api", "owner_zh": "JSON API（/api/）", "owner_en": "the JSON API (/api/)"},
    Location("site.toml", key="languages.api"),
)

# A commitment's clause is linked to the chapter's text where it is quoted (datasets/commitments.csv).
_CLAUSE = Location("datasets/commitments.csv", row=14, column="clause_zh")
CLAUSE_NOT_FOUND = Message(
    "page.clause-not-found",
    "这段文字在 {page} 中找不到（须与正文逐字一致）：“{phrase}”",
    'this phrase is not found in {page} (it must match the text exactly): "{phrase}"',
    {"page": "content/zh/chapters/migrant-integration.md", "phrase": "城镇新增就业31万人以上"},
    _CLAUSE,
)
CLAUSE_IN_LINK = Message(
    "page.clause-in-link",
    "这段文字在 {page} 中被放在了一个链接里：“{phrase}”。构建会自动把它链接到承诺清单，链接里不能再套链接："
    "请去掉包住它的 [ ](…) 链接",
    'this phrase is inside a link in {page}: "{phrase}". The build links it to its commitment itself, and a link '
    "cannot hold another: remove the [ ](…) link around it",
    {"page": "content/zh/chapters/general-requirements.md", "phrase": "中心城市GDP总量占比达到50%"},
    Location("datasets/commitments.csv", row=2, column="clause_zh"),
)
ANCHOR_NOT_FOUND = Message(
    "page.anchor-not-found",
    "“{anchor}”不是 {file} 中的锚点：请用正文中已有的锚点（写在标题上一行，如 {{#s12}}）",
    '"{anchor}" is not an anchor in {file}: use one the text has (written on the line above a heading, such as '
    "{{#s12}})",
    {"anchor": "s42", "file": "content/zh/chapters/urban-pattern.md"},
    Location("datasets/indicator_sections.csv", row=4, column="section"),
)
