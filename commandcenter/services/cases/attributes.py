"""A report's answers to its category's extra questions (Open311 service
attributes; the questions: services/kernel/category_attributes.py).

The answers are stored on the case and in its report event. Every report is
checked here, whatever its source: each answer must be a question of its
category, of its datatype, and for lists one of the keys offered. Whether a
required question was answered is the intake API's contract with its
clients (`missing_required`): an operator on the phone files what the
caller knows.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from commandcenter.services.kernel.category_attributes import MAX_LENGTH
from commandcenter.services.kernel.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from commandcenter.services.kernel.category_attributes import Attribute

Answers = dict[str, str | float | list[str]]
"""A report's answers as stored: a number as a number, a datetime as ISO
8601 text with its offset, a multivaluelist as its keys."""


def answers(
    questions: Sequence[Attribute],
    sent: Mapping[str, Sequence[str]],
    zone: dt.tzinfo,
) -> Answers:
    """The answers `sent` (code → the strings given) checked against the
    category's questions; ValidationError names the first fault. A datetime
    without an offset is the district's time."""
    asked = {q.code: q for q in questions}
    result: Answers = {}
    for code, given in sent.items():
        question = asked.get(code)
        if question is None:
            raise ValidationError(
                f"attribute {code!r} is not a question of this service",
                "attribute.unknown",
                attribute=code,
            )
        values = [v.strip() for v in given if v.strip()]
        if not values:
            continue
        result[code] = _answer(question, values, zone)
    return result


def missing_required(
    questions: Sequence[Attribute], sent: Mapping[str, Sequence[str]]
) -> list[str]:
    """The codes of required questions left unanswered."""
    return [
        q.code
        for q in questions
        if q.required and not any(v.strip() for v in sent.get(q.code, ()))
    ]


def _answer(
    question: Attribute, values: list[str], zone: dt.tzinfo
) -> str | float | list[str]:
    if question.datatype == "multivaluelist":
        offered = question.values or {}
        unknown = [v for v in values if v not in offered]
        if unknown:
            wrong = f"is one of {', '.join(offered)}, not {unknown[0]!r}"
            raise _bad(wrong, question.code)
        return list(dict.fromkeys(values))  # each key once, in the order sent
    if len(values) > 1:
        raise _bad("takes one value", question.code)
    return _READERS[question.datatype](question, values[0], zone)


def _text(question: Attribute, value: str, _zone: dt.tzinfo) -> str:
    most = MAX_LENGTH[question.datatype]
    if len(value) > most:
        raise _bad(f"is at most {most} characters", question.code)
    if question.datatype == "string" and "\n" in value:
        raise _bad("is one line", question.code)
    return value


def _number(question: Attribute, value: str, _zone: dt.tzinfo) -> float:
    try:
        number = float(value)
    except ValueError:
        raise _bad(f"is a number, not {value!r}", question.code) from None
    if not math.isfinite(number):
        raise _bad("is a finite number", question.code)
    return number


def _datetime(question: Attribute, value: str, zone: dt.tzinfo) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        wrong = f"is a date and time (ISO 8601), not {value!r}"
        raise _bad(wrong, question.code) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def _choice(question: Attribute, value: str, _zone: dt.tzinfo) -> str:
    offered = question.values or {}
    if value not in offered:
        raise _bad(f"is one of {', '.join(offered)}, not {value!r}", question.code)
    return value


_READERS: dict[str, Callable[[Attribute, str, dt.tzinfo], str | float]] = {
    "string": _text,
    "text": _text,
    "number": _number,
    "datetime": _datetime,
    "singlevaluelist": _choice,
}
"""How one value of each datatype is read (a multivaluelist: _answer)."""


def _bad(what: str, code: str) -> ValidationError:
    """A fault of the answer to `code` (the message names it)."""
    return ValidationError(
        f"attribute {code!r} {what}", "attribute.invalid", attribute=code
    )


def shown(questions: Sequence[Attribute], given: Answers) -> list[tuple[str, str]]:
    """(question, answer) in the category's order, for people to read: a
    list's keys by their names."""
    lines = []
    for question in questions:
        if question.code not in given:
            continue
        value = given[question.code]
        names = question.values or {}
        if isinstance(value, list):
            text = "、".join(names.get(v, v) for v in value)
        elif isinstance(value, float):
            text = f"{value:g}"
        else:
            text = names.get(value, value)
        lines.append((question.description, text))
    return lines
