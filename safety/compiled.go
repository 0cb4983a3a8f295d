package safety

import (
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"
	"unsafe"
)

// Compiling rules.txt (expanding every line into its word sequences and
// packing them into the trie) takes a quarter of a second and allocates
// about 90 MB, once per process. So it is done at build time instead:
// `go generate ./safety` (go run ./safety/cmd/crisis-compile) writes what
// the build gives, the vocabulary, the packed trie and what each sequence
// means, to trie.bin, and NewDetector reads it back. The arrays of the
// trie are used where they lie in the binary's read-only data, without a
// copy, so they are not on the heap either.
//
// TestTrieUpToDate compiles the rules again and fails when trie.bin is not
// exactly what that gives, so a rule edit cannot ship without it.
// TestCompiledMatchesBuilt checks that the loaded and the freshly built
// detector are the same structure and give the same verdicts.
//
// The file (all numbers little-endian):
//
//	0   magic "SBTRIE\r\n"
//	8   format version (uint32), number of sections (uint32)
//	16  SHA-256 of what the build reads (inputsHash)
//	48  CRC-32C of the whole file, these four bytes taken as zero
//	52  trie.maxLen, number of rules (uint32 each)
//	60  four zero bytes
//	64  per section: offset and length in bytes (uint32 each)
//	..  the sections in the order of the sec constants, each starting at
//	    a multiple of 8 bytes
//
// The model (model_weights.tsv) is not in the file: it is read at start as
// before, so retraining never touches trie.bin.

//go:generate go run ./cmd/crisis-compile -root ..
//go:embed trie.bin
var compiledTrie string

// TrieFile is the path of the compiled rules inside the repository.
const TrieFile = "safety/trie.bin"

const (
	trieMagic   = "SBTRIE\r\n"
	trieVersion = 1
	trieHeader  = 64
	// regenerate is what to run when trie.bin does not fit the code.
	regenerate = "run go generate ./safety (or go run ./safety/cmd/crisis-compile from the repository root)"
)

