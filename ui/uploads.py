"""What every upload box does first: refuse files over the page's own limit, each named."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from render.text import bullets


def too_large(uploads: Sequence[UploadedFile], limit_bytes: int) -> bool:
    """Say which uploads are over `limit_bytes`, if any (and so are not read)."""
    over = [upload for upload in uploads if upload.size > limit_bytes]
    if over:
        st.error(bullets([f"{u.name} is {u.size:,} bytes; the limit is {limit_bytes:,}." for u in over]))
    return bool(over)
