package safety

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// The intimate-partner violence check (G4). It reads what a person saved
// and answers whether they wrote about a partner or former partner hitting,
// threatening, controlling, following or forcing them, so that the page
// can bring forward domestic-abuse services and a page on safety instead
// of attachment work. Like the crisis check it runs in memory, keeps and
// logs nothing, never blocks a save and contacts nobody.
//
// The rules are data (abuse_rules.go): phrases in a small pattern
// language, each with the kind of harm it names and how sure the check
// must be that a partner is the one doing it. Explain says which rules
// matched, so every answer can be traced to a line of the table.

// Harm is the kind of harm a rule names.
type Harm string

// The kinds of harm the check knows.
const (
	HarmPhysical Harm = "physical" // hit, choked, pushed, thrown at
	HarmThreat   Harm = "threat"   // threats to hurt, kill, take children, share photos
	HarmControl  Harm = "control"  // money, phone, friends, movement, clothes
	HarmFollow   Harm = "follow"   // following, stalking, turning up, trackers
	HarmForce    Harm = "force"    // forced sex, forced to do or sign things
	HarmFear     Harm = "fear"     // afraid of a partner, "abusive relationship"
)

// Agent says who must be doing the harm for a rule to count.
type Agent int

const (
	// AgentNear: the word just before the phrase (after helper words such
	// as "has", "keeps", "always") is a partner word: he, she, my partner,
	// my husband, my ex …
	AgentNear Agent = iota
	// AgentSentence: a partner word or he, she, him, her is somewhere in
	// the sentence or the one before.
	AgentSentence
	// AgentNone: the phrase itself says enough ("abusive relationship").
	AgentNone
)

// AbuseRule is one line of the rule table.
type AbuseRule struct {
	ID      string
	Harm    Harm
	Agent   Agent
	Pattern string
}

// AbuseMatch is one rule that matched, for explanations and tests. It
// holds no words of the text.
type AbuseMatch struct {
	Rule string
	Harm Harm
}

// AbuseCheck is the compiled rule table. It is read-only after
// NewAbuseCheck, so one value serves every request.
type AbuseCheck struct {
	rules []compiledRule
	first map[string][]int  // a pattern's possible first words → its rules
	fold  *strings.Replacer // contractions spelled out, built once
}

type compiledRule struct {
	AbuseRule
	steps []step
}

// step is one word position of a pattern.
type step struct {
	alts     [][]string // alternatives, each one word or a run of words; nil for a gap
	optional bool
	gap      int  // a gap of up to this many words (words == nil)
	not      bool // the next word must not be one of words (or the sentence ends)
	end      bool // the sentence must end here
}

// NewAbuseCheck compiles the rule table and refuses a malformed rule.
func NewAbuseCheck() (*AbuseCheck, error) {
	return compileAbuse(abuseRules())
}

func compileAbuse(rules []AbuseRule) (*AbuseCheck, error) {
	c := &AbuseCheck{first: map[string][]int{}, fold: strings.NewReplacer("’", "'", "‘", "'", "won't", "will not",
		"can't", "can not", "n't", " not", "'ll", " will", "'d", " would", "'m", " am", "'re", " are", "'ve", " have", "'s", "")}
	seen := map[string]bool{}
	for _, r := range rules {
		if r.ID == "" || seen[r.ID] {
			return nil, fmt.Errorf("safety: abuse rule %q: empty or repeated id", r.ID)
		}
		seen[r.ID] = true
		steps, err := parseAbusePattern(r.Pattern)
		if err != nil {
			return nil, fmt.Errorf("safety: abuse rule %q: %w", r.ID, err)
		}
		for _, alt := range steps[0].alts {
			c.first[alt[0]] = append(c.first[alt[0]], len(c.rules))
		}
		c.rules = append(c.rules, compiledRule{AbuseRule: r, steps: steps})
	}
	return c, nil
}

// parseAbusePattern reads the pattern language: words separated by
// spaces; "a|b" alternatives, "a-b" a run of words within one; a trailing "?" makes a word optional; "*"
// is a gap of up to one word, "**" of up to three; "!a|b" means the next
// word is not a or b (the end of the sentence is fine); "$" is the end of
// the sentence. Words are lower-case letters and digits (the text is split at hyphens).
func parseAbusePattern(p string) ([]step, error) {
	var out []step
	for _, tok := range strings.Fields(p) {
		var s step
		switch {
		case tok == "*":
			s.gap = 1
		case tok == "**":
			s.gap = 3
		case tok == "$":
			s.end = true
		default:
			if t, ok := strings.CutPrefix(tok, "!"); ok {
				s.not, tok = true, t
			}
			if t, ok := strings.CutSuffix(tok, "?"); ok {
				s.optional, tok = true, t
			}
			for _, alt := range strings.Split(tok, "|") {
				run := strings.Split(alt, "-")
				for _, w := range run {
					if w == "" || strings.IndexFunc(w, func(r rune) bool { return !(unicode.IsLower(r) || unicode.IsDigit(r)) }) >= 0 {
						return nil, fmt.Errorf("word %q in %q is not lower-case letters", w, p)
					}
				}
				s.alts = append(s.alts, run)
			}
		}
		out = append(out, s)
	}
	if len(out) == 0 || out[0].alts == nil || out[0].optional || out[0].not {
		return nil, errors.New("a pattern must start with a plain word")
	}
	return out, nil
}

