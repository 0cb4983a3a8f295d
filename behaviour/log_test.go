package behaviour

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestCheckLog(t *testing.T) {
	c := mustLoad(t)
	seven, eleven := 7, 11
	for _, tc := range []struct {
		name   string
		in     Log
		fields []string // fields with a message, or none when valid
		want   *Log     // the tidied log, when valid and worth checking
	}{
		{name: "quickest log", in: Log{Happening: "late-reply", Activation: 6}},
		{name: "zero activation is a rating", in: Log{Happening: "conflict", Activation: 0}},
		{name: "full log, tidied", in: Log{
			Happening: "own-words", HappeningOwn: "  They laughed at my idea  ", Activation: 8,
			Body: []string{"stomach", "tight-chest", "stomach"}, BodyOwn: "left over",
			Fear: "leaving", FearOwn: "stale words", Story: "  They're bored of me.\r\nAgain.  ",
			Urges: []string{"texting-or-calling"}, Instead: []string{"own-words", "breathed"}, InsteadOwn: " sang ",
			Outcome: "let-it-pass", Afterwards: "calmer", ActivationAfter: &seven,
		}, want: &Log{
			Happening: "own-words", HappeningOwn: "They laughed at my idea", Activation: 8,
			Body: []string{"tight-chest", "stomach"}, Fear: "leaving", Story: "They're bored of me.\nAgain.",
			Urges: []string{"texting-or-calling"}, Instead: []string{"breathed", "own-words"}, InsteadOwn: "sang",
			Outcome: "let-it-pass", Afterwards: "calmer", ActivationAfter: &seven,
		}},
		{name: "nothing", in: Log{Activation: 0}, fields: []string{"happening"}},
		{name: "unknown happening", in: Log{Happening: "alien-abduction", Activation: 3}, fields: []string{"happening"}},
		{name: "activation range", in: Log{Happening: "late-reply", Activation: 11}, fields: []string{"activation"}},
		{name: "negative activation", in: Log{Happening: "late-reply", Activation: -1}, fields: []string{"activation"}},
		{name: "after range", in: Log{Happening: "late-reply", Activation: 3, ActivationAfter: &eleven}, fields: []string{"activation_after"}},
		{name: "own words missing", in: Log{Happening: "own-words", HappeningOwn: "   ", Activation: 3}, fields: []string{"happening_own"}},
		{name: "own words two lines", in: Log{Happening: "own-words", HappeningOwn: "a\nb", Activation: 3}, fields: []string{"happening_own"}},
		{name: "own words too long", in: Log{Happening: "late-reply", Activation: 3, Urges: []string{"own-words"}, UrgeOwn: strings.Repeat("x", MaxOwnWords+1)}, fields: []string{"urges_own"}},
		{name: "unknown urge", in: Log{Happening: "late-reply", Activation: 3, Urges: []string{"going-quiet", "late-reply"}}, fields: []string{"urges"}},
		{name: "unknown fear", in: Log{Happening: "late-reply", Activation: 3, Fear: "spiders"}, fields: []string{"fear"}},
		{name: "unknown outcome", in: Log{Happening: "late-reply", Activation: 3, Outcome: "went-fine"}, fields: []string{"outcome"}},
		{name: "unknown afterwards", in: Log{Happening: "late-reply", Activation: 3, Afterwards: "great"}, fields: []string{"afterwards"}},
		{name: "story control characters", in: Log{Happening: "late-reply", Activation: 3, Story: "a\x00b"}, fields: []string{"story"}},
		{name: "story bidi override", in: Log{Happening: "late-reply", Activation: 3, Story: "a\u202Eb"}, fields: []string{"story"}},
		{name: "story not UTF-8", in: Log{Happening: "late-reply", Activation: 3, Story: "\xff"}, fields: []string{"story"}},
		{name: "story too long", in: Log{Happening: "late-reply", Activation: 3, Story: strings.Repeat("é", MaxStory+1)}, fields: []string{"story"}},
		{name: "every problem at once", in: Log{Happening: "x", Activation: 12, Body: []string{"x"}, Fear: "x", Urges: []string{"x"}, Instead: []string{"x"}, Outcome: "x", Afterwards: "x", Story: "\x01"},
			fields: []string{"happening", "activation", "body", "fear", "story", "urges", "instead", "outcome", "afterwards"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := tc.in
			err := c.CheckLog(&l)
			msgs := FieldMessages(err)
			if len(tc.fields) == 0 {
				if err != nil {
					t.Fatalf("CheckLog = %v", err)
				}
				if tc.want != nil && !reflect.DeepEqual(l, *tc.want) {
					t.Errorf("tidied log\n got %+v\nwant %+v", l, *tc.want)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
				t.Fatalf("CheckLog = %v, want a field error", err)
			}
			if len(msgs) != len(tc.fields) {
				t.Errorf("messages for %v, want exactly %v", msgs, tc.fields)
			}
			for _, f := range tc.fields {
				if msgs[f] == "" {
					t.Errorf("no message for %s in %v", f, msgs)
				}
			}
		})
	}
}

func TestParseActivation(t *testing.T) {
	for in, want := range map[string]int{"0": 0, "7": 7, " 10 ": 10, "05": 5} {
		got, err := ParseActivation("activation", in)
		if err != nil || got != want {
			t.Errorf("ParseActivation(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "11", "-1", "+5", "seven", "7.5", "100", "1e1", " ", "0x7"} {
		if _, err := ParseActivation("activation", in); !errors.Is(err, ErrInvalid) || FieldMessages(err)["activation"] == "" {
			t.Errorf("ParseActivation(%q) = %v, want an invalid field error", in, err)
		}
	}
}

func TestErrorTextHoldsNoInput(t *testing.T) {
	c := mustLoad(t)
	secret := "my secret story about tonight"
	l := Log{Happening: "own-words", HappeningOwn: secret + strings.Repeat("x", 100), Activation: 3, Story: secret + "\x00"}
	err := c.CheckLog(&l)
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Fatalf("log text %q must not hold what was typed", err)
	}
}
