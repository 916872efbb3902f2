"""The text of an HTML page, with each character's offset in the page, so that a statement found in
the text is reported where it stands in the file. The standard library's parser reads the page;
scripts and styles are left out, and blocks (paragraphs, headings, list items, rows) end a line."""

from html.parser import HTMLParser

BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "td"}
HIDDEN = {"script", "style", "template", "noscript"}


class _Text(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_starts = [0]
        for index, char in enumerate(page):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.chars: list[str] = []
        self.where: list[int] = []
        self.hidden = 0

    def here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def add(self, text: str, at: int, spans_source: bool = True) -> None:
        if self.hidden:
            return
        for index, char in enumerate(text):
            self.chars.append(char)
            self.where.append(at + index if spans_source else at)

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.add("\n", self.here(), False)

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.add("\n", self.here(), False)

    def handle_data(self, data):
        self.add(data, self.here())

    def handle_entityref(self, name):
        from html import unescape

        self.add(unescape(f"&{name};"), self.here(), False)

    def handle_charref(self, name):
        from html import unescape

        self.add(unescape(f"&#{name};"), self.here(), False)


def looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<p>" in head or "<body" in head or "<div" in head)


def html_text(page: str) -> tuple[str, list[int]]:
    """(the page's text, for each of its characters the offset in `page` where it stands)."""
    parser = _Text(page)
    parser.feed(page)
    parser.close()
    return "".join(parser.chars), parser.where
