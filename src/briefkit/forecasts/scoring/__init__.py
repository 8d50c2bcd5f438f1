"""Scoring: the scorecard (hit rate, Brier score and skill), calibration and the analyst's next
steps, and the sentence-type detector's evaluation against hand labels.
"""
