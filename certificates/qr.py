"""QR codes for certificates: segno's encoding, with the error correction and the mask choice done faster,
drawn into a PDF as one vector path.

The standard (ISO/IEC 18004, 7.8.3) asks for the data mask with the lowest
penalty of the eight. segno scores each masked symbol module by module in
Python, about 4 ms of the 5 ms one certificate's QR code costs, which would
make bulk issuing several times slower than drawing the rest of the page. Here
the same eight scores (segno's rules N1 to N4, step for step) are computed on
the whole symbol at once: every row and column side by side in one integer of
bits, so a rule is a handful of shifts and masks, and the data bits are put in
place by one precomputed gather instead of a walk over the matrix. segno's own
functions encode the data and finish the symbol, so the result is the very
matrix ``segno.make(data, error="m", micro=False)`` gives; the tests compare
the two over many addresses and sizes. The Reed-Solomon error correction words
are computed here too (_final_message): one table lookup and one XOR of
integers per data byte, where segno walks every generator term. It uses segno.encoder helpers, so segno is
pinned in requirements.txt.

Layout: each row, then each column, as a line of ``size`` bits followed by one
0 bit of gap; the first line is the most significant. In the comments, "char
i" means position i of that text.
"""

import re
from functools import cache, lru_cache
from operator import itemgetter

from segno import consts, encoder

N3_PATTERN = "1011101"
DARK_RUNS = re.compile(rb"\x01+")
_RUN_TEXTS = {}  # symbol size -> {(start, end) in the joined rows: operator text}
TO_TEXT = bytes.maketrans(b"\x00\x01", b"01")
FROM_TEXT = bytes.maketrans(b"01", b"\x00\x01")


def _pack(lines) -> int:
    """Lines of 0/1 modules as one integer, each line followed by a 0 gap bit."""
    return int(b"".join(bytes(line) + b"\x00" for line in lines).translate(TO_TEXT), 2)


def _repeat(line_text: str, count: int) -> int:
    return int(line_text * count, 2)


@lru_cache(maxsize=16)
def _layout(size: int):
    """For one symbol size: where each data bit goes, the bits each mask flips, and the rule masks."""
    version = (size - 17) // 4
    function = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(function, size, size)
    encoder.add_alignment_patterns(function, size, size)
    # Let segno place "bit k" (written as k + 10, never 0, 1 or 2) to learn where each data bit goes.
    placed = [list(row) for row in function]
    data_bits = sum(row.count(0x2) for row in function)
    encoder.add_codewords(placed, [k + 10 for k in range(data_bits)], version)
    light, dark = data_bits, data_bits + 1  # two constants after the data bits
    lines = placed + [list(column) for column in zip(*placed, strict=True)]
    sources = []
    for line in lines:
        sources.extend(value - 10 if value >= 10 else (dark if value == 1 else light) for value in line)
        sources.append(light)  # the gap after each line
    function[-8][8] = 0x1  # the dark module is not data
    flips = []
    for pattern in encoder.get_data_mask_functions(False):
        grid = [[int(function[i][j] > 0x1 and bool(pattern(i, j))) for j in range(size)] for i in range(size)]
        flips.append(_pack(grid + list(zip(*grid, strict=True))))
    return {
        # data bits (then light, dark) -> the packed symbol as segno scores it: format and version areas light
        "gather": itemgetter(*sources),
        "flips": flips,
        # char i and char i-1 lie in the same line
        "pairs": _repeat("0" + "1" * (size - 1) + "0", 2 * size),
        # the same, in rows 2 to size only (a row and the one above it, for 2 x 2 blocks)
        "row_pairs": int("0" * (size + 1) + ("0" + "1" * (size - 1) + "0") * (size - 1), 2),
        "column_bits": size * (size + 1),
    }


