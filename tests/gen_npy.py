#!/usr/bin/env python3
"""Writes the .npy/.npz and image fixtures used by tests/core/test_npy.cpp and
tests/core/test_image.cpp.

Run it from anywhere with a Python that has NumPy (on Debian: /usr/bin/python3):

    /usr/bin/python3 tests/gen_npy.py

It rewrites tests/fixtures/npy/ and tests/fixtures/images/ next to this script. The
output is deterministic, so rerunning it leaves git clean unless NumPy changed.

fixtures/npy/manifest.txt has one line per array, whitespace separated:

    <file> <dtype> <shape> <tags> <values...>

  file    a .npy file, or "<archive>.npz:<member>" for an archive member
  dtype   the NumPy name of the loaded array's dtype (always native byte order)
  shape   dims joined by "x" ("2x3", "5"), or "scalar" for a 0-d array
  tags    comma-separated facts about the file, "-" for none:
            exact      np.save wrote these bytes and ndgrad's npy_bytes must equal them
            fortran    fortran_order is True (the loaded array is F-contiguous)
            bigendian  the descr is big-endian
            v2, v3     header format version 2.0 / 3.0
  values  the elements in C order: bools as 0/1, integers in decimal, floats as Python's
          repr (nan, inf, -inf, -0.0 included), which strtod reads back exactly

A file ndgrad must refuse instead has:

    <file> error <ExceptionClass> <text the message must contain>

fixtures/images/manifest.txt has one line per image:

    <file> <height> <width> <channels> <pixel values in (H, W, C) order...>

The images are written by hand (zlib/struct for PNG, raw bytes for BMP), so they do
not depend on any imaging library.
"""

import os
import struct
import zlib

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NPY_DIR = os.path.join(HERE, "fixtures", "npy")
IMAGE_DIR = os.path.join(HERE, "fixtures", "images")


# --- .npy fixtures ------------------------------------------------------------------

def supported_arrays():
    """Arrays of the six dtypes ndgrad supports, saved with plain np.save."""
    f32_specials = [0.0, -0.0, 1.5, np.inf, -np.inf, np.nan, 1e-45, 3.4028235e38, 0.1]
    f64_specials = [0.1, -0.0, 1e308, 5e-324, np.nan, np.inf, -np.inf, np.pi]
    return {
        "bool_1d": np.array([True, False, True, True, False]),
        "uint8_2d": np.array([[0, 1, 127], [128, 254, 255]], dtype=np.uint8),
        "int32_1d": np.array([0, 1, -1, 2**31 - 1, -2**31, 42], dtype=np.int32),
        "int64_1d": np.array([0, -1, 2**63 - 1, -2**63, 1234567890123], dtype=np.int64),
        "float32_2d": np.array(f32_specials, dtype=np.float32).reshape(3, 3),
        "float64_2d": np.array(f64_specials, dtype=np.float64).reshape(2, 4),
        "float64_0d": np.array(3.5),
        "int64_0d": np.array(-7),
        "bool_0d": np.array(True),
        "uint8_0d": np.array(200, dtype=np.uint8),
        "float64_empty": np.zeros((0,)),
        "int32_empty_2d": np.zeros((0, 3), dtype=np.int32),
        "uint8_empty_3d": np.zeros((2, 0, 4), dtype=np.uint8),
        # A long first axis changes NumPy's padding (it reserves room for the axis to grow).
        "float32_empty_wide": np.zeros((12345678901, 0), dtype=np.float32),
        "int64_3d": np.arange(24).reshape(2, 3, 4),
        "float32_3d": (np.arange(60, dtype=np.float32) / 8).reshape(3, 4, 5),
        # 32 axes: NumPy's maximum, and a header that needs a second 64-byte block.
        "uint8_32d": np.full((1,) * 31 + (2,), 9, dtype=np.uint8),
    }


def special_layout_arrays():
    """(name, array, how to write it, tags): files np.save writes differently."""
    f_order = np.asfortranarray(np.arange(12, dtype=np.float64).reshape(3, 4))
    f_order_3d = np.asfortranarray(np.arange(24, dtype=np.int32).reshape(2, 3, 4))
    f_bool = np.asfortranarray(np.array([[True, False, False], [False, True, True]]))
    be_f64 = (np.arange(6, dtype=np.float64) - 2.5).reshape(2, 3)
    be_i4 = np.array([1, -2, 300000, -2**31, 2**31 - 1], dtype=np.int32)
    be_i8 = np.array([2**40 + 5, -3], dtype=np.int64)
    be_f4 = np.array([1.25, -np.inf, 3.0e-39], dtype=np.float32)
    be_f_order = np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3))
    return [
        ("fortran_f64_2d", f_order, None, "fortran"),
        ("fortran_i32_3d", f_order_3d, None, "fortran"),
        ("fortran_bool_2d", f_bool, None, "fortran"),
        ("bigendian_f64_2d", be_f64.astype(">f8"), None, "bigendian"),
        ("bigendian_i32_1d", be_i4.astype(">i4"), None, "bigendian"),
        ("bigendian_i64_1d", be_i8.astype(">i8"), None, "bigendian"),
        ("bigendian_f32_1d", be_f4.astype(">f4"), None, "bigendian"),
        ("bigendian_u1_1d", np.array([5, 6], dtype=">u1"), None, "-"),
        ("bigendian_fortran_i64", be_f_order.astype(">i8"), None, "fortran,bigendian"),
        ("version2_f64", np.arange(6, dtype=np.float64).reshape(2, 3), (2, 0), "v2"),
        ("version3_i32", np.array([7, 8, 9], dtype=np.int32), (3, 0), "v3"),
    ]


