"""Reading the forms of a page as a browser would (html.parser), and values to send them that
a careless or hostile person might type: for the fuzzing and escaping tests."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from hypothesis import strategies as st

# What people paste, and what attackers try.
NASTY_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE cases_case; --",
    "' OR '1'='1",
    "../../../../etc/passwd",
    "{{ 7|add:7 }}{% csrf_token %}",
    "${7*7}",
    "\u202egnp.exe",
    "\ud7ff\ue000\U0010ffff",
    "👩\u200d👩\u200d👧",
    "Zoë Ó'Brien-Łukasz",
    "\r\n\r\n",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "31/02/2026",
    "null",
    "[]",
    "x" * 10_000,
]
NASTY_NUMBERS = ["-1", "0", "2147483648", "9223372036854775808", "1.5", "1e9", "", "abc", "\x00"]


@dataclass
class Field:
    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, number, file
    options: list[str] = field(default_factory=list)
    # What the page has in it now, as a browser would send it.
    values: list[str] = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str | None
    multipart: bool
    fields: dict[str, Field] = field(default_factory=dict)


class FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.current = Form(
                method=values.get("method", "get").lower(),
                action=values.get("action"),
                multipart="multipart" in values.get("enctype", ""),
            )
            self.forms.append(self.current)
            return
        form, name = self.current, values.get("name")
        if form is None or not name or name == "csrfmiddlewaretoken":
            if tag == "option" and self.select is not None:
                self.select.options.append(values.get("value", ""))
                if "selected" in values:
                    self.select.values.append(values.get("value", ""))
            return
        if tag == "input":
            kind = values.get("type", "text").lower()
            kind = "text" if kind in {"email", "search", "tel", "url", "date", "password"} else kind
            if kind in {"submit", "button", "image", "reset"}:
                return
            found = form.fields.setdefault(name, Field(name, kind))
            if kind in {"radio", "checkbox"}:
                found.options.append(values.get("value", "on"))
                if "checked" in values:
                    found.values.append(values.get("value", "on"))
            elif kind != "file":
                found.values.append(values.get("value", ""))
        elif tag == "textarea":
            self.textarea = form.fields.setdefault(name, Field(name, "textarea"))
            self.textarea.values.append("")
        elif tag == "select":
            self.select = form.fields.setdefault(name, Field(name, "select"))

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.values[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            self.textarea.values[-1] = self.textarea.values[-1].removeprefix("\n")
            self.textarea = None


def as_sent(form: Form) -> dict[str, list[str]]:
    """What a browser would send if the person pressed the button without changing anything."""
    return {f.name: list(f.values) for f in form.fields.values() if f.values}


def forms_of(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


def text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.text(max_size=40),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=2000),
    )


def value_for(item: Field) -> st.SearchStrategy[object]:
    """One value for the field, or a list of them (a field sent twice), or nothing."""
    if item.kind in {"select", "radio", "checkbox"} and item.options:
        one: st.SearchStrategy[str] = st.one_of(st.sampled_from(item.options), text())
    elif item.kind in {"number", "hidden"}:
        one = st.one_of(
            st.sampled_from(NASTY_NUMBERS),
            st.integers(min_value=-(2**70), max_value=2**70).map(str),
            text(),
        )
    else:
        one = text()
    return st.one_of(one, st.lists(one, min_size=2, max_size=3))


def form_data(item: Form) -> st.SearchStrategy[dict[str, object]]:
    """Values for the form's fields (each may be missing), plus a field nobody asked for."""
    fields = [f for f in item.fields.values() if f.kind != "file"]
    present = st.fixed_dictionaries(
        {f.name: st.one_of(st.none(), value_for(f)) for f in fields},
    ).map(lambda values: {k: v for k, v in values.items() if v is not None})
    extra = st.dictionaries(st.sampled_from(["id", "pk", "partnership", "by", "state"]), text())
    return st.tuples(present, extra).map(lambda pair: {**pair[1], **pair[0]})
