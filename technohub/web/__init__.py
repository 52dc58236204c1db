"""What every site shares: domain errors → answers, query parameters with bounds, form helpers.

See docs/web.md.
"""
