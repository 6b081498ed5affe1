"""Reusable pieces of the views: map, legend, area panel, controls."""