def unsupported_arrays():
    """Dtypes ndgrad has no equivalent for; loading must raise TypeError naming them."""
    return [
        ("unsupported_c16", np.array([1 + 2j]), "<c16"),
        ("unsupported_i2", np.array([1, 2], dtype=np.int16), "<i2"),
        ("unsupported_u2", np.array([1, 2], dtype=np.uint16), "<u2"),
        ("unsupported_f2", np.array([1.0], dtype=np.float16), "<f2"),
        ("unsupported_object", np.array([1, "a"], dtype=object), "|O"),
        ("unsupported_structured", np.zeros(2, dtype=[("a", "<i4")]), "structured"),
    ]


def values_text(a):
    """The elements of `a` in C order as manifest text."""
    flat = np.ascontiguousarray(a).reshape(-1)
    if a.dtype == np.bool_:
        return [str(int(v)) for v in flat]
    if a.dtype.kind in "iu":
        return [str(int(v)) for v in flat]
    return [repr(float(v)) for v in flat]


def manifest_line(name, a, tags):
    shape = "x".join(str(d) for d in a.shape) if a.ndim else "scalar"
    dtype = a.dtype.newbyteorder("=").name
    return " ".join([name, dtype, shape, tags] + values_text(a))


def write_npy_fixtures():
    os.makedirs(NPY_DIR, exist_ok=True)
    lines = []
    for name, a in supported_arrays().items():
        np.save(os.path.join(NPY_DIR, name + ".npy"), a)
        lines.append(manifest_line(name + ".npy", a, "exact"))
    for name, a, version, tags in special_layout_arrays():
        path = os.path.join(NPY_DIR, name + ".npy")
        if version is None:
            np.save(path, a)
        else:
            with open(path, "wb") as f:
                np.lib.format.write_array(f, a, version=version)
        lines.append(manifest_line(name + ".npy", a, tags))
    for name, a, descr in unsupported_arrays():
        np.save(os.path.join(NPY_DIR, name + ".npy"), a, allow_pickle=True)
        lines.append(f"{name}.npy error TypeError {descr}")

    # Archives: np.savez stores, np.savez_compressed deflates; both use zip64 headers.
    plain = {
        "a": np.arange(6).reshape(2, 3),
        "b": np.array([0.5, -1.0, np.nan], dtype=np.float32),
        "flag": np.array(True),
        "empty": np.zeros((0, 2)),
    }
    compressed = {
        "weights": np.linspace(-1, 1, 20).reshape(4, 5),
        "image": np.arange(12, dtype=np.uint8).reshape(2, 2, 3),
        "scalar": np.array(1.25),
        "fortran": np.asfortranarray(np.arange(6, dtype=np.int32).reshape(2, 3)),
    }
    np.savez(os.path.join(NPY_DIR, "savez.npz"), **plain)
    np.savez_compressed(os.path.join(NPY_DIR, "savez_compressed.npz"), **compressed)
    for archive, arrays in (("savez.npz", plain), ("savez_compressed.npz", compressed)):
        for member, a in arrays.items():
            lines.append(manifest_line(f"{archive}:{member}", a, "-"))

    with open(os.path.join(NPY_DIR, "manifest.txt"), "w") as f:
        f.write("# Written by tests/gen_npy.py; see its docstring for the format.\n")
        f.write("\n".join(lines) + "\n")


# --- image fixtures ---------------------------------------------------------------

