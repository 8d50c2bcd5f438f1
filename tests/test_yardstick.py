import math

import pytest

from briefkit.forecasts.detection.yardstick import SOURCES, band, load_yardstick


def test_icd203_bands_match_the_directive():
    table = load_yardstick().set_index("term")
    expected = {"almost no chance": (0.01, 0.05), "very unlikely": (0.05, 0.20),
                "unlikely": (0.20, 0.45), "roughly even chance": (0.45, 0.55),
                "likely": (0.55, 0.80), "very likely": (0.80, 0.95), "almost certain": (0.95, 0.99)}
    for term, (lo, hi) in expected.items():
        assert table.at[term, "scale"] == "ICD203"
        assert (table.at[term, "p_low"], table.at[term, "p_high"]) == (lo, hi)
        assert math.isclose(table.at[term, "p_point"], (lo + hi) / 2)


def test_kent_table_central_values():
    table = load_yardstick().set_index("term")
    assert table.at["almost certain (Kent)", "p_point"] == 0.93
    assert table.at["probable (Kent)", "p_point"] == 0.75
    assert table.at["chances about even (Kent)", "p_point"] == 0.50
    assert table.at["probably not (Kent)", "p_point"] == 0.30
    assert table.at["almost certainly not (Kent)", "p_point"] == 0.07
    assert (table.at["possible (Kent)", "p_low"], table.at["possible (Kent)", "p_high"]) == (0.02, 0.99)


def test_every_row_cites_a_source_and_is_ordered():
    table = load_yardstick()
    assert table["source"].str.len().min() > 10
    assert set(table["scale"]) == set(SOURCES)
    assert (table["p_low"] <= table["p_point"]).all() and (table["p_point"] <= table["p_high"]).all()


def test_band_and_negated_complement():
    assert band("likely") == (0.55, 0.675, 0.8)
    assert band("likely", negated=True) == (0.2, 0.325, 0.45)  # = ICD 'unlikely'
    assert band("very likely", negated=True) == (0.05, 0.125, 0.2)


def test_unknown_term_names_the_parameter():
    with pytest.raises(ValueError, match="term='sure thing'"):
        band("sure thing")
