"""What every search backend must do, written once: a backend's own test file subclasses
``BackendContract`` and says how to make one (``make_backend(path)``).

Documents are plain dicts in the shape ``search.index.sync`` builds, so no database is needed.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from search.engine import UNDATED, Filters, SearchBackend, SearchRequest, SearchUnavailable
from search.query import parse


def article(id, title, body, *, published, source, speakers=(), version="1", dateline=""):
    speakers = list(speakers)
    return {
        "id": id,
        "version": version,
        "title": title,
        "body": body,
        "published": published,
        "dateline": dateline,
        "source": source,
        "speakers": [name for name, _slug in speakers],
        "speaker_slugs": [slug for _name, slug in speakers],
    }


def quote(
    id,
    art,
    text,
    *,
    speaker,
    slug,
    role,
    kind="direct",
    aliases=(),
    version="1",
    speaker_kind="person",
    attribution="named",
):
    return {
        "id": id,
        "version": version,
        "article_id": art["id"],
        "text": text,
        "kind": kind,
        "speaker_id": abs(hash(slug)) % 1000,
        "speaker_name": speaker,
        "speaker_slug": slug,
        "speaker_aliases": list(aliases),
        "speaker_kind": speaker_kind,
        "attribution": attribution,
        "role": role,
        "cue": "said",
        "mention": speaker.split()[-1],
        "article_title": art["title"],
        "published": art["published"],
        "source": art["source"],
    }


ALIYEV = ("Ilham Aliyev", "ilham-aliyev")
PUTIN = ("Vladimir Putin", "vladimir-putin")
BOCHARNIKOV = ("Mikhail Bocharnikov", "mikhail-bocharnikov")
KLAAR = ("Toivo Klaar", "toivo-klaar")
LAVROV = ("Sergei Lavrov", "sergei-lavrov")

MOSCOW = article(
    1,
    "Aliyev and Putin discuss bilateral relations in Moscow",
    "President Ilham Aliyev's visit to Moscow opened with talks on trade and transit. "
    '"Our relations with Russia are based on mutual respect," Aliyev said. Putin said Russia '
    "would keep cutting red tape for Azerbaijani exporters and praised the North-South corridor.",
    published=dt.date(2021, 4, 7),
    source="Trend",
    speakers=[ALIYEV, PUTIN],
    dateline="Moscow",
)
BORDER = article(
    2,
    "Bocharnikov: Russia ready to help with border delimitation",
    "Russia's ambassador Mikhail Bocharnikov told journalists in Baku that Moscow is ready to "
    "assist the delimitation of the border between Azerbaijan and Armenia. He recalled that "
    "the relation between the two peoples is centuries old.",
    published=dt.date(2019, 11, 20),
    source="Vestnik Kavkaza",
    speakers=[BOCHARNIKOV],
    dateline="Baku",
)
RESTRAINT = article(
    3,
    "EU envoy calls for restraint on the border",
    "The European Union's special representative Toivo Klaar urged all sides to exercise "
    "restraint and avoid provocations along the border. The date of the statement was not given.",
    published=None,
    source="Reuters",
    speakers=[KLAAR],
)
SANCTIONS = article(
    4,
    "Sanctions debate in Brussels",
    'Diplomats argued over <script>alert("x")</script> & "secondary" sanctions, '
    "<b onmouseover='steal()'>bold</b> claims included. Trade ministers postponed the vote.",
    published=dt.date(2020, 2, 3),
    source="Trend",
)
MINSK = article(
    5,
    "Lavrov comments on the Minsk Group",
    "Foreign Minister Sergei Lavrov said the Minsk Group format remains relevant and that "
    "Moscow will continue its mediation between Baku and Yerevan.",
    published=dt.date(2018, 6, 15),
    source="Reuters",
    speakers=[LAVROV],
)
ARTICLES = [MOSCOW, BORDER, RESTRAINT, SANCTIONS, MINSK]

QUOTES = [
    quote(
        101,
        MOSCOW,
        "Our relations with Russia are based on mutual respect",
        speaker="Ilham Aliyev",
        slug="ilham-aliyev",
        role="President of Azerbaijan",
        aliases=["Aliyev"],
    ),
    quote(
        102,
        MOSCOW,
        "Russia will keep cutting red tape for Azerbaijani exporters",
        speaker="Vladimir Putin",
        slug="vladimir-putin",
        role="President of Russia",
        kind="indirect",
    ),
    quote(
        201,
        BORDER,
        "Moscow is ready to assist the delimitation of the border between Azerbaijan and Armenia",
        speaker="Mikhail Bocharnikov",
        slug="mikhail-bocharnikov",
        role="Ambassador of Russia to Azerbaijan",
        kind="indirect",
    ),
    quote(
        202,
        BORDER,
        "The relation between our peoples is centuries old",
        speaker="Mikhail Bocharnikov",
        slug="mikhail-bocharnikov",
        role="Ambassador of Russia to Azerbaijan",
    ),
    quote(
        301,
        RESTRAINT,
        "All sides must exercise restraint & avoid <provocations> on the border",
        speaker="Toivo Klaar",
        slug="toivo-klaar",
        role="EU Special Representative for the South Caucasus",
    ),
    quote(
        501,
        MINSK,
        "The Minsk Group format remains relevant",
        speaker="Sergei Lavrov",
        slug="sergei-lavrov",
        role="Foreign Minister of Russia",
        kind="mixed",
    ),
]

MINISTRY = quote(
    502,
    MINSK,
    "Moscow will continue its mediation between Baku and Yerevan",
    speaker="Russian Foreign Ministry",
    slug="russian-foreign-ministry",
    role="",
    kind="indirect",
    speaker_kind="organisation",
    attribution="organisation",
)


class BackendContract:
    """Subclass and define ``make_backend(self, path) -> SearchBackend``."""

    def make_backend(self, path) -> SearchBackend:
        raise NotImplementedError

    @pytest.fixture
    def backend(self, tmp_path):
        backend = self.make_backend(tmp_path / "contract-index")
        yield backend
        backend.close()

    @pytest.fixture
    def loaded(self, backend):
        backend.update(ARTICLES, QUOTES)
        return backend

    # helpers

    def search(self, backend, text="", **kwargs):
        filters = kwargs.pop("filters", Filters())
        return backend.search(SearchRequest(query=parse_query(text), filters=filters, **kwargs))

    def found(self, backend, text=""):
        results = self.search(backend, text, per_page=50)
        return (
            {hit.quote_id for hit in results.quotes.hits},
            {hit.article_id for hit in results.articles.hits},
        )

    def quote_ids(self, backend, text="", **kwargs):
        return {hit.quote_id for hit in self.search(backend, text, **kwargs).quotes.hits}

    def article_ids(self, backend, text="", **kwargs):
        return {hit.article_id for hit in self.search(backend, text, **kwargs).articles.hits}

    # an empty index

    def test_an_empty_index_finds_nothing_without_error(self, backend):
        backend.rebuild([], [], total=0)
        results = self.search(backend, "relations")
        assert results.quotes.total == results.articles.total == 0
        assert results.suggestion is None

    def test_status_counts_the_documents_of_each_type(self, loaded):
        status = loaded.status()
        assert status["ok"] is True
        assert status["documents"] == {"article": 5, "quote": 6}

    # writes

    def test_update_adds_documents_that_search_then_finds(self, loaded):
        assert self.quote_ids(loaded, "delimitation") == {201}
        assert self.article_ids(loaded, "delimitation") == {2}

    def test_update_replaces_a_document_with_the_same_id(self, loaded):
        changed = dict(QUOTES[0], text="Our partnership with Russia is strategic", version="2")
        loaded.update([], [changed])
        assert self.quote_ids(loaded, "partnership") == {101}
        assert 101 not in self.quote_ids(loaded, "respect")
        assert loaded.stored_versions()["quote"][101] == "2"
        assert loaded.status()["documents"]["quote"] == 6

    def test_delete_removes_quotes_and_articles(self, loaded):
        loaded.delete(quote_ids=[202])
        assert self.quote_ids(loaded, "centuries") == set()
        assert self.article_ids(loaded, "centuries") == {2}
        loaded.delete(article_ids=[2])
        assert self.article_ids(loaded, "centuries") == set()

    def test_deleting_an_article_removes_its_quotes_too(self, loaded):
        loaded.delete(article_ids=[1])
        assert self.quote_ids(loaded, "respect") == set()
        assert loaded.stored_versions()["quote"].keys() == {201, 202, 301, 501}

    def test_stored_versions_lists_every_document_by_type(self, loaded):
        versions = loaded.stored_versions()
        assert versions["article"] == {1: "1", 2: "1", 3: "1", 4: "1", 5: "1"}
        assert versions["quote"].keys() == {101, 102, 201, 202, 301, 501}

    # what arrived since an alert last looked

    def test_quotes_after_lists_matching_quotes_above_the_id_in_order(self, loaded):
        request = SearchRequest(query=parse_query(""))
        assert loaded.quotes_after(request, 0) == [101, 102, 201, 202, 301, 501]
        assert loaded.quotes_after(request, 201) == [202, 301, 501]

    def test_quotes_after_applies_the_words_and_filters_of_the_search(self, loaded):
        words = SearchRequest(query=parse_query("border"))
        assert loaded.quotes_after(words, 0) == self.sorted_ids(loaded, "border")
        assert loaded.quotes_after(words, 201) == [301]
        by_slug = SearchRequest(query=parse_query(""), filters=Filters(speakers=(ALIYEV[1],)))
        assert loaded.quotes_after(by_slug, 0) == self.sorted_ids(
            loaded, "", filters=Filters(speakers=(ALIYEV[1],))
        )
        assert loaded.quotes_after(SearchRequest(query=parse_query("nosuchword")), 0) == []

    def sorted_ids(self, backend, text, **kwargs):
        return sorted(self.quote_ids(backend, text, per_page=50, **kwargs))

    # query forms

    def test_all_words_must_match(self, loaded):
        assert self.quote_ids(loaded, "border delimitation") == {201}
        assert self.quote_ids(loaded, "border minsk") == set()

    def test_a_phrase_matches_only_words_in_that_order(self, loaded):
        assert self.quote_ids(loaded, '"red tape"') == {102}
        assert self.quote_ids(loaded, '"tape red"') == set()

    def test_or_matches_either_word(self, loaded):
        assert self.quote_ids(loaded, "minsk OR delimitation") == {201, 501}

    def test_a_minus_excludes_documents_with_the_word(self, loaded):
        assert self.quote_ids(loaded, "border -delimitation") == {301}

    def test_a_star_matches_the_beginning_of_words(self, loaded):
        assert self.quote_ids(loaded, "delimit*") == {201}
        assert self.quote_ids(loaded, "provoc*") == {301}

    def test_words_match_the_speakers_name(self, loaded):
        assert self.quote_ids(loaded, "lavrov") == {501}

    def test_speaker_field_matches_names_in_any_case(self, loaded):
        assert self.quote_ids(loaded, "speaker:bocharnikov") == {201, 202}
        assert self.quote_ids(loaded, 'speaker:"Mikhail BOCHARNIKOV" centuries') == {202}

    def test_role_field_matches_words_of_the_role(self, loaded):
        assert self.quote_ids(loaded, "role:ambassador") == {201, 202}
        assert self.quote_ids(loaded, 'role:"president of russia"') == {102}

    def test_source_field_is_case_insensitive(self, loaded):
        assert self.article_ids(loaded, "source:trend") == {1, 4}
        assert self.article_ids(loaded, 'source:"vestnik kavkaza"') == {2}

    def test_kind_field_keeps_quotes_of_that_kind(self, loaded):
        assert self.quote_ids(loaded, "kind:indirect") == {102, 201}

    def test_from_and_to_keep_dates_in_range_and_drop_unknown_dates(self, loaded):
        results = self.search(loaded, "from:2019-01-01 to:2020-12-31")
        assert {h.article_id for h in results.articles.hits} == {2, 4}
        assert {h.quote_id for h in results.quotes.hits} == {201, 202}

    def test_years_in_from_and_to_cover_whole_years(self, loaded):
        assert self.article_ids(loaded, "from:2020 to:2020") == {4}
        assert self.article_ids(loaded, "from:2021") == {1}

    # sidebar filters

    def test_sidebar_speaker_slugs_filter_exactly(self, loaded):
        filters = Filters(speakers=("vladimir-putin",))
        assert self.quote_ids(loaded, "russia", filters=filters) == {102}

    def test_sidebar_filters_combine_with_query_words(self, loaded):
        filters = Filters(sources=("REUTERS",), years=(2018,))
        assert self.article_ids(loaded, "moscow", filters=filters) == {5}
        assert self.article_ids(loaded, "moscow", filters=Filters(kinds=("mixed",))) == {5}
        filters = Filters(date_from=dt.date(2019, 1, 1), roles=("ambassador",))
        assert self.quote_ids(loaded, "", filters=filters) == {201, 202}

    def test_quote_filters_keep_only_articles_with_such_a_quote(self, loaded):
        results = self.search(loaded, "moscow kind:indirect")
        assert {h.article_id for h in results.articles.hits} == {1, 2}
        results = self.search(loaded, "", filters=Filters(speaker_names=("lavrov",)))
        assert {h.article_id for h in results.articles.hits} == {5}

    def test_filters_that_match_nothing_give_an_empty_result(self, loaded):
        results = self.search(loaded, "speaker:nobody")
        assert results.quotes.total == results.articles.total == 0

    @pytest.mark.parametrize(
        ("text", "same_as"),
        [
            ('"', ""),
            ("*", ""),
            ("-", ""),
            ("OR", ""),
            ('""', ""),
            ('-""', ""),
            ("\x00\x01 trade", "trade"),
            ("trade OR", "trade"),
            ("'trade'", "trade"),
        ],
    )
    def test_odd_queries_search_what_is_left_of_them(self, loaded, text, same_as):
        assert self.found(loaded, text) == self.found(loaded, same_as)
        assert self.found(loaded, text)[1]  # something is found, so the comparison tells

    @pytest.mark.parametrize("text", ["x" * 10_000, "'s", "zz*"])
    def test_odd_queries_that_name_no_indexed_word_find_nothing(self, loaded, text):
        assert self.found(loaded, text) == (set(), set())

    def test_a_star_after_one_letter_matches_every_word_it_begins(self, loaded):
        assert self.found(loaded, "a*") == ({101, 102, 201, 301}, {1, 2, 3, 4, 5})

    # results

    def test_an_empty_query_lists_everything_newest_first(self, loaded):
        results = self.search(loaded, "", per_page=20)
        assert [h.article_id for h in results.articles.hits] == [1, 4, 2, 5, 3]
        assert results.quotes.total == 6

    def test_only_exclusions_list_everything_else_newest_first(self, loaded):
        results = self.search(loaded, "-moscow", per_page=20)
        assert [h.article_id for h in results.articles.hits] == [4, 3]
        assert {h.quote_id for h in results.quotes.hits} == {101, 102, 202, 301, 501}

    def test_hits_carry_what_the_page_shows(self, loaded):
        hit = self.search(loaded, "delimitation").quotes.hits[0]
        assert (hit.speaker_name, hit.speaker_slug, hit.kind) == (
            "Mikhail Bocharnikov",
            "mikhail-bocharnikov",
            "indirect",
        )
        assert hit.role == "Ambassador of Russia to Azerbaijan"
        assert (hit.article_id, hit.source, hit.published) == (
            2,
            "Vestnik Kavkaza",
            BORDER["published"],
        )
        assert hit.article_title == BORDER["title"]
        assert hit.score > 0
        article_hit = self.search(loaded, "delimitation").articles.hits[0]
        assert article_hit.speakers == (BOCHARNIKOV,)
        assert article_hit.dateline == "Baku"

    def test_relevance_puts_the_better_match_first(self, loaded):
        results = self.search(loaded, "relations russia")
        scores = [h.score for h in results.quotes.hits]
        assert scores == sorted(scores, reverse=True)
        assert results.quotes.hits[0].quote_id == 101

    def test_sort_by_date_puts_unknown_dates_last_both_ways(self, loaded):
        newest = self.search(loaded, "border", sort="newest")
        oldest = self.search(loaded, "border", sort="oldest")
        assert [h.article_id for h in newest.articles.hits] == [2, 3]
        assert [
            h.article_id for h in self.search(loaded, "moscow", sort="oldest").articles.hits
        ] == [
            5,
            2,
            1,
        ]
        assert [h.article_id for h in oldest.articles.hits][-1] == 3

    def test_pages_split_the_results_and_keep_the_total(self, loaded):
        first = self.search(loaded, "", per_page=2, page=1)
        second = self.search(loaded, "", per_page=2, page=2)
        assert first.articles.total == second.articles.total == 5
        assert first.articles.pages == 3
        ids = [h.article_id for h in first.articles.hits + second.articles.hits]
        assert len(set(ids)) == 4

    @pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
    @pytest.mark.parametrize("text", ["moscow", "", "-trade", "border OR talks"])
    def test_a_downloads_ids_are_the_pages_quotes_in_the_same_order(self, loaded, text, sort):
        paged, page = [], 1
        while True:
            results = self.search(loaded, text, sort=sort, per_page=2, page=page)
            paged += [hit.quote_id for hit in results.quotes.hits]
            if not results.quotes.has_next:
                break
            page += 1
        request = SearchRequest(query=parse_query(text), sort=sort, per_page=2, page=3)
        assert loaded.ranked_quote_ids(request, 100) == (paged, results.quotes.total)
        assert loaded.ranked_quote_ids(request, 2) == (paged[:2], results.quotes.total)

    def test_a_page_beyond_the_end_is_empty_with_the_right_total(self, loaded):
        results = self.search(loaded, "moscow", page=99)
        assert results.articles.hits == [] and results.quotes.hits == []
        assert results.articles.total == 3

    def test_facets_count_the_whole_result_set_not_just_the_page(self, loaded):
        results = self.search(loaded, "", per_page=1)
        facets = {
            name: {v.value: v.count for v in values} for name, values in results.facets.items()
        }
        assert facets["speaker"]["mikhail-bocharnikov"] == 2
        assert facets["kind"] == {"direct": 3, "indirect": 2, "mixed": 1}
        assert facets["source"] == {"Trend": 2, "Vestnik Kavkaza": 1, "Reuters": 2}
        assert facets["year"] == {"2021": 1, "2020": 1, "2019": 1, "2018": 1, "unknown": 1}
        labels = {v.value: v.label for v in results.facets["speaker"]}
        assert labels["mikhail-bocharnikov"] == "Mikhail Bocharnikov"

    def test_the_date_unknown_bucket_is_last_among_the_years(self, loaded):
        years = self.search(loaded, "").facets["year"]
        assert (years[-1].value, years[-1].label, years[-1].count) == (UNDATED, "Date unknown", 1)

    def test_the_undated_filter_keeps_only_undated_documents(self, loaded):
        results = self.search(loaded, "", filters=Filters(undated=True))
        assert {h.article_id for h in results.articles.hits} == {3}
        assert {h.article_id for h in results.quotes.hits} <= {3}

    def test_the_undated_filter_with_a_year_keeps_both(self, loaded):
        filters = Filters(years=(2018,), undated=True)
        assert self.article_ids(loaded, "", filters=filters) == {3, 5}

    def test_a_date_range_drops_undated_documents_even_with_the_undated_filter(self, loaded):
        filters = Filters(undated=True, years=(2019,), date_from=dt.date(2000, 1, 1))
        assert self.article_ids(loaded, "", filters=filters) == {2}

    def test_quote_filters_narrow_the_outlet_and_year_counts_too(self, loaded):
        results = self.search(loaded, "", filters=Filters(kinds=("indirect",)))
        counted = sum(v.count for v in results.facets["source"])
        assert counted == results.articles.total

    def test_speaker_kind_keeps_quotes_by_organisations_and_their_articles(self, backend):
        backend.update(ARTICLES, [*QUOTES, MINISTRY])
        results = self.search(backend, "", filters=Filters(speaker_kinds=("organisation",)))
        assert [h.quote_id for h in results.quotes.hits] == [502]
        assert {h.article_id for h in results.articles.hits} == {5}
        hit = results.quotes.hits[0]
        assert (hit.speaker_kind, hit.attribution) == ("organisation", "organisation")
        people = Filters(speaker_kinds=("person",))
        assert self.quote_ids(backend, "moscow", filters=people) == {201}

    def test_the_speaker_kind_facet_counts_quotes_by_what_the_speaker_is(self, backend):
        backend.update(ARTICLES, [*QUOTES, MINISTRY])
        facet = self.search(backend, "").facets["speaker_kind"]
        assert [(v.value, v.count) for v in facet] == [("person", 6), ("organisation", 1)]
        facet = self.search(backend, "mediation").facets["speaker_kind"]
        assert [(v.value, v.count) for v in facet] == [("organisation", 1)]

    def test_facets_follow_the_filters(self, loaded):
        results = self.search(loaded, "kind:indirect")
        speakers = {v.value: v.count for v in results.facets["speaker"]}
        assert speakers == {"vladimir-putin": 1, "mikhail-bocharnikov": 1}

    # activity: who says it most, and when (the same pass as the facets)

    def test_activity_is_only_counted_when_asked_for(self, loaded):
        assert self.search(loaded, "").activity is None
        assert self.search(loaded, "", activity=True).activity is not None

    def test_activity_speaker_counts_agree_with_the_speaker_facet(self, loaded):
        for text in ("", "border", "russia OR relations", "kind:direct"):
            results = self.search(loaded, text, activity=True, per_page=1)
            facet = {v.value: v.count for v in results.facets["speaker"]}
            panel = {row.value: row.count for row in results.activity.speakers}
            assert panel == facet, text
            assert [row.count for row in results.activity.speakers] == sorted(
                panel.values(), reverse=True
            )

    def test_activity_months_and_undated_add_up_to_the_quote_total(self, loaded):
        for text in ("", "border", "from:2019-01-01", "zzyzzyxq"):
            results = self.search(loaded, text, activity=True)
            activity = results.activity
            dated = sum(p.count for p in activity.months)
            assert dated + activity.undated == results.quotes.total, text
        activity = self.search(loaded, "", activity=True).activity
        assert activity.undated == 1  # Klaar's statement has no date
        assert [(p.start, p.count) for p in activity.months] == [
            (dt.date(2018, 6, 1), 1),
            (dt.date(2019, 11, 1), 2),
            (dt.date(2021, 4, 1), 2),
        ]

    def test_activity_gives_each_speakers_first_and_last_dated_quote(self, loaded):
        later = article(
            6,
            "Bocharnikov again",
            "The ambassador spoke again.",
            published=dt.date(2022, 1, 10),
            source="Trend",
            speakers=[BOCHARNIKOV],
        )
        again = quote(
            601,
            later,
            "Our peoples remain close",
            speaker="Mikhail Bocharnikov",
            slug="mikhail-bocharnikov",
            role="Ambassador",
        )
        loaded.update([later], [again])
        activity = self.search(loaded, "", activity=True).activity
        rows = {row.value: row for row in activity.speakers}
        bocharnikov = rows["mikhail-bocharnikov"]
        assert activity.speakers[0] is bocharnikov
        assert (bocharnikov.count, bocharnikov.label) == (3, "Mikhail Bocharnikov")
        assert (bocharnikov.first, bocharnikov.last) == (
            dt.date(2019, 11, 20),
            dt.date(2022, 1, 10),
        )
        assert [(p.start, p.count) for p in bocharnikov.months] == [
            (dt.date(2019, 11, 1), 2),
            (dt.date(2022, 1, 1), 1),
        ]
        klaar = rows["toivo-klaar"]
        assert (klaar.count, klaar.first, klaar.last, klaar.months) == (1, None, None, ())

    def test_activity_follows_the_words_and_filters(self, loaded):
        activity = self.search(
            loaded, "border", activity=True, filters=Filters(date_from=dt.date(2019, 1, 1))
        ).activity
        assert [row.value for row in activity.speakers] == ["mikhail-bocharnikov"]
        assert activity.undated == 0  # Klaar's undated border quote is outside the range
        assert [(p.start, p.count) for p in activity.months] == [(dt.date(2019, 11, 1), 1)]

    # highlights

    def test_highlights_mark_stemmed_forms_of_the_words(self, loaded):
        hit = self.search(loaded, "cut").quotes.hits[0]
        assert "<mark>cutting</mark>" in hit.highlighted

    def test_highlights_escape_the_text_before_marking(self, loaded):
        article_hit = self.search(loaded, "sanctions").articles.hits[0]
        snippet = article_hit.snippet
        assert "<mark>sanctions</mark>" in snippet
        assert "&lt;script&gt;" in snippet and "<script" not in snippet
        assert "&amp;" in snippet and "&quot;secondary&quot;" in snippet
        assert "<b" not in snippet and "&#x27;steal()&#x27;" in snippet
        assert _tags(snippet) <= {"<mark>", "</mark>"}
        assert article_hit.highlighted_title == "<mark>Sanctions</mark> debate in Brussels"
        quote_hit = self.search(loaded, "restraint").quotes.hits[0]
        assert quote_hit.highlighted == (
            "All sides must exercise <mark>restraint</mark> &amp; avoid &lt;provocations&gt; "
            "on the border"
        )

    def test_excluded_words_are_not_highlighted(self, loaded):
        # Only the phrase is excluded, so a hit may hold its words; they must stay unmarked.
        results = self.search(loaded, 'border -"delimitation commission"')
        hit = next(h for h in results.quotes.hits if h.quote_id == 201)
        assert "<mark>border</mark>" in hit.highlighted
        assert "delimitation" in hit.highlighted and "<mark>delimitation" not in hit.highlighted
        snippet = next(h for h in results.articles.hits if h.article_id == 2).snippet
        assert "<mark>border</mark>" in snippet
        assert "delimitation" in snippet and "<mark>delimitation" not in snippet

    def test_an_article_snippet_is_a_fragment_around_the_match(self, backend):
        body = (
            "Opening remarks about weather. " * 30
            + "The ceasefire held overnight. "
            + ("Closing remarks about nothing. " * 30)
        )
        backend.update(
            [article(9, "Long", body, published=dt.date(2022, 1, 1), source="Trend")], []
        )
        snippet = self.search(backend, "ceasefire").articles.hits[0].snippet
        assert "<mark>ceasefire</mark>" in snippet
        assert len(snippet) < 400
        assert snippet.startswith("…") and snippet.endswith("…")

    # suggestions

    def test_a_misspelt_word_gets_a_suggestion_with_its_count(self, loaded):
        results = self.search(loaded, "delimitaton")
        assert results.quotes.total == 0
        assert results.suggestion is not None
        assert "delimitation" in results.suggestion.text
        assert results.suggestion.count == 2  # one quote, one article

    def test_no_suggestion_when_the_correction_finds_nothing(self, loaded):
        assert self.search(loaded, "delimitaton source:reuters").suggestion is None
        assert self.search(loaded, "zzyzzyxq").suggestion is None

    def test_no_suggestion_when_the_query_finds_enough(self, loaded):
        assert self.search(loaded, "border").suggestion is None


def _tags(html: str) -> set[str]:
    return set(re.findall(r"</?[a-zA-Z][^>]*>", html))


def parse_query(text: str):
    return parse(text)


__all__ = ["BackendContract", "SearchUnavailable", "ARTICLES", "QUOTES", "article", "quote"]
