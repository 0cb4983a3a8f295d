package behaviour

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkFieldError fails unless err is a usable validation error: it wraps
// ErrInvalid or ErrNotFound, names at least one field with a message, and
// its log text does not carry what the person typed.
func checkFieldError(t *testing.T, err error, inputs ...string) {
	t.Helper()
	if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrNotFound) {
		t.Fatalf("error %v wraps neither ErrInvalid nor ErrNotFound", err)
	}
	msgs := FieldMessages(err)
	if len(msgs) == 0 {
		t.Fatalf("error %v has no field messages", err)
	}
	for f, m := range msgs {
		if f == "" || m == "" {
			t.Fatalf("empty field or message in %v", msgs)
		}
	}
	for _, in := range inputs {
		// Short inputs can match by chance; long text with letters would
		// be the person's own words leaking into the log.
		if len(in) >= 12 && strings.IndexFunc(in, unicode.IsLetter) >= 0 && strings.Contains(err.Error(), in) {
			t.Fatalf("log text %q contains the input %q", err.Error(), in)
		}
	}
}

// checkOneLine fails unless s is text safe to show and copy out on one line.
func checkOneLine(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output %q is not UTF-8", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			t.Fatalf("output %q holds %U", s, r)
		}
	}
	if strings.TrimSpace(s) != s {
		t.Fatalf("output %q is not trimmed", s)
	}
}

func FuzzComposeNeed(f *testing.F) {
	c := mustLoad(f)
	for _, e := range c.NeedExamples() {
		f.Add(e.When, e.Feel, e.Like, e.Ask)
	}
	f.Add("When, ", "I feel", "I'd like", "Would you?")
	f.Add("İ feel", "I’m feeling ’", "i'D LIKE.", "could you\u202E")
	f.Add("\xff", "a\nb", strings.Repeat("é", 201), "\x00")
	f.Add("", "…", "?!", " , ")
	f.Add("when when you go", "feel feeling I feel", "I'd like. I'd like", "would you would you?")
	f.Fuzz(func(t *testing.T, when, feel, like, ask string) {
		n := Need{when, feel, like, ask}
		got, err := c.ComposeNeed(n)
		if err != nil {
			checkFieldError(t, err, when, feel, like, ask)
			return
		}
		checkOneLine(t, got)
		if !strings.HasPrefix(got, "When ") && !strings.HasPrefix(got, "I feel ") {
			t.Fatalf("need %q does not start with its frame", got)
		}
		if !strings.Contains(got, " I'd like ") {
			t.Fatalf("need %q has no I'd like", got)
		}
		// Checking is idempotent: what CheckNeed stores, it accepts again
		// unchanged, so an edit that changes nothing stores the same.
		once := n
		if err := c.CheckNeed(&once); err != nil {
			t.Fatalf("ComposeNeed passed but CheckNeed failed: %v", err)
		}
		twice := once
		if err := c.CheckNeed(&twice); err != nil || twice != once {
			t.Fatalf("CheckNeed not idempotent: %+v then %+v (%v)", once, twice, err)
		}
		if again, _ := c.ComposeNeed(once); again != got {
			t.Fatalf("composing the stored parts gives %q, not %q", again, got)
		}
	})
}

func FuzzComposeBoundary(f *testing.F) {
	c := mustLoad(f)
	for _, e := range c.BoundaryExamples() {
		f.Add(e.Limit, e.Warmth, e.Time)
	}
	f.Add("?", "", "??")
	f.Add("I need space.", "I love you!", "Tomorrow at 7 ?")
	f.Add("\u2028", "a\tb", strings.Repeat("x", 300))
	f.Fuzz(func(t *testing.T, limit, warmth, when string) {
		b := Boundary{limit, warmth, when}
		got, err := c.ComposeBoundary(b)
		if err != nil {
			checkFieldError(t, err, limit, warmth, when)
			return
		}
		checkOneLine(t, got)
		if !strings.HasSuffix(got, ".") && !strings.HasSuffix(got, "?") {
			t.Fatalf("boundary %q does not end a sentence", got)
		}
		once := b
		if err := c.CheckBoundary(&once); err != nil {
			t.Fatalf("ComposeBoundary passed but CheckBoundary failed: %v", err)
		}
		twice := once
		if err := c.CheckBoundary(&twice); err != nil || twice != once {
			t.Fatalf("CheckBoundary not idempotent: %+v then %+v (%v)", once, twice, err)
		}
		if once.Limit == "" {
			t.Fatal("a boundary without a limit passed")
		}
	})
}

