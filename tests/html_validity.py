"""Is the HTML a page sends valid? Pure Python, so it runs wherever the tests run (no Java).

html5lib parses as a browser does and reports every parse error: a ``<form>`` inside a ``<p>``
(the browser closes the paragraph early, and the stray ``</p>`` is an error), a misnested or
unclosed tag, a ``<form>`` inside a form. A parse error says nothing about content models, so
three rules of the HTML standard that broke our pages are checked on the parsed tree:
block content (lists, divs, tables, forms, headings, paragraphs) only where flow content is
allowed, not inside phrasing-only elements such as ``<span>``, ``<label>`` or ``<p>``; no
interactive element (link, button, field) inside a link or button; every id once.
"""

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"
# Elements whose content model is phrasing content only (HTML Living Standard, §4).
PHRASING_ONLY = frozenset({
    "abbr", "b", "bdi", "bdo", "button", "cite", "code", "data", "dfn", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "i", "kbd", "label", "legend", "mark", "meter", "output", "p", "pre", "progress", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "time", "u", "var",
})
# Flow content that is not phrasing content: not allowed inside the elements above.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre",
    "search", "section", "table", "ul",
})
INTERACTIVE = frozenset({"a", "button", "details", "embed", "iframe", "label", "select", "textarea"})


def _tag(element):
    return element.tag[len(NS):] if isinstance(element.tag, str) and element.tag.startswith(NS) else None


def html_errors(content):
    """The list of errors in an HTML document (bytes or str); empty when it is valid."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=True)
    root = parser.parse(content)
    errors = [f"line {line}, column {column}: {html5lib.constants.E.get(code, code) % (data or {})}"
              for (line, column), code, data in parser.errors]
    seen_ids = set()

    def walk(element, phrasing_parent, interactive_parent):
        tag = _tag(element)
        if tag is None:
            return
        if tag in BLOCKS and phrasing_parent:
            errors.append(f"<{tag}> inside <{phrasing_parent}>, which allows only phrasing content")
        is_interactive = tag in INTERACTIVE or (tag == "input" and element.get("type") != "hidden")
        if tag == "a" and element.get("href") is None:
            is_interactive = False
        if is_interactive and interactive_parent and not (interactive_parent == "label" and tag != "label"):
            errors.append(f"<{tag}> inside <{interactive_parent}>: an interactive element inside another")
        identifier = element.get("id")
        if identifier is not None:
            if identifier in seen_ids:
                errors.append(f'id="{identifier}" is used more than once')
            seen_ids.add(identifier)
        if tag == "template":
            return
        for child in element:
            walk(child,
                 tag if tag in PHRASING_ONLY else phrasing_parent,
                 tag if tag in {"a", "button", "label"} and is_interactive else interactive_parent)

    walk(root, None, None)
    return errors
