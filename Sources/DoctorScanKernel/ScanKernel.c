// See include/DoctorScanKernel.h for what these kernels are and why they are C.

#define _GNU_SOURCE 1

#include "DoctorScanKernel.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#define DOCTOR_X86 1
#include <cpuid.h>
#include <immintrin.h>
#endif

// MARK: scalar (every CPU; also the tails of the vector paths)

static inline uint8_t nibbles(const DoctorAnchorFilter *f, int k, uint8_t b) {
    return f->low[k][b & 15] & f->high[k][b >> 4];
}

static inline int is_alphanumeric(uint8_t c) {
    return (uint8_t)(c - '0') < 10 || (uint8_t)((c | 0x20) - 'a') < 26;
}

// Whether position i holds the filter's token-start anchor inside a word (see
// DoctorAnchorFilter): judged only with six bytes of context before it, and only in full view.
static inline int inside_word(const uint8_t *p, size_t i, size_t available, size_t before, const DoctorAnchorFilter *f) {
    const uint8_t *t = f->token_start;
    if (!t[3] || i + before < 6 || i + 2 >= available) return 0;
    if (p[i] != t[0] || p[i + 1] != t[1] || p[i + 2] != t[2] || !is_alphanumeric(p[(ptrdiff_t)i - 1])) return 0;
    return p[(ptrdiff_t)i - 2] != '\\' && p[(ptrdiff_t)i - 3] != '%' && p[(ptrdiff_t)i - 6] != '\\';
}

static size_t candidates_scalar(const uint8_t *p, size_t from, size_t count, size_t available, size_t before,
                                const DoctorAnchorFilter *f, uint32_t *out, size_t n) {
    for (size_t i = from; i < count; i++) {
        uint8_t b1 = i + 1 < available ? p[i + 1] : 0;
        uint8_t b2 = i + 2 < available ? p[i + 2] : 0;
        if (nibbles(f, 0, p[i]) & nibbles(f, 1, b1) & nibbles(f, 2, b2) && !inside_word(p, i, available, before, f)) {
            out[n++] = (uint32_t)i;
        }
    }
    return n;
}

// Clears from a step's `bits` (positions at..at+63) the token-start anchors inside a word,
// one lane at a time: `exact` are the lanes holding the anchor's bytes.
static inline uint64_t drop_inside_word(const uint8_t *p, size_t at, uint64_t bits, uint64_t exact, size_t available,
                                        size_t before, const DoctorAnchorFilter *f) {
    for (exact &= bits; exact; exact &= exact - 1) {
        size_t k = (size_t)__builtin_ctzll(exact);
        if (inside_word(p, at + k, available, before, f)) bits &= ~(UINT64_C(1) << k);
    }
    return bits;
}

// Writes `at + k` for each set bit k of `bits`, ignoring bits at or past `left` (the lanes of
// the last step that lie beyond the range), and returns the new count. Every vector path
// turns its step's mask into positions through here.
static inline size_t emit_positions(uint32_t *out, size_t n, size_t at, uint64_t bits, size_t left) {
    if (left < 64) bits &= (UINT64_C(1) << left) - 1;
    while (bits) {
        out[n++] = (uint32_t)(at + (size_t)__builtin_ctzll(bits));
        bits &= bits - 1;
    }
    return n;
}

static size_t count_scalar(const uint8_t *p, size_t count, uint8_t byte) {
    size_t n = 0;
    for (size_t i = 0; i < count; i++) n += p[i] == byte;
    return n;
}

#ifdef DOCTOR_X86

// MARK: SSSE3 (sixteen positions a step)

__attribute__((target("ssse3")))
static inline __m128i classify_ssse3(__m128i v, __m128i lo, __m128i hi) {
    const __m128i low = _mm_set1_epi8(0x0F);
    return _mm_and_si128(_mm_shuffle_epi8(lo, _mm_and_si128(v, low)),
                         _mm_shuffle_epi8(hi, _mm_and_si128(_mm_srli_epi16(v, 4), low)));
}

