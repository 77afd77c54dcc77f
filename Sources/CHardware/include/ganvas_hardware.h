#pragma once
#include <stddef.h>
#include <stdint.h>

/// Thin C shims for CPU instructions Swift cannot name.

/// Asks the CPU to start loading the cache line at `p` (for reading, kept in every cache level).
/// The engine streams weight panels that do not stay cached between pictures; asking a few
/// hundred bytes ahead overlaps that memory traffic with the arithmetic.
static inline void ganvas_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }

/// 1 where the compiler may use AVX-512 (32 vector registers of 16 floats), else 0. The engine's
/// two-block micro-kernel keeps twelve 16-wide sums in registers; with AVX2's sixteen 8-wide
/// registers they would spill to the stack on every step.
#if defined(__AVX512F__)
#define GANVAS_WIDE_VECTORS 1
#else
#define GANVAS_WIDE_VECTORS 0
#endif

/// SHA-256's 64 round constants (FIPS 180-4), shared with the portable Swift code.
extern const uint32_t ganvas_sha256_round_constants[64];

/// 1 if this CPU has the SHA extensions (and the SSSE3/SSE4.1 they are used with), else 0.
int ganvas_sha256_hardware_available(void);

/// Runs SHA-256's compression function over `blocks` whole 64-byte blocks with the SHA
/// extensions, updating `state` (the eight words a, b, ... h). Only call it when
/// `ganvas_sha256_hardware_available()` says so.
void ganvas_sha256_hardware_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

/// Makes this thread's float arithmetic flush subnormal results to zero (x86 FTZ). A
/// learned gate that closes a channel (sigmoid far below zero) fills maps with subnormals, and
/// every multiply-add on one took a microcode assist: a whole layer ran 3x slower. The results
/// differ from exact IEEE only below 1.2e-38.
static inline void ganvas_flush_subnormals(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    csr |= 0x8000u;  // FTZ (bit 15) only: DAZ would also zero half-precision weights below 6.1e-5 as they are widened
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
#endif
}
