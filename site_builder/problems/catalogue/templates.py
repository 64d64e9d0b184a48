"""Section 7 of the staff guide: the theme's templates (usually changed by developers)."""

from __future__ import annotations

from site_builder.problems import Location
from site_builder.problems.message import Message

NOT_JINJA = Message(
    "template.not-jinja",
    "模板写法有误：{detail}。请检查每个 {{% … %}} 和 {{{{ … }}}} 是否完整、成对",
    "the template is not valid Jinja: {detail}. Check that each {{% … %}} and {{{{ … }}}} is complete and closed",
    {"detail": "Expected an expression, got 'end of statement block'"},
    Location("themes/default/templates/base.html", row=61),
)
FAILED = Message(
    "template.failed",
    "模板出错（{error}）：请检查这一行用到的名称是否拼写正确",
    "the template failed ({error}): check the spelling of the names this row uses",
    {"error": "'site_builder.model.entities.Source object' has no attribute 'adress'"},
    Location("themes/default/templates/indicator.html", row=16),
)