__attribute__((target("ssse3")))
static size_t candidates_ssse3(const uint8_t *p, size_t count, size_t available, size_t before,
                               const DoctorAnchorFilter *f, uint32_t *out) {
    __m128i lo[3], hi[3];
    for (int k = 0; k < 3; k++) {
        lo[k] = _mm_loadu_si128((const __m128i *)f->low[k]);
        hi[k] = _mm_loadu_si128((const __m128i *)f->high[k]);
    }
    const __m128i zero = _mm_setzero_si128();
    const __m128i t0 = _mm_set1_epi8((char)f->token_start[0]), t1 = _mm_set1_epi8((char)f->token_start[1]),
                  t2 = _mm_set1_epi8((char)f->token_start[2]);
    size_t n = 0, i = 0;
    for (; i < count && i + 18 <= available; i += 16) {
        __m128i v0 = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i v1 = _mm_loadu_si128((const __m128i *)(p + i + 1));
        __m128i v2 = _mm_loadu_si128((const __m128i *)(p + i + 2));
        __m128i m = classify_ssse3(v0, lo[0], hi[0]);
        m = _mm_and_si128(m, classify_ssse3(v1, lo[1], hi[1]));
        m = _mm_and_si128(m, classify_ssse3(v2, lo[2], hi[2]));
        uint64_t bits = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(m, zero)) ^ 0xFFFFu;
        if (bits && f->token_start[3]) {
            __m128i same = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(v0, t0), _mm_cmpeq_epi8(v1, t1)), _mm_cmpeq_epi8(v2, t2));
            bits = drop_inside_word(p, i, bits, (unsigned)_mm_movemask_epi8(same), available, before, f);
        }
        n = emit_positions(out, n, i, bits, count - i);
    }
    return candidates_scalar(p, i, count, available, before, f, out, n);
}

__attribute__((target("ssse3")))
static size_t count_ssse3(const uint8_t *p, size_t count, uint8_t byte) {
    const __m128i needle = _mm_set1_epi8((char)byte);
    size_t n = 0, i = 0;
    for (; i + 16 <= count; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        n += (size_t)__builtin_popcount((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, needle)));
    }
    return n + count_scalar(p + i, count - i, byte);
}

// MARK: AVX2 (thirty-two positions a step)

__attribute__((target("avx2")))
static inline __m256i classify_avx2(__m256i v, __m256i lo, __m256i hi) {
    const __m256i low = _mm256_set1_epi8(0x0F);
    return _mm256_and_si256(_mm256_shuffle_epi8(lo, _mm256_and_si256(v, low)),
                            _mm256_shuffle_epi8(hi, _mm256_and_si256(_mm256_srli_epi16(v, 4), low)));
}

__attribute__((target("avx2,bmi")))
static size_t candidates_avx2(const uint8_t *p, size_t count, size_t available, size_t before,
                              const DoctorAnchorFilter *f, uint32_t *out) {
    __m256i lo[3], hi[3];
    for (int k = 0; k < 3; k++) {
        lo[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)f->low[k]));
        hi[k] = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)f->high[k]));
    }
    const __m256i zero = _mm256_setzero_si256();
    const __m256i t0 = _mm256_set1_epi8((char)f->token_start[0]), t1 = _mm256_set1_epi8((char)f->token_start[1]),
                  t2 = _mm256_set1_epi8((char)f->token_start[2]);
    size_t n = 0, i = 0;
    for (; i < count && i + 34 <= available; i += 32) {
        __m256i v0 = _mm256_loadu_si256((const __m256i *)(p + i));
        __m256i v1 = _mm256_loadu_si256((const __m256i *)(p + i + 1));
        __m256i v2 = _mm256_loadu_si256((const __m256i *)(p + i + 2));
        __m256i m = classify_avx2(v0, lo[0], hi[0]);
        m = _mm256_and_si256(m, classify_avx2(v1, lo[1], hi[1]));
        m = _mm256_and_si256(m, classify_avx2(v2, lo[2], hi[2]));
        uint64_t bits = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, zero));
        if (bits && f->token_start[3]) {
            __m256i same = _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(v0, t0), _mm256_cmpeq_epi8(v1, t1)),
                                            _mm256_cmpeq_epi8(v2, t2));
            bits = drop_inside_word(p, i, bits, (uint32_t)_mm256_movemask_epi8(same), available, before, f);
        }
        n = emit_positions(out, n, i, bits, count - i);
    }
    return candidates_scalar(p, i, count, available, before, f, out, n);
}

