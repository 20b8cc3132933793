from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm

from cspr.accounts.models import User
from cspr.core.forms import GovukFormMixin


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
        """Invited people who have not set a password yet may use the link too."""
        return User.objects.filter(email__iexact=email, is_active=True)


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    submit_label = "Save the password"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_helper()
