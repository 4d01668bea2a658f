from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from search.models import Article

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("0*.txt"))
URL = "/admin/search/article/upload/"


@pytest.fixture
def staff(client):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_article"])
    )
    client.force_login(user)
    return client


def upload(client, *files):
    return client.post(URL, {"files": list(files)}, follow=True)


def seed(n: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(SEEDS[n].name, SEEDS[n].read_bytes(), "text/plain")


def test_the_article_list_offers_the_upload(staff):
    page = staff.get("/admin/search/article/").content.decode()
    assert 'href="/admin/search/article/upload/"' in page


def test_staff_upload_several_files_and_see_each_outcome(staff):
    body = upload(staff, seed(0), seed(1)).content.decode()
    assert Article.objects.count() == 2
    assert body.count('class="upload-imported"') == 2
    assert "2 of 2 file(s) imported" in body


def test_a_second_upload_of_the_same_file_is_shown_as_already_present(staff):
    upload(staff, seed(0))
    body = upload(staff, seed(0)).content.decode()
    assert 'class="upload-duplicate"' in body
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00binary", "binary"),
        ("legacy.txt", bytes(range(0x80, 0x100)) * 10, "Save it as UTF-8"),
    ],
)
def test_bad_files_are_rejected_with_a_reason_and_nothing_stored(staff, name, data, reason):
    body = upload(staff, SimpleUploadedFile(name, data)).content.decode()
    assert 'class="upload-rejected"' in body
    assert reason in body
    assert Article.objects.count() == 0


def test_an_oversized_file_names_the_limit(staff, settings):
    settings.ARTICLE_UPLOAD_MAX_BYTES = 100
    body = upload(staff, seed(0)).content.decode()
    assert "over the limit of 100 bytes" in body
    assert Article.objects.count() == 0


def test_one_bad_file_does_not_stop_the_good_ones(staff):
    body = upload(staff, SimpleUploadedFile("bad.txt", b"\x00\x00"), seed(1)).content.decode()
    assert Article.objects.count() == 1
    assert "1 of 2 file(s) imported" in body


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(URL, {"files": [seed(0)]})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert Article.objects.count() == 0


def test_signed_in_users_who_are_not_staff_are_refused(client):
    client.force_login(User.objects.create_user("reader", password="pw"))
    response = client.post(URL, {"files": [seed(0)]})
    assert response.status_code == 302
    assert Article.objects.count() == 0


def test_staff_without_the_add_permission_are_refused(client):
    client.force_login(User.objects.create_user("viewer", password="pw", is_staff=True))
    assert client.post(URL, {"files": [seed(0)]}).status_code == 403
    assert Article.objects.count() == 0


def test_an_upload_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    user = User.objects.create_superuser("boss", password="pw")
    client.force_login(user)
    assert client.post(URL, {"files": [seed(0)]}).status_code == 403
    assert Article.objects.count() == 0


def test_a_file_name_with_html_is_shown_as_text(staff):
    body = upload(staff, SimpleUploadedFile("<img src=x onerror=alert(1)>.txt", b"")).content
    assert b"<img src=x" not in body


def test_an_upload_with_no_files_is_a_form_error_not_a_success(staff):
    response = staff.post(URL, {}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose one or more .txt files to upload." in body
    assert "file(s) imported" not in body
    assert not list(response.context["messages"])
    assert response.context["form"].errors["files"]


def test_more_files_than_the_limit_are_refused_with_the_limit_named(staff, settings):
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES == 200
    files = [SimpleUploadedFile(f"story-{i}.txt", b"Talks went on.") for i in range(201)]
    response = staff.post(URL, {"files": files})
    body = response.content.decode()
    assert response.status_code == 400
    assert "That upload held more than 200 files, the most one upload takes." in body
    assert f'href="{URL}"' in body
    assert Article.objects.count() == 0


def test_the_upload_page_states_the_file_count_limit(staff):
    assert "at most 200 files at a time" in staff.get(URL).content.decode()


def test_a_file_one_byte_over_the_limit_shows_sizes_that_differ(staff, settings):
    limit = settings.ARTICLE_UPLOAD_MAX_BYTES
    assert limit == 2 * 1024 * 1024
    body = upload(staff, SimpleUploadedFile("big.txt", b"a" * (limit + 1))).content.decode()
    assert "The file is 2,097,153 bytes, over the limit of 2,097,152 bytes (2.0 MB)." in body
    assert Article.objects.count() == 0


def test_a_utf16_file_with_a_byte_order_mark_is_imported(staff):
    text = SEEDS[0].read_text(encoding="utf-8")
    body = upload(staff, SimpleUploadedFile("wide.txt", text.encode("utf-16"))).content.decode()
    assert "1 of 1 file(s) imported" in body
    assert Article.objects.get().body.strip() == text.replace("\r\n", "\n").strip()


MOSCOW = (
    "MOSCOW, Dec 2 (Reuters) - Russian Foreign Minister Sergei Lavrov said on Friday that "
    'Moscow was ready to host the next round of talks.\n\n"The door is open," Lavrov said.'
)


def test_the_year_given_on_the_form_dates_a_dateline_with_a_month_and_day(staff):
    story = SimpleUploadedFile("lavrov.txt", MOSCOW.encode(), "text/plain")
    staff.post(URL, {"files": [story], "year": "2022"}, follow=True)
    assert str(Article.objects.get().published) == "2022-12-02"


def test_without_a_year_on_the_form_such_a_story_has_no_date(staff):
    upload(staff, SimpleUploadedFile("lavrov.txt", MOSCOW.encode(), "text/plain"))
    assert Article.objects.get().published is None


def test_a_year_that_is_not_one_is_explained_and_nothing_is_stored(staff):
    story = SimpleUploadedFile("lavrov.txt", MOSCOW.encode(), "text/plain")
    body = staff.post(URL, {"files": [story], "year": "twenty"}, follow=True).content.decode()
    assert "Enter a whole number" in body
    assert Article.objects.count() == 0


def test_with_queued_uploads_the_files_go_to_the_workers_and_show_in_queued_stories(
    staff, settings, monkeypatch
):
    from functools import partial

    from search.intake import queue

    settings.QUEUE_UPLOADS = True
    tasks: list = []
    monkeypatch.setattr(queue, "send", partial(queue.send, deliver=tasks.append))
    body = upload(staff, seed(0)).content.decode()
    assert 'class="upload-queued"' in body
    assert "1 of 1 file(s) sent to the extraction workers" in body
    assert Article.objects.count() == 0 and len(tasks) == 1

    staff.force_login(User.objects.create_superuser("chief", password="pw"))
    listing = staff.get("/admin/search/queuedstory/?status=queued").content.decode()
    assert SEEDS[0].name in listing