// The sections of trie.bin.
const (
	secNameOff  = iota // uint32 × (names+1): where each sym's lemma starts in secNames
	secNames           // the lemmas, one after another
	secFlags           // uint32 × names: vocab.flags
	secWordOff         // uint32 × (words+1): vocab.words keys, sorted, in secWords
	secWords           // the keys, one after another
	secWordSyms        // uint32 × (words+1): where each key's syms start in secSyms
	secSyms            // int32: the syms of every key
	secRoot            // int32 × names: trie.root
	secNodes           // trieNode: trie.nodes
	secEdges           // trieEdge: trie.edges
	secTrieActs        // int32: trie.acts
	secActs            // act, 8 bytes each: Detector.acts
	secCount
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// inputsHash identifies what a compile reads besides the code: the rules
// and the word tables of vocab.go and vocab_typos.go. A trie.bin made from
// other inputs is refused at start. Changes to code (the tokenizer, the
// inflection rules) do not show here; TestTrieUpToDate catches them.
func inputsHash() [32]byte {
	h := sha256.New()
	w := func(parts ...string) {
		for _, p := range parts {
			h.Write(bytesOf(p))
			h.Write([]byte{0})
		}
	}
	sortedMap := func(name string, m map[string]string) {
		w(name)
		for _, k := range slices.Sorted(maps.Keys(m)) {
			w(k, m[k])
		}
	}
	w("securebase crisis trie", fmt.Sprint(trieVersion), rulesText)
	w("fillers")
	w(fillerWords...)
	sortedMap("contractions", contractionWords)
	sortedMap("clause contractions", clauseContractions)
	w("clause openers")
	w(clauseOpeners...)
	sortedMap("irregular", irregularWords)
	w("inflectable")
	w(inflectableWords...)
	w("masked")
	w(maskedWords...)
	w("typokeys")
	w(typoKeys...)
	w("typoreal")
	w(typoRealWords...)
	sortedMap("typos", typoWords)
	w("classes")
	for _, k := range slices.Sorted(maps.Keys(classFlags)) {
		w(k, fmt.Sprint(classFlags[k]))
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// CompileRules builds the detector from rules.txt and returns trie.bin as
// it should be. It gives the same bytes every time.
func CompileRules() ([]byte, error) {
	d, err := newRulesDetector()
	if err != nil {
		return nil, err
	}
	return d.marshal(), nil
}

// marshal writes the compiled parts of a freshly built detector.
func (d *Detector) marshal() []byte {
	v, t := d.v, d.trie
	var secs [secCount][]byte
	u32s := func(xs []uint32) []byte {
		b := make([]byte, 0, 4*len(xs))
		for _, x := range xs {
			b = binary.LittleEndian.AppendUint32(b, x)
		}
		return b
	}
	i32s := func(xs []int32) []byte {
		b := make([]byte, 0, 4*len(xs))
		for _, x := range xs {
			b = binary.LittleEndian.AppendUint32(b, uint32(x)) // #nosec G115 -- a bit-for-bit copy, read back as int32
		}
		return b
	}
	strs := func(ss []string) (off, data []byte) {
		offs := make([]uint32, 0, len(ss)+1)
		var all []byte
		for _, s := range ss {
			offs = append(offs, uint32(len(all))) // #nosec G115 -- a few hundred kilobytes
			all = append(all, s...)
		}
		offs = append(offs, uint32(len(all))) // #nosec G115 -- as above
		return u32s(offs), all
	}
	secs[secNameOff], secs[secNames] = strs(v.names)
	secs[secFlags] = u32s(v.flags)
	keys := slices.Sorted(maps.Keys(v.words))
	secs[secWordOff], secs[secWords] = strs(keys)
	symOff := make([]uint32, 0, len(keys)+1)
	var syms []int32
	for _, k := range keys {
		symOff = append(symOff, uint32(len(syms))) // #nosec G115 -- tens of thousands
		syms = append(syms, v.words[k]...)
	}
	symOff = append(symOff, uint32(len(syms))) // #nosec G115 -- as above
	secs[secWordSyms], secs[secSyms] = u32s(symOff), i32s(syms)
	secs[secRoot] = i32s(t.root)
	nodes := make([]int32, 0, 4*len(t.nodes))
	for _, n := range t.nodes {
		nodes = append(nodes, n.e0, n.e1, n.a0, n.a1)
	}
	secs[secNodes] = i32s(nodes)
	edges := make([]int32, 0, 2*len(t.edges))
	for _, e := range t.edges {
		edges = append(edges, e.s, e.node)
	}
	secs[secEdges] = i32s(edges)
	secs[secTrieActs] = i32s(t.acts)
	acts := make([]byte, 0, 8*len(d.acts))
	for _, a := range d.acts {
		acts = binary.LittleEndian.AppendUint32(acts, uint32(a.rule)) // #nosec G115 -- a rule index
		acts = append(acts, a.side, b2u(a.selfRef), b2u(a.negatable), 0)
	}
	secs[secActs] = acts

	out := make([]byte, trieHeader+8*secCount)
	copy(out, trieMagic)
	binary.LittleEndian.PutUint32(out[8:], trieVersion)
	binary.LittleEndian.PutUint32(out[12:], secCount)
	sum := inputsHash()
	copy(out[16:48], sum[:])
	binary.LittleEndian.PutUint32(out[52:], uint32(t.maxLen))     // #nosec G115 -- at most a few dozen words
	binary.LittleEndian.PutUint32(out[56:], uint32(len(d.rules))) // #nosec G115 -- a few thousand lines
	for i, s := range secs {
		for len(out)%8 != 0 {
			out = append(out, 0)
		}
		binary.LittleEndian.PutUint32(out[trieHeader+8*i:], uint32(len(out))) // #nosec G115 -- a few megabytes
		binary.LittleEndian.PutUint32(out[trieHeader+8*i+4:], uint32(len(s))) // #nosec G115 -- as above
		out = append(out, s...)
	}
	binary.LittleEndian.PutUint32(out[48:], trieCRC(string(out)))
	return out
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// trieCRC is the CRC-32C of a trie.bin with its own field taken as zero.
func trieCRC(b string) uint32 {
	c := crc32.Update(0, castagnoli, bytesOf(b[:48]))
	c = crc32.Update(c, castagnoli, []byte{0, 0, 0, 0})
	return crc32.Update(c, castagnoli, bytesOf(b[52:]))
}

// bytesOf is s's own memory as a byte slice, for functions that only read
// it (a hash, a CRC), so the embedded data is not copied to the heap.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s)) // #nosec G103 -- read only, never written or kept
}

// le32 reads a little-endian uint32 at s[i:].
func le32(s string, i int) uint32 {
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// loadCompiled reads trie.bin into a detector without the model. It
// checks the header, the CRC and every index the checks will follow, so a
// damaged or stale file fails here, with a clear error, and never later
// inside a check.
func loadCompiled(blob string) (*Detector, error) {
	fail := func(format string, a ...any) (*Detector, error) {
		return nil, fmt.Errorf("safety: trie.bin: "+format+"; "+regenerate, a...)
	}
	if len(blob) < trieHeader+8*secCount || blob[:8] != trieMagic {
		return fail("not a compiled trie")
	}
	u32 := func(off int) uint32 { return le32(blob, off) }
	if ver := u32(8); ver != trieVersion {
		return fail("format version %d, this code reads %d", ver, trieVersion)
	}
	if n := u32(12); n != secCount {
		return fail("%d sections, want %d", n, secCount)
	}
	if sum := inputsHash(); blob[16:48] != string(sum[:]) {
		return fail("compiled from other rules or word tables than these")
	}
	if u32(48) != trieCRC(blob) {
		return fail("damaged (CRC mismatch)")
	}
	rs, err := parseRules(rulesText)
	if err != nil {
		return nil, fmt.Errorf("safety: %w", err)
	}
	if n := u32(56); int(n) != len(rs.rules) {
		return fail("%d rules, rules.txt has %d", n, len(rs.rules))
	}
	var secs [secCount]string
	for i := range secs {
		off, n := int(u32(trieHeader+8*i)), int(u32(trieHeader+8*i+4))
		if off%8 != 0 || off < trieHeader+8*secCount || off > len(blob) || n > len(blob)-off {
			return fail("section %d out of bounds", i)
		}
		secs[i] = blob[off : off+n]
	}
	bad := errors.New("safety: trie.bin: an index out of range; " + regenerate)

	// The vocabulary.
	names, err := stringsOf(secs[secNameOff], secs[secNames])
	if err != nil {
		return fail("lemmas: %v", err)
	}
	nsym := len(names)
	if nsym < int(symFirstWord) || nsym > 1<<24 {
		return fail("%d lemmas", nsym)
	}
	flags, ok := view[uint32](secs[secFlags])
	if !ok || len(flags) != nsym {
		return nil, bad
	}
	keys, err := stringsOf(secs[secWordOff], secs[secWords])
	if err != nil {
		return fail("words: %v", err)
	}
	symOff, ok1 := view[uint32](secs[secWordSyms])
	syms, ok2 := view[int32](secs[secSyms])
	if !ok1 || !ok2 || len(symOff) != len(keys)+1 || symOff[0] != 0 || int(symOff[len(keys)]) != len(syms) {
		return nil, bad
	}
	for _, s := range syms {
		if s < 0 || int(s) >= nsym {
			return nil, bad
		}
	}
	v := &vocab{
		words: make(map[string][]sym, len(keys)),
		names: names,
		flags: flags,
		lemma: make(map[string]sym, nsym),
	}
	for i, k := range keys {
		a, b := symOff[i], symOff[i+1]
		if a > b || int(b) > len(syms) {
			return nil, bad
		}
		// The full slice expression caps each value, so an append can
		// never write into the read-only file.
		v.words[k] = syms[a:b:b]
	}
	for s := symFirstWord; int(s) < nsym; s++ {
		v.lemma[names[s]] = s
	}
	v.nameSyms()
	v.clauseSyms()
	v.addDialect()
	if len(v.names) != nsym {
		return fail("a word the code needs is missing")
	}

	// The trie.
	t := &trie{maxLen: int(u32(52))}
	var ok3, ok4, ok5 bool
	t.root, ok1 = view[int32](secs[secRoot])
	t.nodes, ok2 = view[trieNode](secs[secNodes])
	t.edges, ok3 = view[trieEdge](secs[secEdges])
	t.acts, ok4 = view[int32](secs[secTrieActs])
	acts, ok5 := viewActs(secs[secActs], len(rs.rules))
	if !ok1 || !ok2 || !ok3 || !ok4 || !ok5 || len(t.root) != nsym || len(t.nodes) == 0 {
		return nil, bad
	}
	nn, ne, na := int32(len(t.nodes)), int32(len(t.edges)), int32(len(t.acts)) // #nosec G115 -- each section is under 2^32 bytes, so under 2^31 entries
	t.count = nn
	for _, n := range t.root {
		if n < 0 || n >= nn {
			return nil, bad
		}
	}
	for _, n := range t.nodes {
		if n.e0 < 0 || n.e0 > n.e1 || n.e1 > ne || n.a0 < 0 || n.a0 > n.a1 || n.a1 > na {
			return nil, bad
		}
	}
	for _, e := range t.edges {
		if e.node < 0 || e.node >= nn {
			return nil, bad
		}
	}
	for _, a := range t.acts {
		if a < 0 || int(a) >= len(acts) {
			return nil, bad
		}
	}
	d := &Detector{v: v, trie: t, rules: rs.rules, acts: acts, persons: personTable(v), you: secondPerson(v), tense: tenseTable(v)}
	d.pool.New = func() any { return &scratch{} }
	return d, nil
}

// inPlace reports whether xs is a view of blob's memory.
func inPlace[T any](blob string, xs []T) bool {
	if len(xs) == 0 {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.StringData(blob))) // #nosec G103 -- compares addresses only
	p := uintptr(unsafe.Pointer(&xs[0]))                   // #nosec G103 -- as above
	return p >= lo && p < lo+uintptr(len(blob))
}

// stringsOf cuts data at the uint32 offsets of off; the strings share
// data's memory.
func stringsOf(off, data string) ([]string, error) {
	offs, ok := view[uint32](off)
	if !ok || len(offs) == 0 || offs[0] != 0 || int(offs[len(offs)-1]) != len(data) {
		return nil, errors.New("bad offsets")
	}
	out := make([]string, len(offs)-1)
	for i := range out {
		a, b := offs[i], offs[i+1]
		if a > b || int(b) > len(data) {
			return nil, errors.New("bad offsets")
		}
		out[i] = data[a:b]
	}
	return out, nil
}

// littleEndian is whether this machine stores numbers as trie.bin does.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// view returns b as a slice of T, where T is made of 32-bit numbers only.
// On a little-endian machine, when b is aligned for T, the slice is b's
// own memory, the read-only data of the binary: nothing is copied, and
// nothing may be written to it. Otherwise it is decoded into a new slice.
// ok is false when b's length is not a whole number of T.
func view[T int32 | uint32 | trieNode | trieEdge](b string) ([]T, bool) {
	var zero T
	size := int(unsafe.Sizeof(zero))
	if len(b)%size != 0 {
		return nil, false
	}
	n := len(b) / size
	if n == 0 {
		return []T{}, true
	}
	p := unsafe.Pointer(unsafe.StringData(b))                 // #nosec G103 -- read-only view of embedded data, see above
	if littleEndian && uintptr(p)%unsafe.Alignof(zero) == 0 { // #nosec G103 -- as above
		return unsafe.Slice((*T)(p), n), true // #nosec G103 -- as above
	}
	out := make([]T, n)
	words := unsafe.Slice((*uint32)(unsafe.Pointer(&out[0])), len(b)/4) // #nosec G103 -- T is made of 32-bit numbers only
	for i := range words {
		words[i] = le32(b, 4*i)
	}
	return out, true
}

// viewActs returns the acts section, checked, the same way as view.
func viewActs(b string, rules int) ([]act, bool) {
	if len(b)%8 != 0 {
		return nil, false
	}
	n := len(b) / 8
	for i := 0; i < n; i++ {
		r := le32(b, 8*i)
		side, self, neg, pad := b[8*i+4], b[8*i+5], b[8*i+6], b[8*i+7]
		if int64(r) >= int64(rules) || side > sideRight || self > 1 || neg > 1 || pad != 0 {
			return nil, false
		}
	}
	var zero act
	if n > 0 && littleEndian && unsafe.Sizeof(zero) == 8 && unsafe.Offsetof(zero.side) == 4 && // #nosec G103 -- checks the layout the file is written in
		unsafe.Offsetof(zero.selfRef) == 5 && unsafe.Offsetof(zero.negatable) == 6 { // #nosec G103 -- as above
		p := unsafe.Pointer(unsafe.StringData(b)) // #nosec G103 -- read-only view of embedded data; every byte checked above
		if uintptr(p)%unsafe.Alignof(zero) == 0 {
			return unsafe.Slice((*act)(p), n), true // #nosec G103 -- as above
		}
	}
	out := make([]act, n)
	for i := range out {
		out[i] = act{
			rule:      int32(le32(b, 8*i)), // #nosec G115 -- checked against the number of rules above
			side:      b[8*i+4],
			selfRef:   b[8*i+5] == 1,
			negatable: b[8*i+6] == 1,
		}
	}
	return out, true
}
