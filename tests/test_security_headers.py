import re

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/?q=relations", "/speakers/", "/speakers/mikhail-bocharnikov/"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_allow_only_our_own_scripts_and_styles(client, gold_articles, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", PAGES)
def test_pages_have_no_inline_scripts_styles_or_event_handlers(client, gold_articles, url):
    html = client.get(url).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts)
    assert "<style" not in html
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert not re.search(r"\sstyle\s*=", html)


def test_the_article_page_has_no_inline_code_either(client, gold_articles):
    html = client.get(f"/articles/{gold_articles[0].pk}/").content.decode()
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "<style" not in html
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))


def test_htmx_is_served_by_us_not_a_cdn(client, db):
    html = client.get("/").content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert any("htmx" in src for src in sources)
    assert all(src.startswith("/static/") for src in sources)
