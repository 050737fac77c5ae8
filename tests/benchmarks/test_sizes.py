"""benchmarks/ is held to src's standard (tests/structure/test_sizes.py): modules of at most
400 lines, functions under 60. Two mains older than this test are let be, but may not grow."""

from __future__ import annotations

import ast

from ..structure.test_sizes import MAX_FUNCTION_LINES, MAX_MODULE_LINES
from .conftest import BENCHMARKS

OLDER_THAN_THE_RULE = {"bench_app.py:main": 129, "bench_library_view.py:main": 84}


def test_no_benchmark_module_is_over_the_limit():
    big = {p.name: n for p in BENCHMARKS.glob("*.py")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert big == {}


def test_no_benchmark_function_is_over_the_limit():
    long = []
    for path in BENCHMARKS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                allowed = OLDER_THAN_THE_RULE.get(f"{path.name}:{node.name}", MAX_FUNCTION_LINES)
                if n > allowed:
                    long.append(f"{path.name}:{node.lineno} {node.name} ({n} lines)")
    assert long == []

