package partner

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// checkFieldError fails unless err is a usable validation error whose log
// text does not carry what the person typed.
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
		if len(in) >= 12 && strings.IndexFunc(in, unicode.IsLetter) >= 0 && strings.Contains(err.Error(), in) {
			t.Fatalf("log text %q contains the input %q", err.Error(), in)
		}
	}
}

func checkOneLine(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) || strings.TrimSpace(s) != s {
		t.Fatalf("output %q is not clean", s)
	}
	for _, r := range s {
		if unicode.IsControl(r) || isBidiControl(r) || r == '\u2028' || r == '\u2029' {
			t.Fatalf("output %q holds %U", s, r)
		}
	}
}

func FuzzComposeRepair(f *testing.F) {
	c := mustLoad(f)
	f.Add("I'm not going anywhere", "I'm going for a walk", "We'll work this out", "16:00", int64(0))
	f.Add("", "im im I am thinking", "?", "4pm", int64(3600))
	f.Add("\xff", "a\nb", "\u202E", "02:30", int64(-86400*200))
	f.Add("...", "   ", "!!!", "12am", int64(86400*100))
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2026, 3, 7, 22, 0, 0, 0, ny)
	f.Fuzz(func(t *testing.T, opener, doing, warm, back string, offset int64) {
		now := base.Add(time.Duration(offset%(86400*400)) * time.Second)
		at, err := ParseClock(SlotBack, back, now, ny)
		if err != nil {
			checkFieldError(t, err, back)
			return
		}
		got, err := c.ComposeRepair(Repair{opener, doing, warm}, at, now, ny, Clock24)
		if err != nil {
			checkFieldError(t, err, opener, doing, warm)
			if FieldMessages(err)[SlotBack] != "" {
				t.Fatalf("ParseClock gave %v for now %v, and ComposeRepair refused it", at, now)
			}
			return
		}
		checkOneLine(t, got)
		if !strings.Contains(got, "I'll be back ") {
			t.Fatalf("repair %q names no return", got)
		}
		if want := at.In(ny).Format("15:04"); !strings.Contains(got, want) {
			t.Fatalf("repair %q lacks the time %s", got, want)
		}
		r := Repair{opener, doing, warm}
		if err := c.CheckRepair(&r); err != nil {
			t.Fatal(err)
		}
		again := r
		if err := c.CheckRepair(&again); err != nil || again != r {
			t.Fatalf("CheckRepair not idempotent: %+v then %+v", r, again)
		}
	})
}

func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"16:00", "4pm", "4.30 p.m.", "0:00", "12am", "24:00", "99", "", "16h30", "٤pm"} {
		f.Add(s, int64(0))
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		f.Fatal(err)
	}
	base := time.Date(2026, 3, 28, 20, 0, 0, 0, london)
	f.Fuzz(func(t *testing.T, s string, offset int64) {
		now := base.Add(time.Duration(offset%(86400*400)) * time.Second)
		at, err := ParseClock("back", s, now, london)
		if err != nil {
			checkFieldError(t, err, s)
			return
		}
		if !at.After(now) || at.Sub(now) > MaxRepairWait {
			t.Fatalf("ParseClock(%q) at %v = %v", s, now, at)
		}
		if at.Second() != 0 || at.Location() != london {
			t.Fatalf("ParseClock(%q) = %v", s, at)
		}
	})
}

func FuzzComposeBoundary(f *testing.F) {
	c := mustLoad(f)
	for _, s := range c.BoundarySlots() {
		f.Add(s.Example, s.Example, s.Example)
	}
	f.Add("", "?", "??")
	f.Add("a\u2028b", "\x00", strings.Repeat("é", 201))
	f.Fuzz(func(t *testing.T, conn, limit, timeline string) {
		b := Boundary{conn, limit, timeline}
		got, err := c.ComposeBoundary(b)
		if err != nil {
			checkFieldError(t, err, conn, limit, timeline)
			return
		}
		checkOneLine(t, got)
		if !strings.HasSuffix(got, ".") && !strings.HasSuffix(got, "?") {
			t.Fatalf("boundary %q does not end a sentence", got)
		}
		once := b
		if err := c.CheckBoundary(&once); err != nil || once.Limit == "" {
			t.Fatalf("ComposeBoundary passed but CheckBoundary says %v (%+v)", err, once)
		}
		twice := once
		if err := c.CheckBoundary(&twice); err != nil || twice != once {
			t.Fatalf("CheckBoundary not idempotent: %+v then %+v", once, twice)
		}
	})
}

