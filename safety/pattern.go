package safety

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Rules are written in a small phrase grammar so that one line covers the
// ways people say the same thing:
//
//	word          a word; it matches every inflection of its lemma
//	(a|b c|d)     one of the alternatives, each a sequence
//	[a b|c]       optional alternatives
//	{NAME}        a named fragment from ruleMacros
//	$             the end of a sentence or of the text
//	,             a comma, colon or dash
//	A ... B       A, then B later in the same sentence, at most maxGap
//	              words after it, with no negation or "but" between
//	              (risk lines only; see rules.go)
//
// Every line is expanded into plain word sequences when the Detector is
// built, and the sequences go into a trie, so matching never backtracks.

// maxExpansions bounds what one rule line may expand to; a bigger number
// means a typo in the grammar, not a useful rule.
const maxExpansions = 16384

// expand turns one rule line into all the word sequences it stands for.
func expand(line string, macros map[string]string) ([][]string, error) {
	p := &ruleParser{src: line, macros: macros}
	seqs, err := p.alternatives(0)
	if err != nil {
		return nil, fmt.Errorf("rule %q: %w", line, err)
	}
	if p.pos != len(p.src) {
		return nil, fmt.Errorf("rule %q: unexpected %q at %d", line, p.src[p.pos], p.pos)
	}
	return seqs, nil
}

type ruleParser struct {
	src    string
	pos    int
	macros map[string]string
	depth  int
}

// alternatives parses seq ('|' seq)* up to a closing bracket or the end.
func (p *ruleParser) alternatives(depth int) ([][]string, error) {
	if depth > 8 {
		return nil, errors.New("brackets nested too deep")
	}
	var all [][]string
	for {
		seqs, err := p.sequence(depth)
		if err != nil {
			return nil, err
		}
		all = append(all, seqs...)
		if p.pos < len(p.src) && p.src[p.pos] == '|' {
			p.pos++
			continue
		}
		return all, nil
	}
}

// sequence parses items until '|', ')', ']' or the end, and returns the
// cross product of their alternatives.
func (p *ruleParser) sequence(depth int) ([][]string, error) {
	seqs := [][]string{{}}
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || strings.IndexByte("|)]", p.src[p.pos]) >= 0 {
			return seqs, nil
		}
		item, err := p.item(depth)
		if err != nil {
			return nil, err
		}
		var next [][]string
		for _, s := range seqs {
			for _, it := range item {
				joined := append(append(make([]string, 0, len(s)+len(it)), s...), it...)
				next = append(next, joined)
			}
		}
		if len(next) > maxExpansions {
			return nil, fmt.Errorf("expands to more than %d sequences", maxExpansions)
		}
		seqs = next
	}
}

func (p *ruleParser) item(depth int) ([][]string, error) {
	switch c := p.src[p.pos]; c {
	case '(', '[':
		closer := map[byte]byte{'(': ')', '[': ']'}[c]
		p.pos++
		alts, err := p.alternatives(depth + 1)
		if err != nil {
			return nil, err
		}
		if p.pos >= len(p.src) || p.src[p.pos] != closer {
			return nil, fmt.Errorf("missing %q", closer)
		}
		p.pos++
		if c == '[' {
			alts = append(alts, []string{})
		}
		return alts, nil
	case '{':
		end := strings.IndexByte(p.src[p.pos:], '}')
		if end < 0 {
			return nil, errors.New("missing '}'")
		}
		name := p.src[p.pos+1 : p.pos+end]
		p.pos += end + 1
		body, ok := p.macros[name]
		if !ok {
			return nil, fmt.Errorf("unknown fragment {%s}", name)
		}
		if p.depth > 4 {
			return nil, errors.New("fragments nested too deep")
		}
		sub := &ruleParser{src: body, macros: p.macros, depth: p.depth + 1}
		alts, err := sub.alternatives(depth + 1)
		if err != nil {
			return nil, fmt.Errorf("in {%s}: %w", name, err)
		}
		if sub.pos != len(sub.src) {
			return nil, fmt.Errorf("in {%s}: unexpected %q", name, sub.src[sub.pos])
		}
		return alts, nil
	default:
		start := p.pos
		for p.pos < len(p.src) && strings.IndexByte(" \t|()[]{}", p.src[p.pos]) < 0 {
			p.pos++
		}
		return [][]string{{p.src[start:p.pos]}}, nil
	}
}

