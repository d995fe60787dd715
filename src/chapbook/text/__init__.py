"""Text helpers shared by every stage: labels in the lecture's language, sort keys,
contrast, and font metrics for measuring."""
