from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator

from cspr.accounts.services import password_reset_recipients
from cspr.core.forms import GovukFormMixin

MAX_EMAIL_LENGTH = 254


class SignInForm(GovukFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password. The password is "
        "case-sensitive.",
        "inactive": "This account has been switched off. Ask your partnership's administrator.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()
        self.fields["username"].label = "E-mail address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": False}
        )
        self.fields["username"].error_messages["required"] = "Enter your e-mail address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        # AuthenticationForm sets max_length without its validator: without this, any length
        # reaches authenticate() and django-axes' record of the attempt (255 characters).
        self.fields["username"].validators.append(
            MaxLengthValidator(
                MAX_EMAIL_LENGTH,
                message=f"Enter an e-mail address of {MAX_EMAIL_LENGTH} characters or fewer",
            )
        )


class PasswordResetRequestForm(GovukFormMixin, PasswordResetForm):
    submit_label = "Send the link"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()
        self.fields["email"].label = "E-mail address"
        self.fields["email"].error_messages["required"] = "Enter your e-mail address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an e-mail address in the correct format, like name@example.org"
        )

    def get_users(self, email: str) -> Any:
        """Invited people who have not set a password yet may use the link too; nobody gets
        more than a few links an hour (``accounts.services``)."""
        return password_reset_recipients(email)


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    submit_label = "Save the password"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()


class SecurityCodeForm(GovukFormMixin, forms.Form):
    """The 6-digit code from the authenticator app (checked by the service, which throttles)."""

    submit_label = "Continue"
    code = forms.CharField(
        label="Security code",
        help_text="The 6-digit code your authenticator app shows for CSPR. It changes every "
        "30 seconds.",
        max_length=20,
        error_messages={"required": "Enter the security code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split()).replace("-", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the security code as 6 digits, like 123456")
        return code


class ConfirmAuthenticatorForm(SecurityCodeForm):
    submit_label = "Confirm the code"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = "Code from the app"
        self.fields["code"].help_text = "Enter the 6-digit code the app now shows for CSPR."
        self.fields["code"].error_messages["required"] = (
            "Enter the 6-digit code your authenticator app shows"
        )


class RecoveryCodeForm(GovukFormMixin, forms.Form):
    submit_label = "Continue"
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the 10 codes you were given when you set up two-factor sign-in, "
        "like abcd 2345. Each code works once.",
        max_length=40,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()
