package safety

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unsafe"
)

// builtDetector is the detector compiled from rules.txt the slow way, once
// per test binary.
var builtDetector = sync.OnceValues(buildDetector)

func newBuiltDetector(t testing.TB) *Detector {
	t.Helper()
	d, err := builtDetector()
	if err != nil {
		t.Fatalf("buildDetector: %v", err)
	}
	return d
}

// TestTrieUpToDate compiles the rules again and checks that trie.bin is
// exactly what that gives: a rule or word-table edit without regenerating
// fails here.
func TestTrieUpToDate(t *testing.T) {
	got, err := CompileRules()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("trie.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("trie.bin is stale (%d bytes, the rules compile to %d): %s", len(want), len(got), regenerate)
	}
	if again, _ := CompileRules(); !bytes.Equal(got, again) {
		t.Fatal("two compiles of the same rules differ")
	}
}

// TestCompiledMatchesBuilt checks that the detector read from trie.bin is
// the one compiling the rules builds, part by part.
func TestCompiledMatchesBuilt(t *testing.T) {
	got, want := newTestDetector(t), newBuiltDetector(t)
	check := func(what string, a, b any) {
		t.Helper()
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s differs between trie.bin and a fresh build", what)
		}
	}
	check("lemmas", got.v.names, want.v.names)
	check("flags", got.v.flags, want.v.flags)
	check("lemma table", got.v.lemma, want.v.lemma)
	if len(got.v.words) != len(want.v.words) {
		t.Errorf("words: %d read, %d built", len(got.v.words), len(want.v.words))
	}
	for w, seq := range want.v.words {
		if g, ok := got.v.words[w]; !ok || !slices.Equal(g, seq) {
			t.Errorf("word %q: read %v, built %v", w, g, seq)
		}
	}
	// The syms named in the vocab struct: every field that is a sym.
	gv, wv := reflect.ValueOf(*got.v), reflect.ValueOf(*want.v)
	for i := 0; i < gv.NumField(); i++ {
		if gv.Field(i).Kind() == reflect.Int32 && gv.Field(i).Int() != wv.Field(i).Int() {
			t.Errorf("vocab.%s: read %d, built %d", gv.Type().Field(i).Name, gv.Field(i).Int(), wv.Field(i).Int())
		}
	}
	check("trie root", got.trie.root, want.trie.root)
	check("trie nodes", got.trie.nodes, want.trie.nodes)
	check("trie edges", got.trie.edges, want.trie.edges)
	check("trie acts", got.trie.acts, want.trie.acts)
	check("trie depth", got.trie.maxLen, want.trie.maxLen)
	check("acts", got.acts, want.acts)
	check("rules", got.rules, want.rules)
	check("persons", got.persons, want.persons)
	check("model", got.m, want.m)
}

