package crypt

import "math/bits"

// Padding hides how long a sealed value is. A check-in rated 10 is one
// byte longer than one rated 9, and a ciphertext is exactly as long as
// its plaintext plus a fixed overhead, so without padding a copy of the
// database would show who rated a 10. Every value sealed under a data
// key is padded to a bucket before sealing:
//
//   - up to 4 KiB: the next power of two, at least 256 bytes, so every
//     short entry (a check-in, a favourite, a token's name) is one of a
//     few sizes;
//   - above: the next multiple of a sixteenth of the next power of two
//     (a step under an eighth of the value), at most 12.5% more, so long
//     writing costs little and still shows only its rough size.
//
// The padding is ISO/IEC 7816-4: a 0x80 byte, then zeros. It goes inside
// the AEAD, so it is authenticated with the rest.
const (
	padMin   = 256
	padSmall = 4096
)

// paddedSize is the bucket a plaintext of n bytes (plus its 0x80 marker)
// is sealed at.
func paddedSize(n int) int {
	n++ // the 0x80 marker
	if n <= padMin {
		return padMin
	}
	p := 1 << bits.Len(uint(n-1)) // next power of two ≥ n
	if p <= padSmall {
		return p
	}
	step := p / 16
	return (n + step - 1) / step * step
}

// pad returns plaintext with its padding, in a new slice.
func pad(plaintext []byte) []byte {
	out := make([]byte, paddedSize(len(plaintext)))
	copy(out, plaintext)
	out[len(plaintext)] = 0x80
	return out
}

// unpad strips the padding; ok is false if there is none.
func unpad(padded []byte) ([]byte, bool) {
	for i := len(padded) - 1; i >= 0; i-- {
		switch padded[i] {
		case 0:
			continue
		case 0x80:
			return padded[:i], true
		}
		return nil, false
	}
	return nil, false
}
