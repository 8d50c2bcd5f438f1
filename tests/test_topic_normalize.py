import pytest

from briefkit.topics.normalize import VocabularyError, load_vocabulary_rules
from briefkit.topics.vocab import analyze


def _write(tmp_path, text):
    p = tmp_path / "vocabulary.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_merge_country_and_leader_forms():
    r = load_vocabulary_rules()
    assert r.merge[("u.s",)] == "united states" and r.merge_exact[("US",)] == "united states"
    assert analyze("Kim Jong Un, Kim Jong-un and KIM JONG UN") == ["kim jong un"] * 3
    assert analyze("President Trump's tariffs; Trump and a trump card") == [
        "donald trump", "tariffs", "donald trump", "trump", "card", "trump card"]


def test_corpus_file_adds_merges_and_stop_terms(tmp_path):
    _write(tmp_path, '[merge]\n"usfk" = ["US Forces Korea", "U.S. Forces Korea"]\n'
                     '[stop]\nterms = ["troops"]\n[filler]\nterms = ["matter"]\n')
    r = load_vocabulary_rules(corpus=tmp_path)
    assert analyze("U.S. Forces Korea troops", rules=r) == ["usfk"]
    assert "matter" in r.filler and r.sources[-1] == "vocabulary.toml"
    _write(tmp_path, 'replace_defaults = true\n[merge]\n"x" = ["y z"]\n')
    r = load_vocabulary_rules(corpus=tmp_path)
    assert ("u.s",) not in r.merge and r.merge[("y", "z")] == "x"


@pytest.mark.parametrize("text, message", [
    ("[merges]\n", "unknown key"),
    ('[merge]\n"a" = "b"\n', "at least one form"),
    ('[merge]\n"a" = [""]\n', "non-empty"),
    ('[merge]\n"a" = ["x"]\n"b" = ["X"]\n', "claimed by both"),
    ('[stop]\nterms = "x"\n', "list"),
    ('[stop]\nwords = ["x"]\n', "stop: unknown key.s. 'words'"),
    ("[merge\n", "not valid TOML"),
    ('[merge]\n"a" = ["..."]\n', "holds no word"),
])
def test_bad_files_are_refused_with_the_file_and_problem(tmp_path, text, message):
    p = _write(tmp_path, text)
    with pytest.raises(VocabularyError, match=message) as err:
        load_vocabulary_rules(p)
    assert str(p) in str(err.value)


def test_forms_are_literal_so_regex_syntax_is_just_text(tmp_path):
    p = _write(tmp_path, '[merge]\n"evil" = ["(a+)+$ b"]\n')
    r = load_vocabulary_rules(p, defaults=False)
    assert "evil" not in analyze("a" * 5000 + "!", rules=r)
    assert analyze("a b", rules=r) == ["evil"]