__attribute__((target("avx2,popcnt")))
static size_t count_avx2(const uint8_t *p, size_t count, uint8_t byte) {
    const __m256i needle = _mm256_set1_epi8((char)byte);
    size_t n = 0, i = 0;
    for (; i + 128 <= count; i += 128) {
        uint64_t a = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), needle));
        uint64_t b = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i + 32)), needle));
        uint64_t c = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i + 64)), needle));
        uint64_t d = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i + 96)), needle));
        n += (size_t)__builtin_popcountll(a | b << 32) + (size_t)__builtin_popcountll(c | d << 32);
    }
    for (; i + 32 <= count; i += 32) {
        n += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(
            _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(p + i)), needle)));
    }
    return n + count_scalar(p + i, count - i, byte);
}

// MARK: AVX-512BW (sixty-four positions a step)

__attribute__((target("avx512f,avx512bw,bmi")))
static inline __m512i classify_avx512(__m512i v, __m512i lo, __m512i hi) {
    const __m512i low = _mm512_set1_epi8(0x0F);
    return _mm512_and_si512(_mm512_shuffle_epi8(lo, _mm512_and_si512(v, low)),
                            _mm512_shuffle_epi8(hi, _mm512_and_si512(_mm512_srli_epi16(v, 4), low)));
}

__attribute__((target("avx512f,avx512bw,bmi")))
static size_t candidates_avx512(const uint8_t *p, size_t count, size_t available, size_t before,
                                const DoctorAnchorFilter *f, uint32_t *out) {
    __m512i lo[3], hi[3];
    for (int k = 0; k < 3; k++) {
        lo[k] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)f->low[k]));
        hi[k] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i *)f->high[k]));
    }
    const __m512i t0 = _mm512_set1_epi8((char)f->token_start[0]), t1 = _mm512_set1_epi8((char)f->token_start[1]),
                  t2 = _mm512_set1_epi8((char)f->token_start[2]);
    size_t n = 0, i = 0;
    for (; i < count && i + 66 <= available; i += 64) {
        __m512i v0 = _mm512_loadu_si512((const void *)(p + i));
        __m512i v1 = _mm512_loadu_si512((const void *)(p + i + 1));
        __m512i v2 = _mm512_loadu_si512((const void *)(p + i + 2));
        __m512i m = classify_avx512(v0, lo[0], hi[0]);
        m = _mm512_and_si512(m, classify_avx512(v1, lo[1], hi[1]));
        m = _mm512_and_si512(m, classify_avx512(v2, lo[2], hi[2]));
        uint64_t bits = _mm512_test_epi8_mask(m, m);
        if (bits && f->token_start[3]) {
            uint64_t same = bits & _mm512_cmpeq_epi8_mask(v0, t0) & _mm512_cmpeq_epi8_mask(v1, t1) & _mm512_cmpeq_epi8_mask(v2, t2);
            if (same && i + before >= 6) {
                // The anchor inside a word: a letter or digit before it, and no `\x`, `%XX` or `\uXXXX` escape.
                __m512i c = _mm512_loadu_si512((const void *)(p + i - 1));
                uint64_t alphanumeric = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(c, _mm512_set1_epi8('0')), _mm512_set1_epi8(10))
                    | _mm512_cmplt_epu8_mask(_mm512_sub_epi8(_mm512_or_si512(c, _mm512_set1_epi8(0x20)), _mm512_set1_epi8('a')),
                                             _mm512_set1_epi8(26));
                uint64_t escape = _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(p + i - 2)), _mm512_set1_epi8('\\'))
                    | _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(p + i - 3)), _mm512_set1_epi8('%'))
                    | _mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(p + i - 6)), _mm512_set1_epi8('\\'));
                bits &= ~(same & alphanumeric & ~escape);
            } else if (same) {
                bits = drop_inside_word(p, i, bits, same, available, before, f);
            }
        }
        n = emit_positions(out, n, i, bits, count - i);
    }
    return candidates_scalar(p, i, count, available, before, f, out, n);
}