func FuzzSignal(f *testing.F) {
	for _, s := range []string{
		`{"signal":"activated","number":7}`, `{"signal":"here-back-at","at":"2026-06-10T16:00:00+01:00","words":"x"}`,
		`{"signal":"need-space","words":"see www.x"}`, `{"signal":"need-space","location":"x"}`, `{}`, `null`,
		`{"signal":"activated","number":1e9}`, `{"signal":"running-late","at":"0001-01-01T00:00:00Z"}`,
	} {
		f.Add([]byte(s))
	}
	c := mustLoad(f)
	now := time.Date(2026, 6, 10, 13, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		s, err := ParseSignal(body)
		if err != nil {
			checkFieldError(t, err)
			return
		}
		if err := c.CheckSignal(&s, now); err != nil {
			checkFieldError(t, err, s.Words)
			return
		}
		k, err := c.SignalKind(s.Kind)
		if err != nil {
			t.Fatalf("checked signal of unknown kind %q", s.Kind)
		}
		if (s.Number != nil) != (k.Param == ParamNumber) || (s.At != nil) != (k.Param == ParamTime) {
			t.Fatalf("signal %+v does not fit its kind %+v", s, k)
		}
		checkOneLine(t, s.Words)
		if utf8.RuneCountInString(s.Words) > MaxSignalWords || hasLink(s.Words) {
			t.Fatalf("words %q slipped through", s.Words)
		}
		shown, err := c.ShowSignal(s, now, time.UTC, Clock12)
		if err != nil || strings.ContainsAny(shown.Text, "{}") {
			t.Fatalf("ShowSignal(%+v) = %+v, %v", s, shown, err)
		}
		again := s
		if err := c.CheckSignal(&again, now); err != nil {
			t.Fatalf("a checked signal fails a second check: %v", err)
		}
	})
}

func FuzzParseInviteCode(f *testing.F) {
	for _, s := range []string{"7K3QD-X9M2A", "oilqd x9m2a", "", "7K3QD-X9M2U", "ＡＢＣ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, err := ParseInviteCode(s)
		if err != nil {
			checkFieldError(t, err)
			return
		}
		if len(code) != InviteCodeLength+1 || code[5] != '-' {
			t.Fatalf("ParseInviteCode(%q) = %q", s, code)
		}
		for i, r := range code {
			if i != 5 && !strings.ContainsRune(inviteAlphabet, r) {
				t.Fatalf("ParseInviteCode(%q) = %q", s, code)
			}
		}
		if again, err := ParseInviteCode(code); err != nil || again != code {
			t.Fatalf("a parsed code reads back as %q, %v", again, err)
		}
	})
}

func FuzzCheckTalk(f *testing.F) {
	f.Add("opening", "Can we talk about a pattern?", "try", "")
	f.Add("x", "\x00", "", "")
	c := mustLoad(f)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string) {
		got, err := c.CheckTalk(map[string]string{k1: v1, k2: v2})
		if err != nil {
			checkFieldError(t, err, v1, v2)
			return
		}
		for k, v := range got {
			if v == "" || strings.TrimSpace(v) != v || utf8.RuneCountInString(v) > MaxNote {
				t.Fatalf("answer %s = %q slipped through", k, v)
			}
		}
	})
}

func FuzzChoices(f *testing.F) {
	f.Add("manager,exhaustion", "afraid,same-fight", 2)
	f.Add(",,", "self-harm", -1)
	f.Add("x", "", 99)
	c := mustLoad(f)
	f.Fuzz(func(t *testing.T, baseline, signs string, n int) {
		r, err := c.CheckBaseline(strings.Split(baseline, ","))
		if err != nil {
			checkFieldError(t, err)
		} else if (len(r.Present) >= 2) != (r.HelpPath == HelpPath) {
			t.Fatalf("baseline %q: %d present, help %q", baseline, len(r.Present), r.HelpPath)
		}
		h, err := c.HelpFor(strings.Split(signs, ","), n)
		if err != nil {
			checkFieldError(t, err)
			return
		}
		for _, route := range h.Routes {
			if h.Safety && route.Path != SafetyPath && route.Path != CrisisPath {
				t.Fatalf("signs %q: safety, and still route %s", signs, route.ID)
			}
		}
		if h.Safety && (len(h.Routes) == 0 || h.Routes[0].ID != RouteSafety) {
			t.Fatalf("signs %q: safety is not first", signs)
		}
	})
}
