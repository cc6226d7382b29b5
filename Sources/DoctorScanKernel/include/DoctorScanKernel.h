// The byte-scanning kernels under the streaming secret scanner of DoctorScan (issue 6), which
// calls them only through its Swift facade, `ScanKernel`; DoctorCore lists the same anchor
// candidates in Swift (`ScalarAnchorSearch`, this file's scalar path transcribed).
//
// Swift has no per-function target attributes, so code that uses AVX2 behind a run-time
// CPU check cannot be written in Swift without compiling the whole module for AVX2 (which
// would crash on older CPUs and would need unsafe flags that dependents cannot build).
// These few functions are therefore C: each has AVX-512BW, AVX2 and SSSE3 paths and a
// portable scalar path, chosen once per process from CPUID. They know nothing of secrets: the pairs
// to look for are data, built and owned by `SecretScanner` in Swift.

#ifndef DOCTOR_SCAN_KERNEL_H
#define DOCTOR_SCAN_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Nibble tables of a three-byte "Teddy" filter with eight buckets.
///
/// Position `i` is a candidate when, for some bucket, each of `p[i]`, `p[i+1]` and `p[i+2]`
/// has both its low and its high nibble in the bucket's tables for that position:
/// `low[k][p[i+k] & 15] & high[k][p[i+k] >> 4]`, for k = 0, 1, 2, all share a bit. Each bucket
/// is the cross product of its anchors' nibbles, so the filter is a superset of the anchors
/// it was built from; the caller checks every candidate exactly.
///
/// `token_start`, when its fourth byte is 1, names one anchor (its three bytes) that only
/// counts at the start of a token: where it sits inside a word, after a letter or digit that
/// no escape (`\x`, `%XX`, `\uXXXX`) could end a token before, it is no candidate. Key
/// prefixes are such anchors, and logs are full of them inside words (`task-`, `risk-`).
typedef struct {
    uint8_t low[3][16];
    uint8_t high[3][16];
    uint8_t token_start[4];
} DoctorAnchorFilter;

/// Writes to `out` the offsets `i` in `[0, count)` whose three bytes pass `filter`, in
/// increasing order, and returns how many there are (at most `count`, so `out` needs room for
/// `count` entries). Bytes at or past `available` (which is at least `count`) are read as 0.
/// `before` bytes before `p` may be read too: the `token_start` anchor is judged inside a word
/// only where six bytes before it are readable, and counts as a candidate elsewhere.
size_t doctor_anchor_candidates(const uint8_t *p, size_t count, size_t available, size_t before,
                                const DoctorAnchorFilter *filter, uint32_t *out);

/// The number of bytes equal to `byte` in `p[0..<count]`.
size_t doctor_count_byte(const uint8_t *p, size_t count, uint8_t byte);

/// The index of the first byte equal to `byte` in `p[0..<count]`, or -1 (libc's `memchr`).
ptrdiff_t doctor_first_byte(const uint8_t *p, size_t count, uint8_t byte);

/// The index of the last byte equal to `byte` in `p[0..<count]`, or -1 (`memrchr` where libc has it).
ptrdiff_t doctor_last_byte(const uint8_t *p, size_t count, uint8_t byte);

/// A 64-bit hash of a log line's shape: the line with every run of `[A-Za-z0-9_]` that holds a
/// digit (ids, timestamps, counts) replaced by one 0xFF byte, except runs of exactly three
/// digits (status codes); every other byte counts as itself. Lines that differ only in such
/// runs hash alike. Every level gives the same value (AVX-512 VBMI2 computes the shape 64
/// bytes at a time for lines up to 2 KiB; the others a run at a time).
uint64_t doctor_shape_hash(const uint8_t *p, size_t count);

/// CPU features the vector paths are compiled for, as bits of `doctor_scan_kernel_cpu_features()`.
/// AVX2 and the AVX-512 bits are set only when the OS saves the registers too (XCR0).
enum {
    DOCTOR_CPU_SSSE3 = 1 << 0,
    DOCTOR_CPU_POPCNT = 1 << 1,
    DOCTOR_CPU_AVX2 = 1 << 2,
    DOCTOR_CPU_BMI1 = 1 << 3,
    DOCTOR_CPU_AVX512F = 1 << 4,
    DOCTOR_CPU_AVX512BW = 1 << 5,
    DOCTOR_CPU_AVX512VBMI2 = 1 << 6,
};

/// What this CPU has, read from CPUID (0 off x86).
uint32_t doctor_scan_kernel_cpu_features(void);

/// Every feature the functions of `level` are compiled for: 1 = SSSE3; 2 = SSSE3, AVX2, BMI1 and
/// POPCNT; 3 = those and AVX-512F/BW. (The line-shape hash's AVX-512 path also needs VBMI2.)
uint32_t doctor_scan_kernel_required_features(int level);

/// The highest level whose every required feature is in `features` (pure: tests pass any set).
int doctor_scan_kernel_level_for(uint32_t features);

/// The instruction set the kernels use by default in this process: 3 = AVX-512BW, 2 = AVX2,
/// 1 = SSSE3, 0 = scalar. The best level this CPU can run, capped by `OPENAI_DOCTOR_SCAN_KERNEL`;
/// chosen once and never changed afterwards.
int doctor_scan_kernel_level(void);

/// The best level this CPU can run (ignoring the environment's cap).
int doctor_scan_kernel_best_level(void);

/// `doctor_anchor_candidates` at a given level (lowered to what the CPU can run), for tests and
/// benchmarks that compare the paths without changing what the rest of the process uses.
size_t doctor_anchor_candidates_at(int level, const uint8_t *p, size_t count, size_t available, size_t before,
                                   const DoctorAnchorFilter *filter, uint32_t *out);

/// `doctor_count_byte` at a given level (lowered to what the CPU can run).
size_t doctor_count_byte_at(int level, const uint8_t *p, size_t count, uint8_t byte);

/// `doctor_shape_hash` at a given level (lowered to what the CPU can run).
uint64_t doctor_shape_hash_at(int level, const uint8_t *p, size_t count);

#ifdef __cplusplus
}
#endif

#endif
