"""Planning: the projection adapter (the partnership's workforce and population into the
projection engine), population projections, saved scenarios, and the programmes' statistics
and money. Views are in ``intelligence.views.planning``; the board report in
``intelligence.reports``. See docs/projection.md (the model) and docs/planning.md (the
pages, files and report).
"""
