"""Time expressions: find them (:mod:`~briefkit.forecasts.timex.find`), the patterns and
calendar helpers behind them (:mod:`~briefkit.forecasts.timex.rules`) and the resolution of one
expression to a date interval (:mod:`~briefkit.forecasts.timex.resolve`).
"""
