"""The ledger of what happened: events (curated and reported), proposed forecast-event links, the
analyst's reviewed outcomes and the uptake of recommendations.
"""
