"""A blank PNG to stand in for the cost chart where the test is about the text around it
(kaleido draws the real one in seconds: tests of the real chart are in test_deck and test_one_page)."""

import io

from PIL import Image


def blank_png(width: int = 160, height: int = 80) -> bytes:
    image = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(image, format="PNG")
    return image.getvalue()