func FuzzCheckLog(f *testing.F) {
	c := mustLoad(f)
	f.Add("late-reply", "", 5, "stomach", "", "leaving", "", "They're bored of me", "texting-or-calling", "", "breathed", "", "let-it-pass", "calmer")
	f.Add("own-words", "a thing", 0, "own-words", "x", "own-words", "y", "", "own-words", "z", "own-words", "w", "", "")
	f.Add("own-words", " ", 11, "x", "\n", "x", "\xff", "\x00", "x", "", "x", "", "x", "x")
	f.Fuzz(func(t *testing.T, happening, happeningOwn string, activation int, body, bodyOwn, fear, fearOwn, story, urge, urgeOwn, instead, insteadOwn, outcome, afterwards string) {
		l := Log{
			Happening: happening, HappeningOwn: happeningOwn, Activation: activation,
			Body: strings.Split(body, ","), BodyOwn: bodyOwn, Fear: fear, FearOwn: fearOwn, Story: story,
			Urges: strings.Split(urge, ","), UrgeOwn: urgeOwn, Instead: strings.Split(instead, ","), InsteadOwn: insteadOwn,
			Outcome: outcome, Afterwards: afterwards,
		}
		err := c.CheckLog(&l)
		if err != nil {
			checkFieldError(t, err, happeningOwn, story, bodyOwn, fearOwn, urgeOwn, insteadOwn)
			return
		}
		if !c.Has(Happenings, l.Happening) || l.Activation < 0 || l.Activation > 10 {
			t.Fatalf("log passed with %q, %d", l.Happening, l.Activation)
		}
		for _, own := range []string{l.HappeningOwn, l.BodyOwn, l.FearOwn, l.UrgeOwn, l.InsteadOwn} {
			checkOneLine(t, own)
			if utf8.RuneCountInString(own) > MaxOwnWords {
				t.Fatalf("own words of %d runes passed", utf8.RuneCountInString(own))
			}
		}
		if (l.Happening == OwnWords) != (l.HappeningOwn != "") {
			t.Fatalf("own words %q kept with happening %q", l.HappeningOwn, l.Happening)
		}
		if utf8.RuneCountInString(l.Story) > MaxStory || !utf8.ValidString(l.Story) {
			t.Fatal("story slipped through")
		}
		again := l
		if err := c.CheckLog(&again); err != nil {
			t.Fatalf("a checked log fails a second check: %v", err)
		}
	})
}

func FuzzParseActivation(f *testing.F) {
	for _, s := range []string{"0", "10", " 7 ", "-0", "+1", "11", "٣", "1e1", "07", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseActivation("activation", s)
		if err != nil {
			checkFieldError(t, err, s)
			return
		}
		if n < 0 || n > 10 {
			t.Fatalf("ParseActivation(%q) = %d", s, n)
		}
	})
}

func FuzzCheckTalk(f *testing.F) {
	f.Add("understand", "The texts come from fear.", "asking", "", "plan")
	f.Add("went-well", "x\r\ny", "nonsense", "z", "after")
	f.Add("", "", "", "", "")
	c := mustLoad(f)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2, form string) {
		got, err := c.CheckTalk(List(form), map[string]string{k1: v1, k2: v2})
		if err != nil {
			checkFieldError(t, err, v1, v2)
			return
		}
		if len(got) == 0 {
			t.Fatal("no answers passed")
		}
		for k, v := range got {
			if v == "" || strings.TrimSpace(v) != v || utf8.RuneCountInString(v) > MaxNote || strings.Contains(v, "\r") {
				t.Fatalf("answer %s = %q slipped through", k, v)
			}
		}
	})
}

func FuzzCheckHeld(f *testing.F) {
	f.Add("Why haven't you answered?", "1-hour")
	f.Add("line one\r\nline two\ttab", "next-morning")
	f.Add("\u202Ehidden", "10-minutes")
	c := mustLoad(f)
	f.Fuzz(func(t *testing.T, msg, hold string) {
		h := Held{Message: msg, Hold: hold}
		if err := c.CheckHeld(&h); err != nil {
			checkFieldError(t, err, msg)
			return
		}
		if h.Message == "" || !utf8.ValidString(h.Message) || utf8.RuneCountInString(h.Message) > MaxMessage || strings.Contains(h.Message, "\r") {
			t.Fatalf("message %q slipped through", h.Message)
		}
		for _, r := range h.Message {
			if isBidiControl(r) || (unicode.IsControl(r) && r != '\n' && r != '\t') {
				t.Fatalf("message holds %U", r)
			}
		}
	})
}
