#pragma once
#include <png.h>
#include <string.h>

// PNG_IMAGE_VERSION and the format macros don't import into Swift: expose them as constants.
static inline png_uint_32 ganvas_png_image_version(void) { return PNG_IMAGE_VERSION; }
static inline png_uint_32 ganvas_png_format_rgb(void) { return PNG_FORMAT_RGB; }
static inline png_uint_32 ganvas_png_format_rgba(void) { return PNG_FORMAT_RGBA; }
static inline int ganvas_png_image_failed(png_imagep image) { return PNG_IMAGE_FAILED(*image); }

// zlib, for the PNG fast path (PNGFastPath.swift); inflateInit is a macro.
#include <zlib.h>
static inline int ganvas_inflate_init(z_streamp stream) { return inflateInit(stream); }
