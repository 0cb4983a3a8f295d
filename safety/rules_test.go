package safety

import (
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestExpand(t *testing.T) {
	macros := map[string]string{"X": "a|b c"}
	cases := []struct {
		line string
		want [][]string
	}{
		{"want to die", [][]string{{"want", "to", "die"}}},
		{"(a|b) c", [][]string{{"a", "c"}, {"b", "c"}}},
		{"a [b] c", [][]string{{"a", "b", "c"}, {"a", "c"}}},
		{"{X} $", [][]string{{"a", "$"}, {"b", "c", "$"}}},
		{"(a (b|c)|d)", [][]string{{"a", "b"}, {"a", "c"}, {"d"}}},
	}
	for _, c := range cases {
		got, err := expand(c.line, macros)
		if err != nil {
			t.Errorf("expand(%q): %v", c.line, err)
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("expand(%q) = %v, want %v", c.line, got, c.want)
		}
	}
	for _, bad := range []string{"(a|b", "a]", "{NOPE}", "[a", "((((((((((a))))))))))"} {
		if _, err := expand(bad, macros); err == nil {
			t.Errorf("expand(%q): want an error", bad)
		}
	}
	if _, err := expand(strings.Repeat("(a|b|c) ", 12), nil); err == nil {
		t.Error("a rule expanding to millions of sequences must be refused")
	}
}

// TestRulesAreSound checks the rule data: it compiles, every fragment is
// used, every reason code is used, and the notation's mistakes are caught.
func TestRulesAreSound(t *testing.T) {
	d := newTestDetector(t)
	if len(d.acts) < 5000 {
		t.Errorf("only %d compiled sequences; the rule data looks truncated", len(d.acts))
	}
	rs, err := parseRules(rulesText)
	if err != nil {
		t.Fatal(err)
	}
	all := ""
	for _, r := range rs.rules {
		all += r.source + "\n"
	}
	for _, body := range rs.defines {
		all += body + "\n"
	}
	for name := range rs.defines {
		if !strings.Contains(all, "{"+name+"}") {
			t.Errorf("fragment {%s} is never used", name)
		}
	}
	used := map[string]bool{}
	for _, r := range rs.rules {
		used[r.code] = true
	}
	for _, c := range riskCodes {
		if !used[c] {
			t.Errorf("reason code %q has no rule", c)
		}
	}
	for _, bad := range []string{
		"risk nonsense: want to die",
		"risk farewell later: keep these",
		"risk nonsense after: keep these",
		"risk means strong: the bridge",
		"risk means after weak: the bridge",
		"veto joke weak: kidding",
		"idiom after: keep these",
		"idiom: a ... b",
		"veto whenever: a",
		"class nonsense: a b",
		"define X: a\ndefine X: b",
		"risk wish:",
		"just words",
	} {
		if _, err := parseRules(bad); err == nil {
			t.Errorf("parseRules(%q): want an error", bad)
		}
	}
	good := "# comment\nclass negation: not\n  never\nrisk wish: want to\n  die\n"
	rs, err = parseRules(good)
	if err != nil {
		t.Fatalf("parseRules(%q): %v", good, err)
	}
	if len(rs.rules) != 1 || rs.rules[0].source != "want to die" || rs.rules[0].line != 4 || len(rs.classes["negation"]) != 2 {
		t.Errorf("continuation lines read wrong: %+v %v", rs.rules, rs.classes)
	}
	rs, err = parseRules("risk farewell after: keep these for after\nrisk farewell: keep these\n")
	if err != nil || len(rs.rules) != 2 || !rs.rules[0].after || rs.rules[1].after || rs.rules[0].code != "farewell" {
		t.Errorf("risk CODE after: read wrong: %+v, %v", rs.rules, err)
	}
	rs, err = parseRules("risk means weak: go to the bridge\nrisk means: jump off the bridge\n")
	if err != nil || len(rs.rules) != 2 || !rs.rules[0].weak || rs.rules[0].after || rs.rules[1].weak {
		t.Errorf("risk CODE weak: read wrong: %+v, %v", rs.rules, err)
	}
}

func TestTokenize(t *testing.T) {
	d := newTestDetector(t)
	words := func(text string) string {
		var out []string
		for _, tok := range d.v.tokenize(text, &scratch{}, true) {
			out = append(out, d.v.names[tok.s])
		}
		return strings.Join(out, " ")
	}
	cases := map[string]string{
		"I don't":              "i do not <bound>",
		"I can’t, won't":       "i can not <comma> will not <bound>",
		"She's killing it":     "she be kill it <bound>",
		"my friend's car":      "my friend car <bound>",
		"No one knows":         "nobody know <bound>",
		"I kinda wanna die":    "i want to die <bound>",
		"not anymore":          "not any more <bound>",
		"Diiiiie!!!":           "die <bound>",
		"\"I want\" she said":  "<quote> i want <quote> she say <bound>",
		"self-harm":            "self harm <bound>",
		"I’m":                  "i be <bound>",
		"ÉNORME café":          "<unknown> <unknown> <bound>",
		"s*icide and su1c1de.": "suicide and suicide <bound>",
		// without apostrophes (round 21): "ill" and "its" are read as
		// I'll and it's only where a clause starts or Capitalised inside
		// a sentence; elsewhere they are the words
		"Hed be better off":            "he would be better off <bound>",
		"theres no point":              "there be no point <bound>",
		"Ill end it":                   "i will end it <bound>",
		"If he goes Ill end it":        "if he go i will end it <bound>",
		"and ill be gone, its decided": "and i will be go <comma> it be decide <bound>",
		"I feel ill":                   "i feel ill <bound>",
		"the cat hurt its paw":         "the cat hurt <unknown> <unknown> <bound>",
	}
	for in, want := range cases {
		if got := words(in); got != want {
			t.Errorf("tokenize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuoteLinks checks the indices that tie a quotation together.
func TestQuoteLinks(t *testing.T) {
	d := newTestDetector(t)
	toks := d.v.tokenize(`he said "i want" ok`, &scratch{}, true)
	// he say <quote> i want <quote> ok <bound>
	if toks[2].q != 5 || toks[3].q != 2 || toks[4].q != 2 || toks[6].q != -1 {
		t.Errorf("quote links wrong: %+v", toks)
	}
	toks = d.v.tokenize(`"never closed`, &scratch{}, true)
	if toks[0].q != -1 || toks[1].q != 0 {
		t.Errorf("unclosed quote links wrong: %+v", toks)
	}
}

// FuzzCheck feeds arbitrary text to Check: it must not panic and must stay
// within time linear in the input.
func FuzzCheck(f *testing.F) {
	for _, seed := range []string{
		"", "I want to die", "I don’t wanna be alive!!!", `"she said "i want to die"`,
		"'''''", "no no no one", "kind of of of", "s*** s*icide", "\xff\xfe\x00 kill myself",
		"I'd've", "n't", "'s", "…", strings.Repeat("a", 200), "i cut again $ , ,",
		// the second reading of an entry written as "you" (voice.go)
		"You wake up. You wish you could die.", "If you, you. Your yourself?? you'd", "you?you.you,",
	} {
		f.Add(seed)
	}
	d, err := NewDetector()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		start := time.Now()
		got := d.CheckEntry(text).Crisis
		limit := 50*time.Millisecond + time.Duration(len(text))*5*time.Microsecond
		if e := time.Since(start); e > limit {
			t.Errorf("Check took %v for %d bytes", e, len(text))
		}
		if v, _ := d.Explain(text); v.Crisis != got {
			t.Errorf("Explain and CheckEntry disagree on %q", text)
		}
		if !utf8.ValidString(text) {
			return
		}
		// Adding unrelated text around a sentence never turns a yes into no
		// for a plain first-person statement.
		if got && !d.CheckEntry(text+" ").Crisis {
			t.Errorf("trailing space changed the answer for %q", text)
		}
	})
}
