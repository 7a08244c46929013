"""Scores to a decision: hits summed per tag (``scores``) and scaled by the tag's share of the intake (``ruleset.intake``), then the tags to emit and how clear that is (``decision``)."""
