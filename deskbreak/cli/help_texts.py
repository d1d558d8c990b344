"""The CLI's help in the user's language: click takes each command's help from its docstring and
each option's from `help=`, and those are msgids too (extract() below finds them for Babel,
babel.cfg); translated() hands click the catalog's text before it formats the help."""

from __future__ import annotations

import ast
import inspect
import io
from collections.abc import Iterator
from typing import IO, Any

import click

from deskbreak.config.i18n import _

_DECORATORS = ("command", "group")


def translated(command: click.Command) -> click.Command:
    """`command` (and a group's subcommands) with its help and its options' help translated, once."""
    if getattr(command, "_deskbreak_translated", False):
        return command
    command.help = _(command.help) if command.help else command.help
    command.short_help = _(command.short_help) if command.short_help else command.short_help
    for param in command.params:
        if isinstance(param, click.Option) and param.help:
            param.help = _(param.help)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            translated(sub)
    command._deskbreak_translated = True  # type: ignore[attr-defined]
    return command


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[tuple[Any, ...]]:
    """Babel's extraction method for the CLI modules: their _() texts as Babel's Python method
    finds them, then command docstrings (as click cleans them) and the help= texts of options."""
    from babel.messages.extract import extract_python

    source = fileobj.read()
    yield from extract_python(io.BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(_is_click(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield node.lineno, "_", inspect.cleandoc(doc), ["The help of a command (deskbreak COMMAND --help)."]
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str):
                    yield keyword.value.lineno, "_", keyword.value.value, ["The help of an option."]


def _is_click(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(target, ast.Attribute) and target.attr in _DECORATORS
