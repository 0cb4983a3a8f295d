package proof

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"unicode/utf16"
)

// Canaries are distinct phrases that share one random marker, so a scan
// for the marker in every encoding finds any of them, however many there
// are, in one pass.
type Canaries struct {
	Marker  string
	Phrases []string
}

var canaryWords = []string{"tight chest", "no reply since nine", "the kettle again", "a cold hand",
	"waiting by the window", "the fourth message", "slow breath out", "green flag", "old wound", "a quiet walk"}

// NewCanaries returns n distinct phrases under a fresh marker.
func NewCanaries(n int) *Canaries {
	c := &Canaries{Marker: "cnry" + randomLetters(14)}
	for i := range n {
		c.Phrases = append(c.Phrases, fmt.Sprintf("%s-%04d %s, %s", c.Marker, i, canaryWords[i%len(canaryWords)], randomLetters(6)))
	}
	return c
}

func randomLetters(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// Needle is one form in which a secret could be written down.
type Needle struct {
	Secret string // the secret, for reports (callers decide whether to print it)
	Form   string // "raw", "hex", "base64 std +1", …
	Bytes  []byte
}

// Forms returns every form a secret could take in a file or a log line:
// raw, hex in both cases, standard and URL base64 at each of the three
// byte alignments (so a secret inside a larger encoded value is found
// too), URL-escaped, JSON-escaped and UTF-16LE.
func Forms(secret string) []Needle {
	s := []byte(secret)
	out := []Needle{
		{secret, "raw", s},
		{secret, "hex", []byte(hex.EncodeToString(s))},
		{secret, "HEX", []byte(strings.ToUpper(hex.EncodeToString(s)))},
	}
	for _, enc := range []struct {
		name string
		e    *base64.Encoding
	}{{"base64 std", base64.RawStdEncoding}, {"base64 url", base64.RawURLEncoding}} {
		for shift := range 3 {
			if n := base64Inner(enc.e, s, shift); len(n) >= 8 {
				out = append(out, Needle{secret, fmt.Sprintf("%s +%d", enc.name, shift), n})
			}
		}
	}
	if q := url.QueryEscape(secret); q != secret {
		out = append(out, Needle{secret, "url-escaped", []byte(q)})
	}
	if p := url.PathEscape(secret); p != secret && p != url.QueryEscape(secret) {
		out = append(out, Needle{secret, "path-escaped", []byte(p)})
	}
	if j, _ := json.Marshal(secret); !bytes.Equal(j[1:len(j)-1], s) {
		out = append(out, Needle{secret, "json-escaped", j[1 : len(j)-1]})
	}
	var u16 []byte
	for _, r := range utf16.Encode([]rune(secret)) {
		u16 = append(u16, byte(r), byte(r>>8)) // #nosec G115 -- splitting a UTF-16 unit into its two bytes
	}
	out = append(out, Needle{secret, "utf-16le", u16})
	return out
}

// base64Inner encodes s as if it started shift bytes into a larger value
// and keeps only the characters that depend on s alone.
func base64Inner(e *base64.Encoding, s []byte, shift int) []byte {
	padded := append(make([]byte, shift), s...)
	enc := e.EncodeToString(padded)
	skip := (shift*8 + 5) / 6   // characters touched by the leading bytes
	keep := len(padded) * 8 / 6 // whole characters, no trailing partial one
	if keep <= skip {
		return nil
	}
	return []byte(enc[skip:keep])
}

// Hit is one secret found in one place.
type Hit struct {
	Where  string // a file name or "log line 12"
	Form   string
	Secret string
	Offset int
}

func (h Hit) String() string {
	return fmt.Sprintf("%s at %s offset %d (%s)", h.Form, h.Where, h.Offset, h.Secret)
}

// Scanner looks for many secrets at once.
type Scanner struct {
	needles []Needle
}

// NewScanner scans for every form of every secret. Empty secrets are
// skipped.
func NewScanner(secrets ...string) *Scanner {
	s := &Scanner{}
	s.Add(secrets...)
	return s
}

// Add adds secrets to look for.
func (s *Scanner) Add(secrets ...string) {
	for _, sec := range secrets {
		if sec != "" {
			s.needles = append(s.needles, Forms(sec)...)
		}
	}
}

// AddBytes adds binary secrets (wrapped keys, ciphertexts), found raw,
// as hex and as base64.
func (s *Scanner) AddBytes(label string, secrets ...[]byte) {
	for _, b := range secrets {
		if len(b) == 0 {
			continue
		}
		s.needles = append(s.needles,
			Needle{label, "raw bytes", b},
			Needle{label, "hex", []byte(hex.EncodeToString(b))},
			Needle{label, "base64 std", []byte(base64.RawStdEncoding.EncodeToString(b))},
			Needle{label, "base64 url", []byte(base64.RawURLEncoding.EncodeToString(b))})
	}
}

// AddNeedles adds byte strings exactly as given.
func (s *Scanner) AddNeedles(needles ...Needle) { s.needles = append(s.needles, needles...) }

// Needles is how many byte strings the scanner looks for.
func (s *Scanner) Needles() int { return len(s.needles) }

// Scan returns every hit in data, at most one per needle, in one pass:
// needles are indexed by their first four bytes (a 64 Ki-bit filter on the
// first two rejects most positions at once), so the cost is the length of
// data, not its length times the number of needles — an at-rest run looks
// for tens of thousands of needles in tens of megabytes. Needles shorter
// than four bytes are looked for one by one.
func (s *Scanner) Scan(where string, data []byte) []Hit {
	var hits []Hit
	found := make([]bool, len(s.needles))
	byPrefix := map[uint32][]int{}
	var first [1 << 16 / 64]uint64
	for i, n := range s.needles {
		if len(n.Bytes) < 4 {
			if j := bytes.Index(data, n.Bytes); j >= 0 {
				hits = append(hits, Hit{Where: where, Form: n.Form, Secret: n.Secret, Offset: j})
				found[i] = true
			}
			continue
		}
		k := binary.LittleEndian.Uint32(n.Bytes)
		byPrefix[k] = append(byPrefix[k], i)
		two := k & 0xffff
		first[two/64] |= 1 << (two % 64)
	}
	for j := 0; j+4 <= len(data); j++ {
		two := uint32(data[j]) | uint32(data[j+1])<<8
		if first[two/64]&(1<<(two%64)) == 0 {
			continue
		}
		for _, i := range byPrefix[binary.LittleEndian.Uint32(data[j:])] {
			n := s.needles[i]
			if !found[i] && bytes.HasPrefix(data[j:], n.Bytes) {
				found[i] = true
				hits = append(hits, Hit{Where: where, Form: n.Form, Secret: n.Secret, Offset: j})
			}
		}
	}
	return hits
}

// ScanFiles scans each file that exists; it returns the hits and the
// bytes it read from each file (0 for a missing file).
func (s *Scanner) ScanFiles(paths ...string) ([]Hit, map[string]int, error) {
	var hits []Hit
	sizes := map[string]int{}
	for _, p := range paths {
		b, err := os.ReadFile(p) // #nosec G304 -- test harness reading the files it was told to scan
		if os.IsNotExist(err) {
			sizes[p] = 0
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		sizes[p] = len(b)
		hits = append(hits, s.Scan(p, b)...)
	}
	return hits, sizes, nil
}