// Check reports whether the text says a partner hits, threatens,
// controls, follows or forces the writer.
func (c *AbuseCheck) Check(text string) bool {
	return len(c.explain(text, true)) > 0
}

// Explain lists the rules that matched, at most once each.
func (c *AbuseCheck) Explain(text string) []AbuseMatch {
	return c.explain(text, false)
}

// maxAbuseText bounds the work on one text: past it the rest is not read.
const maxAbuseText = 64 << 10

func (c *AbuseCheck) explain(text string, first bool) []AbuseMatch {
	if len(text) > maxAbuseText {
		text = text[:maxAbuseText]
	}
	var out []AbuseMatch
	seen := map[string]bool{}
	prevPartner := false
	for _, sent := range abuseSentences(c.fold.Replace(strings.ToLower(text))) {
		framed := anyWord(sent, frameWords)
		partner := anyWord(sent, partnerWords) || anyWord(sent, objectPartnerWords)
		for i, w := range sent {
			for _, k := range c.first[w] {
				r := c.rules[k]
				if seen[r.ID] || !r.matchAt(sent, i) {
					continue
				}
				if framed || negatedOrLikened(sent, i) {
					continue
				}
				switch r.Agent {
				case AgentNear:
					if !partnerBefore(sent, i) {
						continue
					}
				case AgentSentence:
					if !partner && !prevPartner {
						continue
					}
				}
				seen[r.ID] = true
				out = append(out, AbuseMatch{Rule: r.ID, Harm: r.Harm})
				if first {
					return out
				}
			}
		}
		prevPartner = partner
	}
	return out
}

// matchAt reports whether the rule's pattern matches words from i.
func (r compiledRule) matchAt(words []string, i int) bool {
	return matchSteps(r.steps, words, i)
}

func matchSteps(steps []step, words []string, i int) bool {
	if len(steps) == 0 {
		return true
	}
	s := steps[0]
	switch {
	case s.end:
		return i == len(words) && matchSteps(steps[1:], words, i)
	case s.gap > 0:
		for g := 0; g <= s.gap && i+g <= len(words); g++ {
			if matchSteps(steps[1:], words, i+g) {
				return true
			}
		}
		return false
	case s.not:
		for _, alt := range s.alts {
			if runAt(alt, words, i) {
				return false
			}
		}
		return matchSteps(steps[1:], words, i)
	}
	for _, alt := range s.alts {
		if runAt(alt, words, i) && matchSteps(steps[1:], words, i+len(alt)) {
			return true
		}
	}
	return s.optional && matchSteps(steps[1:], words, i)
}

// runAt reports whether the words from i begin with run.
func runAt(run, words []string, i int) bool {
	if i+len(run) > len(words) {
		return false
	}
	for k, w := range run {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

// partnerBefore reports whether the nearest word before position i, after
// skipping helper words, names a partner.
func partnerBefore(words []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-6; j-- {
		w := words[j]
		if helperWords[w] {
			continue
		}
		return partnerWords[w]
	}
	return false
}

// negatedOrLikened reports a negation or a simile just before position i:
// "he has never hit me", "it felt like I'd been punched".
func negatedOrLikened(words []string, i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if negationWords[words[j]] || words[j] == "like" || words[j] == "though" {
			return true
		}
	}
	return false
}

func anyWord(words []string, set map[string]bool) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// abuseSentences splits lower-case text with its contractions spelled out
// into sentences of words.
func abuseSentences(text string) [][]string {
	var out [][]string
	var cur []string
	var word strings.Builder
	flushWord := func() {
		if word.Len() > 0 {
			cur = append(cur, word.String())
			word.Reset()
		}
	}
	flushSentence := func() {
		flushWord()
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word.WriteRune(r)
		case r == '.' || r == '!' || r == '?' || r == ';' || r == '\n':
			flushSentence()
		default: // a hyphen splits "ex-husband" into "ex husband"
			flushWord()
		}
		if len(cur) > 400 { // a very long run without a full stop
			flushSentence()
		}
	}
	flushSentence()
	return out
}
