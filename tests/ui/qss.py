"""A small Qt stylesheet reader for the accessibility tests: which colours a widget really gets.

It parses the application stylesheet (ui/theme.py) and a widget's own stylesheet, matches the
selectors the kiosk uses against live widgets (type with Qt's class inheritance, `*`, `#name`,
`[prop="value"]`, pseudo-states, `::sub-control`, and the descendant and child combinators),
and merges the matching declarations by CSS specificity, as Qt's style sheet engine does.
Colours are then compared with the WCAG 2.2 contrast ratio (`contrast`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}", re.S)
_SIMPLE = re.compile(r"""(?P<type>\*|[A-Za-z_][\w]*)?(?P<rest>(?:\#[\w-]+|\[[^\]]+\]|::?[\w-]+)*)""")
_PART = re.compile(r"""\#([\w-]+)|\[([\w-]+)\s*=\s*"?([^"\]]*)"?\]|(::)([\w-]+)|:([\w-]+)""")
_HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
_NAMED = {"white": "#ffffff", "black": "#000000"}


@dataclass(frozen=True)
class Simple:
    type: str | None                     # None or "*" match any widget
    name: str | None
    attrs: tuple[tuple[str, str], ...]
    states: tuple[str, ...]
    sub: str | None

    @property
    def specificity(self) -> tuple[int, int, int]:
        return (1 if self.name else 0, len(self.attrs) + len(self.states),
                1 if self.type not in (None, "*") else 0)


@dataclass(frozen=True)
class Rule:
    chain: tuple[tuple[str, Simple], ...]  # (combinator before it, simple selector); first " "
    decls: dict[str, str]
    order: int

    @property
    def specificity(self) -> tuple[int, int, int]:
        a = b = c = 0
        for _, s in self.chain:
            x, y, z = s.specificity
            a, b, c = a + x, b + y, c + z
        return a, b, c


def _simple(text: str) -> Simple:
    m = _SIMPLE.fullmatch(text.strip())
    if m is None:
        raise ValueError(f"selector not understood: {text!r}")
    name, attrs, states, sub = None, [], [], None
    for part in _PART.finditer(m.group("rest") or ""):
        if part.group(1):
            name = part.group(1)
        elif part.group(2):
            attrs.append((part.group(2), part.group(3)))
        elif part.group(4):
            sub = part.group(5)
        else:
            states.append(part.group(6))
    return Simple(m.group("type"), name, tuple(attrs), tuple(states), sub)


def _chain(selector: str) -> tuple[tuple[str, Simple], ...]:
    tokens = re.sub(r"\s*>\s*", " > ", selector.strip()).split()
    chain, combinator = [], " "
    for token in tokens:
        if token == ">":
            combinator = ">"
            continue
        chain.append((combinator, _simple(token)))
        combinator = " "
    return tuple(chain)


def _declarations(body: str) -> dict[str, str]:
    out = {}
    for decl in body.split(";"):
        if ":" in decl:
            key, value = decl.split(":", 1)
            out[key.strip().lower()] = value.strip()
    return out


def parse(stylesheet: str, start: int = 0) -> list[Rule]:
    """The rules of a stylesheet, in order (a bare declaration list is one `*` rule)."""
    text = re.sub(r"/\*.*?\*/", "", stylesheet, flags=re.S)
    if "{" not in text:
        return [Rule(((" ", Simple("*", None, (), (), None)),), _declarations(text), start)]
    rules = []
    for i, m in enumerate(_RULE.finditer(text)):
        decls = _declarations(m.group(2))
        for selector in m.group(1).split(","):
            rules.append(Rule(_chain(selector), decls, start + i))
    return rules


def _classes(widget) -> list[str]:
    names, meta = [], widget.metaObject()
    while meta is not None:
        names.append(meta.className())
        meta = meta.superClass()
    return names


def _matches_simple(s: Simple, widget, states: frozenset[str]) -> bool:
    if s.type not in (None, "*") and s.type not in _classes(widget):
        return False
    if s.name and widget.objectName() != s.name:
        return False
    for key, value in s.attrs:
        prop = widget.property(key)
        if prop is None or str(prop).lower() != value.lower():
            return False
    return all(st in states for st in s.states)


def _matches(rule: Rule, widget, states: frozenset[str], sub: str | None) -> bool:
    *ancestors, (_, last) = rule.chain
    if last.sub != sub or not _matches_simple(last, widget, states):
        return False
    node = widget
    for combinator, simple in reversed(ancestors):
        node = node.parentWidget()
        if combinator == ">":
            if node is None or not _matches_simple(simple, node, frozenset()):
                return False
            continue
        while node is not None and not _matches_simple(simple, node, frozenset()):
            node = node.parentWidget()
        if node is None:
            return False
    return True


class Styles:
    """The application stylesheet plus each widget's own, resolved per widget and state."""

    def __init__(self, app_stylesheet: str) -> None:
        self.rules = parse(app_stylesheet)

    def resolve(self, widget, states: frozenset[str] = frozenset(),
                sub: str | None = None) -> dict[str, str]:
        rules = [r for r in self.rules if _matches(r, widget, states, sub)]
        rules.sort(key=lambda r: (r.specificity, r.order))
        out: dict[str, str] = {}
        for r in rules:
            out.update(r.decls)
        own = widget.styleSheet()
        if own:  # a widget's own sheet wins over the application's
            for r in sorted(parse(own, 10_000), key=lambda r: (r.specificity, r.order)):
                if _matches(r, widget, states, sub):
                    out.update(r.decls)
        return out

    def colour(self, widget, key: str, states: frozenset[str] = frozenset(),
               sub: str | None = None) -> str | None:
        return colour_of(self.resolve(widget, states, sub), key)

    def background(self, widget, states: frozenset[str] = frozenset(),
                   sub: str | None = None) -> str:
        """The colour behind `widget`'s text: its own background, else its nearest ancestor's
        (or, for a sub-control, the widget's)."""
        own = self.colour(widget, "background", states, sub)
        if own is not None:
            return own
        if sub is not None:
            return self.background(widget, states)
        node = widget.parentWidget()
        while node is not None:
            found = self.colour(node, "background")
            if found is not None:
                return found
            node = node.parentWidget()
        raise AssertionError(f"no background behind {widget.objectName() or widget}")


def colour_of(decls: dict[str, str], key: str) -> str | None:
    """A colour property: color, background (or background-color), border-color (or the
    colour in `border`)."""
    if key == "background":
        values = [decls.get("background-color"), decls.get("background")]
    elif key == "border":
        values = [decls.get("border-color"), decls.get("border")]
        width = re.search(r"(\d+)px", decls.get("border", ""))
        if width is not None and int(width.group(1)) == 0:
            return None
    else:
        values = [decls.get(key)]
    for value in values:
        if not value:
            continue
        m = _HEX.search(value)
        if m:
            h = m.group(1)
            return "#" + (h if len(h) == 6 else "".join(c * 2 for c in h)).lower()
        for word, hexa in _NAMED.items():
            if re.search(rf"\b{word}\b", value):
                return hexa
    return None


def luminance(hexa: str) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hexa[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio, 1..21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
