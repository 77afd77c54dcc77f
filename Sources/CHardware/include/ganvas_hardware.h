#pragma once
#include <stddef.h>
#include <stdint.h>

/// Thin C shims for CPU instructions Swift cannot name.

/// Asks the CPU to start loading the cache line at `p` (for reading, kept in every cache level).
/// The engine streams weight panels that do not stay cached between pictures; asking a few
/// hundred bytes ahead overlaps that memory traffic with the arithmetic.
static inline void ganvas_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/// SHA-256's 64 round constants (FIPS 180-4), shared with the portable Swift code.
extern const uint32_t ganvas_sha256_round_constants[64];

/// 1 if this CPU has the SHA extensions (and the SSSE3/SSE4.1 they are used with), else 0.
int ganvas_sha256_hardware_available(void);

/// Runs SHA-256's compression function over `blocks` whole 64-byte blocks with the SHA
/// extensions, updating `state` (the eight words a, b, ... h). Only call it when
/// `ganvas_sha256_hardware_available()` says so.
void ganvas_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);
