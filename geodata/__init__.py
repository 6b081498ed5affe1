"""The data layer of the atlas: SCB sources → build steps → an atomically swapped store → queries.

It never imports Dash; the web layer reads it only through `geodata.queries` and `geodata.catalog`.
"""