__attribute__((target("avx512f,avx512bw,popcnt")))
static size_t count_avx512(const uint8_t *p, size_t count, uint8_t byte) {
    const __m512i needle = _mm512_set1_epi8((char)byte);
    size_t n = 0, i = 0;
    for (; i + 64 <= count; i += 64) {
        n += (size_t)__builtin_popcountll(_mm512_cmpeq_epi8_mask(_mm512_loadu_si512((const void *)(p + i)), needle));
    }
    return n + count_scalar(p + i, count - i, byte);
}

static uint32_t detected_features(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    uint32_t features = 0;
    if (c & bit_SSSE3) features |= DOCTOR_CPU_SSSE3;
    if (c & bit_POPCNT) features |= DOCTOR_CPU_POPCNT;
    int osxsave = (c & bit_OSXSAVE) != 0;
    int avx = (c & bit_AVX) != 0;
    if (osxsave && avx && __get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        // The OS must save the registers: XCR0 bits 1-2 for YMM, and 5-7 too for ZMM.
        unsigned lo, hi;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        int ymm = (lo & 0x6) == 0x6;
        int zmm = (lo & 0xE6) == 0xE6;
        if (ymm && (b & bit_AVX2)) features |= DOCTOR_CPU_AVX2;
        if (b & bit_BMI) features |= DOCTOR_CPU_BMI1;
        if (zmm && (b & bit_AVX512F)) features |= DOCTOR_CPU_AVX512F;
        if (zmm && (b & bit_AVX512BW)) features |= DOCTOR_CPU_AVX512BW;
        if (zmm && (c & bit_AVX512VBMI2)) features |= DOCTOR_CPU_AVX512VBMI2;
    }
    return features;
}

#else

static uint32_t detected_features(void) { return 0; }

#endif

// Every feature each level's functions are compiled for (their target attributes): a level is
// used only when the CPU has all of them, so no path can meet an instruction it lacks.
uint32_t doctor_scan_kernel_required_features(int level) {
    switch (level) {
    case 1: return DOCTOR_CPU_SSSE3;
    case 2: return DOCTOR_CPU_SSSE3 | DOCTOR_CPU_AVX2 | DOCTOR_CPU_BMI1 | DOCTOR_CPU_POPCNT;
    case 3: return doctor_scan_kernel_required_features(2) | DOCTOR_CPU_AVX512F | DOCTOR_CPU_AVX512BW;
    default: return 0;
    }
}

int doctor_scan_kernel_level_for(uint32_t features) {
    for (int level = 3; level > 0; level--) {
        uint32_t need = doctor_scan_kernel_required_features(level);
        if ((features & need) == need) return level;
    }
    return 0;
}

#ifdef DOCTOR_X86
// The line-shape hash's AVX-512 path needs VBMI2 (byte compression) on top of level 3.
static int shape_vector_allowed(int level, uint32_t features) {
    uint32_t need = doctor_scan_kernel_required_features(3) | DOCTOR_CPU_AVX512VBMI2;
    return level == 3 && (features & need) == need;
}
#endif

// MARK: line ends

ptrdiff_t doctor_first_byte(const uint8_t *p, size_t count, uint8_t byte) {
    const uint8_t *found = count ? memchr(p, byte, count) : NULL;
    return found ? found - p : -1;
}

