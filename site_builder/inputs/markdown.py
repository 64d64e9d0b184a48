"""Markdown: one markdown-it parser for all pages, with the site's boxes, anchors and data placeholders."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from site_builder.problems import Location

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


@dataclass(frozen=True, slots=True)
class Mark:
    """A phrase of the text to link to its entry in the data, such as a commitment's clause."""

    phrase: str
    href: str
    anchor: str
    css_class: str
    origin: Location  # the data cell the phrase comes from, for a problem when the text lacks it


def _link_marks(state: StateCore) -> None:
    """Turn the first occurrence of each mark's phrase in a text run into a link with an anchor (never inside a
    link staff wrote: a link in a link is not HTML; such a phrase is kept in env["in_link"] to say so)."""
    marks: list[Mark] = list(state.env.get("marks", ()))
    in_link: list[Mark] = state.env.setdefault("in_link", [])
    for block in state.tokens:
        if block.type != "inline" or not block.children or not marks:
            continue
        children: list[Token] = []
        depth = 0
        for child in block.children:
            depth += {"link_open": 1, "link_close": -1}.get(child.type, 0)
            if child.type == "text" and depth == 0:
                children += _split(child, marks)
                continue
            if child.type == "text":
                in_link += [m for m in marks if m.phrase in child.content and m not in in_link]
            children.append(child)
        block.children = children
    state.env["unmatched"] = marks


THEME_ID_PREFIXES = ("category-", "chapter-", "source-", "commitment-")  # ids the build makes from the data
_ANCHOR = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_ALLOWED = {"ordered_list_open": {"start"}, "th_open": {"style"}, "td_open": {"style"}}  # Markdown's own


def theme_ids(themes: Path) -> frozenset[str]:
    """Every id the templates under `themes` write as it stands (`id="main"`): a page must not take one."""
    return frozenset(
        found
        for template in sorted(themes.rglob("*.html"))
        for found in re.findall(r'\bid="([^"{]+)"', template.read_text(encoding="utf-8", errors="replace"))
    )


def usable_anchor(anchor: str, reserved: frozenset[str]) -> bool:
    return bool(_ANCHOR.fullmatch(anchor)) and anchor not in reserved and not anchor.startswith(THEME_ID_PREFIXES)


def _check_attributes(state: StateCore) -> None:
    """Only an anchor ({#s12}) may be given to a block: no style, tabindex, autofocus, class, nor an id the theme
    uses. Anything else is removed and listed in env["dropped"] as (row, attribute, value)."""
    dropped: list[tuple[int | None, str, str]] = state.env.setdefault("dropped", [])
    reserved = state.env.get("reserved", frozenset({"main"}))
    for token in state.tokens:
        row = token.map[0] if token.map else None  # the row above the block: where {…} is written
        if token.type == "container_box_open" and len(token.info.split()) > 1:
            anchor = token.info.split()[1]
            if not usable_anchor(anchor, reserved):
                dropped.append((row + 1 if row is not None else None, "id", anchor))
        for name, value in list(token.attrs.items()):
            if name in _ALLOWED.get(token.type, ()) or (name == "id" and usable_anchor(str(value), reserved)):
                continue
            del token.attrs[name]
            dropped.append((row, name, str(value)))


def too_deep(tokens: Sequence[Token], limit: int) -> int | None:
    """The row where lists or quotes nest as deep as the parser goes (it drops the text beyond), or None."""
    return next((t.map[0] + 1 for t in tokens if t.level >= limit - 1 and t.map), None)


def _split(token: Token, marks: list[Mark]) -> list[Token]:
    for mark in list(marks):
        before, found, after = token.content.partition(mark.phrase)
        if not found:
            continue
        marks.remove(mark)
        link = Token("link_open", "a", 1, attrs={"href": mark.href, "id": mark.anchor, "class": mark.css_class})
        middle = Token("text", "", 0, content=mark.phrase)
        return [
            *(_split(Token("text", "", 0, content=before), marks) if before else []),
            link,
            middle,
            Token("link_close", "a", -1),
            *(_split(Token("text", "", 0, content=after), marks) if after else []),
        ]
    return [token]


def unmatched(env: dict[str, Any]) -> list[Mark]:
    """The marks whose phrase the text did not contain (after a render with this env)."""
    return list(env.get("unmatched", env.get("marks", ())))


def _render_link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    """A link to another host opens without giving it a handle on this page (rel="noopener"); a link from the
    site's root is moved under the base path."""
    token = tokens[idx]
    href = str(token.attrs.get("href", ""))
    if href.lower().startswith(("http://", "https://", "//")):  # "//host/…" is another host too
        token.attrs["rel"] = "noopener noreferrer"
    else:
        token.attrs["href"] = _under_base(href, env)
    return str(self.renderToken(tokens, idx, options, env))


def _render_image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    tokens[idx].attrs["src"] = _under_base(str(tokens[idx].attrs.get("src", "")), env)
    return str(RendererHTML.image(self, tokens, idx, options, env))


def _under_base(address: str, env: Any) -> str:
    """An address from the site's root, moved under the base path (a site in a sub-folder keeps its links)."""
    if address.startswith("/") and not address.startswith("//"):
        return str(env.get("base", "/")) + address[1:]
    return address


ELSEWHERE = re.compile(r"^(//|[a-z][a-z0-9+.-]*:)", re.IGNORECASE)  # an address with a scheme or a host


def images_from_elsewhere(tokens: Sequence[Token]) -> list[str]:
    """The address of each image a page would take from another host (data: images are in the page itself)."""
    return [
        str(child.attrs.get("src", ""))
        for token in tokens
        for child in token.children or ()
        if child.type == "image"
        and ELSEWHERE.match(str(child.attrs.get("src", "")))
        and not str(child.attrs.get("src", "")).lower().startswith("data:")
    ]


def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")
    md.use(front_matter_plugin).use(attrs_block_plugin)
    md.use(container_plugin, name="box", render=_render_box)
    md.use(container_plugin, name="indicators-table", render=_render_indicators_table)
    md.core.ruler.push("link_marks", _link_marks)
    md.core.ruler.push("check_attributes", _check_attributes)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("image", _render_image)
    return md
