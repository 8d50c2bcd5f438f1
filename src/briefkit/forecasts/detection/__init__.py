"""Detection: sentence types and the grammar behind them (:mod:`~briefkit.forecasts.detection.detect`,
its clauses and grammar), modality, forecast rows (:mod:`~briefkit.forecasts.detection.predict`),
recommendations and the estimative yardstick that turns cues into probability bands.
"""
