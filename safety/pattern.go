package safety

import (
	"errors"
	"fmt"
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
// children and scan a short slice.
type trie struct {
	root   []int32 // sym -> node, 0 for none
	nodes  []trieNode
	maxLen int
}

type trieNode struct {
	next []trieEdge
	acts []int32 // indexes into Detector.acts: what a sequence ending here means
}

type trieEdge struct {
	s    sym
	node int32
}

func newTrie() *trie {
	return &trie{nodes: []trieNode{{}}} // node 0 is the unused root slot
}

func (t *trie) child(n int32, s sym) int32 {
	for _, e := range t.nodes[n].next {
		if e.s == s {
			return e.node
		}
	}
	return 0
}

// insert adds seq and returns its end node. rootSize is the vocabulary
// size, which grows while rules are read.
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
		c := t.child(n, s)
		if c == 0 {
			c = t.newNode()
			t.nodes[n].next = append(t.nodes[n].next, trieEdge{s: s, node: c})
		}
		n = c
	}
	if len(seq) > t.maxLen {
		t.maxLen = len(seq)
	}
	return n
}

func (t *trie) newNode() int32 {
	t.nodes = append(t.nodes, trieNode{})
	return int32(len(t.nodes) - 1) // #nosec G115 -- trie nodes of the embedded lexicon, far below 2^31
}