ptrdiff_t doctor_last_byte(const uint8_t *p, size_t count, uint8_t byte) {
#if defined(__GLIBC__)
    const uint8_t *found = count ? memrchr(p, byte, count) : NULL;
    return found ? found - p : -1;
#else
    for (size_t i = count; i > 0; i--) {
        if (p[i - 1] == byte) return (ptrdiff_t)(i - 1);
    }
    return -1;
#endif
}

// MARK: line shapes

// 1 for a word byte ([A-Za-z0-9_]), 2 more for a digit.
static const uint8_t shape_class[256] = {
    ['0'] = 3, ['1'] = 3, ['2'] = 3, ['3'] = 3, ['4'] = 3, ['5'] = 3, ['6'] = 3, ['7'] = 3, ['8'] = 3, ['9'] = 3,
    ['_'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
    ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
    ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static inline uint64_t shape_mix(uint64_t h, uint64_t x) {
    h = (h ^ x) * UINT64_C(0x9E3779B97F4A7C15);
    return h ^ (h >> 29);
}

// The shape of a line is a byte stream: the line with every folded run replaced by one
// SHAPE_MARK byte. Its hash mixes the stream eight bytes at a time, then the tail and the
// length, so any way of producing the stream (a run at a time, or compressed 64 bytes at a
// time) gives the same value.
#define SHAPE_MARK 0xFF

typedef struct {
    uint64_t h;
    uint64_t pending;  // the last (length % 8) bytes, little-endian
    uint64_t length;
} shape_stream;

static inline shape_stream shape_start(void) {
    shape_stream s = {UINT64_C(0xcbf29ce484222325), 0, 0};
    return s;
}

static inline void shape_append(shape_stream *s, const uint8_t *p, size_t n) {
    while (n > 0 && (s->length & 7) != 0) {
        s->pending |= (uint64_t)*p++ << (8 * (s->length & 7));
        s->length++;
        n--;
        if ((s->length & 7) == 0) { s->h = shape_mix(s->h, s->pending); s->pending = 0; }
    }
    for (; n >= 8; n -= 8, p += 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        s->h = shape_mix(s->h, w);
        s->length += 8;
    }
    for (; n > 0; n--, p++) {
        s->pending |= (uint64_t)*p << (8 * (s->length & 7));
        s->length++;
    }
}

static inline uint64_t shape_finish(const shape_stream *s) {
    return shape_mix(shape_mix(s->h, s->pending), s->length);
}

// The reference: a run at a time (every CPU; also inputs the vector path does not take).
static uint64_t shape_hash_runs(const uint8_t *p, size_t count) {
    static const uint8_t mark = SHAPE_MARK;
    shape_stream s = shape_start();
    size_t i = 0;
    while (i < count) {
        size_t start = i;
        if (shape_class[p[i]]) {
            unsigned digits = 0;
            while (i < count && shape_class[p[i]]) { digits += shape_class[p[i]] >> 1; i++; }
            size_t length = i - start;
            if (digits == 0 || (digits == 3 && length == 3)) shape_append(&s, p + start, length);
            else shape_append(&s, &mark, 1);
        } else {
            while (i < count && !shape_class[p[i]]) i++;
            shape_append(&s, p + start, i - start);
        }
    }
    return shape_finish(&s);
}

#ifdef DOCTOR_X86

// The longest input the vector path takes whole (longer ones go to the reference).
#define SHAPE_VECTOR_LIMIT 2048
#define SHAPE_WORDS (SHAPE_VECTOR_LIMIT / 64)

// Bit masks, one bit per byte, 64 bytes a word: W = word bytes, D = digits. Folded runs are the
// runs of W holding a D bit, found by filling D up and then down within W (a parallel-prefix
// fill, carried across words); runs of exactly three digits are kept. Each 64-byte block is
// then compressed (VBMI2) to the bytes kept, the first byte of each folded run turned into the
// mark, and the stream is hashed as the reference hashes it.
__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,popcnt")))
static uint64_t shape_hash_avx512(const uint8_t *p, size_t count) {
    uint64_t w[SHAPE_WORDS + 1], d[SHAPE_WORDS + 1], f[SHAPE_WORDS + 1];
    const size_t words = (count + 63) / 64;
    for (size_t i = 0; i < words; i++) {
        size_t left = count - 64 * i;
        __mmask64 valid = left >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << left) - 1);
        __m512i v = _mm512_maskz_loadu_epi8(valid, p + 64 * i);
        __mmask64 digit = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8('0')), _mm512_set1_epi8(10));
        __m512i folded = _mm512_or_si512(v, _mm512_set1_epi8(0x20));  // A-Z to a-z
        __mmask64 letter = _mm512_cmplt_epu8_mask(_mm512_sub_epi8(folded, _mm512_set1_epi8('a')), _mm512_set1_epi8(26));
        __mmask64 underscore = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('_'));
        d[i] = digit & valid;
        w[i] = (digit | letter | underscore) & valid;
    }
    w[words] = d[words] = 0;
    // Up: from each digit to the end of its run.
    uint64_t carry = 0;
    for (size_t i = 0; i < words; i++) {
        uint64_t g = w[i], m = d[i] | (carry & g & 1);
        for (int k = 1; k < 64; k <<= 1) { m |= (m << k) & g; g &= g << k; }
        f[i] = m;
        carry = m >> 63;
    }
    // Down: from there to the start of the run.
    carry = 0;
    for (size_t i = words; i-- > 0;) {
        uint64_t g = w[i], m = f[i] | ((carry & (g >> 63)) << 63);
        for (int k = 1; k < 64; k <<= 1) { m |= (m >> k) & g; g &= g >> k; }
        f[i] = m;
        carry = m & 1;
    }
    // Runs of exactly three digits (status codes) are kept; the first byte of a folded run
    // becomes the mark and the rest of the run is dropped.
    uint8_t out[SHAPE_VECTOR_LIMIT + 64];
    size_t n = 0;
    uint64_t spill = 0;  // three-digit-run bits spilling into this word from the one before
    for (size_t i = 0; i < words; i++) {
        uint64_t prev = i > 0 ? w[i - 1] >> 63 : 0;
        uint64_t start = w[i] & ~((w[i] << 1) | prev);
        uint64_t end = w[i] & ~((w[i] >> 1) | (w[i + 1] << 63));
        uint64_t endNext = w[i + 1] & ~(w[i + 1] >> 1);  // bits 0 and 1 only are used
        uint64_t d1 = (d[i] >> 1) | (d[i + 1] << 63), d2 = (d[i] >> 2) | (d[i + 1] << 62);
        uint64_t e2 = (end >> 2) | (endNext << 62);
        uint64_t three = start & d[i] & d1 & d2 & e2;
        uint64_t threeRuns = three | (three << 1) | (three << 2) | spill;
        spill = (three >> 63) | (three >> 62);
        uint64_t fold = f[i] & ~threeRuns;
        uint64_t marks = fold & start;
        size_t left = count - 64 * i;
        uint64_t valid = left >= 64 ? ~UINT64_C(0) : ((UINT64_C(1) << left) - 1);
        uint64_t keep = (~fold | marks) & valid;
        __m512i v = _mm512_maskz_loadu_epi8(valid, p + 64 * i);
        v = _mm512_mask_mov_epi8(v, marks, _mm512_set1_epi8((char)SHAPE_MARK));
        _mm512_storeu_si512(out + n, _mm512_maskz_compress_epi8(keep, v));
        n += (size_t)__builtin_popcountll(keep);
    }
    shape_stream s = shape_start();
    shape_append(&s, out, n);
    return shape_finish(&s);
}

