"""The renderers that need no widget: charts, the slides, the one-page PDF, the HTML report, the
PNG export and safe text. They lay out a `costmodel.brief.Brief` (or a result, for the charts)
and never import streamlit, so the command line and the tests use them as the pages do."""
