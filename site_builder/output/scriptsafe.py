"""JSON inside a page's <script> element, written so that no value can end the element or open markup in it."""

from __future__ import annotations


def script_json(text: str) -> str:
    """`text` (JSON) with <, > and & as \\u escapes: the same data to a JSON parser, inert to the HTML parser."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
