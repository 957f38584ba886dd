"""The board report: headline workforce metrics and their trend, the projection gap by
scenario, and the programmes' statistics, as a tagged accessible PDF and the same figures as
a CSV pack. Made in the background (``tasks``); every figure comes already protected by the
disclosure library, from the metrics, the projection adapter and the programme statistics.
"""
