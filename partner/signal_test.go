package partner

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseSignal(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Signal
	}{
		{`{"signal":"need-space"}`, Signal{Kind: "need-space"}},
		{`{"signal":"activated","number":7,"words":"work stuff"}`, Signal{Kind: "activated", Number: ptr(7), Words: "work stuff"}},
		{`{"signal":"here-back-at","at":"2026-06-10T15:00:00Z"}`, Signal{Kind: "here-back-at", At: ptr(time.Date(2026, 6, 10, 15, 0, 0, 0, time.UTC))}},
		{" {\"signal\":\"okay-now\"} \n", Signal{Kind: "okay-now"}},
	} {
		got, err := ParseSignal([]byte(tc.in))
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseSignal(%s) = %+v, %v", tc.in, got, err)
		}
	}
	for _, in := range []string{
		``, `null x`, `[]`, `{"signal":"need-space"}{"signal":"need-space"}`, `{"signal":"need-space"} x`,
		`{"signal":"need-space","location":"51.5,-0.1"}`, `{"signal":"need-space","read":true}`,
		`{"signal":"need-space","last_seen":"2026-06-10T15:00:00Z"}`, `{"signal":"need-space","journal":"x"}`,
		`{"signal":"activated","number":"7"}`, `{"signal":"here-back-at","at":"16:00"}`, `{"signal":7}`,
		`{"signal":"need-space","words":"` + strings.Repeat("a", MaxSignalBytes) + `"}`,
	} {
		if _, err := ParseSignal([]byte(in)); !errors.Is(err, ErrInvalid) || FieldMessages(err)[FieldSignal] == "" {
			t.Errorf("ParseSignal(%.60s) = %v, want an invalid signal", in, err)
		}
	}
}

func ptr[T any](v T) *T { return &v }

func TestCheckSignal(t *testing.T) {
	c := mustLoad(t)
	now := time.Date(2026, 6, 10, 14, 20, 30, 0, time.UTC)
	ok := []struct {
		in, want Signal
	}{
		{Signal{Kind: "need-space"}, Signal{Kind: "need-space"}},
		{Signal{Kind: "activated", Number: ptr(0)}, Signal{Kind: "activated", Number: ptr(0)}},
		{Signal{Kind: "activated", Number: ptr(10), Words: "  rough day  "}, Signal{Kind: "activated", Number: ptr(10), Words: "rough day"}},
		{Signal{Kind: "here-back-at", At: ptr(now.Add(90*time.Second + 17*time.Second))}, Signal{Kind: "here-back-at", At: ptr(time.Date(2026, 6, 10, 14, 22, 0, 0, time.UTC))}},
		{Signal{Kind: "running-late", At: ptr(now.Add(MaxSignalAhead).In(time.FixedZone("X", 3600)))}, Signal{Kind: "running-late", At: ptr(now.Add(MaxSignalAhead).UTC().Truncate(time.Minute))}},
	}
	for _, tc := range ok {
		s := tc.in
		if err := c.CheckSignal(&s, now); err != nil || !reflect.DeepEqual(s, tc.want) {
			t.Errorf("CheckSignal(%+v) = %+v, %v; want %+v", tc.in, s, err, tc.want)
		}
	}
	for _, tc := range []struct {
		name   string
		s      Signal
		fields string
	}{
		{"unknown kind", Signal{Kind: "where-are-you"}, "signal"},
		{"no kind", Signal{}, "signal"},
		{"number missing", Signal{Kind: "activated"}, "number"},
		{"number too high", Signal{Kind: "activated", Number: ptr(11)}, "number"},
		{"number too low", Signal{Kind: "activated", Number: ptr(-1)}, "number"},
		{"number where none belongs", Signal{Kind: "need-space", Number: ptr(3)}, "number"},
		{"time missing", Signal{Kind: "here-back-at"}, "at"},
		{"time past", Signal{Kind: "here-back-at", At: ptr(now.Add(-time.Minute))}, "at"},
		{"time now", Signal{Kind: "here-back-at", At: ptr(now)}, "at"},
		{"time too far", Signal{Kind: "here-back-at", At: ptr(now.Add(MaxSignalAhead + time.Second))}, "at"},
		{"time where none belongs", Signal{Kind: "thinking-of-you", At: ptr(now.Add(time.Hour))}, "at"},
		{"long words", Signal{Kind: "thinking-of-you", Words: strings.Repeat("é", MaxSignalWords+1)}, "words"},
		{"two lines", Signal{Kind: "thinking-of-you", Words: "a\nb"}, "words"},
		{"a link", Signal{Kind: "thinking-of-you", Words: "look https://example.org"}, "words"},
		{"a bare link", Signal{Kind: "thinking-of-you", Words: "see bit.ly/abc"}, "words"},
		{"www", Signal{Kind: "thinking-of-you", Words: "WWW.example"}, "words"},
		{"hidden reordering", Signal{Kind: "thinking-of-you", Words: "ok\u202Eko"}, "words"},
		{"all at once", Signal{Kind: "activated", Number: ptr(12), At: ptr(now), Words: "\xff"}, "number at words"},
	} {
		s := tc.s
		err := c.CheckSignal(&s, now)
		msgs := FieldMessages(err)
		if err == nil || len(msgs) != len(strings.Fields(tc.fields)) {
			t.Errorf("%s: %v, want messages for %s", tc.name, msgs, tc.fields)
		}
		for _, f := range strings.Fields(tc.fields) {
			if msgs[f] == "" {
				t.Errorf("%s: no message for %s", tc.name, f)
			}
		}
	}
	// Words that only look a little like addresses are fine.
	s := Signal{Kind: "thinking-of-you", Words: "ok. so. see you at 5.30"}
	if err := c.CheckSignal(&s, now); err != nil {
		t.Errorf("plain words refused: %v", err)
	}
}

