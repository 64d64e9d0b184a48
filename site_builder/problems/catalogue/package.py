"""Section 2 of the staff guide, continued: the data package's descriptor (datapackage.json) and its shape."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

_FILE = "datasets/datapackage.json"


def _at(key: str) -> Location:
    return Location(_FILE, key=key)


NO_DESCRIPTOR = Message(
    "package.no-descriptor", "找不到数据包描述文件", "the data package descriptor is missing", where=Location(_FILE)
)
NOT_JSON = Message(
    "package.not-json",
    "不是有效的 JSON：{detail}（第 {column} 个字符）",
    "is not valid JSON: {detail} (character {column})",
    {"detail": "Expecting ',' delimiter", "column": 5},
    Location(_FILE, row=12),
)
NO_RESOURCES = Message("package.no-resources", "缺少 resources 列表", 'has no "resources" list', where=Location(_FILE))
NOT_AN_OBJECT = Message(
    "package.not-an-object", "应当是一个对象 {{…}}", "must be an object {{…}}", where=_at("resources[3]")
)
NAME_TWICE = Message(
    "package.name-twice",
    "资源名“{name}”与 resources[{first}] 重复：每个资源的名称必须不同",
    'the resource name "{name}" is the same as resources[{first}]: each name must differ',
    {"name": "sources", "first": 3},
    _at("resources[4].name"),
)
REMOTE = Message(
    "package.remote-address",
    "“{address}”是网络地址：构建时不会访问任何网络地址，请把它删除，或换成数据包文件夹里的文件",
    '"{address}" is a network address: the build never fetches anything; delete it, or name a '
    "file inside the data package folder",
    {"address": "http://127.0.0.1:8000/sources.csv"},
    _at("resources[3].path"),
)
PROFILE = Message(
    "package.profile",
    "“{profile}”不是本网站使用的 profile：请写 tabular-data-package 或 tabular-data-resource，或删除这个键",
    '"{profile}" is not a profile the site uses: write tabular-data-package or tabular-data-resource, '
    "or delete the key",
    {"profile": "fiscal-data-package"},
    _at("profile"),
)
RESOURCE_NAME = Message(
    "package.resource-name",
    "资源名“{name}”不可用：只能用小写字母 a–z、数字和下划线，以字母开头，例如 observations",
    'the resource name "{name}" cannot be used: write lower-case letters a–z, '
    "digits and underscores, starting with a letter, such as observations",
    {"name": "Observations"},
    _at("resources[4].name"),
)
READING_KEY = Message(
    "package.reading-key",
    "资源“{name}”：本网站只读取 UTF-8、逗号分隔的 CSV 文件，请删除“{key}”这个键",
    'resource "{name}": the site reads only UTF-8 CSV files separated by commas; delete the key "{key}"',
    {"name": "sources", "key": "dialect"},
    _at("resources[3].dialect"),
)
_PATH_FIX = (
    '：应当是数据包文件夹里的一个 .csv 文件名，例如 "{name}.csv"',
    '; it must be the name of one .csv file in the data package folder, such as "{name}.csv"',
)
PATH_LIST = Message(
    "package.path-is-a-list",
    "资源“{name}”的 path 是一个列表" + _PATH_FIX[0],
    'resource "{name}": its path is a list' + _PATH_FIX[1],
    {"name": "sources"},
    _at("resources[3].path"),
)
PATH_MISSING = Message(
    "package.path-missing",
    "资源“{name}”的 path 是空的" + _PATH_FIX[0],
    'resource "{name}": its path is missing' + _PATH_FIX[1],
    {"name": "sources"},
    _at("resources[3].path"),
)
PATH_NOT_CSV = Message(
    "package.path-not-csv",
    "资源“{name}”的 path 是“{path}”" + _PATH_FIX[0],
    'resource "{name}": its path is "{path}"' + _PATH_FIX[1],
    {"name": "sources", "path": "sources.xlsx"},
    _at("resources[3].path"),
)
_SCHEMA_FIX = (
    "：本网站需要把 schema（含 fields 列表）直接写在 datapackage.json 里",
    '; the site needs the schema, with its "fields" list, written in datapackage.json itself',
)
SCHEMA_PATH = Message(
    "package.schema-is-a-path",
    "资源“{name}”的 schema 写成了文件路径" + _SCHEMA_FIX[0],
    'resource "{name}": its schema is given as a file path' + _SCHEMA_FIX[1],
    {"name": "sources"},
    _at("resources[3].schema"),
)
SCHEMA_MISSING = Message(
    "package.schema-missing",
    "资源“{name}”的 schema 缺失或没有 fields 列表" + _SCHEMA_FIX[0],
    'resource "{name}": its schema is missing or has no list of fields' + _SCHEMA_FIX[1],
    {"name": "sources"},
    _at("resources[3].schema"),
)
COLUMN_NAME = Message(
    "package.column-name",
    "资源“{name}”的列名“{column}”不可用：只能用小写字母、数字和下划线，以字母开头，且不能重复",
    'resource "{name}": the column name "{column}" cannot be used: write lower-case letters, '
    "digits and underscores, starting with a letter, each name once",
    {"name": "sources", "column": "Title"},
    _at("resources[3].schema.fields[1].name"),
)
COLUMN_TYPE = Message(
    "package.column-type",
    "资源“{name}”的“{column}”列类型“{kind}”本网站不支持，可用：{types}",
    'resource "{name}", column "{column}": the type "{kind}" is not supported; use one of: {types}',
    {
        "name": "sources",
        "column": "published",
        "kind": "time",
        "types": "string, integer, number, date, year, boolean, datetime",
    },
    _at("resources[3].schema.fields[6].type"),
)
SITE_TABLE_MISSING = Message(
    "package.site-table-missing",
    "缺少网站需要的资源“{table}”（{table}.csv）：请把它恢复到 resources 列表中",
    'the resource "{table}" ({table}.csv), which the site needs, is missing: put it back in the "resources" list',
    {"table": "sources"},
    _at("resources"),
)
SITE_COLUMN_MISSING = Message(
    "package.site-column-missing",
    "资源“{table}”缺少网站需要的列“{column}”（类型 {kind}）：请把它恢复到 fields 中",
    'resource "{table}" lacks the column "{column}" (type {kind}) that the site needs: put it back in "fields"',
    {"table": "observations", "column": "value", "kind": "number"},
    _at("resources[4].schema.fields"),
)
SITE_COLUMN_TYPE = Message(
    "package.site-column-type",
    '资源“{table}”的“{column}”列类型写成了“{written}”，网站需要“{kind}”（{kind_words}）：请改回 "type": "{kind}"',
    'resource "{table}", column "{column}": the type is "{written}" but the site needs '
    '"{kind}": change it back to "type": "{kind}"',
    {"table": "observations", "column": "value", "written": "string", "kind": "number", "kind_words": "数字"},
    _at("resources[4].schema.fields[3].type"),
)
HAND_WRITTEN_VERSION = Message(
    "package.hand-written-version",
    "写有“{key}”: {value}：数据的版本号和日期由服务器在推送上线时自动编号、填写（第几次发布、哪一天），"
    "不需要也不能手写。请在记事本里删除这一整行（包括行末的逗号），保存后再检查；"
    "上线后的版本号见网站的“数据变更”页",
    'has "{key}": {value}: the server numbers and dates each data release when a push goes live, so the data '
    "version and its date are never written by hand. Delete this whole line (with its comma) in Notepad, save, "
    'and check again; once live, the release number shows on the site\'s "What changed" page',
    {"key": "version", "value": '"1.0.1"'},
    Location(_FILE, row=6, key="version"),
)
