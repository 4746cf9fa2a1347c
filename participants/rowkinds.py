"""Lines of a participant list that are not participants: the signature block, totals, repeated rows.

Under (or beside) the table a region's list carries the place and date
("Sampit, 3 Maret 2026"), "Mengetahui,", the signatory's title ("Kepala Dinas
Kominfo"), their name, rank ("Pembina Tk. I (IV/b)") and NIP line
("NIP. 19750312 200003 1 001"), or a totals line ("Jumlah 25 orang"). Such
lines are recognised by their words; once one is seen, the lines below it
that hold no more than a couple of cells and no e-mail address (the
signatory's name) belong to the same block.
"""

import re

from participants.normalize import text_clean

MONTHS = (r"(januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|"
          r"desember|jan|feb|mar|apr|jun|jul|agt|agu|ags|aug|sep|sept|okt|oct|nov|des|dec)\.?")
FOOTER_PATTERNS = [re.compile(pattern, re.IGNORECASE) for pattern in (
    rf"^[^\d,@]{{2,60}},\s*(\d{{1,2}}\s+)?{MONTHS}\s+\d{{4}}$",  # Sampit, 3 Maret 2026 (day left blank too)
    r"^[^\d,@]{2,60},\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{2,4}$",  # Sampit, 03/03/2026
    r"^(mengetahui|menyetujui|disetujui( oleh)?|dibuat oleh|yang membuat|hormat kami|diketahui( oleh)?)\b",
    r"^(a\.?\s?n\.?|u\.?\s?b\.?|plt\.?|plh\.?|pj\.?|penjabat)\s",  # on behalf of, acting
    r"^(kepala|sekretaris|bupati|wali\s?kota|camat|direktur|kadis|kaban|kabid)\b",
    r"^nip\.?\s*[:.]?\s*[\d\s.]{8,}$",
    r"^(pembina|penata|pengatur|juru)\b",  # a civil servant's rank under the name
    r"^\(?\s*(ttd|dto|cap dan tanda tangan|tanda tangan)\b",
    r"^(jumlah|total|jml)\b",
)]
TOTAL = FOOTER_PATTERNS[-1]
BLOCK_MAX_CELLS = 2


def footer_line(text: str) -> bool:
    """Whether one cell's text is a line of the signature block or a total."""
    return any(pattern.search(text) for pattern in FOOTER_PATTERNS)


def row_texts(values) -> list[str]:
    return [text for text in (text_clean(value) for value in values if value is not None) if text]


def footer_kind(values, *, in_block: bool) -> str:
    """"footer" for a line of the signature block, "total" for a totals line, "" for anything else.

    Every text cell must be such a line (numbers may stand beside a total);
    inside a block already begun, a short row without an e-mail address (the
    signatory's name) is part of it too.
    """
    texts = row_texts(values)
    if not texts or any("@" in text for text in texts):
        return ""
    words = [text for text in texts if not re.fullmatch(r"[\d.,\s]+(orang)?", text, re.IGNORECASE)]
    if words and all(footer_line(text) for text in words):
        return "total" if all(TOTAL.search(text) for text in words) else "footer"
    return "footer" if in_block and len(texts) <= BLOCK_MAX_CELLS else ""


def row_signature(values: dict) -> tuple:
    """What makes two participant rows the same row: every filled column, as text."""
    return tuple(sorted((key, text_clean(value)) for key, value in values.items() if text_clean(value)))
