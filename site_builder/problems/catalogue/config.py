"""Section 5 of the staff guide: the configuration file site.toml (and the command line's --base-url)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_AT = Location("site.toml", key="site.assessment_year")
_BASE_URL = Location("site.toml", key="site.base_url")

NO_CONFIG = Message(
    "config.missing-file",
    "找不到配置文件 site.toml",
    "the configuration file site.toml is missing",
    where=Location("site.toml"),
)
NOT_TOML = Message(
    "config.not-toml",
    "不是有效的 TOML（{detail}）。请检查每行是否为 键 = 值，文字是否放在成对的英文双引号里",
    "is not valid TOML ({detail}). Check that each line is key = value and that text is in matching double quotes",
    {"detail": "Expected ']' at the end of a table declaration"},
    Location("site.toml", row=1),
)
MISSING = Message(
    "config.missing-key",
    "缺少这一项，请补上",
    "is missing; add it",
    where=Location("site.toml", key="languages.zh.short_title"),
)
UNKNOWN_KEY = Message(
    "config.unknown-key",
    "不认识的键（拼写错误？）：请删除或改正。这里可用的键：{names}",
    "unknown key (a typo?): delete or correct it. Keys allowed here: {names}",
    {
        "names": "assessment_year, base_url, chart_png, contact, content, datapackage, default_language, licence, "
        "licence_url, report_pdf, theme"
    },
    Location("site.toml", key="site.license"),
)
NOT_A_WHOLE_NUMBER = Message(
    "config.not-a-whole-number",
    "“{value}”应当是整数，不加引号，例如 2026",
    '"{value}" should be a whole number without quotes, such as 2026',
    {"value": "soon"},
    _AT,
)
NOT_TRUE_OR_FALSE = Message(
    "config.not-true-or-false",
    "“{value}”应当是 true 或 false，不加引号",
    '"{value}" should be true or false, without quotes',
    {"value": "yes"},
    Location("site.toml", key="site.chart_png"),
)
NOT_TEXT = Message(
    "config.not-text",
    "“{value}”应当是文字，放在英文双引号里",
    '"{value}" should be text in double quotes',
    {"value": 42},
    Location("site.toml", key="languages.en.name"),
)
NOT_A_WEB_ADDRESS = Message(
    "config.not-a-web-address",
    "“{value}”应为以 http:// 或 https:// 开头的网址",
    '"{value}" should be a web address starting with http:// or https://',
    {"value": "creativecommons.org/licenses/by/4.0/"},
    Location("site.toml", key="site.licence_url"),
)
TOO_SMALL = Message(
    "config.too-small",
    "“{value}”不能小于 {limit}",
    '"{value}" must not be less than {limit}',
    {"value": 1990, "limit": 2000},
    _AT,
)
TOO_LARGE = Message(
    "config.too-large",
    "“{value}”不能大于 {limit}",
    '"{value}" must not be greater than {limit}',
    {"value": 2200, "limit": 2100},
    _AT,
)
NOT_A_TABLE = Message(
    "config.not-a-table",
    "应当是一个表（[…] 段）",
    "should be a table (a [...] section)",
    where=Location("site.toml", key="site"),
)
NO_LANGUAGE = Message(
    "config.no-language",
    "至少需要一种语言（[languages.zh] 这样的段）",
    "at least one language is needed (a [languages.zh] section)",
    where=Location("site.toml", key="languages"),
)
WRONG_VALUE = Message(
    "config.wrong-value",
    "取值不对（{detail}）",
    "{detail}",
    {"detail": "Input should be a valid dictionary"},
    Location("site.toml", key="languages.en"),
)
DEFAULT_LANGUAGE = Message(
    "config.default-language",
    "“{value}”不在 [languages] 中，请改成其中之一：{languages}",
    '"{value}" is not one of the [languages]; use one of: {languages}',
    {"value": "fr", "languages": "zh, en"},
    Location("site.toml", key="site.default_language"),
)
PATH_OUTSIDE_PROJECT = Message(
    "config.path-outside-project",
    "“{value}”不在项目文件夹里：构建只读取项目里的文件，否则项目外的任何文件夹都可能被发布。"
    "请写项目文件夹里的相对路径，例如 {example}",
    '"{value}" is not inside the project folder: the build reads only files inside the project, or any folder '
    "outside it could be published. Give a path relative to the project folder, such as {example}",
    {"value": "../elsewhere", "example": "content"},
    Location("site.toml", key="site.content"),
)
THEME = Message(
    "config.theme-not-a-folder",
    "“{value}”应当是 themes/ 里一个文件夹的名字（不含 / 或 ..），现有的是：{themes}",
    '"{value}" should be the name of a folder in themes/ (without / or ..); there are: {themes}',
    {"value": "../../x", "themes": "default"},
    Location("site.toml", key="site.theme"),
)
LANGUAGE_CODE = Message(
    "config.language-code",
    "[languages.{code}]：语言代码会成为网页地址的第一段，只能用小写字母，例如 zh、en",
    "[languages.{code}]: the language code becomes the first part of the pages' addresses; use lower-case "
    "letters only, such as zh or en",
    {"code": "EN"},
    Location("site.toml", key="languages"),
)

# The site's address: it starts every link and canonical address on every page, so only a plain http(s) address
# of a folder will do. The same words for site.toml's base_url and the command line's --base-url.
BASE_URL_SPACE = Message(
    "config.base-url-space",
    "“{given}”里有空格：请删去网址里的空格",
    '"{given}" contains a space: remove it from the address',
    {"given": "https://example.org/hu zhou/"},
    _BASE_URL,
)
BASE_URL_PASSWORD = Message(
    "config.base-url-password",
    "“{given}”里有用户名或密码（@ 前面的部分）：网站地址会写进每一个页面，人人都看得到。请删去“…@”这一段",
    '"{given}" contains a user name or password (the part before @): the site\'s address is written into every '
    "page, for anyone to read. Remove the part up to and including @",
    {"given": "https://user:secret@example.org/"},
    _BASE_URL,
)
BASE_URL_QUERY = Message(
    "config.base-url-query",
    "“{given}”里有“?”（查询参数）：网站地址只能是一个文件夹的地址。请删去“?”和它后面的部分",
    '"{given}" contains "?" (a query): the site\'s address must be the address of a folder. Remove "?" and what '
    "follows it",
    {"given": "https://example.org/?page=1/"},
    _BASE_URL,
)
BASE_URL_FRAGMENT = Message(
    "config.base-url-fragment",
    "“{given}”里有“#”（页内锚点）：网站地址只能是一个文件夹的地址。请删去“#”和它后面的部分",
    '"{given}" contains "#" (a fragment): the site\'s address must be the address of a folder. Remove "#" and what '
    "follows it",
    {"given": "https://example.org/#top/"},
    _BASE_URL,
)
BASE_URL_NOT_PLAIN = Message(
    "config.base-url-not-plain",
    "“{given}”不是一个普通的网址：主机名和路径只能用字母、数字和 - . _ ~ 这些字符，路径里不能有 ./ 或 ../，"
    "例如 https://example.org/huzhou/",
    '"{given}" is not a plain web address: its host and path may hold only letters, digits and - . _ ~, with no '
    "./ or ../ in the path, such as https://example.org/huzhou/",
    {"given": "https://example.org/../"},
    _BASE_URL,
)
BASE_URL_NOT_AN_ADDRESS = Message(
    "config.base-url-not-an-address",
    "“{given}”应为以 http:// 或 https:// 开头的网址，并以 / 结尾",
    '"{given}" should be a web address starting with http:// or https:// and ending with /',
    {"given": "ftp://example.org"},
    _BASE_URL,
)

# The contact readers write to ("suggest a source / report an error" on each indicator page): an e-mail address
# or a web address, where a form's address may carry {subject} and {body}, which the build fills in.
_CONTACT = Location("site.toml", key="site.contact")
CONTACT_NOT_AN_ADDRESS = Message(
    "config.contact-not-an-address",
    "“{value}”应为 mailto: 加一个电子邮件地址（例如 mailto:data@example.org），或以 http:// 或 https:// 开头、"
    "不含空格的网址（网页或表单；表单的网址里可以写 {{subject}} 和 {{body}}，构建时填入主题和正文）",
    '"{value}" should be mailto: and one e-mail address (such as mailto:data@example.org), or a web address '
    "starting with http:// or https://, without spaces (a page or a form; a form's address may hold {{subject}} "
    "and {{body}}, which the build fills with the subject and the text)",
    {"value": "data@example.org"},
    _CONTACT,
)
CONTACT_PLACEHOLDER = Message(
    "config.contact-placeholder",
    "“{value}”里的“{{{name}}}”不是构建能填写的位置：表单的网址里只能写 {{subject}}（主题）和 {{body}}（正文）",
    '"{value}": "{{{name}}}" is not a place the build can fill in: a form\'s address may hold only {{subject}} '
    "and {{body}}",
    {"value": "https://example.org/form?title={title}", "name": "title"},
    _CONTACT,
)
