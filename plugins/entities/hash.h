/*
 * 64-bit hashing shared by features, gazetteers and the model file.
 * Feature keys are hashes, never strings: the model stores no text.
 */
#ifndef ENTITIES_HASH_H
#define ENTITIES_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_SEED 0xcbf29ce484222325ULL
#define HASH_PRIME 0x100000001b3ULL

static inline uint64_t
hash_byte(uint64_t h, unsigned char c)
{
	return (h ^ c) * HASH_PRIME;
}

static inline uint64_t
hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n-- > 0)
		h = hash_byte(h, *s++);
	return h;
}

/*
 * Letters folded to lower case: ASCII, Latin-1 (À-Þ) and Cyrillic (А-Я,
 * Ѐ-Џ), as UTF-8 bytes, so "ÖSTERREICH" and "Österreich", "МОСКВА" and
 * "Москва" share their lower-case features. Other bytes are kept.
 */
static inline uint64_t
hash_lower(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char d = i + 1 < n ? (unsigned char)s[i + 1] : 0;
		if (c >= 'A' && c <= 'Z') {
			c += 'a' - 'A';
		} else if (c == 0xc3 && d >= 0x80 && d <= 0x9e && d != 0x97) {
			h = hash_byte(h, c);
			c = (unsigned char)(d + 0x20);	/* À -> à */
			i++;
		} else if (c == 0xd0 && d >= 0x80 && d <= 0xaf) {
			if (d >= 0x90 && d <= 0x9f) {		/* А-П -> а-п */
				h = hash_byte(h, 0xd0);
				c = (unsigned char)(d + 0x20);
			} else if (d >= 0xa0) {			/* Р-Я -> р-я */
				h = hash_byte(h, 0xd1);
				c = (unsigned char)(d - 0x20);
			} else {				/* Ѐ-Џ -> ѐ-џ */
				h = hash_byte(h, 0xd1);
				c = (unsigned char)(d + 0x10);
			}
			i++;
		}
		h = hash_byte(h, c);
	}
	return h;
}

/* Spreads the bits of an FNV state; keeps 0 free as "empty". */
static inline uint64_t
hash_final(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h ? h : 1;
}

static inline uint64_t
hash_mix(uint64_t a, uint64_t b)
{
	return hash_final(a * 0x9e3779b97f4a7c15ULL + b + (a >> 29));
}

#endif /* ENTITIES_HASH_H */
