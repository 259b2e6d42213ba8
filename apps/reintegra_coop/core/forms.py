from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username or card number"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocapitalize": "none", "autocomplete": "username"}
        ),
    )
    password = forms.CharField(
        label=_("Password or PIN"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SetPinForm(forms.Form):
    """A trainee's PIN: 4 to 6 digits, easy to type on a tablet, not trivially guessed."""

    new_password1 = forms.CharField(
        label=_("New PIN"),
        min_length=4,
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    new_password2 = forms.CharField(
        label=_("New PIN again"),
        max_length=6,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password1(self) -> str:
        pin: str = self.cleaned_data["new_password1"]
        if not pin.isdigit():
            raise forms.ValidationError(_("A PIN has only digits."))
        if len(set(pin)) == 1 or pin in "0123456789" or pin in "9876543210":
            raise forms.ValidationError(_("This PIN is too easy to guess."))
        return pin

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("new_password1") and cleaned.get("new_password1") != cleaned.get(
            "new_password2"
        ):
            self.add_error("new_password2", _("The two PINs differ."))
        return cleaned

    def save(self) -> Any:
        self.user.set_password(self.cleaned_data["new_password1"])
        self.user.save(update_fields=["password"])
        return self.user


class TwoFactorCodeForm(forms.Form):
    """The 6 digits an authenticator app shows (spaces typed between them are dropped)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "maxlength": 7,
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Type the 6 digits your app shows."))
        return code
