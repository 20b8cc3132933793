"""manage.py suggest_themes FILE and manage.py sync_theme_cues."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cspr.audit.models import AuditEvent
from cspr.learning.models import Theme
from cspr.learning.theme_services import theme_cues_sync, theme_update
from cspr.learning.vocabulary import SEED

pytestmark = pytest.mark.django_db

SUMMARY = (
    "Death of an 8-week-old baby from a head injury. The mother's partner was convicted. "
    "Learning: engage with fathers; improve information sharing between health visitors and "
    "children's social care."
)


@pytest.fixture
def summary_file(tmp_path: Path) -> Path:
    path = tmp_path / "summary.txt"
    path.write_text(SUMMARY, encoding="utf-8")
    return path


def test_suggest_themes_prints_each_theme_with_facet_score_and_reasons(
    summary_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("suggest_themes", str(summary_file))
    out = capsys.readouterr().out
    assert "suggested themes, strongest first" in out
    line = next(row for row in out.splitlines() if "Physical abuse" in row)
    assert "Harm or incident" in line
    assert "score" in line
    assert "because of: head injury" in line
    assert "Information sharing" in out
    hidden_men = next(row for row in out.splitlines() if "Hidden men" in row)
    assert "mother's partner, fathers" in hidden_men


def test_suggest_themes_json(summary_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("suggest_themes", str(summary_file), "--json")
    rows = json.loads(capsys.readouterr().out)["suggestions"]
    by_slug = {row["slug"]: row for row in rows}
    assert by_slug["infant"]["reasons"] == ["week old", "baby"]
    assert by_slug["physical-abuse"] == {
        "slug": "physical-abuse",
        "name": "Physical abuse or non-accidental injury",
        "facet": "harm",
        "facet_label": "Harm or incident",
        "score": by_slug["physical-abuse"]["score"],
        "reasons": ["head injury"],
    }
    scores = [row["score"] for row in rows]
    assert scores == sorted(scores, reverse=True)


def test_suggest_themes_says_so_when_nothing_is_suggested(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("The minutes of the meeting were agreed.", encoding="utf-8")
    call_command("suggest_themes", str(path))
    assert "No themes suggested" in capsys.readouterr().out


def test_suggest_themes_refuses_a_file_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("suggest_themes", str(tmp_path / "missing.txt"))


def seeded_cues(slug: str) -> str:
    return "\n".join(next(s for s in SEED if s.slug == slug).cues)


def test_sync_updates_the_cues_of_themes_still_as_seeded() -> None:
    Theme.objects.filter(slug="neglect").update(cues="neglect")
    report = theme_cues_sync()
    assert report.updated == ["neglect"]
    assert Theme.objects.get(slug="neglect").cues == seeded_cues("neglect")
    event = AuditEvent.objects.get(verb="themes.cues_synced")
    assert event.data == {"themes": ["neglect"]}
    assert event.partnership_id is None


def test_sync_leaves_renamed_edited_and_added_themes_alone(world) -> None:
    admin = world.person("administrator")
    Theme.objects.filter(slug="neglect").update(name="Neglect and deprivation", cues="neglect")
    self_harm = Theme.objects.get(slug="self-harm")
    theme_update(
        theme=self_harm,
        by=admin,
        expected_updated_at=self_harm.updated_at,
        facet=self_harm.facet,
        name=self_harm.name,
        description="",
        cues="self-harm\ncutting",
        is_active=True,
    )
    added = Theme.objects.create(facet="harm", slug="bullying", name="Bullying", cues="bullying")

    report = theme_cues_sync()

    assert "neglect" in report.kept_renamed
    assert "self-harm" in report.kept_edited
    assert Theme.objects.get(slug="neglect").cues == "neglect"
    assert Theme.objects.get(slug="self-harm").cues == "self-harm\ncutting"
    added.refresh_from_db()
    assert added.cues == "bullying"


def test_sync_twice_changes_nothing_the_second_time(capsys: pytest.CaptureFixture[str]) -> None:
    Theme.objects.filter(slug="suicide").update(cues="suicide")
    call_command("sync_theme_cues")
    assert "1 updated" in capsys.readouterr().out
    call_command("sync_theme_cues")
    assert "0 updated" in capsys.readouterr().out
    assert AuditEvent.objects.filter(verb="themes.cues_synced").count() == 1
