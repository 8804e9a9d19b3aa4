"""Every text a person reads, in the web pages or from a management command, is wrapped for translation.

Read from the source: refusals (ValidationError, CommandError and our own refusal exceptions), flash messages,
command output and help, and the labels, help texts and names of fields, models and admin columns. Log event
words (the security log) are keys for whoever reads the log, not text for users, and are not checked.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("registry", "trainings", "wksbm")
# Settings are read before translation works; developer errors name code, not something a user can fix.
SKIPPED_FILES = {Path("wksbm/settings.py")}
DEVELOPER_ERRORS = {
    "AssertionError",
    "AttributeError",
    "ImproperlyConfigured",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "RuntimeError",
    "TransactionManagementError",
    "TypeError",
    "ValueError",
}
MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error"}
TEXT_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label", "description", "help"}


def is_text(node) -> bool:
    """Whether `node` is literal prose (words and spaces), bare or in an f-string, a % format or a list."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and " " in node.value.strip() and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.Constant) and any(c.isalpha() for c in part.value) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mod, ast.Add)):
        return is_text(node.left) or is_text(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(is_text(item) for item in node.elts)
    return False


def call_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def shown_texts(call: ast.Call):
    """The arguments of `call` that people read."""
    name = call_name(call)
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if (name.endswith("Error") or name.endswith("Refused")) and name not in DEVELOPER_ERRORS:
        yield from call.args
    elif name in MESSAGE_FUNCTIONS and isinstance(receiver, ast.Name) and receiver.id == "messages":
        yield from call.args[1:]
    elif name == "write" and isinstance(receiver, ast.Attribute) and receiver.attr in ("stdout", "stderr"):
        yield from call.args
    elif name in ("add_error", "ValidationError"):
        yield from call.args[1:]
    yield from (keyword.value for keyword in call.keywords if keyword.arg in TEXT_KEYWORDS | {"message"})


def unwrapped_texts() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or relative in SKIPPED_FILES:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                texts = []
                if isinstance(node, ast.Call):
                    texts = list(shown_texts(node))
                elif isinstance(node, ast.Assign) and [getattr(t, "id", "") for t in node.targets] == ["help"]:
                    texts = [node.value]  # a management command's description
                found += [f"{relative}:{text.lineno}: {ast.unparse(text)[:60]}" for text in texts if is_text(text)]
    return found


def test_every_text_people_read_is_wrapped_for_translation():
    assert unwrapped_texts() == []