func TestShowSignal(t *testing.T) {
	c := mustLoad(t)
	london := zone(t, "Europe/London")
	ny := zone(t, "America/New_York")
	now := at(t, london, "2026-06-10 14:20")
	for _, tc := range []struct {
		s     Signal
		loc   *time.Location
		clock Clock
		want  Shown
	}{
		{Signal{Kind: "activated", Number: ptr(7)}, london, Clock24, Shown{Text: "Activated 7/10. A short check-in would help."}},
		{Signal{Kind: "here-back-at", At: ptr(at(t, london, "2026-06-10 16:00"))}, london, Clock24, Shown{Text: "I'm here. Back at 16:00."}},
		{Signal{Kind: "here-back-at", At: ptr(at(t, london, "2026-06-10 16:00"))}, ny, Clock12, Shown{Text: "I'm here. Back at 11:00 am."}},
		{Signal{Kind: "running-late", At: ptr(at(t, london, "2026-06-11 00:30"))}, london, Clock24, Shown{Text: "Running late. Home tomorrow at 00:30."}},
		{Signal{Kind: "need-space", Words: "big day"}, london, Clock24, Shown{Text: "I need a little space. I'm not going anywhere.", Words: "big day"}},
	} {
		got, err := c.ShowSignal(tc.s, now, tc.loc, tc.clock)
		if err != nil || got != tc.want {
			t.Errorf("ShowSignal(%+v) = %+v, %v; want %+v", tc.s, got, err, tc.want)
		}
	}
	if _, err := c.ShowSignal(Signal{Kind: "activated"}, now, london, Clock24); err == nil {
		t.Error("a number signal with no number was shown")
	}
	if _, err := c.ShowSignal(Signal{Kind: "here-back-at"}, now, london, Clock24); err == nil {
		t.Error("a time signal with no time was shown")
	}
	if _, err := c.ShowSignal(Signal{Kind: "need-space"}, now, nil, Clock24); err == nil {
		t.Error("shown with no zone")
	}
	if _, err := c.ShowSignal(Signal{Kind: "x"}, now, london, Clock24); err == nil {
		t.Error("an unknown kind was shown")
	}
	for _, k := range c.SignalKinds() {
		s := Signal{Kind: k.ID}
		switch k.Param {
		case ParamNumber:
			s.Number = ptr(k.Max)
		case ParamTime:
			s.At = ptr(now.Add(time.Hour))
		}
		got, err := c.ShowSignal(s, now, london, Clock24)
		if err != nil || strings.ContainsAny(got.Text, "{}") {
			t.Errorf("%s shows as %q, %v", k.ID, got.Text, err)
		}
	}
}

