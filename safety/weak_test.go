package safety

import (
	"strings"
	"testing"
)

// TestWeakLines: a weak line's yes stands only when the rest of the entry
// bears it out, never in a recovery story, and Explain says which model
// bore it out.
func TestWeakLines(t *testing.T) {
	d := newTestDetector(t)
	cases := []struct {
		text string
		want string // reason code, or "" for no
	}{
		// Despair around it: the entry model bears the weak line out.
		// (Round 47: "Nothing I do is ever enough for anyone. …", the
		// case before, is now found by the entry model outright, so the
		// weak line no longer decides it; round 29 met the same, and
		// round 60 with "I've let everyone down again. I'm so tired of
		// fighting my own head. Thank you for everything, all of you.")
		{"I keep letting people down. I'm so tired of being me. Tomorrow I'm going to the cliffs.", "means"},
		{"I keep getting it wrong with everyone. I'm worn out by my own head. Thank you for everything, all of you.", "farewell"},
		// The same weak lines in ordinary entries.
		{"I'm on the roof of our building. It's very windy up here.", ""},
		{"Thank you for everything, all of you. Best leaving do ever, I'll miss this team.", ""},
		{"Walked to the bridge after lunch and bought bread. The ducks were out. Lovely day.", ""},
		// Told as the past, in a story of recovery.
		{"Years ago I counted the tablets and took them. Therapy helped me and I'm doing well now.", ""},
		{"Two years ago I went to the bridge to jump. Therapy helped me and I'm doing well now.", ""},
	}
	for _, c := range cases {
		v, found := d.Explain(c.text)
		if got := d.CheckEntry(c.text); got != v {
			t.Errorf("%q: CheckEntry %+v, Explain %+v", c.text, got, v)
		}
		if v.Reason != c.want || v.Crisis != (c.want != "") {
			t.Errorf("%q: got %+v, want reason %q", c.text, v, c.want)
			continue
		}
		borne := false
		for _, f := range found {
			borne = borne || strings.HasPrefix(f.Outcome, "yes: a weak line")
		}
		if borne != (c.want != "") {
			t.Errorf("%q: a finding says a weak line was borne out: %v; want %v (%+v)", c.text, borne, c.want != "", found)
		}
	}
	// Without the models nothing can bear a weak line out.
	r, err := newRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	if v := r.CheckEntry(cases[0].text); v.Crisis {
		t.Errorf("the rules alone said yes to a weak line: %+v", v)
	}
}

// TestJokesAndComparisons: a sentence taken back as a joke, and hyperbole
// made of a comparison with something ordinary, say no; a joke word that
// takes nothing back does not cancel anything.
func TestJokesAndComparisons(t *testing.T) {
	d := newTestDetector(t)
	cases := []struct {
		text string
		want bool
	}{
		{"If she comments on my cooking again I'll walk into the sea. Kidding, of course.", false},
		{"Stubbed my toe and wanted to end it all right there. Okay, maybe not.", false},
		{"I'd rather walk into the sea than do another group project.", false},
		{"If my mother-in-law mentions my weight once more I'll walk into the sea.", false},
		{"I want to die. I'm not kidding.", true},
		{"I want to die, I can't face another day with the kids.", true},
		{"I'd rather die than go on without him.", true},
		{"I'm going to jump off the bridge tonight. Kidding, but not really.", true},
	}
	for _, c := range cases {
		if got := d.Check(c.text); got != c.want {
			_, found := d.Explain(c.text)
			t.Errorf("%q: got %v, want %v (%+v)", c.text, got, c.want, found)
		}
	}
}
