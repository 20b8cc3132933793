"""Parallel processes (police investigation, prosecution, inquest, ...) are recorded on the case
with status and contact agency, and shown on the case and review pages."""

from django.urls import reverse

from cspr.audit.models import AuditEvent
from cspr.cases.models import ParallelProcess


def case_url(case, name: str = "cases:detail", **kw: object) -> str:
    return reverse(
        name, kwargs={"partnership_slug": case.partnership.slug, "reference": case.reference, **kw}
    )


def test_processes_named_at_referral_are_recorded(make_case) -> None:
    case = make_case(parallel_processes=["police_investigation", "inquest"])
    assert sorted(case.processes.values_list("kind", flat=True)) == [
        "inquest",
        "police_investigation",
    ]


def test_the_business_unit_adds_and_updates_a_process(make_case, client_as, world) -> None:
    case = make_case()
    client = client_as("business_unit")
    agency = world.partnership.agencies.first()
    response = client.post(
        case_url(case, "cases:process-add"),
        {
            "kind": "prosecution",
            "status": "expected",
            "contact_agency": agency.pk,
            "notes": "Plea hearing in May.",
        },
    )
    assert response.status_code == 302
    process = ParallelProcess.objects.get(case=case)
    client.post(
        case_url(case, "cases:process-edit", process_id=process.pk),
        {
            "kind": "prosecution",
            "status": "under_way",
            "contact_agency": agency.pk,
            "notes": "",
            "version": process.version,
        },
    )
    process.refresh_from_db()
    assert process.status == "under_way"
    page = client.get(case_url(case)).content.decode()
    assert "Prosecution" in page
    assert f"contact: {agency.name}" in page
    assert AuditEvent.objects.filter(verb="parallel_process.updated").exists()


def test_only_the_business_unit_records_processes(make_case, client_as) -> None:
    case = make_case()
    assert client_as("agency_lead").get(case_url(case, "cases:process-add")).status_code == 403


def test_the_review_page_shows_them(cspr, client_as) -> None:
    from cspr.cases.processes import parallel_process_add  # noqa: PLC0415

    parallel_process_add(
        case=cspr.case,
        by=cspr.opened_by,
        values={"kind": "inquest", "status": "expected", "contact_agency": None, "notes": ""},
    )
    page = client_as("business_unit").get(case_url(cspr.case, "reviews:detail")).content.decode()
    assert "Coroner&#x27;s inquest" in page or "Coroner's inquest" in page
