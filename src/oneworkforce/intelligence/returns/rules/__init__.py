"""The rules of each return format: one module per format, plus what they share."""
