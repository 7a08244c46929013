"""Scores to a decision: hits summed per tag (``scores``), then the tags to emit and how clear that is (``decision``)."""
