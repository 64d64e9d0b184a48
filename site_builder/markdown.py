"""Markdown: one markdown-it parser for all pages, with the site's boxes, anchors and data placeholders."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

# Raw HTML in Markdown is off: it is shown as text, never run. Only this renderer writes this comment,
# so it marks where the build puts a table filled from the datasets.
INDICATORS_TABLE = "<!--site-builder:indicators-table-->"


def _render_box(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    if token.nesting == -1:
        return "</aside>\n"
    _, anchor, title = ([*token.info.strip().split(maxsplit=2), "", ""])[:3]
    anchor = escapeHtml(anchor)
    return (
        f'<aside class="box" id="{anchor}" aria-labelledby="{anchor}-title">\n'
        f'<h3 class="box-title" id="{anchor}-title">{escapeHtml(title)}</h3>\n'
    )


def _render_indicators_table(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return INDICATORS_TABLE if tokens[idx].nesting == 1 else ""


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.use(front_matter_plugin).use(attrs_block_plugin)
    md.use(container_plugin, name="box", render=_render_box)
    md.use(container_plugin, name="indicators-table", render=_render_indicators_table)
    return md