def _n3(text: str, size: int) -> int:
    """segno's finder-like pattern rule, step for step, over all lines of the text."""
    score, stride = 0, size + 1
    index = text.find(N3_PATTERN)
    while index != -1:
        start = index - index % stride  # where this row or column begins
        local = index - start
        if local > size - 7:  # reaches over the gap into the next line: not a match
            index = text.find(N3_PATTERN, index + 1)
            continue
        line = text[start:start + size]
        offset = local + 7
        if local in (0, size - 7) or "1" not in line[max(local - 4, 0):local] or "1" not in line[offset:offset + 4]:
            score += 40
        else:
            offset = local + 4
        index = text.find(N3_PATTERN, start + offset)
    return score


def _penalty(symbol: int, size: int, layout: dict) -> int:
    """segno's penalty (N1 + N2 + N3 + N4) of a masked symbol packed as rows then columns."""
    # N1: runs of five or more modules of one colour in a row or column score length - 2.
    same = ~(symbol ^ (symbol >> 1)) & layout["pairs"]  # char i equals char i-1
    fives = same & (same >> 1) & (same >> 2) & (same >> 3)  # chars i-4 to i equal
    n1 = fives.bit_count() + 2 * (fives & ~(fives >> 1)).bit_count()
    # N2: 3 for each 2 x 2 block of one colour.
    rows = symbol >> layout["column_bits"]
    above = rows >> (size + 1)
    flat = ~(rows ^ (rows >> 1)) & ~(above ^ (above >> 1)) & ~(rows ^ above) & layout["row_pairs"]
    n2 = 3 * flat.bit_count()
    # N3: 40 for each 1:1:3:1:1 pattern with four light modules on a side (segno's reading of it).
    text = format(symbol, f"0{2 * size * (size + 1)}b")
    n3 = _n3(text, size)
    # N4: 10 for each 5 % the dark share strays from half.
    n4 = 10 * int(abs(float(rows.bit_count()) / (size ** 2) * 100 - 50) / 5)
    return n1 + n2 + n3 + n4


@cache
def _remainders(error_words: int) -> tuple:
    """For each leading coefficient c, c times the generator polynomial (without its leading term) as one int."""
    generator = consts.GEN_POLY[error_words]
    log, exp = consts.GALIOS_LOG, consts.GALIOS_EXP
    return (0,) + tuple(int.from_bytes(bytes(exp[log[c] + g] for g in generator), "big") for c in range(1, 256))


def _error_words(block: bytes, error_words: int) -> bytes:
    """The Reed-Solomon error correction words of one block: segno's synthetic division, one int for the row."""
    table, shift = _remainders(error_words), 8 * (error_words - 1)
    mask = (1 << 8 * error_words) - 1
    remainder = 0
    for byte in block:
        remainder = ((remainder << 8) & mask) ^ table[byte ^ (remainder >> shift)]
    return remainder.to_bytes(error_words, "big")


