"""Checks that a cheap literal test rules out no match of a regular expression: a
stage may skip a costly pattern on text that holds none of the literals every match
of the pattern holds."""
from __future__ import annotations

import re
from collections.abc import Callable


def parsed(pattern: re.Pattern[str]):
    """``pattern`` as :mod:`re`'s parser reads it (opcodes and arguments); a
    case-sensitive one only (a literal of a case-insensitive pattern matches other
    strings than itself)."""
    from re import _parser  # type: ignore[attr-defined]

    assert not pattern.flags & re.IGNORECASE, "literal hints need a case-sensitive pattern"

    return _parser.parse(pattern.pattern, pattern.flags)


def always_holds(items, holds: Callable[[str], bool], prefix: str = "") -> bool:
    """Whether every match of the parsed pattern ``items`` contains a run of literals
    for which ``holds`` is true (a run of its own, or one in each branch of a group;
    a branch continues the literals before it, which the parser factors out of
    ``ab|ac``). ``prefix``: the literals just before ``items``."""
    from re import _constants as c  # type: ignore[attr-defined]

    run = prefix
    for op, arg in list(items) + [(None, None)]:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        if op is c.BRANCH and all(always_holds(b, holds, run) for b in arg[1]):
            return True
        if run and holds(run):
            return True
        run = ""
        if op is c.SUBPATTERN and always_holds(arg[-1], holds):
            return True
        if op is c.BRANCH and all(always_holds(b, holds) for b in arg[1]):
            return True
    return False
