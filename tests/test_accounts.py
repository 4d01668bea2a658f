"""Readers' accounts: sign-in (guarded by django-axes), password reset and invitations by
email through a real SMTP server, and sign-up behind a setting."""

import re

import pytest
from django.contrib.auth.models import User

from tests.following import make_reader
from tests.smtp import parts

pytestmark = pytest.mark.django_db


def signs_in(client, username: str, password: str) -> bool:
    """Through the sign-in page, as a reader does (django-axes needs the request)."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302


def link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", parts(message)[0]).group(1)


def test_a_reader_signs_in_with_their_address_and_lands_on_my_searches(client):
    make_reader("reader@example.org")
    response = client.post(
        "/accounts/login/", {"username": "Reader@Example.org", "password": "a long pass phrase"}
    )
    assert response.status_code == 302 and response["Location"] == "/searches/"


def test_the_reader_sign_in_is_paused_after_repeated_failures(client, settings):
    make_reader("reader@example.org")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "reader@example.org", "password": "no"})
    response = client.post(
        "/accounts/login/", {"username": "reader@example.org", "password": "a long pass phrase"}
    )
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert b"Too many failed sign-ins" in response.content


def test_a_forgotten_password_is_reset_from_the_emailed_link(client, smtp_server):
    make_reader("reader@example.org")
    client.post("/accounts/password-reset/", {"email": "reader@example.org"})
    [message] = smtp_server.to("reader@example.org")
    assert message["Subject"] == "Reset your Diplomacy password"
    form = client.get(link_in(message), follow=True)
    assert b'id="password-form"' in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "another long phrase", "new_password2": "another long phrase"},
    )
    assert done["Location"] == "/accounts/reset/done/"
    assert signs_in(client, "reader@example.org", "another long phrase")


def test_an_editor_invites_a_reader_who_chooses_a_password(client, admin_client, smtp_server):
    response = admin_client.post(
        "/admin/following/reader/add/", {"email": "New@Example.org", "first_name": "Ann"}
    )
    assert response.status_code == 302
    reader = User.objects.get(username="new@example.org")
    assert not reader.has_usable_password() and not reader.is_staff
    [message] = smtp_server.to("new@example.org")
    assert "Hello Ann" in parts(message)[0]
    form = client.get(link_in(message), follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "a fresh pass phrase", "new_password2": "a fresh pass phrase"},
    )
    assert signs_in(client, "new@example.org", "a fresh pass phrase")


def test_sign_up_is_off_unless_the_setting_allows_it(client):
    assert client.get("/accounts/signup/").status_code == 404
    assert b"ask an editor" in client.get("/accounts/login/").content


def test_sign_up_works_once_the_emailed_link_confirms_it(client, settings, smtp_server):
    settings.FOLLOWING_SIGNUP = True
    response = client.post(
        "/accounts/signup/", {"email": "me@example.org", "password": "a long pass phrase"}
    )
    assert b"a link to confirm it is on its way" in response.content
    assert not signs_in(client, "me@example.org", "a long pass phrase")
    [message] = smtp_server.to("me@example.org")
    confirmed = client.get(link_in(message))
    assert confirmed["Location"] == "/searches/"
    assert client.get("/searches/").status_code == 200
    assert client.get(link_in(message)).status_code == 400  # used once only


def test_sign_up_refuses_a_weak_password_and_says_why(client, settings):
    settings.FOLLOWING_SIGNUP = True
    response = client.post("/accounts/signup/", {"email": "me@example.org", "password": "12345"})
    assert b'id="password-errors"' in response.content
    assert not User.objects.exists()
