"""Signing in to the admin: repeated failures pause sign-in with a clear message, and an
unsafe ``next`` lands on the admin, never on a missing page."""

import pytest
from django.contrib.auth.models import User
from django.test import Client

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/"


@pytest.fixture
def editor(db, settings):
    # A fast hasher: these tests sign in dozens of times; the throttling is what they test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return User.objects.create_user("editor", password="right-horse-battery", is_staff=True)


def sign_in(client, password, username="editor", address="203.0.113.7", next_url="/admin/"):
    return client.post(
        f"{LOGIN}?next={next_url}",
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=address,
    )


def test_wrong_passwords_are_refused_normally_below_the_limit(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()


def test_the_fifth_failure_pauses_sign_in_with_a_clear_message(client, editor):
    for _ in range(4):
        sign_in(client, "wrong")
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    body = response.content.decode()
    assert 'id="locked-out"' in body
    assert (
        "Signing in as “editor” from this address failed 5 times in a row, so it is paused "
        "for 15 minutes."
    ) in body


def test_while_paused_even_the_right_password_is_refused(client, editor):
    for _ in range(5):
        sign_in(client, "wrong")
    response = sign_in(client, "right-horse-battery")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_pause_binds_only_that_username_from_that_address(client, editor):
    for _ in range(5):
        sign_in(client, "wrong")
    other = Client()
    response = sign_in(other, "right-horse-battery", address="198.51.100.9")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_successful_sign_in_clears_earlier_failures(client, editor):
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, "right-horse-battery").status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200


@pytest.mark.parametrize("unsafe", ["https://evil.example/", "//evil.example/", ""])
def test_an_unsafe_or_missing_next_lands_on_the_admin(client, editor, unsafe):
    response = sign_in(client, "right-horse-battery", next_url=unsafe)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_a_safe_next_is_followed(client, editor):
    response = sign_in(client, "right-horse-battery", next_url="/admin/search/article/")
    assert response["Location"] == "/admin/search/article/"
