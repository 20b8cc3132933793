from django.core.management import call_command

from cspr.accounts.models import User
from cspr.partnerships.models import Agency, Membership, Partnership, Role


def test_seed_demo_creates_northshire_with_one_person_per_role(db: None) -> None:
    call_command("seed_demo")
    northshire = Partnership.objects.get()
    assert "Northshire" in northshire.name
    assert Agency.objects.filter(partnership=northshire).count() == 11
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {role.value for role in Role}
    assert all(u.email.endswith("@northshire.example") for u in User.objects.all())


def test_seed_demo_is_idempotent(db: None) -> None:
    call_command("seed_demo")
    counts = (User.objects.count(), Agency.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Agency.objects.count(), Membership.objects.count()) == counts


def test_seed_demo_prints_no_passwords_outside_development(db: None, capsys) -> None:
    call_command("seed_demo")
    output = capsys.readouterr().out
    assert "not printed outside development" in output
    assert "northshire-demo" not in output
    assert not User.objects.first().has_usable_password()
