"""Illustrations generated locally (no downloads) for demo and benchmark content."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

PALETTES = [
    ("#003366", "#0066cc", "#ffffff"),
    ("#00264d", "#008055", "#f2f7fc"),
    ("#5c2d91", "#0066cc", "#ffffff"),
    ("#995c00", "#cc3300", "#fff5e6"),
    ("#004d40", "#00897b", "#e0f2f1"),
    ("#1a1a1a", "#b71918", "#ffffff"),
]


def illustration(seed: str, *, width: int = 1600, height: int = 900) -> ImageFile:
    """A deterministic abstract illustration: same seed, same picture."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    dark, accent, light = rng.choice(PALETTES)
    image = PILImage.new("RGB", (width, height), dark)
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(6, 12)):
        radius = rng.randint(height // 10, height // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice([accent, light, accent])
        if rng.random() < 0.5:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=colour, width=8)
        else:
            draw.rectangle((x, y, x + radius, y + radius // 2), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ImageFile(buffer, name=f"{seed}.jpg")
