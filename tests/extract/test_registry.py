"""The extractor registry: names, versions and the copies worker processes get."""

from __future__ import annotations

import pickle

import pytest

from kb.errors import ConfigError
from kb.extract import EXTRACTORS, RULES, create_extractor


def test_the_family_name_and_the_versioned_name_give_the_same_extractor():
    for name in ("spacy-rules", RULES):
        extractor = create_extractor(name)
        assert (extractor.name, extractor.version) == (RULES, "0.1.0")
    assert set(EXTRACTORS) == {"spacy-rules", RULES}


def test_an_unknown_extractor_is_named_in_the_error():
    with pytest.raises(ConfigError, match=r"unknown extractor 'nope' \(known: spacy-rules/2, spacy-rules\)"):
        create_extractor("nope")


def test_a_worker_copy_holds_the_settings_and_no_model():
    extractor = create_extractor()
    _ = extractor.gazetteer  # loaded in this process, never sent to a worker
    copy = pickle.loads(pickle.dumps(extractor))
    assert copy.settings == extractor.settings
    assert copy._gazetteer is None and copy._nlp is None
    assert len(pickle.dumps(extractor)) < 2000
