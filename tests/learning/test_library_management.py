"""The business unit's pages of the library: uploading a batch of PDF and Word files (each read
in its own task, unreadable ones reported, not lost), following the batch's progress, completing
an item and confirming its themes from CSPR's suggestions, publishing and withdrawing it
(issue 6, the learning library)."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.core.errors import StaleEdit
from cspr.learning.models import (
    FailureReason,
    ItemTheme,
    LearningItem,
    Origin,
    Theme,
    UploadBatch,
    UploadedFile,
    UploadStatus,
)
from cspr.learning.services.items import item_update
from cspr.learning.services.uploads import batch_upload, upload_read
from tests.conftest import PartnershipWorld
from tests.fixtures.library import (
    DOCX_TYPE,
    damaged_pdf,
    docx_bytes,
    encrypted_pdf,
    library_item,
    library_url_ids,
    pdf_bytes,
    upload,
)
from tests.security.forms import as_sent, forms_of

pytestmark = pytest.mark.django_db

REPORT_TEXT = (
    "Child S: a local learning review",
    "Police attended three incidents of domestic abuse. The school was not told.",
)


def url(world: PartnershipWorld, name: str, **kwargs: Any) -> str:
    return reverse(
        f"learning:{name}", kwargs={"partnership_slug": world.partnership.slug, **kwargs}
    )


WORD_REPORT = docx_bytes(*REPORT_TEXT)


def word_file(name: str = "child-s.docx") -> Any:
    return upload(name, WORD_REPORT, DOCX_TYPE)


@pytest.fixture
def bu_client(client_as: Callable[[str], Client]) -> Client:
    return client_as("business_unit")


@pytest.fixture
def uploaded(
    world: PartnershipWorld, bu_client: Client, django_capture_on_commit_callbacks: Any
) -> UploadBatch:
    """A batch of five files through the upload page: a Word file and a PDF that are read, an
    encrypted PDF, a damaged PDF and a text file that are not."""
    files = [
        word_file(),
        upload("child-t.pdf", pdf_bytes("Child T: learning from a Rapid Review", "Neglect.")),
        upload("locked.pdf", encrypted_pdf()),
        upload("broken.pdf", damaged_pdf()),
        upload("notes.txt", b"Just some notes.", "text/plain"),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = bu_client.post(url(world, "upload"), {"uploads": files})
    batch = UploadBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(world, "batch", batch_id=batch.pk)
    return batch


def test_each_file_of_a_batch_is_read_or_reported_with_the_reason(
    uploaded: UploadBatch, world: PartnershipWorld
) -> None:
    files = {f.original_name: f for f in UploadedFile.objects.filter(batch=uploaded)}
    assert set(files) == {"child-s.docx", "child-t.pdf", "locked.pdf", "broken.pdf", "notes.txt"}
    assert files["child-s.docx"].status == UploadStatus.EXTRACTED
    assert files["child-t.pdf"].status == UploadStatus.EXTRACTED
    assert (files["locked.pdf"].status, files["locked.pdf"].failure) == (
        UploadStatus.FAILED,
        FailureReason.ENCRYPTED,
    )
    assert files["broken.pdf"].failure == FailureReason.UNREADABLE
    assert files["notes.txt"].failure == FailureReason.WRONG_TYPE
    item = files["child-s.docx"].item
    assert item is not None
    assert not item.is_public
    assert item.origin == Origin.UPLOADED
    assert item.partnership == world.partnership
    assert item.title == "Child S: a local learning review"
    assert "domestic abuse" in item.text
    assert AuditEvent.objects.filter(verb="learning_upload.added").count() == 1
    assert AuditEvent.objects.filter(verb="learning_upload.read").count() == 2
    assert AuditEvent.objects.filter(verb="learning_upload.not_read").count() == 2


def test_the_text_is_read_in_one_task_a_file(
    world: PartnershipWorld, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        batch_upload(
            partnership=world.partnership,
            by=world.person("business_unit"),
            uploads=[word_file(), upload("b.pdf", pdf_bytes("Another review."))],
        )
    assert len(callbacks) == 2
    assert set(UploadedFile.objects.values_list("status", flat=True)) == {UploadStatus.QUEUED}


def test_reading_a_file_twice_does_nothing_the_second_time(uploaded: UploadBatch) -> None:
    record = UploadedFile.objects.get(original_name="child-s.docx")
    assert upload_read(upload_id=record.pk) is None
    assert LearningItem.objects.filter(origin=Origin.UPLOADED).count() == 2


def test_the_same_file_again_is_reported_as_a_duplicate(
    uploaded: UploadBatch, world: PartnershipWorld, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        batch = batch_upload(
            partnership=world.partnership, by=world.person("business_unit"), uploads=[word_file()]
        )
    [record] = batch.files.all()
    assert (record.status, record.failure) == (UploadStatus.FAILED, FailureReason.DUPLICATE)


def test_the_batch_page_shows_progress_and_every_file_s_outcome(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    page = bu_client.get(url(world, "batch", batch_id=uploaded.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert '<progress id="batch-progress" class="govuk-!-width-full" max="5" value="5">' in body
    assert "All 5 files done" in body
    assert "3 files could not be read" in body
    assert "It is protected by a password" in body
    assert "It is not a PDF or a Word document (.docx)" in body
    assert "Check and complete" in body
    assert "Check progress again" not in body  # nothing left to wait for
    assert "<script" not in body.split("</head>")[1].replace('<script type="module"', "")


def test_the_batch_page_offers_to_check_again_while_files_wait(
    world: PartnershipWorld, bu_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        batch = batch_upload(
            partnership=world.partnership, by=world.person("business_unit"), uploads=[word_file()]
        )
    body = bu_client.get(url(world, "batch", batch_id=batch.pk)).content.decode()
    assert 'max="1" value="0"' in body
    assert "0 of 1 file done" in body
    assert "Check progress again" in body
    assert "http-equiv" not in body


def test_the_upload_form_needs_a_file(world: PartnershipWorld, bu_client: Client) -> None:
    page = bu_client.post(url(world, "upload"), {})
    assert page.status_code == 200
    assert "Select one or more PDF or Word files" in page.content.decode()
    assert not UploadBatch.objects.exists()


def _item(uploaded: UploadBatch) -> LearningItem:
    return LearningItem.objects.get(
        title="Child S: a local learning review", origin=Origin.UPLOADED
    )


def test_the_item_form_lists_suggested_themes_with_their_reasons(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    item = _item(uploaded)
    page = bu_client.get(url(world, "item", item_id=item.pk))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Suggested themes" in body
    assert "Domestic abuse" in body
    assert "Suggested because the text mentions “domestic abuse”." in body
    assert "Other themes: practice" in body
    assert body.count("<h1") == 1
    # Suggested, not confirmed: not the item's theme yet.
    assert not ItemTheme.objects.filter(item=item, confirmed_at__isnull=False).exists()


def complete(item: LearningItem, **overrides: Any) -> dict[str, Any]:
    domestic = Theme.objects.get(slug="domestic-abuse")
    sharing = Theme.objects.get(slug="information-sharing")
    return {
        "title": "Child S: a local learning review",
        "source_name": "Northshire Test SCP",
        "year": "2025",
        "review_type": "local_learning_review",
        "age_group": "5_10",
        "summary": "A ten-year-old lived with domestic abuse; the school was not told.",
        "key_learning": "Tell schools the next working day.",
        "url": "",
        "themes": [str(domestic.pk)],
        "more_practice": [str(sharing.pk)],
        "version": str(item.version),
        **overrides,
    }


def test_completing_and_publishing_an_item_puts_it_in_the_public_library(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client, client: Client
) -> None:
    item = _item(uploaded)
    response = bu_client.post(url(world, "item", item_id=item.pk), complete(item))
    assert response.status_code == 302
    assert response["Location"] == url(world, "publish", item_id=item.pk)
    confirmed = ItemTheme.objects.filter(item=item, confirmed_at__isnull=False)
    assert {t.theme.slug for t in confirmed} == {"domestic-abuse", "information-sharing"}
    assert {t.confirmed_by for t in confirmed} == {world.person("business_unit")}
    assert client.get(reverse("library:item", kwargs={"item_id": item.pk})).status_code == 404

    confirm = bu_client.get(url(world, "publish", item_id=item.pk))
    assert "Add this item to the public library" in confirm.content.decode()
    assert bu_client.post(url(world, "publish", item_id=item.pk)).status_code == 302
    public = client.get(reverse("library:item", kwargs={"item_id": item.pk}))
    assert public.status_code == 200
    assert "Information sharing" in public.content.decode()
    assert AuditEvent.objects.filter(verb="learning_item.published").exists()
    search = client.get("/learning/", {"q": "schools"}).content.decode()
    assert "Child S: a local learning review" in search


def test_an_incomplete_item_cannot_be_published(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    item = _item(uploaded)
    page = bu_client.post(url(world, "publish", item_id=item.pk))
    assert page.status_code == 400
    assert "add the year, the type of review, a summary" in page.content.decode()
    item.refresh_from_db()
    assert not item.is_public


def test_the_form_keeps_what_was_typed_when_there_is_a_problem(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    item = _item(uploaded)
    page = bu_client.post(
        url(world, "item", item_id=item.pk), complete(item, year="1850", summary="Kept words")
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in body
    assert "The year must be between 1990 and 2026" in body
    assert "Kept words" in body


def test_an_item_that_duplicates_another_is_refused(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    existing = library_item(
        title="Child S: a local learning review", source_name="Northshire Test SCP", year=2025
    )
    item = _item(uploaded)
    body = bu_client.post(url(world, "item", item_id=item.pk), complete(item)).content.decode()
    assert f"The library already has “{existing.title}”" in body


def test_two_people_saving_the_same_item_do_not_overwrite_each_other(
    uploaded: UploadBatch, world: PartnershipWorld
) -> None:
    item = _item(uploaded)
    bu = world.person("business_unit")
    values = {"title": "First", "summary": "x", "age_group": "unknown"}
    item_update(item=item, by=bu, values=values, theme_ids=[], expected_version=item.version)
    with pytest.raises(StaleEdit):
        item_update(
            item=item,
            by=bu,
            values={**values, "title": "Second"},
            theme_ids=[],
            expected_version=item.version - 1,
        )
    item.refresh_from_db()
    assert item.title == "First"


def conflict_panel(body: str) -> str:
    """The rows of the "Someone else saved this" panel, as text."""
    table = body.split('id="edit-conflict"')[1].split("</table>", maxsplit=1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", table).split())


def test_the_second_to_save_sees_which_themes_differ_and_keeps_their_own(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    """Both open the item; the first confirms "Information sharing" from the other themes.
    The second, who ticked none of the others, is shown the themes as saved now beside their
    own, with their summary kept; saving again keeps their choice, knowingly."""
    item = _item(uploaded)
    opened = complete(item)
    assert bu_client.post(url(world, "item", item_id=item.pk), opened).status_code == 302
    theirs = {**opened, "more_practice": [], "summary": "The second person's summary."}
    refused = bu_client.post(url(world, "item", item_id=item.pk), theirs)
    assert refused.status_code == 200
    panel = conflict_panel(refused.content.decode())
    assert "Suggested themes Domestic abuse, Information sharing Domestic abuse" in panel
    assert "The second person&#x27;s summary." in panel
    item.refresh_from_db()
    kept = as_sent(forms_of(refused.content.decode())[-1])
    assert kept["version"] == [str(item.version)]
    assert kept["themes"] == [opened["themes"][0]]
    assert bu_client.post(url(world, "item", item_id=item.pk), kept).status_code == 302
    confirmed = ItemTheme.objects.filter(item=item, confirmed_at__isnull=False)
    assert {t.theme.slug for t in confirmed} == {"domestic-abuse"}


def test_a_theme_ticked_among_the_others_is_kept_when_someone_confirmed_it_meanwhile(
    uploaded: UploadBatch, world: PartnershipWorld, bu_client: Client
) -> None:
    """Once confirmed, a theme moves from "Other themes" to "Suggested themes"; the second
    person, who ticked it where it was, is not told their choice is invalid."""
    item = _item(uploaded)
    opened = complete(item)
    assert bu_client.post(url(world, "item", item_id=item.pk), opened).status_code == 302
    refused = bu_client.post(url(world, "item", item_id=item.pk), {**opened, "year": "2024"})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert conflict_panel(page).endswith(
        "What is different Question Saved now What you entered Year it was published 2025 2024"
    )
    kept = as_sent(forms_of(page)[-1])  # what the browser sends from the page as it shows
    assert set(kept["themes"]) == {opened["themes"][0], opened["more_practice"][0]}
    again = bu_client.post(url(world, "item", item_id=item.pk), kept)
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.year == 2024
    confirmed = ItemTheme.objects.filter(item=item, confirmed_at__isnull=False)
    assert {t.theme.slug for t in confirmed} == {"domestic-abuse", "information-sharing"}


def test_unconfirming_a_suggested_theme_keeps_the_suggestion(
    uploaded: UploadBatch, world: PartnershipWorld
) -> None:
    item = _item(uploaded)
    bu = world.person("business_unit")
    domestic = Theme.objects.get(slug="domestic-abuse")
    values = {"age_group": "unknown"}
    item = item_update(
        item=item, by=bu, values=values, theme_ids=[domestic.pk], expected_version=item.version
    )
    item_update(item=item, by=bu, values=values, theme_ids=[], expected_version=item.version)
    row = ItemTheme.objects.get(item=item, theme=domestic)
    assert row.confirmed_at is None
    assert row.reasons == ["domestic abuse"]


def test_withdrawing_an_item_takes_it_out_of_the_public_library(
    world: PartnershipWorld, bu_client: Client, client: Client
) -> None:
    item = library_item(title="Ours", partnership=world.partnership, origin=Origin.UPLOADED)
    assert bu_client.post(url(world, "withdraw", item_id=item.pk)).status_code == 302
    item.refresh_from_db()
    assert not item.is_public
    assert item.withdrawn_at is not None
    assert client.get(reverse("library:item", kwargs={"item_id": item.pk})).status_code == 404


def test_the_list_shows_the_partnership_s_items_only_in_constant_queries(
    world: PartnershipWorld, other_world: PartnershipWorld, bu_client: Client
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = bu_client.get(url(world, "list"))
        assert page.status_code == 200
        return len(captured.captured_queries)

    for number in range(5):
        library_item(title=f"Ours {number}", partnership=world.partnership, themes=("neglect",))
    library_item(title="Theirs", partnership=other_world.partnership)
    library_item(title="Imported for everyone")
    body = bu_client.get(url(world, "list")).content.decode()
    assert "Ours 4" in body
    assert "Theirs" not in body
    assert "Imported for everyone" not in body
    few = count()
    for number in range(5, 10):
        library_item(title=f"Ours {number}", partnership=world.partnership, themes=("infant",))
    assert count() == few


PAGES = ("list", "upload", "batch", "item", "publish", "withdraw")


@pytest.mark.parametrize(
    "role",
    ["safeguarding_partner", "agency_lead", "reviewer", "independent_scrutineer", "administrator"],
)
def test_only_the_business_unit_may_use_the_library_pages(
    world: PartnershipWorld, client_as: Callable[[str], Client], role: str
) -> None:
    batch = UploadBatch.objects.create(
        partnership=world.partnership, uploaded_by=world.person("business_unit")
    )
    item = library_item(title="Ours", partnership=world.partnership, origin=Origin.UPLOADED)
    ids = {"batch": {"batch_id": batch.pk}}
    person = client_as(role)
    for name in PAGES:
        kwargs = ids.get(name, {"item_id": item.pk} if name not in {"list", "upload"} else {})
        for method in (person.get, person.post):
            assert method(url(world, name, **kwargs)).status_code == 403, (name, role)
    item.refresh_from_db()
    assert item.is_public


def test_the_business_unit_may_use_every_library_page(
    world: PartnershipWorld, bu_client: Client
) -> None:
    batch = UploadBatch.objects.create(
        partnership=world.partnership, uploaded_by=world.person("business_unit")
    )
    item = library_item(title="Ours", partnership=world.partnership, origin=Origin.UPLOADED)
    for name in PAGES:
        kwargs: dict[str, Any] = {}
        if name == "batch":
            kwargs = {"batch_id": batch.pk}
        elif name not in {"list", "upload"}:
            kwargs = {"item_id": item.pk}
        assert bu_client.get(url(world, name, **kwargs)).status_code == 200, name
    assert AuditEvent.objects.filter(verb="learning_item.viewed").exists()


def test_signed_out_people_are_sent_to_sign_in(world: PartnershipWorld, client: Client) -> None:
    response = client.get(url(world, "list"))
    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_an_imported_item_cannot_be_changed_from_a_partnership(
    world: PartnershipWorld, bu_client: Client
) -> None:
    item = library_item(title="Imported for everyone")
    assert bu_client.get(url(world, "item", item_id=item.pk)).status_code == 404


def test_the_navigation_links_the_business_unit_to_the_library(
    world: PartnershipWorld, bu_client: Client, client_as: Callable[[str], Client]
) -> None:
    home = reverse("partnerships:home", kwargs={"partnership_slug": world.partnership.slug})
    assert url(world, "list") in bu_client.get(home).content.decode()
    assert url(world, "list") not in client_as("agency_lead").get(home).content.decode()


def test_another_partnership_finds_nothing_of_ours(
    world: PartnershipWorld, other_world: PartnershipWorld
) -> None:
    """Our ids under their partnership's address, or our address as them: 404 every time
    (tests/security/test_partnership_isolation.py walks every URL the same way)."""
    ids = library_url_ids(world)
    theirs = Client()
    theirs.force_login(other_world.person("business_unit"))
    for name in PAGES:
        kwargs: dict[str, Any] = {}
        if name == "batch":
            kwargs = {"batch_id": ids["batch_id"]}
        elif name not in {"list", "upload"}:
            kwargs = {"item_id": ids["item_id"]}
        for partnership in (world, other_world):
            if partnership is other_world and not kwargs:
                continue  # their own list and upload pages are theirs to use
            address = url(partnership, name, **kwargs)
            for method in (theirs.get, theirs.post):
                assert method(address).status_code == 404, address
