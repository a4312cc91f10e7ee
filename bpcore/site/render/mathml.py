"""A Markdown extension that typesets ``$...$`` and ``$$...$$`` as MathML at build time.

The page needs no script and no request to any server to show the math:
the browser lays out the MathML itself. A formula may hold named values,
``[[name]]`` or ``[[name:digits]]``, as prose does: each becomes a MathML number
tagged with its name and full value, like a number in a table. Use it in
``mkdocs.yml`` with the registry that resolves the names:

```yaml
markdown_extensions:
  - bpcore.site.render.mathml:
      registry: bpcore.site.examples:REGISTRY
```
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from latex2mathml.converter import convert
from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor

from bpcore.site.render.numbers import DIGITS, num
from bpcore.site.render.placeholders import PATTERN, Lookup, resolve

NAMED = re.compile(PATTERN)
BOLD_DIGITS = re.compile(r'<mn mathvariant="bold">(\d+)</mn>')

_CHAR_REF = re.compile(r"&#x([0-9A-Fa-f]+);")
RELATIONS = frozenset("=←≈≤≥<>")
"""Where a display formula may break before: its second and later relations."""
_OPEN, _CLOSE = frozenset("([{⟨‖|"), frozenset(")]}⟩‖|")
_MARKUP = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def _char(m: re.Match[str]) -> str:
    c = chr(int(m.group(1), 16))
    return _MARKUP.get(c, c)


def _token(k: int) -> str:
    # Letters only: latex2mathml keeps \text{...} of letters as one <mtext>.
    letters = ""
    while True:
        k, r = divmod(k, 26)
        letters = chr(ord("a") + r) + letters
        if k == 0:
            return f"bpnum{letters}"
        k -= 1


def typeset(tex: str, display: bool = False, registry: Lookup | None = None) -> str:
    """Convert LaTeX to a MathML string for an HTML page.

    The output is trimmed for page weight without changing what the browser
    shows: no ``xmlns`` (the HTML parser puts ``<math>`` in the MathML
    namespace itself), no ``display="inline"`` (the default), and characters
    written as themselves instead of ``&#x...;`` references.

    Args:
        tex: The formula.
        display: A display (block) formula rather than an inline one.
        registry: Resolves the named values ``[[name]]`` in the formula.

    Raises:
        ValueError: If the LaTeX cannot be converted (the message quotes it), or
            it names values and no registry is given.
        KeyError: If a named value is unknown.

    Examples:
        >>> typeset("x^2")
        '<math><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
        >>> typeset("a < b")
        '<math><mrow><mi>a</mi><mo>&lt;</mo><mi>b</mi></mrow></math>'
    """
    numbers: dict[str, str] = {}

    def substitute(m: re.Match[str]) -> str:
        if registry is None or m.group(1):
            raise ValueError(f"{m.group()!r} in a formula needs a registry, and no quotation")
        token = _token(len(numbers))
        numbers[token] = num(registry.named(m.group(2), int(m.group(3) or DIGITS)), "mn")
        return rf"\text{{{token}}}"

    source = NAMED.sub(substitute, tex.strip())
    try:
        out = convert(source, display="block" if display else "inline")
    except Exception as e:  # latex2mathml raises many kinds; report them all as one.
        raise ValueError(f"cannot typeset the formula {tex!r}: {e}") from None
    # Chromium ignores mathvariant="bold" on digits: write the mathematical bold digits.
    out = BOLD_DIGITS.sub(
        lambda m: "<mn>" + "".join(chr(0x1D7CE + int(d)) for d in m.group(1)) + "</mn>", out
    )
    for token, mn in numbers.items():
        if f"<mtext>{token}</mtext>" not in out:
            raise ValueError(f"a named value of {tex!r} was lost in typesetting")
        out = out.replace(f"<mtext>{token}</mtext>", mn)
    out = out.replace(' xmlns="http://www.w3.org/1998/Math/MathML"', "", 1)
    out = out.replace(' display="inline"', "", 1)
    return _CHAR_REF.sub(_char, out)


def lines(mathml: str) -> list[str]:
    """A display formula cut into the pieces a narrow screen may put on lines of their own.

    The formula is cut at its top level only (never inside a fraction, a sum's limits or
    brackets): before each relation after its first (``a = b = c`` gives ``a = b`` and
    ``= c``), and after a comma followed by a space (``a = b,\\quad c = d`` gives two).
    Each piece is a ``<math display="block">`` of its own; the page sets the pieces side
    by side and wraps them only where the line is too short (``site.css``), so a wide
    screen shows one formula and a phone shows it on several lines, nothing cut.

    Examples:
        >>> [p[28:-14] for p in lines(typeset("a = b + c = d", display=True))]
        ['<mi>a</mi><mo>=</mo><mi>b</mi><mo>+</mo><mi>c</mi>', '<mo>=</mo><mi>d</mi>']
        >>> len(lines(typeset(r"f(a = b) = c", display=True)))
        1
        >>> len(lines(typeset(r"\\bigl(a = b\\bigr)^2 = c = d", display=True)))
        2
    """
    root = ElementTree.fromstring(mathml)
    row = root[0] if len(root) == 1 and root[0].tag == "mrow" else root
    pieces: list[list[ElementTree.Element]] = [[]]
    depth, related, after_comma = 0, False, False
    for child in row:
        text = (child.text or "").strip() if child.tag == "mo" else ""
        space = child.tag == "mspace"
        # A closing bracket with an exponent, as in (a + b)^2, is a script whose base is the mo.
        script = child.tag in {"msup", "msub", "msubsup"} and len(child) and child[0].tag == "mo"
        fence = (child[0].text or "").strip() if script else text
        at_break = after_comma or (text in RELATIONS and related)
        if depth == 0 and pieces[-1] and not space and at_break:
            pieces.append([])
            related = False
        after_comma = depth == 0 and (text == "," or (after_comma and space))
        if fence in _OPEN and not (fence in _CLOSE and depth > 0):
            depth += 1
        elif fence in _CLOSE and depth > 0:
            depth -= 1
        if depth == 0 and text in RELATIONS:
            related = True
        pieces[-1].append(child)
    if len(pieces) == 1:
        return [mathml]
    out = []
    for piece in pieces:
        math = ElementTree.Element("math", root.attrib)
        ElementTree.SubElement(math, "mrow").extend(piece)
        out.append(_CHAR_REF.sub(_char, ElementTree.tostring(math, encoding="unicode")))
    return out


class _Inline(InlineProcessor):  # type: ignore[misc]
    def handleMatch(  # noqa: N802 (Markdown's API name)
        self, m: re.Match[str], data: str
    ) -> tuple[str, int, int]:
        registry = getattr(self.md, "bp_registry", None)
        return self.md.htmlStash.store(typeset(m.group(1), registry=registry)), m.start(0), m.end(0)


class _Block(BlockProcessor):  # type: ignore[misc]
    RE = re.compile(r"^\s*\$\$(.*?)\$\$\s*$", re.S)

    def test(self, parent: ElementTree.Element, block: str) -> bool:
        return block.lstrip().startswith("$$")

    def run(self, parent: ElementTree.Element, blocks: list[str]) -> bool:
        text = blocks.pop(0)
        while not self.RE.match(text) and blocks:
            text += "\n\n" + blocks.pop(0)
        m = self.RE.match(text)
        if not m:
            raise ValueError(f"unclosed $$ math block: {text[:60]!r}")
        p = ElementTree.SubElement(parent, "div")
        p.set("class", "bp-math")
        # Should a piece still be too wide, it scrolls sideways; keyboard users scroll it once
        # focused.
        p.set("tabindex", "0")
        registry = getattr(self.parser.md, "bp_registry", None)
        formula = typeset(m.group(1), display=True, registry=registry)
        p.text = self.parser.md.htmlStash.store("".join(lines(formula)))
        return True


class MathExtension(Extension):  # type: ignore[misc]
    """``$x$`` inline and ``$$ ... $$`` display math, converted to MathML."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"registry": ["", "The registry of named values, or 'module:attribute'"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API name)
        registry = self.getConfig("registry")
        md.bp_registry = resolve(registry) if registry else None
        # Before backticks (190) would be wrong: code spans must keep their dollars.
        md.inlinePatterns.register(
            _Inline(r"(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])", md), "bp-math", 185
        )
        md.parser.blockprocessors.register(_Block(md.parser), "bp-math-block", 105)


def makeExtension(**kwargs: Any) -> MathExtension:  # noqa: N802 (Markdown's API name)
    """Entry point for Python-Markdown."""
    return MathExtension(**kwargs)
