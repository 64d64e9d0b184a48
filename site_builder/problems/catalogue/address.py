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
