"""Section 5 of the staff guide (configuration): the address the site is published at."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

# A warning: a preview (`site-builder serve`) and a local look are served from this machine; a strict build (CI,
# the `check` command, every push) refuses it, so no page, feed, citation or README goes live with it.
PLACEHOLDER_ADDRESS = Message(
    "config.placeholder-address",
    "“{value}”是{kind_zh}，只能用于在本机预览；发布的网站会把它写进每个页面、引用和下载文件。"
    "请填写网站的正式地址（例如 https://czh.huzhou.gov.cn/）",
    '"{value}" is {kind_en}, fit only for a preview on this computer: the published site writes it into every '
    "page, citation and download. Give the site's real address (such as https://czh.huzhou.gov.cn/)",
    {"value": "http://127.0.0.1:8000/", "kind_zh": "本机地址", "kind_en": "an address of this computer"},
    Location("site.toml", key="site.base_url"),
    "warning",
)
DOWNLOAD_TAKEN = Message(
    "address.indicator-download-taken",
    "指标“{id}”的下载文件 {file} 与指标“{first}”的下载文件同名：一个地址只能属于一个来源。请给指标“{id}”换一个 id"
    "（例如不以 -excel、-chart、-story-kit 结尾）",
    'the download {file} of indicator "{id}" has the name of a download of indicator "{first}": an address belongs '
    'to one source only. Give indicator "{id}" another id (one that does not end in -excel, -chart or -story-kit, '
    "for instance)",
    {
        "id": "urbanization-rate-excel",
        "first": "urbanization-rate",
        "file": "/downloads/indicators/urbanization-rate-excel.csv",
    },
    Location("datasets/indicators.csv", column="id"),
)
TABLE_DOWNLOAD_TAKEN = Message(
    "address.table-download-taken",
    "数据表“{name}”的下载文件 {file} 与数据表“{first}”的下载文件同名：一个地址只能属于一个来源。请给数据表“{name}”的"
    "文件换一个名字（不以 -excel 结尾，也不与别的表的文件同名），并改正 datapackage.json 中它的 path",
    'the download {file} of table "{name}" has the name of a download of table "{first}": an address belongs to one '
    'source only. Rename the file of table "{name}" (not ending in -excel, and not named like another table\'s '
    "file), and correct its path in datapackage.json",
    {"name": "observations-excel", "first": "observations", "file": "/downloads/data/observations-excel.csv"},
    Location("datasets/observations-excel.csv"),
)