func (p *ruleParser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// trie is a word trie over syms. The root is a dense table because nearly
// every token of a text starts a lookup there; deeper nodes have few
// children, stored side by side in one array and scanned. While rules are
// added the children live in a map; freeze packs them, so building tens of
// thousands of sequences allocates little and checking touches compact
// memory.
type trie struct {
	root   []int32 // sym -> node, 0 for none
	nodes  []trieNode
	edges  []trieEdge
	acts   []int32 // indexes into Detector.acts, grouped by node
	maxLen int

	// while building
	next     map[uint64]int32  // parent<<32 | sym -> child
	nodeActs map[int32][]int32 // node -> acts, in the order added
	count    int32             // nodes so far, node 0 unused
}

// trieNode is a frozen node: its children are edges[e0:e1] and what a
// sequence ending here means is acts[a0:a1].
type trieNode struct{ e0, e1, a0, a1 int32 }

type trieEdge struct {
	s    sym
	node int32
}

func newTrie() *trie {
	// Sized for the rules as they are (about 215,000 edges and 131,000
	// ends): growing the maps step by step was a tenth of a build.
	return &trie{next: make(map[uint64]int32, 1<<18), nodeActs: make(map[int32][]int32, 1<<17), count: 1}
}

func edgeKey(n int32, s sym) uint64 { return uint64(uint32(n))<<32 | uint64(uint32(s)) } // #nosec G115 -- both are non-negative indexes

// child is the node under n for s, or 0. It works on a frozen trie.
func (t *trie) child(n int32, s sym) int32 {
	nd := t.nodes[n]
	for _, e := range t.edges[nd.e0:nd.e1] {
		if e.s == s {
			return e.node
		}
	}
	return 0
}

// nodeActs returns what sequences ending at n mean, on a frozen trie.
func (t *trie) actsAt(n int32) []int32 {
	nd := t.nodes[n]
	return t.acts[nd.a0:nd.a1]
}

// insert adds seq while building and returns its end node. rootSize is
// the vocabulary size, which grows while rules are read.
func (t *trie) insert(seq []sym, rootSize int) int32 {
	if len(t.root) < rootSize {
		t.root = append(t.root, make([]int32, rootSize-len(t.root))...)
	}
	n := t.root[seq[0]]
	if n == 0 {
		n = t.newNode()
		t.root[seq[0]] = n
	}
	for _, s := range seq[1:] {
		c, ok := t.next[edgeKey(n, s)]
		if !ok {
			c = t.newNode()
			t.next[edgeKey(n, s)] = c
		}
		n = c
	}
	if len(seq) > t.maxLen {
		t.maxLen = len(seq)
	}
	return n
}

func (t *trie) newNode() int32 {
	t.count++
	return t.count - 1
}

// freeze packs the children and meanings into arrays, ordered by parent
// and sym, so the trie is the same whatever order the map returns, and
// drops the build maps.
func (t *trie) freeze() {
	keys := make([]uint64, 0, len(t.next))
	for k := range t.next {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	t.nodes = make([]trieNode, t.count)
	t.edges = make([]trieEdge, len(keys))
	for i, k := range keys {
		parent := int32(k >> 32)                                  // #nosec G115 -- written by edgeKey from an int32
		t.edges[i] = trieEdge{s: sym(uint32(k)), node: t.next[k]} // #nosec G115 -- as above
		if t.nodes[parent].e1 == 0 {
			t.nodes[parent].e0 = int32(i) // #nosec G115 -- fewer edges than nodes, far below 2^31
		}
		t.nodes[parent].e1 = int32(i + 1) // #nosec G115 -- as above
	}
	for n := int32(0); n < t.count; n++ {
		acts := t.nodeActs[n]
		t.nodes[n].a0 = int32(len(t.acts)) // #nosec G115 -- as above
		t.acts = append(t.acts, acts...)
		t.nodes[n].a1 = int32(len(t.acts)) // #nosec G115 -- as above
	}
	t.next, t.nodeActs = nil, nil
}
