"""The two formats of GeoReport v2: JSON, and XML of the spec's shape (a root
element per answer, one child per item, one element per field, empty for
null). Bodies are plain lists and dicts built by open311.py."""

from __future__ import annotations

import json
from typing import Any, Literal
from xml.etree import ElementTree as ET

Format = Literal["services", "definition", "requests", "created", "tokens", "errors"]

_XML_SHAPES: dict[str, tuple[str, str]] = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "created": ("service_requests", "request"),
    "tokens": ("service_requests", "request"),
    "errors": ("errors", "error"),
}
"""Root and item element of each list answer."""


def error_body(status: int, description: str) -> list[dict[str, Any]]:
    """The spec's error list: one error, its code the HTTP status."""
    return [{"code": status, "description": description}]


def render(fmt: str, kind: Format, body: Any) -> tuple[str, str]:
    """(text, media type) of `body` in `fmt`."""
    if fmt == "xml":
        return _xml(kind, body), "text/xml; charset=utf-8"
    return (
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        "application/json; charset=utf-8",
    )


def _xml(kind: Format, body: Any) -> str:
    if kind == "definition":
        root = ET.Element("service_definition")
        _fields(root, body, item="attribute")
    else:
        root_name, item_name = _XML_SHAPES[kind]
        root = ET.Element(root_name)
        for item in body:
            _fields(ET.SubElement(root, item_name), item, item="value")
    return '<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(
        root, encoding="unicode"
    )


def _fields(parent: ET.Element, values: dict[str, Any], item: str) -> None:
    for name, value in values.items():
        element = ET.SubElement(parent, name)
        if isinstance(value, list):
            for entry in value:
                child = ET.SubElement(element, item)
                if isinstance(entry, dict):
                    _fields(child, entry, item="value")
                else:
                    child.text = _text(entry)
        elif value is not None:
            element.text = _text(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
