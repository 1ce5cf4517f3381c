"""Normalization: Swedish text, numbers, years and regions into one common form."""
