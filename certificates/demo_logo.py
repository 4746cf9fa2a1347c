"""An invented emblem for the demo's certificates: a shield with a signal over a city, drawn, not downloaded."""

import io

from PIL import Image, ImageDraw

SIZE = 360
NAVY, GOLD, WHITE = (23, 54, 109), (214, 164, 38), (255, 255, 255)


def demo_logo_png() -> bytes:
    image = Image.new("RGBA", (SIZE, SIZE), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    shield = [(30, 30), (330, 30), (330, 190), (180, 340), (30, 190)]
    draw.polygon(shield, fill=NAVY, outline=GOLD, width=12)
    for left, top in ((80, 170), (130, 120), (190, 150), (240, 100)):  # the city's buildings
        draw.rectangle([left, top, left + 40, 260], fill=WHITE)
    for radius in (40, 75, 110):  # the signal over it
        draw.arc([180 - radius, 100 - radius, 180 + radius, 100 + radius], start=215, end=325, fill=GOLD, width=10)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
