"""What the check looks for, and how it matches: whole words, any case, any spacing; a full
name is one hit, not one for each part; dates in the ways reports write them."""

import datetime as dt

import pytest

from cspr.documents.matching import find
from cspr.documents.terms import date_terms, names_in_text, phrase, terms_for
from cspr.documents.text import TextBlock
from cspr.reviews.services import participant_add


def hits(text: str, terms) -> list[str]:
    return [
        f.term
        for f in find([TextBlock("paragraph 1", text)], sorted(terms, key=lambda t: -len(t.label)))
    ]


def test_names_in_free_text_are_capitalised_words_that_are_not_common() -> None:
    labels = {
        t.label for t in names_in_text("Mother Jade Testparent (24); brother Leo Testchild, aged 4")
    }
    assert labels == {"Jade", "Testparent", "Jade Testparent", "Leo", "Testchild", "Leo Testchild"}


@pytest.mark.parametrize(
    "text",
    [
        "born 1 September 2025.",
        "born 1st Sept 2025",
        "born 01 Sep 2025",
        "born September 1, 2025",
        "born 01/09/2025",
        "born 1/9/2025",
        "born 1/9/25",
        "born 1.9.2025",
        "born 2025-09-01",
        "BORN 1 SEPTEMBER 2025",
    ],
)
def test_the_date_of_birth_in_the_ways_reports_write_it(text: str) -> None:
    assert len(hits(text, list(date_terms(dt.date(2025, 9, 1))))) == 1


@pytest.mark.parametrize(
    "text", ["11 September 2025", "01/09/20255", "21/9/2025", "2025-09-011", "1 September 2024"]
)
def test_other_dates_are_not_the_date_of_birth(text: str) -> None:
    assert hits(text, list(date_terms(dt.date(2025, 9, 1)))) == []


def test_whole_words_any_case_any_spacing() -> None:
    terms = [phrase("name", "Ruby Testchild"), phrase("name", "Ruby"), phrase("name", "O’Brien")]
    text = "Rubyanne met RUBY\nTESTCHILD and ruby, then Mr O'Brien."
    assert hits(text, terms) == ["RUBY TESTCHILD", "ruby", "O'Brien"]


def test_what_the_case_records_is_looked_for(with_siblings, bu) -> None:
    participant_add(
        review=with_siblings,
        by=bu,
        values={
            "kind": "family",
            "name": "Dr Ann Grandparent-Test",
            "role": "Grandmother",
            "agency": None,
            "is_child": False,
            "invited_on": dt.date(2026, 3, 2),
            "status": "invited",
            "how_views_gathered": "",
        },
    )
    labels = {(t.kind, t.label) for t in terms_for(with_siblings)}
    assert {
        ("name", "Ruby Testchild"),
        ("name", "Ruby"),
        ("name", "Testchild"),
        ("name", "Leo"),
        ("name", "Leo Testchild"),
        ("name", "Dr Ann Grandparent-Test"),
        ("name", "Ann"),
        ("name", "Grandparent-Test"),
        ("date_of_birth", "1 September 2025"),
        ("place", "Northshire Test SCP School"),
    } <= labels
    assert not {label for _, label in labels} & {"aged", "father", "Dr", "lives"}