#endif

static int level(void);
static uint32_t features(void);
static int runnable(int wanted);

uint64_t doctor_shape_hash_at(int level, const uint8_t *p, size_t count) {
#ifdef DOCTOR_X86
    if (count <= SHAPE_VECTOR_LIMIT && shape_vector_allowed(runnable(level), features())) {
        return shape_hash_avx512(p, count);
    }
#endif
    (void)level;
    return shape_hash_runs(p, count);
}

uint64_t doctor_shape_hash(const uint8_t *p, size_t count) { return doctor_shape_hash_at(level(), p, count); }

// MARK: dispatch

static int best_level = -1;
static int chosen_level = -1;
static uint32_t cpu_features = 0;

// OPENAI_DOCTOR_SCAN_KERNEL=scalar|ssse3|avx2|avx512 caps the level (for benchmarks, and as
// a way out should a vector path ever misbehave on some CPU).
static int capped(int best) {
    const char *cap = getenv("OPENAI_DOCTOR_SCAN_KERNEL");
    if (cap == NULL) return best;
    int wanted = best;
    if (strcmp(cap, "scalar") == 0) wanted = 0;
    else if (strcmp(cap, "ssse3") == 0) wanted = 1;
    else if (strcmp(cap, "avx2") == 0) wanted = 2;
    else if (strcmp(cap, "avx512") == 0) wanted = 3;
    return wanted < best ? wanted : best;
}

