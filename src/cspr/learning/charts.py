"""Server-drawn SVG charts. A chart is never the only way to read its numbers: the page puts the
same numbers in a table beside it, and the SVG itself is an image with a title and description,
with every count also written in its cell (colour is never the only carrier)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString

from cspr.learning.recurring import ThemeCounts

LABEL_WIDTH = 300
CELL_WIDTH = 56
CELL_HEIGHT = 28
HEADER_HEIGHT = 32
# Light to dark blues; the last two carry white text (contrast at least 4.5:1 both ways).
SHADES = ("#f3f2f1", "#d2e2f1", "#8eb8dc", "#1d70b8", "#003078")
DARK_FROM = 3


def _shade(count: int, highest: int) -> int:
    if count <= 0 or highest <= 0:
        return 0
    return min(len(SHADES) - 1, 1 + (count * (len(SHADES) - 2)) // highest)


def theme_year_heatmap(counts: ThemeCounts, *, chart_id: str) -> SafeString:
    """Themes down, years across; each cell shaded by its count and showing it."""
    width = LABEL_WIDTH + CELL_WIDTH * len(counts.years)
    height = HEADER_HEIGHT + CELL_HEIGHT * max(len(counts.rows), 1)
    highest = counts.highest
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="cspr-chart" role="img" '
            'width="100%" viewBox="0 0 {} {}" preserveAspectRatio="xMinYMin meet" '
            'aria-labelledby="{}-title {}-desc" font-family="Arial, sans-serif" font-size="14">',
            width,
            height,
            chart_id,
            chart_id,
        ),
        format_html(
            '<title id="{}-title">{}: reviews by theme and year</title>', chart_id, counts.title
        ),
        format_html(
            '<desc id="{}-desc">{} themes over the years {} to {}; the highest count in one year '
            "is {}. The table beside the chart gives every number.</desc>",
            chart_id,
            len(counts.rows),
            counts.years[0],
            counts.years[-1],
            highest,
        ),
    ]
    for column, year in enumerate(counts.years):
        x = LABEL_WIDTH + column * CELL_WIDTH + CELL_WIDTH // 2
        parts.append(
            format_html(
                '<text x="{}" y="20" text-anchor="middle" font-weight="bold">{}</text>', x, year
            )
        )
    for row_number, row in enumerate(counts.rows):
        y = HEADER_HEIGHT + row_number * CELL_HEIGHT
        label = row.theme.name if len(row.theme.name) <= 40 else row.theme.name[:39] + "…"
        parts.append(
            format_html(
                '<text x="0" y="{}" dominant-baseline="middle">{}</text>',
                y + CELL_HEIGHT // 2,
                label,
            )
        )
        for column, count in enumerate(row.counts):
            x = LABEL_WIDTH + column * CELL_WIDTH
            shade = _shade(count, highest)
            text_colour = "#ffffff" if shade >= DARK_FROM else "#0b0c0c"
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" '
                    'stroke-width="2"/>',
                    x,
                    y,
                    CELL_WIDTH,
                    CELL_HEIGHT,
                    SHADES[shade],
                )
            )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" dominant-baseline="middle" '
                    'fill="{}">{}</text>',
                    x + CELL_WIDTH // 2,
                    y + CELL_HEIGHT // 2,
                    text_colour,
                    count,
                )
            )
    parts.append(SafeString("</svg>"))
    # Every part came from format_html, which escaped what it was given.
    return SafeString("".join(parts))
