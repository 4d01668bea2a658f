from pathlib import Path

import pytest
from django.contrib.auth.models import User

from search.intake.ingest import ingest_text
from search.models import Quote, Speaker

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SEED_001 = (DATA / "001_d200d971de2d4ade.txt").read_text(encoding="utf-8")


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", password="pw"))
    return client


def inline_data(article, changes: dict) -> dict:
    quotes = list(article.quotes.order_by("start"))
    data = {
        "title": article.title,
        "body": article.body,
        "dateline": article.dateline,
        "source": article.source_id or "",
        "url": "",
        "published": "",
        "quotes-TOTAL_FORMS": len(quotes),
        "quotes-INITIAL_FORMS": len(quotes),
        "quotes-MIN_NUM_FORMS": 0,
        "quotes-MAX_NUM_FORMS": 1000,
    }
    for i, q in enumerate(quotes):
        data[f"quotes-{i}-id"] = q.pk
        data[f"quotes-{i}-article"] = article.pk
        data[f"quotes-{i}-speaker"] = q.speaker_id or ""
        data[f"quotes-{i}-kind"] = q.kind
    data.update(changes)
    return data


def test_correcting_a_speaker_in_the_inline_marks_the_quote_corrected(admin_client):
    article = ingest_text(SEED_001).article
    other = Speaker.objects.create(name="Zakir Hasanov")
    response = admin_client.post(
        f"/admin/search/article/{article.pk}/change/",
        inline_data(article, {"quotes-0-speaker": other.pk}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    first = article.quotes.order_by("start").first()
    assert first.speaker == other and first.corrected
    assert not article.quotes.exclude(pk=first.pk).filter(corrected=True).exists()


def test_the_reextract_action_keeps_corrections(admin_client):
    article = ingest_text(SEED_001).article
    other = Speaker.objects.create(name="Zakir Hasanov")
    Quote.objects.filter(pk=article.quotes.order_by("start").first().pk).update(
        speaker=other, corrected=True
    )
    response = admin_client.post(
        "/admin/search/article/",
        {"action": "reextract_quotes", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "Corrected quotes were kept" in response.content.decode()
    assert article.quotes.filter(speaker=other, corrected=True).count() == 1
    assert article.quotes.count() == 8


def test_the_inline_says_what_reextraction_does(admin_client):
    article = ingest_text(SEED_001).article
    body = admin_client.get(f"/admin/search/article/{article.pk}/change/").content.decode()
    assert "quotes you corrected (speaker or kind) are kept as you left them" in body


def test_merging_speakers_moves_quotes_and_combines_aliases(admin_client):
    article = ingest_text(SEED_001).article
    keep = Speaker.objects.get(name="Mikhail Bocharnikov")
    duplicate = Speaker.objects.create(name="M. Bocharnikov", aliases=["Bocharnikoff"])
    Quote.objects.filter(pk=article.quotes.first().pk).update(speaker=duplicate)
    confirm = admin_client.post(
        "/admin/search/speaker/",
        {"action": "merge_speakers", "_selected_action": [keep.pk, duplicate.pk]},
    )
    assert 'id="merge-form"' in confirm.content.decode()
    response = admin_client.post(
        "/admin/search/speaker/",
        {"action": "merge_speakers", "_selected_action": [keep.pk, duplicate.pk], "keep": keep.pk},
        follow=True,
    )
    assert "Merged into Mikhail Bocharnikov" in response.content.decode()
    keep.refresh_from_db()
    assert not Speaker.objects.filter(pk=duplicate.pk).exists()
    assert keep.quotes.count() == 8
    assert {"M. Bocharnikov", "Bocharnikoff"} <= set(keep.aliases)


def test_the_update_index_action_reports_what_it_wrote(admin_client):
    article = ingest_text(SEED_001).article
    response = admin_client.post(
        "/admin/search/article/",
        {"action": "update_search_index", "_selected_action": [article.pk]},
        follow=True,
    )
    assert "search document(s) for 1 article(s)" in response.content.decode()


def quote_form(quote, **changes) -> dict:
    data = {
        "article": quote.article_id,
        "speaker": quote.speaker_id or "",
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "mention": quote.mention,
        "role": quote.role,
    }
    data.update(changes)
    return data


def test_changing_a_quotes_kind_on_its_own_page_marks_it_corrected(admin_client, gold_articles):
    quote = Quote.objects.filter(kind="direct").order_by("pk").first()
    url = f"/admin/search/quote/{quote.pk}/change/"
    response = admin_client.post(url, quote_form(quote, kind="indirect"))
    assert response.status_code == 302, response.content.decode()[:2000]
    quote.refresh_from_db()
    assert (quote.kind, quote.corrected) == ("indirect", True)


def test_changing_only_a_quotes_wording_does_not_mark_it_corrected(admin_client, gold_articles):
    quote = Quote.objects.order_by("pk").first()
    url = f"/admin/search/quote/{quote.pk}/change/"
    response = admin_client.post(url, quote_form(quote, mention="the envoy"))
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.mention == "the envoy" and quote.corrected is False


def test_the_quote_list_filters_by_the_corrected_flag(admin_client, gold_articles):
    corrected = Quote.objects.order_by("pk").first()
    Quote.objects.filter(pk=corrected.pk).update(corrected=True)
    shown = admin_client.get("/admin/search/quote/", {"corrected__exact": "1"}).context["cl"]
    assert [q.pk for q in shown.result_list] == [corrected.pk]
    others = admin_client.get("/admin/search/quote/", {"corrected__exact": "0"}).context["cl"]
    assert corrected.pk not in {q.pk for q in others.result_list} and others.result_count > 0


def test_the_article_list_filters_by_year_and_by_date_unknown(admin_client, gold_articles):
    dated, undated = gold_articles  # 2020-04-06, and one with no date
    body = admin_client.get("/admin/search/article/").content.decode()
    assert "?year=2020" in body and "?year=unknown" in body and "Date unknown" in body

    def listed(year):
        cl = admin_client.get("/admin/search/article/", {"year": year}).context["cl"]
        return [a.pk for a in cl.result_list]

    assert listed("unknown") == [undated.pk]
    assert listed("2020") == [dated.pk]
    assert listed("1999") == []
    assert sorted(listed("²")) == sorted(a.pk for a in gold_articles)  # no year: unfiltered


def test_an_editor_can_change_a_title_made_from_the_text(admin_client):
    article = ingest_text(SEED_001).article
    assert article.title.startswith("Russian ambassador to Azerbaijan Mikhail Bocharnikov")
    response = admin_client.post(
        f"/admin/search/article/{article.pk}/change/",
        inline_data(article, {"title": "Bocharnikov: Russia-Azerbaijan ties develop steadily"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.title == "Bocharnikov: Russia-Azerbaijan ties develop steadily"


def test_a_speaker_corrected_in_the_inline_is_shown_as_set_by_an_editor(admin_client):
    article = ingest_text(SEED_001).article
    other = Speaker.objects.create(name="Zakir Hasanov")
    admin_client.post(
        f"/admin/search/article/{article.pk}/change/",
        inline_data(article, {"quotes-0-speaker": other.pk}),
    )
    first = article.quotes.order_by("start").first()
    assert first.attribution == Quote.Attribution.EDITOR
    assert first.get_attribution_display() == "set by an editor"
    assert article.quotes.exclude(pk=first.pk).exclude(attribution="").exists()


def test_quotes_merged_away_come_back_to_the_speaker_kept_after_reextraction(admin_client):
    article = ingest_text(SEED_001).article
    found = Speaker.objects.get(name="Mikhail Bocharnikov")
    keep = Speaker.objects.create(name="M. Bocharnikov", role="Ambassador")
    admin_client.post(
        "/admin/search/speaker/",
        {"action": "merge_speakers", "_selected_action": [keep.pk, found.pk], "keep": keep.pk},
    )
    assert "Mikhail Bocharnikov" in Speaker.objects.get(pk=keep.pk).aliases
    article.reextract_quotes()
    assert set(article.quotes.values_list("speaker", flat=True)) == {keep.pk}
    assert not Speaker.objects.filter(name="Mikhail Bocharnikov").exists()


def test_splitting_quotes_off_to_a_new_speaker_survives_reextraction(admin_client):
    article = ingest_text(SEED_001).article
    speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
    change = admin_client.get(f"/admin/search/speaker/{speaker.pk}/change/")
    assert 'id="split-link"' in change.content.decode()
    page = admin_client.get(f"/admin/search/speaker/{speaker.pk}/split/")
    assert 'id="split-form"' in page.content.decode()
    pronoun_quotes = list(article.quotes.filter(mention="he").values_list("pk", flat=True))
    response = admin_client.post(
        f"/admin/search/speaker/{speaker.pk}/split/",
        {"quotes": pronoun_quotes, "new_name": "Somebody Else", "new_kind": "person"},
    )
    assert response.status_code == 302
    other = Speaker.objects.get(name="Somebody Else")
    moved = article.quotes.filter(speaker=other)
    assert sorted(moved.values_list("pk", flat=True)) == sorted(pronoun_quotes)
    assert all(q.corrected and q.attribution == "editor" for q in moved)

    # Even quotes re-extraction finds anew follow the decision (not only the kept ones).
    article.quotes.filter(speaker=other).update(corrected=False)
    article.reextract_quotes()
    assert set(article.quotes.filter(mention="he").values_list("speaker", flat=True)) == {other.pk}
    assert article.quotes.filter(speaker=speaker).exclude(mention="he").count() == 6
    assert set(article.quotes.filter(speaker=other).values_list("attribution", flat=True)) == {
        "editor"
    }


def test_splitting_every_quote_of_an_article_to_another_speaker(admin_client):
    article = ingest_text(SEED_001).article
    speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
    other = Speaker.objects.create(name="Mikhail Bocharnikov Jr")
    response = admin_client.post(
        f"/admin/search/speaker/{speaker.pk}/split/", {"articles": [article.pk], "into": other.pk}
    )
    assert response.status_code == 302
    article.quotes.update(corrected=False)
    article.reextract_quotes()
    assert set(article.quotes.values_list("speaker", flat=True)) == {other.pk}


def test_a_split_without_quotes_or_a_target_says_what_is_missing(admin_client):
    ingest_text(SEED_001)
    speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
    page = admin_client.post(f"/admin/search/speaker/{speaker.pk}/split/", {"new_name": "X"})
    assert page.status_code == 200
    assert "Pick the quotes to move" in page.content.decode()
    quote = speaker.quotes.first()
    page = admin_client.post(f"/admin/search/speaker/{speaker.pk}/split/", {"quotes": [quote.pk]})
    assert "Pick one speaker to move them to, or name a new one." in page.content.decode()
    assert speaker.quotes.count() == 8


def test_a_split_survives_merging_its_target_into_another_speaker(admin_client):
    article = ingest_text(SEED_001).article
    speaker = Speaker.objects.get(name="Mikhail Bocharnikov")
    admin_client.post(
        f"/admin/search/speaker/{speaker.pk}/split/",
        {"articles": [article.pk], "new_name": "Somebody Else"},
    )
    final = Speaker.objects.create(name="The Right Person")
    Speaker.objects.get(name="Somebody Else").merge_into(final)
    article.quotes.update(corrected=False)
    article.reextract_quotes()
    assert set(article.quotes.values_list("speaker", flat=True)) == {final.pk}