// TestCompiledSameVerdicts checks that the detector read from trie.bin and
// a freshly built one decide alike, with the same reason and the same
// explanation, on every line of the golden file and on generated text.
func TestCompiledSameVerdicts(t *testing.T) {
	got, want := newTestDetector(t), newBuiltDetector(t)
	compared, yes := 0, 0
	compare := func(where string, texts ...string) {
		t.Helper()
		gv, gf := got.Explain(texts...)
		wv, wf := want.Explain(texts...)
		compared++
		if wv.Crisis {
			yes++
		}
		if gv != wv || !reflect.DeepEqual(gf, wf) {
			t.Errorf("%s: read %+v, built %+v; %q", where, gv, wv, texts)
		}
		if g := got.CheckEntry(texts...); g != wv {
			t.Errorf("%s: CheckEntry %+v, built %+v; %q", where, g, wv, texts)
		}
	}
	f, err := os.Open("testdata/crisis_golden.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var golden []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		parts := strings.SplitN(line, "\t", 5)
		if len(parts) != 5 {
			t.Fatalf("crisis_golden.tsv:%d: want 5 fields", n)
		}
		golden = append(golden, parts[4])
		compare("crisis_golden.tsv:"+strconv.Itoa(n), parts[4])
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(golden) < 1000 {
		t.Fatalf("only %d golden lines", len(golden))
	}
	// Generated text: words of the vocabulary, typos and fillers among
	// them, golden sentences cut and joined, and punctuation, from a fixed
	// seed so a failure repeats.
	words := slices.Sorted(func(yield func(string) bool) {
		for w := range want.v.words {
			if !yield(w) {
				return
			}
		}
	})
	punct := []string{".", ",", "!", "?", " -", ":", "\"", "'", "\n", "…", " (", ")"}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 500
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		switch i % 3 {
		case 0: // words
			for k := rng.IntN(30) + 1; k > 0; k-- {
				w := words[rng.IntN(len(words))]
				if rng.IntN(8) == 0 {
					w = strings.ToUpper(w[:1]) + w[1:]
				}
				b.WriteString(w)
				if rng.IntN(6) == 0 {
					b.WriteString(punct[rng.IntN(len(punct))])
				}
				b.WriteByte(' ')
			}
		case 1: // golden sentences, cut and joined
			for k := rng.IntN(3) + 1; k > 0; k-- {
				s := golden[rng.IntN(len(golden))]
				a := rng.IntN(len(s)/2 + 1)
				b.WriteString(s[a:])
				b.WriteString(punct[rng.IntN(len(punct))])
				b.WriteByte(' ')
			}
		default: // a golden sentence with a word swapped
			fs := strings.Fields(golden[rng.IntN(len(golden))])
			if len(fs) > 0 {
				fs[rng.IntN(len(fs))] = words[rng.IntN(len(words))]
			}
			b.WriteString(strings.Join(fs, " "))
		}
		compare("generated", b.String())
	}
	t.Logf("%d texts (%d golden) decided alike, %d of them yes", compared, len(golden), yes)
}

// reseal sets the CRC of a changed trie.bin, so the checks behind it are
// what a test reaches.
func reseal(b []byte) []byte {
	binary.LittleEndian.PutUint32(b[48:], trieCRC(string(b)))
	return b
}

// TestCompiledRejected checks that a damaged, stale or foreign trie.bin
// fails with an error that says what to run, and never panics.
func TestCompiledRejected(t *testing.T) {
	good := []byte(compiledTrie)
	edit := func(f func(b []byte) []byte) string {
		return string(f(bytes.Clone(good)))
	}
	cases := map[string]string{
		"empty":       "",
		"truncated":   compiledTrie[:len(compiledTrie)/2],
		"header only": compiledTrie[:trieHeader],
		"magic":       edit(func(b []byte) []byte { b[0] = 'X'; return b }),
		"version":     edit(func(b []byte) []byte { b[8]++; return reseal(b) }),
		"sections":    edit(func(b []byte) []byte { b[12]++; return reseal(b) }),
		"stale":       edit(func(b []byte) []byte { b[20] ^= 1; return reseal(b) }),
		"damaged":     edit(func(b []byte) []byte { b[len(b)-100] ^= 0x40; return b }),
		"rules":       edit(func(b []byte) []byte { b[56]++; return reseal(b) }),
		"offset": edit(func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[trieHeader+8*secNodes:], uint32(len(b)))
			return reseal(b)
		}),
		"edge": edit(func(b []byte) []byte {
			off := binary.LittleEndian.Uint32(b[trieHeader+8*secEdges:])
			binary.LittleEndian.PutUint32(b[off+4:], 1<<30)
			return reseal(b)
		}),
		"act": edit(func(b []byte) []byte {
			off := binary.LittleEndian.Uint32(b[trieHeader+8*secActs:])
			b[off+5] = 7
			return reseal(b)
		}),
	}
	for name, blob := range cases {
		d, err := loadCompiled(blob)
		if err == nil || d != nil {
			t.Errorf("%s: loaded", name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "safety: trie.bin: ") ||
			!strings.Contains(msg, "go generate ./safety") {
			t.Errorf("%s: unclear error %q", name, msg)
		}
	}
}

