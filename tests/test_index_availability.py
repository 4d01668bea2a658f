"""What searches do when the index is missing or damaged: the notice, never zero results,
and a damaged index found once rather than read again on every request."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command

from search import engine
from search.engine import IndexDamaged, IndexMissing, SearchRequest, get_backend
from search.index import maintenance
from search.query import parse

from .test_indexing import story

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(search_index):
    for i in range(12):
        story(f"Talks {i} on gas transit", speaker="Mikhail Bocharnikov", quotes=[f"Deal {i}."])
    maintenance.rebuild_index()
    return search_index / (search_index / "CURRENT").read_text().strip()


def search(text: str):
    return get_backend().search(SearchRequest(query=parse(text)))


def count_opens(monkeypatch) -> list:
    store, opened = get_backend().store, []
    real_open = store.open
    monkeypatch.setattr(store, "open", lambda name: opened.append(name) or real_open(name))
    return opened


def test_a_deleted_index_folder_shows_the_notice_not_zero_results(client, built, search_index):
    shutil.rmtree(search_index)
    engine.reset_backends()  # as after a restart: nothing of the old index is held
    response = client.get("/", {"q": "transit"})
    assert response.status_code == 200
    assert 'id="search-unavailable"' in response.content.decode()
    assert response.context["results"] is None
    assert not search_index.exists()


def test_a_deleted_index_folder_is_missing_to_the_backend(built, search_index):
    shutil.rmtree(search_index)
    engine.reset_backends()
    with pytest.raises(IndexMissing, match="rebuild_index"):
        search("transit")


def test_a_damaged_index_is_not_read_again_until_it_changes(built, monkeypatch):
    max(built.glob("*.trm"), key=lambda p: p.stat().st_size).unlink()
    engine.reset_backends()
    opened = count_opens(monkeypatch)
    with pytest.raises(IndexDamaged):
        search("transit")
    tried = len(opened)
    assert tried >= 1
    for _ in range(3):
        with pytest.raises(IndexDamaged, match="rebuild_index"):
            search("transit")
    assert len(opened) == tried  # answered from what the first failure found
    assert get_backend().status()["ok"] is False

    maintenance.rebuild_index()  # the index changes: it is read again, and now it is sound
    assert len(search("transit").articles.hits) == 10
    assert len(opened) > tried


def test_a_restored_file_is_tried_again(built, monkeypatch):
    terms = max(built.glob("*.trm"), key=lambda p: p.stat().st_size)
    kept = terms.read_bytes()
    terms.unlink()
    engine.reset_backends()
    with pytest.raises(IndexDamaged):
        search("transit")
    terms.write_bytes(kept)
    assert search("transit").articles.total == 12


def test_rebuild_index_rebuilds_a_deleted_index_folder(built, search_index):
    shutil.rmtree(search_index)
    call_command("rebuild_index", stdout=io.StringIO())
    assert search("transit").articles.total == 12
