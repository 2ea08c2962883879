"""The server's words in Chinese (api/messages.py): every message the code can raise has a zh-CN entry.

The check reads the source, not a list kept by hand: it walks domain/ and api/ with `ast` and collects every
string or f-string given as the message of a domain error (Forbidden, NotFound, Conflict, ..., the `detail`
of RuleViolation), of a FieldError (or `FieldErrors.add`), of a ValueError in a request schema, of an
HTTPException or `problem_response`, and every string returned by a message helper (`*_problem`,
`_why_not`). An f-string becomes a template the way the catalogue writes them: each `{...}` part a
placeholder, module constants (RANGE_TEXT) written out. A new message without a zh-CN entry fails here with
its file and line, so it cannot ship untranslated.

What the walk cannot see: a message built elsewhere and passed as a variable (it is caught at the helper that
returns it, if that helper follows the naming above), and messages of third parties (pydantic's own errors are
translated by type, checked below against pydantic-core's list of error types).
"""

from __future__ import annotations

import ast
import string
import typing
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from http import HTTPStatus
from pathlib import Path

import pytest
from pydantic_core import core_schema

from api import messages
from api.messages import negotiate

ROOT = Path(__file__).resolve().parents[2]

# Calls whose first argument (or `detail=`) is a message for people.
DETAIL_FIRST = {"DomainError", "Forbidden", "NotFound", "Conflict", "Unauthenticated", "PreconditionFailed",
                "PreconditionRequired", "TooManyAttempts"}
# Calls whose second argument (or the keyword) is a message.
SECOND = {"FieldError": "message", "add": "message", "field_problem": "message", "HTTPException": "detail",
          "problem_response": "detail", "RuleViolation": "detail"}
MESSAGE_HELPERS = ("_problem", "_why_not")


@dataclass(frozen=True)
class Found:
    template: str
    where: str


def _escape(text: str) -> str:
    return text.replace("{", "{{").replace("}", "}}")


