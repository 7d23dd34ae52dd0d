"""Text catalogues: one module per area, each with a ``TEXTS`` dict.

Add texts in the module of your area; ``kstad_analysis.i18n`` merges them.
"""