// TestCompiledNeverPanics changes bytes all over a resealed trie.bin: the
// load either fails or gives a detector that checks text without a panic.
func TestCompiledNeverPanics(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	texts := []string{"I want to kill myself tonight.", "I can't go on, nobody would miss me", "We had a lovely day at the beach."}
	n := 200
	if testing.Short() {
		n = 40
	}
	b := []byte(compiledTrie)
	loaded := 0
	for i := 0; i < n; i++ {
		copy(b, compiledTrie)
		for k := rng.IntN(4) + 1; k > 0; k-- {
			b[trieHeader+rng.IntN(len(b)-trieHeader)] = byte(rng.Uint32())
		}
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("change %d: panic %v", i, r)
				}
			}()
			d, err := loadCompiled(unsafe.String(&reseal(b)[0], len(b))) // no copy: b is not changed while d is used

			if err != nil {
				return
			}
			loaded++
			for _, text := range texts {
				d.CheckEntry(text)
				d.Explain(text)
			}
		}()
	}
	t.Logf("%d of %d changed files loaded and checked text; the rest were refused", loaded, n)
}

func BenchmarkBuildDetector(b *testing.B) {
	for b.Loop() {
		if _, err := buildDetector(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCompiledInPlace checks that the trie's arrays are read where they
// lie in the binary, not copied to the heap, on a machine where they can
// be (little-endian, which is every machine the app ships for).
func TestCompiledInPlace(t *testing.T) {
	d := newTestDetector(t)
	lo := uintptr(unsafe.Pointer(unsafe.StringData(compiledTrie)))
	inside := func(p unsafe.Pointer) bool {
		return uintptr(p) >= lo && uintptr(p) < lo+uintptr(len(compiledTrie))
	}
	t.Logf("trie.bin at %#x (alignment %d), %d bytes", lo, lo&-lo, len(compiledTrie))
	if !littleEndian {
		t.Skip("big-endian: the arrays are decoded")
	}
	for name, p := range map[string]unsafe.Pointer{
		"root": unsafe.Pointer(&d.trie.root[0]), "nodes": unsafe.Pointer(&d.trie.nodes[0]),
		"edges": unsafe.Pointer(&d.trie.edges[0]), "trie acts": unsafe.Pointer(&d.trie.acts[0]),
		"acts": unsafe.Pointer(&d.acts[0]), "flags": unsafe.Pointer(&d.v.flags[0]),
	} {
		if !inside(p) {
			t.Errorf("%s were copied to the heap", name)
		}
	}
}

// TestCompiledDecoded checks the path for memory that cannot be read in
// place (misaligned here; big-endian machines take it too): the sections
// decode to the same values.
func TestCompiledDecoded(t *testing.T) {
	d := newTestDetector(t)
	sec := func(i int) string {
		off := binary.LittleEndian.Uint32([]byte(compiledTrie[trieHeader+8*i:]))
		n := binary.LittleEndian.Uint32([]byte(compiledTrie[trieHeader+8*i+4:]))
		return ("x" + compiledTrie[off:off+n])[1:] // a copy at an odd address
	}
	nodes, ok := view[trieNode](sec(secNodes))
	if !ok || inPlace(compiledTrie, nodes) || !slices.Equal(nodes, d.trie.nodes) {
		t.Error("nodes decode differently")
	}
	edges, ok := view[trieEdge](sec(secEdges))
	if !ok || !slices.Equal(edges, d.trie.edges) {
		t.Error("edges decode differently")
	}
	root, ok := view[int32](sec(secRoot))
	if !ok || !slices.Equal(root, d.trie.root) {
		t.Error("root decodes differently")
	}
	acts, ok := viewActs(sec(secActs), len(d.rules))
	if !ok || inPlace(compiledTrie, acts) || !slices.Equal(acts, d.acts) {
		t.Error("acts decode differently")
	}
}
