"""The admin refuses a ``_to_field`` that names a reverse relation with a 400, on every
model's pages (Django's own ``to_field_allowed`` raises AttributeError there: a 500)."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "relation"),
    [
        ("/admin/search/speaker/", "quotes"),
        ("/admin/search/article/", "quotes"),
        ("/admin/auth/user/", "logentry"),  # Django's own model admin is repaired too
    ],
)
def test_a_list_asked_to_reference_a_reverse_relation_answers_400(admin_client, url, relation):
    response = admin_client.get(url, {"_to_field": relation})
    assert response.status_code == 400


@pytest.mark.django_db
def test_a_list_may_still_reference_its_primary_key(admin_client):
    response = admin_client.get("/admin/search/speaker/", {"_to_field": "id", "_popup": "1"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_an_unknown_field_is_refused_as_before(admin_client):
    assert admin_client.get("/admin/search/speaker/", {"_to_field": "nothing"}).status_code == 400