def _final_message(version: int, error: int, data_bits) -> bytes:
    """segno.encoder.make_final_message for a QR Code (not Micro): data and error words interleaved, as 0/1 bytes.

    segno turns every codeword into bits through generators; here the blocks
    are bytes and the whole message becomes bits in one format call.
    """
    data = int(bytes(data_bits).translate(TO_TEXT), 2).to_bytes(len(data_bits) // 8, "big")
    data_blocks, error_blocks, start = [], [], 0
    for info in consts.ECC[version][error]:
        for _ in range(info.num_blocks):
            block = data[start:start + info.num_data]
            start += info.num_data
            data_blocks.append(block)
            error_blocks.append(_error_words(block, info.num_total - info.num_data))
    longest = max(len(block) for block in data_blocks)
    words = bytearray(block[i] for i in range(longest) for block in data_blocks if i < len(block))
    words.extend(block[i] for i in range(len(error_blocks[0])) for block in error_blocks)
    remainder = 7 if 2 <= version <= 6 else 3 if 14 <= version <= 20 or 28 <= version <= 34 else \
        4 if 21 <= version <= 27 else 0
    return format(int.from_bytes(words, "big"), f"0{8 * len(words)}b").encode().translate(FROM_TEXT) + \
        b"\x00" * remainder


def _encode(data: str):
    """segno's final message for ``data`` (data and error correction bits), with its version and error level.

    The steps of segno.encoder.encode and _encode before the matrix (error
    level M, raised where the same version allows, as segno.make does); the
    error correction is computed here (_final_message), several times faster.
    """
    segments = encoder.prepare_data(data, None, None)
    error = consts.ERROR_LEVEL_M
    version = encoder.find_version(segments, error, eci=False, micro=False)
    error = encoder.boost_error_level(version, error, segments, False)
    buffer = encoder.Buffer()
    version_range = encoder.version_range(version)
    for segment in segments:
        encoder.write_segment(buffer, segment, None, version_range, False)
    capacity = consts.SYMBOL_CAPACITY[version][error]
    encoder.write_terminator(buffer, capacity, None, len(buffer))
    encoder.write_padding_bits(buffer, version, len(buffer))
    encoder.write_pad_codewords(buffer, version, capacity, len(buffer))
    return _final_message(version, error, buffer.getbits()), version, error


def qr_matrix(data: str):
    """The QR code (error correction M, or higher where it fits) for ``data``, as rows of 0/1 modules."""
    bits, version, error = _encode(data)
    size = encoder.calc_matrix_size(version)
    layout = _layout(size)
    flips = layout["flips"]
    plain = int(bytes(layout["gather"](bits + b"\x00\x01")).translate(TO_TEXT), 2)
    scores = [_penalty(plain ^ flip, size, layout) for flip in flips]
    best = scores.index(min(scores))  # the first of equals, as segno
    rows = format((plain ^ flips[best]) >> layout["column_bits"], f"0{size * (size + 1)}b").encode()
    stride = size + 1
    matrix = tuple(bytearray(rows[start:start + size].translate(FROM_TEXT)) for start in range(0, len(rows), stride))
    encoder.add_format_info(matrix, version, error, best)
    encoder.add_version_info(matrix, version)
    return matrix


# --- drawn into a PDF ------------------------------------------------------------------------------

def qr_path(matrix) -> str:
    """PDF path operators for the dark modules: one rectangle per run of dark modules in a row, one fill.

    Coordinates are in modules with (0, 0) at the symbol's bottom-left corner;
    the caller scales them. Each rectangle is a hair taller than a module so no
    light seam shows between rows on screen; the non-zero fill ("f") keeps the
    overlaps dark. The rows are searched as one run of bytes (a light gap
    after each row), and the operator text of a run is made once per place:
    a thousand symbols of one size share most of them.
    """
    size = len(matrix)
    texts = _RUN_TEXTS.setdefault(size, {})
    parts = []
    for run in DARK_RUNS.finditer(b"\x00".join(matrix)):
        span = run.span()
        text = texts.get(span)
        if text is None:
            row, start = divmod(span[0], size + 1)
            text = texts[span] = f"{start} {size - 1 - row} {span[1] - span[0]} 1.03 re"
        parts.append(text)
    parts.append("f")
    return "\n".join(parts)


def draw_qr(canvas, data: str, x: float, y: float, size: float):
    """Draw the QR code for ``data`` as one filled path on a white square (quiet zone included).

    The whole drawing goes into the page as one literal block of operators,
    its white square and scaling made once per place and symbol size: drawing
    it through reportlab's path object, rectangle by rectangle, costs more
    than the rest of the certificate.
    """
    matrix = qr_matrix(data)
    canvas.addLiteral(f"{_qr_frame(x, y, size, len(matrix))}\n{qr_path(matrix)}\nQ")


@lru_cache(maxsize=64)
def _qr_frame(x: float, y: float, size: float, modules: int) -> str:
    """Save the state, paint the white square, move to the symbol's corner and scale to one unit per module."""
    unit = size / (modules + 8)  # four light modules of quiet zone on each side
    return (f"q 1 g {x:.3f} {y:.3f} {size:.3f} {size:.3f} re f 0 g "
            f"{unit:.5f} 0 0 {unit:.5f} {x + 4 * unit:.3f} {y + 4 * unit:.3f} cm")
