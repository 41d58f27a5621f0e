"""Explore: what a researcher asks of the areas beyond their summaries: how each grows or
shrinks over time (:func:`trends`, :func:`emerging`) and what sets two areas apart
(:func:`compare_areas`)."""

from .compare import compare_areas
from .trends import emerging, trends

__all__ = ["trends", "emerging", "compare_areas"]