func TestAllowSignal(t *testing.T) {
	now := time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC)
	ago := func(ds ...time.Duration) []time.Time {
		var out []time.Time
		for _, d := range ds {
			out = append(out, now.Add(-d))
		}
		return out
	}
	m := time.Minute
	for _, tc := range []struct {
		name string
		sent []time.Time
		ok   bool
		next time.Time
	}{
		{"none", nil, true, now},
		{"five this hour", ago(1*m, 2*m, 3*m, 4*m, 5*m), true, now},
		{"six this hour", ago(50*m, 1*m, 40*m, 2*m, 30*m, 3*m), false, now.Add(10 * m)},
		{"six, one just left the hour", ago(60*m, 1*m, 2*m, 3*m, 4*m, 5*m), true, now},
		{"seven this hour", ago(55*m, 50*m, 1*m, 2*m, 3*m, 4*m, 5*m), false, now.Add(10 * m)},
		{"a clock that ran ahead", append(ago(1*m, 2*m, 3*m, 4*m, 5*m), now.Add(time.Hour)), false, now.Add(55 * m)},
		{"twenty today, spread out", ago(23*time.Hour, 22*time.Hour, 21*time.Hour, 20*time.Hour, 19*time.Hour, 18*time.Hour, 17*time.Hour, 16*time.Hour, 15*time.Hour, 14*time.Hour,
			13*time.Hour, 12*time.Hour, 11*time.Hour, 10*time.Hour, 9*time.Hour, 8*time.Hour, 7*time.Hour, 6*time.Hour, 5*time.Hour, 4*time.Hour), false, now.Add(time.Hour)},
		{"yesterday does not count", ago(24*time.Hour, 25*time.Hour, 30*time.Hour, 47*time.Hour, 24*time.Hour+m, 26*time.Hour, 27*time.Hour), true, now},
	} {
		ok, next := AllowSignal(tc.sent, now)
		if ok != tc.ok || !next.Equal(tc.next) {
			t.Errorf("%s: %v %v, want %v %v", tc.name, ok, next.Sub(now), tc.ok, tc.next.Sub(now))
		}
		if !ok {
			// At next, the limit lets one through.
			if ok2, _ := AllowSignal(tc.sent, next); !ok2 {
				t.Errorf("%s: still limited at %v", tc.name, next.Sub(now))
			}
			if ok3, _ := AllowSignal(tc.sent, next.Add(-time.Second)); ok3 {
				t.Errorf("%s: free a second before %v", tc.name, next.Sub(now))
			}
		}
	}
	msg := LimitMessage(now.Add(10*m), now, time.UTC, Clock24)
	if !strings.Contains(msg, "at 14:10") || !strings.Contains(msg, "Pause") {
		t.Errorf("limit message %q", msg)
	}
}

func TestSignalExpired(t *testing.T) {
	sent := time.Date(2026, 6, 10, 14, 0, 0, 0, time.UTC)
	if SignalExpired(sent, sent.Add(SignalLifetime-time.Second)) || !SignalExpired(sent, sent.Add(SignalLifetime)) {
		t.Error("expiry is off at the edge")
	}
}

func TestInviteCode(t *testing.T) {
	for _, tc := range []struct {
		random []byte
		want   string
	}{
		{[]byte{0, 0, 0, 0, 0, 0, 0}, "00000-00000"},
		{[]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, "ZZZZZ-ZZZZZ"},
		{[]byte{1, 2, 3, 4, 5, 6, 7, 99}, "820C2-0A1G7"}, // checked by hand: the low 50 bits of 0x01020304050607,
	} {
		got, err := InviteCode(tc.random)
		if err != nil || got != tc.want {
			t.Errorf("InviteCode(%x) = %q, %v; want %q", tc.random, got, err, tc.want)
		}
		back, err := ParseInviteCode(strings.ToLower(strings.ReplaceAll(got, "-", " ")))
		if err != nil || back != got {
			t.Errorf("ParseInviteCode of %q = %q, %v", got, back, err)
		}
	}
	if _, err := InviteCode([]byte{1, 2, 3}); err == nil {
		t.Error("a code from three bytes")
	}
	for in, want := range map[string]string{"7k3qd-x9m2a": "7K3QD-X9M2A", " 7K3QD X9M2A ": "7K3QD-X9M2A", "oilqd-x9m2a": "011QD-X9M2A", "7K3QDX9M2A": "7K3QD-X9M2A"} {
		if got, err := ParseInviteCode(in); err != nil || got != want {
			t.Errorf("ParseInviteCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "7K3QD-X9M2", "7K3QD-X9M2AB", "7K3QD-X9M2U", "7K3QD_X9M2A", "７K3QD-X9M2A", strings.Repeat("-", 50) + "7K3QDX9M2A"} {
		if _, err := ParseInviteCode(in); FieldMessages(err)[FieldCode] == "" {
			t.Errorf("ParseInviteCode(%q) = %v", in, err)
		}
	}
}
