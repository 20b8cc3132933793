"""Two-factor sign-in: an authenticator app (TOTP, django-otp's ``TOTPDevice``) and ten
single-use recovery codes (django-otp's ``StaticDevice`` and ``StaticToken``).

Reads come first, then the writes (services): each write is keyword-only, runs in one
transaction and writes its audit event; e-mail goes after commit. Audit payloads hold ids,
counts and the method used, never a code or a key.
"""

import base64
import binascii
import datetime as dt
import io
import math
import secrets
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp.models import VerifyNotAllowed
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cspr.accounts.models import User
from cspr.accounts.tasks import send_two_factor_reset_notice
from cspr.audit.services import audit_record
from cspr.core.errors import DomainError

RECOVERY_CODE_COUNT = 10
# Recovery codes avoid characters that are easy to mistake for others (0/o, 1/l/i).
RECOVERY_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_CODE_LENGTH = 8
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_CODES_NAME = "Recovery codes"
KEY_BYTES = 20  # 160 bits, as RFC 4226 recommends
TOTP_STEP = 30
TOTP_DIGITS = 6
TOTP_TOLERANCE = 1  # the code before and after the current one are accepted too


# Reads ---------------------------------------------------------------------------------------


def authenticator_of(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they have set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def has_authenticator(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return TOTPDevice.objects.filter(user_id=getattr(user, "pk", None), confirmed=True).exists()


def is_verified(user: object) -> bool:
    """Whether this request's person has given their second factor in this session
    (``OTPMiddleware`` sets ``otp_device``)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "otp_device", None))


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@dataclass(frozen=True)
class TwoFactorStatus:
    set_up_on: dt.datetime | None
    last_used_at: dt.datetime | None
    recovery_codes_left: int


def two_factor_status(*, user: User) -> TwoFactorStatus:
    device = authenticator_of(user)
    return TwoFactorStatus(
        set_up_on=device.created_at if device else None,
        last_used_at=device.last_used_at if device else None,
        recovery_codes_left=recovery_codes_left(user),
    )


def new_key() -> str:
    """A new random secret for an authenticator app, hex-encoded as django-otp stores it."""
    return secrets.token_hex(KEY_BYTES)


def key_for_people(key_hex: str) -> str:
    """The secret as a person types it into an authenticator app: base32 in groups of four
    (``ABCD EFGH ...``)."""
    text = base64.b32encode(bytes.fromhex(key_hex)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def key_from_text(text: str) -> str:
    """The hex secret of a base32 key as shown by :func:`key_for_people` (spaces allowed)."""
    compact = "".join(text.split()).upper()
    compact += "=" * (-len(compact) % 8)
    try:
        return base64.b32decode(compact).hex()
    except (binascii.Error, ValueError) as error:
        raise ValueError("Not a base32 key") from error


def provisioning_uri(*, user: User, key_hex: str) -> str:
    """The ``otpauth://`` address a QR code carries, as django-otp builds it."""
    return TOTPDevice(user=user, key=key_hex, step=TOTP_STEP, digits=TOTP_DIGITS).config_url


def qr_code_data_uri(uri: str) -> str:
    """A QR code of ``uri`` as an SVG ``data:`` address for an ``<img>`` (the Content Security
    Policy allows ``data:`` images; an SVG shown as an image runs no script)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def current_code(key_hex: str, *, at: float | None = None) -> str:
    """The code an authenticator app shows now for this key (demo and tests)."""
    totp = TOTP(bytes.fromhex(key_hex), step=TOTP_STEP, digits=TOTP_DIGITS)
    if at is not None:
        totp.time = at
    return f"{totp.token():0{TOTP_DIGITS}d}"


def normalise_code(text: str) -> str:
    """What a person typed, without spaces or dashes, in lower case."""
    return "".join(ch for ch in text if ch not in " -\t\n").lower()


def format_recovery_code(code: str) -> str:
    return f"{code[:4]} {code[4:]}"


def _random_recovery_code() -> str:
    return "".join(secrets.choice(RECOVERY_CODE_ALPHABET) for _ in range(RECOVERY_CODE_LENGTH))


def _throttled_message(device: TOTPDevice | StaticDevice) -> str | None:
    allowed, details = device.verify_is_allowed()
    if allowed or not details or details.get("reason") != VerifyNotAllowed.N_FAILED_ATTEMPTS:
        return None
    until = details.get("locked_until")
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds())) if until else 1
    if seconds >= 2 * 60:
        wait = f"{math.ceil(seconds / 60)} minutes"
    else:
        wait = "1 second" if seconds == 1 else f"{seconds} seconds"
    return f"You have entered a wrong code too many times. Wait {wait}, then try again."


# Writes --------------------------------------------------------------------------------------


def _replace_recovery_codes(user: User) -> list[str]:
    """Delete the person's recovery codes and make ten new ones; returns them (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_CODES_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(_random_recovery_code())
    ordered = sorted(codes)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in ordered)
    return ordered


@dataclass(frozen=True)
class SetUpResult:
    device: TOTPDevice
    recovery_codes: list[str]


def two_factor_set_up(*, user: User, key_hex: str, code: str) -> SetUpResult:
    """Confirm a new authenticator app with the first code it shows; give ten recovery codes.

    Refused if the person already has an authenticator app (an administrator resets it first),
    so a session that has only the password can never replace the second factor. A wrong code
    is audited (and the record kept) before the refusal is raised.
    """
    outcome = _set_up(user=user, key_hex=key_hex, code=code)
    if isinstance(outcome, str):
        raise DomainError(outcome, field="code")
    return outcome


@transaction.atomic
def _set_up(*, user: User, key_hex: str, code: str) -> SetUpResult | str:
    User.objects.select_for_update().filter(pk=user.pk).first()  # one set-up at a time
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return "Two-factor sign-in is already set up for your account."
    device = TOTPDevice(
        user=user,
        name=AUTHENTICATOR_NAME,
        key=key_hex,
        step=TOTP_STEP,
        digits=TOTP_DIGITS,
        tolerance=TOTP_TOLERANCE,
        confirmed=True,
    )
    token = normalise_code(code)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if not (token.isdigit() and totp.verify(int(token), tolerance=device.tolerance)):
        audit_record(by=user, verb="two_factor.confirmation_failed", obj=user)
        return (
            "The code does not match. Check the app shows CSPR, then enter the 6-digit code "
            "it shows now."
        )
    device.last_t = totp.t()  # the confirming code cannot be used again to sign in
    device.drift = totp.drift
    device.last_used_at = timezone.now()
    TOTPDevice.objects.filter(user=user).delete()  # any unconfirmed leftovers
    device.save()
    codes = _replace_recovery_codes(user)
    audit_record(by=user, verb="two_factor.set_up", obj=user, data={"recovery_codes": len(codes)})
    return SetUpResult(device=device, recovery_codes=codes)


@dataclass(frozen=True)
class Verification:
    device: TOTPDevice | StaticDevice
    recovery_codes_left: int | None = None


WRONG_SECURITY_CODE = (
    "The security code is not right. Enter the 6-digit code your authenticator app shows now."
)
WRONG_RECOVERY_CODE = (
    "That recovery code is not right, or it has been used already. Check it and try again."
)


def two_factor_verify(*, user: User, code: str) -> Verification:
    """Check the code from the person's authenticator app. django-otp's throttling applies:
    each wrong code doubles the wait before the next try. The failure (and the throttle's
    count) is committed and audited before the refusal is raised."""
    outcome = _verify(user=user, code=code, method="authenticator")
    if isinstance(outcome, str):
        raise DomainError(outcome, field="code")
    return outcome


def two_factor_verify_recovery_code(*, user: User, code: str) -> Verification:
    """Sign in with one of the person's recovery codes; the code is used up."""
    outcome = _verify(user=user, code=code, method="recovery_code")
    if isinstance(outcome, str):
        raise DomainError(outcome, field="code")
    return outcome


@transaction.atomic
def _verify(*, user: User, code: str, method: str) -> Verification | str:
    authenticator = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
    if authenticator is None:
        return "Set up two-factor sign-in first."
    device: TOTPDevice | StaticDevice = authenticator
    if method == "recovery_code":
        recovery = (
            StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        )
        if recovery is None:
            return "You have no recovery codes. Ask your partnership's administrator."
        device = recovery
    throttled = _throttled_message(device)
    if throttled:
        audit_record(
            by=user,
            verb="two_factor.sign_in_failed",
            obj=user,
            data={"method": method, "throttled": True},
        )
        return throttled
    if not device.verify_token(normalise_code(code)):
        audit_record(
            by=user,
            verb="two_factor.sign_in_failed",
            obj=user,
            data={"method": method, "failures": device.throttling_failure_count},
        )
        return WRONG_RECOVERY_CODE if method == "recovery_code" else WRONG_SECURITY_CODE
    audit_record(by=user, verb="two_factor.signed_in", obj=user, data={"method": method})
    if method != "recovery_code":
        return Verification(device=device)
    left = StaticToken.objects.filter(device=device).count()
    audit_record(by=user, verb="two_factor.recovery_code_used", obj=user, data={"left": left})
    return Verification(device=device, recovery_codes_left=left)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise DomainError("Set up two-factor sign-in first.")
    codes = _replace_recovery_codes(user)
    audit_record(
        by=user, verb="two_factor.recovery_codes_created", obj=user, data={"count": len(codes)}
    )
    return codes


@transaction.atomic
def two_factor_reset(*, person: User, by: User, partnership_id: int, membership_id: int) -> int:
    """An administrator removes a person's authenticator app and recovery codes: every session
    of theirs ends, and they set up two-factor sign-in again when they next sign in. They are
    told by e-mail. Returns how many devices were removed."""
    if person.pk == by.pk:
        raise DomainError(
            "You cannot reset your own two-factor sign-in. Ask another administrator."
        )
    authenticators = TOTPDevice.objects.filter(user=person)
    recovery = StaticDevice.objects.filter(user=person)
    removed = authenticators.count() + recovery.count()
    authenticators.delete()
    recovery.delete()  # and their codes
    person.signed_out_everywhere_at = timezone.now()
    person.save(update_fields=["signed_out_everywhere_at"])
    audit_record(
        by=by,
        verb="two_factor.reset",
        obj=person,
        partnership_id=partnership_id,
        data={"membership_id": membership_id, "devices_removed": removed},
    )
    person_id = person.pk
    transaction.on_commit(
        lambda: send_two_factor_reset_notice.enqueue(
            user_id=person_id, partnership_id=partnership_id
        )
    )
    return removed