def png_chunk(kind, payload):
    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_filter_row(kind, row, prev, bpp):
    """Applies PNG filter `kind` (0-4) to one row of bytes, given the row above."""
    out = bytearray()
    for i, x in enumerate(row):
        left = row[i - bpp] if i >= bpp else 0
        up = prev[i]
        up_left = prev[i - bpp] if i >= bpp else 0
        predictor = [0, left, up, (left + up) // 2, paeth(left, up, up_left)][kind]
        out.append((x - predictor) & 0xFF)
    return bytes([kind]) + bytes(out)


def write_png(path, rows, color_type, bit_depth=8, palette=None, filters=None):
    """rows: list of byte strings (already packed samples), one per image row."""
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bpp = max(1, channels * bit_depth // 8)
    width = len(rows[0]) * 8 // (channels * bit_depth)
    raw = b""
    prev = bytes(len(rows[0]))
    for y, row in enumerate(rows):
        raw += png_filter_row(filters[y] if filters else 0, row, prev, bpp)
        prev = row
    ihdr = struct.pack(">IIBBBBB", width, len(rows), bit_depth, color_type, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr)
    if palette is not None:
        data += png_chunk(b"PLTE", bytes(v for rgb in palette for v in rgb))
    data += png_chunk(b"IDAT", zlib.compress(raw, 9)) + png_chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(data)


def write_bmp24(path, pixels, top_down=False):
    """pixels: rows of (r, g, b). 24-bit BI_RGB, rows padded to 4 bytes."""
    height, width = len(pixels), len(pixels[0])
    pad = (-width * 3) % 4
    stored_rows = pixels if top_down else pixels[::-1]
    body = b"".join(bytes(v for r, g, b in row for v in (b, g, r)) + b"\0" * pad
                    for row in stored_rows)
    info = struct.pack("<IiiHHIIiiII", 40, width, -height if top_down else height, 1, 24,
                       0, len(body), 2835, 2835, 0, 0)
    header = struct.pack("<2sIHHI", b"BM", 14 + len(info) + len(body), 0, 0, 14 + len(info))
    with open(path, "wb") as f:
        f.write(header + info + body)


def image_line(name, pixels):
    """pixels: nested lists [row][column][channel]."""
    h, w, c = len(pixels), len(pixels[0]), len(pixels[0][0])
    values = [str(v) for row in pixels for px in row for v in px]
    return " ".join([name, str(h), str(w), str(c)] + values)


def write_image_fixtures():
    os.makedirs(IMAGE_DIR, exist_ok=True)
    lines = []

    rgb = [[(255, 0, 0), (0, 255, 0), (0, 0, 255)],
           [(10, 20, 30), (128, 128, 128), (250, 251, 252)]]
    write_png(os.path.join(IMAGE_DIR, "rgb_2x3.png"),
              [bytes(v for px in row for v in px) for row in rgb], color_type=2)
    lines.append(image_line("rgb_2x3.png", rgb))

    rgba = [[(1, 2, 3, 4), (50, 60, 70, 0)], [(200, 100, 0, 255), (9, 9, 9, 128)]]
    write_png(os.path.join(IMAGE_DIR, "rgba_2x2.png"),
              [bytes(v for px in row for v in px) for row in rgba], color_type=6)
    lines.append(image_line("rgba_2x2.png", rgba))

    gray = [[(16 * (4 * y + x),) for x in range(4)] for y in range(3)]
    write_png(os.path.join(IMAGE_DIR, "gray_3x4.png"),
              [bytes(px[0] for px in row) for row in gray], color_type=0)
    lines.append(image_line("gray_3x4.png", gray))

    gray_alpha = [[(0, 255), (100, 50)], [(255, 0), (30, 200)]]
    write_png(os.path.join(IMAGE_DIR, "gray_alpha_2x2.png"),
              [bytes(v for px in row for v in px) for row in gray_alpha], color_type=4)
    lines.append(image_line("gray_alpha_2x2.png", gray_alpha))

    palette = [(0, 0, 0), (255, 128, 0), (12, 34, 56)]
    indices = [[0, 1], [2, 1]]
    write_png(os.path.join(IMAGE_DIR, "palette_2x2.png"), [bytes(r) for r in indices],
              color_type=3, palette=palette)
    lines.append(image_line("palette_2x2.png", [[palette[i] for i in r] for r in indices]))

    # 16-bit samples: stb_image keeps the high byte when it converts to 8 bits.
    gray16 = [[0x1234, 0xFFFF], [0x0080, 0xAB00]]
    write_png(os.path.join(IMAGE_DIR, "gray16_2x2.png"),
              [b"".join(struct.pack(">H", v) for v in r) for r in gray16],
              color_type=0, bit_depth=16)
    lines.append(image_line("gray16_2x2.png", [[(v >> 8,) for v in r] for r in gray16]))

    # One row per PNG filter type (None, Sub, Up, Average, Paeth).
    filtered = [[((37 * y + 11 * x) % 256, (5 * x * y) % 256, (255 - 20 * x) % 256)
                 for x in range(4)] for y in range(5)]
    write_png(os.path.join(IMAGE_DIR, "filters_5x4.png"),
              [bytes(v for px in row for v in px) for row in filtered], color_type=2,
              filters=[0, 1, 2, 3, 4])
    lines.append(image_line("filters_5x4.png", filtered))

    # Width 3 needs 3 bytes of row padding in a 24-bit BMP.
    write_bmp24(os.path.join(IMAGE_DIR, "bottom_up_2x3.bmp"), rgb)
    lines.append(image_line("bottom_up_2x3.bmp", rgb))
    write_bmp24(os.path.join(IMAGE_DIR, "top_down_2x3.bmp"), rgb, top_down=True)
    lines.append(image_line("top_down_2x3.bmp", rgb))

    with open(os.path.join(IMAGE_DIR, "manifest.txt"), "w") as f:
        f.write("# Written by tests/gen_npy.py: <file> <H> <W> <C> <pixels in HWC order>\n")
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    write_npy_fixtures()
    write_image_fixtures()
