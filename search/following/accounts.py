"""Readers' accounts: Django's own sign-in and password reset (django-axes counts the
sign-in failures), and, when ``FOLLOWING_SIGNUP`` allows it, sign-up confirmed by email."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.http import require_http_methods, require_safe

from search.following import mail
from search.following.forms import SignInForm, SignUpForm


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    if not settings.FOLLOWING_SIGNUP:
        raise Http404("Sign-up is off; an editor invites readers.")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        user = User.objects.filter(username=email).first()
        if user is None:
            user = User(username=email, email=email, is_active=False)
            user.set_password(form.cleaned_data["password"])
            user.save()
            mail.confirmation(user).send()
        elif not user.is_active:
            mail.confirmation(user).send()
        # An address already signed up gets the same answer: the page tells no one who reads.
        return render(request, "following/signup_sent.html", {"email": email})
    return render(request, "following/signup.html", {"form": form})


@require_safe
def confirm_signup(request, uidb64: str, token: str):
    try:
        user = User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "following/confirm_failed.html", status=400)
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("my-searches")


def _reset(view, name: str, **options):
    return view.as_view(template_name=f"following/{name}.html", **options)


urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="following/login.html",
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
            next_page=reverse_lazy("my-searches"),
            extra_context={"signup": lambda: settings.FOLLOWING_SIGNUP},
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", signup, name="signup"),
    path("confirm/<uidb64>/<token>/", confirm_signup, name="confirm-signup"),
    path(
        "password-reset/",
        _reset(
            auth_views.PasswordResetView,
            "password_reset",
            email_template_name="following/email/password_reset.txt",
            html_email_template_name="following/email/password_reset.html",
            subject_template_name="following/email/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        _reset(auth_views.PasswordResetDoneView, "password_reset_sent"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        _reset(
            auth_views.PasswordResetConfirmView,
            "password_set",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        _reset(auth_views.PasswordResetCompleteView, "password_set_done"),
        name="password_reset_complete",
    ),
]
