"""``manage.py import_learning FILE.jsonl``: all or nothing, every bad line reported with its
line number, themes in the file confirmed by the import (issue 6, the learning library)."""

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cspr.audit.models import AuditEvent
from cspr.learning.importing import read_jsonl
from cspr.learning.models import ConfirmedBy, ItemTheme, LearningItem, Origin
from tests.fixtures.library import library_item

pytestmark = pytest.mark.django_db


def line(**overrides: Any) -> str:
    data: dict[str, Any] = {
        "title": "Child L: a local child safeguarding practice review",
        "partnership": "Eastvale Safeguarding Children Partnership",
        "year": 2024,
        "review_type": "cspr",
        "summary": "A toddler was seriously injured.",
        **overrides,
    }
    return json.dumps({k: v for k, v in data.items() if v is not ...})


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "library.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_learning", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(path: Path, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_learning", str(path), *args, stdout=out, stderr=err)
    return err.getvalue(), str(raised.value)


def test_a_good_file_is_imported_public_with_its_themes_confirmed_by_the_import(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        line(
            themes=["neglect", "Domestic abuse"],
            key_learning="Share what you know.",
            text="The full text.",
            url="https://www.example.org/child-l",
            age_group="1-4",
        ),
        "",  # blank lines are skipped
        line(title="Learning from Rapid Reviews", review_type="Rapid review", year="2025"),
    )
    out, _ = run(path)
    assert "Imported 2 item(s)" in out
    first, second = LearningItem.objects.order_by("pk")
    assert first.is_public
    assert first.origin == Origin.IMPORTED
    assert (first.year, first.review_type, first.age_group) == (2024, "cspr", "1_4")
    assert first.url == "https://www.example.org/child-l"
    assert first.key_learning == "Share what you know."
    assert first.text == "The full text."
    themes = ItemTheme.objects.filter(item=first).select_related("theme")
    assert {t.theme.slug for t in themes} == {"neglect", "domestic-abuse"}
    assert all(t.confirmed_via == ConfirmedBy.IMPORT and t.confirmed_at for t in themes)
    assert (second.review_type, second.year, second.age_group) == (
        "rapid_review_learning",
        2025,
        "unknown",
    )
    assert AuditEvent.objects.filter(verb="learning_item.imported").count() == 2


def test_bad_json_is_reported_with_its_line_number_and_nothing_is_imported(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, line(), '{"title": "Broken", "year": 2024,,}', "[1, 2]")
    errors, summary = failing(path)
    assert "line 2: not valid JSON" in errors
    assert "line 3: must be one JSON object" in errors
    assert "2 problems found" in summary
    assert "nothing was imported" in summary
    assert not LearningItem.objects.exists()  # line 1 was good, but it is all or nothing


def test_each_missing_required_field_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        line(title=...),
        line(title="   "),
        line(summary=..., partnership=""),
        line(year=..., review_type=...),
    )
    errors, _ = failing(path)
    assert "line 1: title is missing" in errors
    assert "line 2: title is missing" in errors
    assert "line 3: partnership is missing" in errors
    assert "line 3: summary is missing" in errors
    assert "line 4: year is missing" in errors
    assert "line 4: review_type is missing" in errors


def test_unknown_review_type_bad_year_unknown_theme_and_bad_url_are_reported(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        line(review_type="inquiry"),
        line(year=1850),
        line(year="last year"),
        line(year=2031),
        line(themes=["neglect", "made-up-theme"]),
        line(url="javascript:alert(1)"),
        line(age_group="teenager"),
        line(themes=7),
    )
    errors, _ = failing(path)
    assert 'line 1: unknown review_type "inquiry"' in errors
    assert "line 2: year must be between 1990 and 2026, not 1850" in errors
    assert 'line 3: year must be a year such as 2024, not "last year"' in errors
    assert "line 4: year must be between 1990 and 2026, not 2031" in errors
    assert 'line 5: unknown theme "made-up-theme"' in errors
    assert "line 6: url" in errors
    assert "is not a web address" in errors
    assert 'line 7: unknown age_group "teenager"' in errors
    assert "line 8: themes must be a list" in errors


def test_a_duplicate_of_an_earlier_line_is_reported(tmp_path: Path) -> None:
    """The same title, partnership and year, however it is spelt, is the same review."""
    path = write(
        tmp_path,
        line(),
        line(title="child l: A local child-safeguarding practice review!"),
    )
    errors, _ = failing(path)
    assert "line 2: duplicate of line 1" in errors
    assert not LearningItem.objects.exists()


def test_a_duplicate_of_an_item_already_in_the_library_is_reported(tmp_path: Path) -> None:
    existing = library_item(
        title="Child L: a local child safeguarding practice review",
        source_name="Eastvale Safeguarding Children Partnership",
        year=2024,
    )
    path = write(tmp_path, line(title="Another review"), line())
    errors, _ = failing(path)
    assert f"line 2: duplicate of library item {existing.pk}" in errors
    assert LearningItem.objects.count() == 1


def test_errors_come_in_line_order_and_a_line_can_have_several(tmp_path: Path) -> None:
    path = write(tmp_path, line(title=..., year=1800), "not json")
    errors, _ = failing(path)
    lines = errors.strip().splitlines()
    assert lines[0].startswith("line 1: title is missing")
    assert lines[1].startswith("line 1: year must be between")
    assert lines[2].startswith("line 2: not valid JSON")


def test_dry_run_checks_the_file_and_imports_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, line(), line(title="Another"))
    out, _ = run(path, "--dry-run")
    assert "2 item(s) would be imported" in out
    assert not LearningItem.objects.exists()


def test_dry_run_still_reports_errors_and_fails(tmp_path: Path) -> None:
    errors, _ = failing(write(tmp_path, "{"), "--dry-run")
    assert "line 1: not valid JSON" in errors


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_learning", str(tmp_path / "nowhere.jsonl"))


def test_the_command_exits_with_a_non_zero_status_on_errors(tmp_path: Path) -> None:
    """Run as a program, a CommandError is exit status 1."""
    path = write(tmp_path, "{")
    from django.core.management import ManagementUtility  # noqa: PLC0415

    utility = ManagementUtility(["manage.py", "import_learning", str(path)])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


def test_unknown_fields_are_ignored_with_a_warning() -> None:
    report = read_jsonl([line(id=12, source="NSPCC")])
    assert report.ok
    assert len(report.rows) == 1
    assert report.warnings == ["line 1: ignored unknown field(s) id, source"]


def test_control_characters_and_highlight_marks_never_reach_the_database() -> None:
    report = read_jsonl([line(summary="Nul\u0000 and \ue000marks\ue001.")])
    assert report.rows[0].summary == "Nul and marks."
