"""Figures: forecast and event timelines (:mod:`~briefkit.forecasts.figures.timeline`), the
scorecard, reliability and uptake figures (:mod:`~briefkit.forecasts.figures.scores`) and the
interactive forecast explorer (:mod:`~briefkit.forecasts.figures.interactive`).
"""