class _Collector(ast.NodeVisitor):
    def __init__(self, path: Path, constants: dict[str, str]) -> None:
        self.path = path
        self.constants = constants
        self.found: list[Found] = []
        self.unseen: list[str] = []
        self._helper_depth = 0
        self._functions: list[str] = []
        self.versioned: list[Found] = []

    def _where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"

    def template(self, node: ast.expr) -> list[str] | None:
        """The message templates an expression can evaluate to; None when it is not a string literal."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [_escape(node.value)]
        if isinstance(node, ast.JoinedStr):
            out = []
            for part in node.values:
                if isinstance(part, ast.Constant):
                    out.append(_escape(str(part.value)))
                elif isinstance(part, ast.FormattedValue):
                    value = part.value
                    if isinstance(value, ast.Name) and value.id in self.constants:
                        out.append(self.constants[value.id])
                    else:
                        out.append("{}")
            return ["".join(out)]
        if isinstance(node, ast.IfExp):
            both = [self.template(node.body), self.template(node.orelse)]
            return [t for ts in both if ts for t in ts] or None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.template(node.left), self.template(node.right)
            if left and right:
                return [a + b for a in left for b in right]
        return None

    def _take(self, node: ast.expr | None, call: ast.AST) -> None:
        if node is None:
            return
        templates = self.template(node)
        if templates is None:
            self.unseen.append(f"{self._where(call)} {ast.unparse(node)}")
            return
        self.found.extend(Found(t, self._where(call)) for t in templates)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.id if isinstance(node.func, ast.Name) else (
            node.func.attr if isinstance(node.func, ast.Attribute) else "")
        keywords = {k.arg: k.value for k in node.keywords}
        if name in DETAIL_FIRST:
            self._take(node.args[0] if node.args else keywords.get("detail"), node)
        elif name == "add":
            # FieldErrors.add(field, message); other `.add`s take one argument or no string.
            if len(node.args) == 2 and self.template(node.args[1]) is not None:
                self._take(node.args[1], node)
        elif name == "ValueError" and ("schemas" in self.path.parts or self._functions[-1:] == ["parse"]):
            # A request schema's validator, or a domain parser of what a person typed (WorkingWindow.parse).
            self._take(node.args[0] if node.args else None, node)
        elif name == "check_version" and node.args and isinstance(node.args[0], ast.Constant):
            self.versioned.append(Found(str(node.args[0].value), self._where(node)))
        elif name in SECOND:
            self._take(node.args[1] if len(node.args) > 1 else keywords.get(SECOND[name]), node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        helper = node.name.endswith(MESSAGE_HELPERS)
        positional = node.args.posonlyargs + node.args.args
        defaults = zip(positional[len(positional) - len(node.args.defaults):], node.args.defaults, strict=True)
        for arg, default in [*defaults, *zip(node.args.kwonlyargs, node.args.kw_defaults, strict=True)]:
            if arg.arg == "detail" and default is not None:  # RuleViolation's "The request breaks a business rule."
                self._take(default, default)
        self._helper_depth += helper
        self._functions.append(node.name)
        self.generic_visit(node)
        self._functions.pop()
        self._helper_depth -= helper

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Return(self, node: ast.Return) -> None:
        if self._helper_depth and node.value is not None:
            templates = self.template(node.value)
            if templates:
                self.found.extend(Found(t, self._where(node)) for t in templates)
        self.generic_visit(node)


def _sources() -> list[Path]:
    return sorted(p for folder in ("domain", "api") for p in (ROOT / folder).rglob("*.py"))


def _module_constants(trees: dict[Path, ast.Module]) -> dict[str, str]:
    """Module-level UPPER_CASE string constants, which f-strings write out (RANGE_TEXT)."""
    constants: dict[str, str] = {}
    for _ in range(2):  # a constant may use another one
        for tree in trees.values():
            collector = _Collector(ROOT, constants)
            for stmt in tree.body:
                if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                        and stmt.targets[0].id.isupper()):
                    templates = collector.template(stmt.value)
                    if templates and len(templates) == 1:
                        constants[stmt.targets[0].id] = templates[0]
    return constants


@cache
def _walk() -> tuple[list[_Collector], ...]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in _sources()}
    constants = _module_constants(trees)
    collectors = []
    for path, tree in trees.items():
        collector = _Collector(path, constants)
        collector.visit(tree)
        collectors.append(collector)
    return (collectors,)


def collect() -> tuple[list[Found], list[str]]:
    """Every message template the walk finds, and the message arguments it cannot read (variables)."""
    collectors = _walk()[0]
    return [f for c in collectors for f in c.found], [u for c in collectors for u in c.unseen]


def _shape(template: str) -> str:
    """A template with its placeholders unnamed: how the walk's templates and the catalogue's are compared."""
    return "".join(_escape(literal) + ("{}" if field is not None else "")
                   for literal, field, _, _ in string.Formatter().parse(template))


def _sample(template: str) -> str:
    """A message the template stands for, each placeholder filled in."""
    parts = string.Formatter().parse(template)
    return "".join(literal + ("7" if field is not None else "") for literal, field, _, _ in parts)


def test_every_message_of_the_code_has_a_chinese_entry() -> None:
    found, _ = collect()
    assert len(found) > 200, "the walk finds the messages (did the error classes move?)"
    catalogued = {_shape(en) for en in messages.MESSAGES}
    missing = sorted({f"{f.where}: {f.template!r}" for f in found
                      if _shape(f.template) not in catalogued and not messages.untranslated(f.template)})
    assert not missing, "messages without a zh-CN entry in api/messages.py:\n" + "\n".join(missing)


def test_each_message_of_the_code_is_found_by_its_own_entry() -> None:
    # A filled-in message matches the entry written for it, not a looser one that happens to match too.
    found, _ = collect()
    for f in found:
        if messages.untranslated(f.template):
            continue
        entry = messages.entry_for(_sample(f.template))
        assert entry is not None and _shape(entry.en) == _shape(f.template), (f.where, f.template, entry)


def test_every_edited_thing_has_a_chinese_name() -> None:
    # check_version("score sheet", ...) says "The {what} changed since you loaded it": each `what` in Chinese.
    versioned = [f for c in _walk()[0] for f in c.versioned]
    assert versioned
    assert [f for f in versioned if f.template not in messages.VALUES_ZH["what"]] == []


def test_catalogue_templates_are_well_formed() -> None:
    for en, zh in messages.MESSAGES.items():
        en_fields = {field for _, field, _, _ in string.Formatter().parse(en) if field is not None}
        zh_fields = {field for _, field, _, _ in string.Formatter().parse(zh) if field is not None}
        assert zh_fields <= en_fields, (en, zh_fields - en_fields)
        assert all(f.isidentifier() for f in en_fields), en
        assert zh.strip() and zh != en, en


def test_a_message_with_values_is_translated_with_them() -> None:
    sut = messages.localize_message
    assert sut("Customer 42 not found.", "zh-CN") == "客户 42 不存在。"
    assert sut("Your role (account_manager) may not do this (users:manage).", "zh-CN") == \
        "您的角色（客户经理）无权执行此操作（users:manage）。"
    assert sut("Customer 42 not found.", "en") == "Customer 42 not found."
    assert sut("a message nobody wrote down", "zh-CN") == "a message nobody wrote down"


def test_field_error_codes_are_stable_words() -> None:
    assert messages.field_code("must not be negative") == "must_not_be_negative"
    assert messages.field_code("at most 5 customers at once") == "at_most_customers_at_once"
    assert messages.field_code("something no entry has") == "invalid"


def test_every_pydantic_error_type_has_chinese_words() -> None:
    types = set(typing.get_args(core_schema.ErrorType))
    assert types - set(messages.PYDANTIC_ZH) == set()


@pytest.mark.parametrize(("error", "zh"), [
    ({"type": "string_too_short", "msg": "String should have at least 1 character", "ctx": {"min_length": 1}},
     "至少 1 个字符"),
    ({"type": "less_than_equal", "msg": "Input should be less than or equal to 100", "ctx": {"le": Decimal(100)}},
     "不能大于 100"),
    ({"type": "enum", "msg": "Input should be 'key' or 'regular'", "ctx": {"expected": "'key' or 'regular'"}},
     "应为以下之一：'key', 'regular'"),
    ({"type": "value_error", "msg": "Value error, not a valid phone number (e.g. 13812345678 or 021-62345678)",
      "ctx": {"error": ValueError("x")}}, "电话号码格式不正确（如 13812345678 或 021-62345678）"),
])
def test_pydantic_errors_in_chinese(error: dict[str, typing.Any], zh: str) -> None:
    assert messages.localize_pydantic(error, "zh-CN") == zh
    assert messages.localize_pydantic(error, "en") == error["msg"].removeprefix("Value error, ")


def test_every_error_status_has_a_chinese_title() -> None:
    for status in HTTPStatus:
        if status >= 400:
            assert messages.title(status, "zh-CN") != status.phrase, status


@pytest.mark.parametrize(("header", "locale"), [
    (None, "en"), ("", "en"), ("*", "en"), ("en-US,en;q=0.9", "en"), ("zh-CN", "zh-CN"), ("zh", "zh-CN"),
    ("zh-Hans-CN", "zh-CN"), ("zh-TW", "zh-CN"), ("fr-FR, zh-CN;q=0.5", "zh-CN"), ("de", "en"),
    ("en;q=0.2, zh;q=0.8", "zh-CN"), ("zh;q=0, en", "en"), ("zh-CN;q=abc", "zh-CN"),
])
def test_the_language_is_negotiated_from_accept_language(header: str | None, locale: str) -> None:
    assert negotiate(header) == locale


if __name__ == "__main__":  # list what the walk sees: `python -m tests.unit.test_messages`
    found, unseen = collect()
    for f in sorted({(f.template, f.where) for f in found}):
        print(*f, sep="\t")
    print("\nnot literals:", *unseen, sep="\n  ")