// Chosen once per process; every later read sees the same values (a race only redoes the same work).
static int level(void) {
    int l = __atomic_load_n(&chosen_level, __ATOMIC_ACQUIRE);
    if (l >= 0) return l;
    uint32_t found = detected_features();
    int best = doctor_scan_kernel_level_for(found);
    __atomic_store_n(&cpu_features, found, __ATOMIC_RELAXED);
    __atomic_store_n(&best_level, best, __ATOMIC_RELAXED);
    l = capped(best);
    __atomic_store_n(&chosen_level, l, __ATOMIC_RELEASE);
    return l;
}

static uint32_t features(void) {
    (void)level();
    return __atomic_load_n(&cpu_features, __ATOMIC_RELAXED);
}

int doctor_scan_kernel_level(void) { return level(); }

int doctor_scan_kernel_best_level(void) {
    (void)level();
    return __atomic_load_n(&best_level, __ATOMIC_RELAXED);
}

uint32_t doctor_scan_kernel_cpu_features(void) { return features(); }

// A level this CPU cannot run is lowered to the best it can: no caller can pick a path whose
// instructions are missing.
static int runnable(int wanted) {
    int best = doctor_scan_kernel_best_level();
    return wanted < 0 ? 0 : wanted > best ? best : wanted;
}

size_t doctor_anchor_candidates_at(int wanted, const uint8_t *p, size_t count, size_t available, size_t before,
                                   const DoctorAnchorFilter *filter, uint32_t *out) {
    if (available < count) count = available;
#ifdef DOCTOR_X86
    switch (runnable(wanted)) {
    case 3: return candidates_avx512(p, count, available, before, filter, out);
    case 2: return candidates_avx2(p, count, available, before, filter, out);
    case 1: return candidates_ssse3(p, count, available, before, filter, out);
    default: break;
    }
#else
    (void)wanted;
#endif
    return candidates_scalar(p, 0, count, available, before, filter, out, 0);
}

size_t doctor_anchor_candidates(const uint8_t *p, size_t count, size_t available, size_t before,
                                const DoctorAnchorFilter *filter, uint32_t *out) {
    return doctor_anchor_candidates_at(level(), p, count, available, before, filter, out);
}

size_t doctor_count_byte_at(int wanted, const uint8_t *p, size_t count, uint8_t byte) {
#ifdef DOCTOR_X86
    switch (runnable(wanted)) {
    case 3: return count_avx512(p, count, byte);
    case 2: return count_avx2(p, count, byte);
    case 1: return count_ssse3(p, count, byte);
    default: break;
    }
#else
    (void)wanted;
#endif
    return count_scalar(p, count, byte);
}

size_t doctor_count_byte(const uint8_t *p, size_t count, uint8_t byte) { return doctor_count_byte_at(level(), p, count, byte); }
