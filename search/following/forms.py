"""The forms of readers' pages: saving a search, choosing its alerts, signing up."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.http import QueryDict

from search.following.models import SavedSearch, canonical_query


class SignInForm(AuthenticationForm):
    """Django's sign-in (so django-axes counts its failures), asking for the email address
    readers signed up or were invited with; editors may give their username."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email (or username)"

    def clean_username(self) -> str:
        name = self.cleaned_data["username"].strip()
        return name.lower() if "@" in name else name


class SaveSearchForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        strip=True,
        error_messages={
            "required": "Give the search a name to save it under.",
            "max_length": "Keep the name under 120 characters.",
        },
    )
    query = forms.CharField(
        max_length=4000,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"max_length": "This search is too long to save."},
    )
    frequency = forms.ChoiceField(
        choices=SavedSearch.Frequency.choices, initial=SavedSearch.Frequency.DAILY
    )

    def clean_query(self) -> str:
        query = canonical_query(QueryDict(self.cleaned_data["query"]))
        if not query:
            raise forms.ValidationError("Search for something first, then save that search.")
        problem = SavedSearch(query_string=query).problem()
        if problem:
            raise forms.ValidationError(f"This search cannot be saved as it is. {problem}")
        return query


class AlertForm(forms.Form):
    frequency = forms.ChoiceField(choices=SavedSearch.Frequency.choices)


class SignUpForm(forms.Form):
    email = forms.EmailField(max_length=150)
    password = forms.CharField(widget=forms.PasswordInput, strip=False)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and cleaned.get("password"):
            user = User(username=cleaned["email"], email=cleaned["email"])
            try:
                password_validation.validate_password(cleaned["password"], user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class InviteForm(forms.ModelForm):
    """The admin's "Add reader": an address; the reader chooses a password from the email."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(username=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("There is already an account with this address.")
        return email

    def save(self, commit: bool = True):
        user = super().save(commit=False)
        user.username = user.email
        if not user.pk:
            user.set_unusable_password()
        if commit:
            user.save()
        return user
