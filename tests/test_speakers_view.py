import pytest

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [s.name for s in response.context["page"].object_list]


def test_the_speakers_page_lists_speakers_with_role_and_quote_count(client, gold_articles):
    body = client.get("/speakers/").content.decode()
    assert 'href="/speakers/mikhail-bocharnikov/"' in body
    assert '<span class="quote-total">30</span> <span class="count">quotes</span>' in body
    assert "Russian ambassador to Azerbaijan" in body


def test_speakers_can_be_found_by_part_of_the_name(client, gold_articles):
    assert "Bocharnikov" in client.get("/speakers/", {"name": "bochar"}).content.decode()
    body = client.get("/speakers/", {"name": "lavrov"}).content.decode()
    assert "No speaker matches “lavrov”" in body


def test_the_most_quoted_come_first_by_default(client, newsroom):
    assert names(client.get("/speakers/"))[:2] == ["Elena Marsh", "Ines Calder"]


def test_speakers_can_be_sorted_by_name(client, newsroom):
    listed = names(client.get("/speakers/", {"sort": "name"}))
    assert listed == sorted(listed, key=str.casefold)


def test_speakers_can_be_sorted_by_their_latest_quote(client, newsroom):
    listed = names(client.get("/speakers/", {"sort": "latest", "name": "a"}))
    assert listed[:3] == ["Elena Marsh", "Maya Orten", "Tomas Verde"]


def test_the_list_has_pages_that_keep_the_search_and_sort(client, newsroom):
    first = client.get("/speakers/", {"sort": "name"})
    assert first.context["page"].paginator.num_pages == 2
    assert first.context["next_url"] == "?sort=name&page=2"
    second = client.get("/speakers/", {"sort": "name", "page": "2"})
    assert set(names(first)).isdisjoint(names(second))


def test_the_live_search_gets_only_the_list_fragment(client, newsroom):
    response = client.get("/speakers/", {"name": "marsh"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="speaker-results"')
    assert "Elena Marsh" in body and "<html" not in body
    assert "HX-Request" in response["Vary"]


def test_a_bad_sort_or_page_falls_back_to_the_whole_list(client, newsroom):
    for params in ({"sort": "shoe-size"}, {"page": "-3"}, {"page": "x"}, {"name": "x" * 300}):
        response = client.get("/speakers/", params)
        assert response.status_code == 200
        assert response.context["page"].number == 1


def test_organisations_are_marked_in_the_list_and_can_be_listed_alone(client, newsroom):
    from search.models import Speaker

    Speaker.objects.create(name="Ministry of Trade", kind="organisation")
    everyone = client.get("/speakers/", {"name": "ministry"})
    assert 'id="kind-of-ministry-of-trade"' in everyone.content.decode()
    organisations = client.get("/speakers/", {"kind": "organisation"})
    assert names(organisations) == ["Ministry of Trade"]
    body = organisations.content.decode()
    assert (
        '<a id="kind-organisation" href="/speakers/?kind=organisation" aria-current="true">' in body
    )
    assert '<input type="hidden" name="kind" value="organisation">' in body
    assert "1</strong> organisation" in body
    people = names(client.get("/speakers/", {"kind": "person"}))
    assert "Ministry of Trade" not in people and "Elena Marsh" in people


def test_the_kind_links_keep_the_name_and_sort(client, newsroom):
    response = client.get("/speakers/", {"name": "a", "sort": "name"})
    links = {value: url for value, _label, url, _active in response.context["kinds"]}
    assert links["organisation"] == "?name=a&sort=name&kind=organisation"
    assert links["all"] == "?name=a&sort=name"


def test_a_bad_kind_falls_back_to_everyone(client, newsroom):
    response = client.get("/speakers/", {"kind": "robots"})
    assert response.status_code == 200
    assert "Elena Marsh" in names(response)
