package securebase

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func validAttempt() *Attempt {
	start := time.Date(2026, 11, 21, 23, 0, 0, 0, time.UTC)
	end := start.Add(10 * time.Minute)
	return &Attempt{Instrument: "ecr-r", Seed: 42, Answers: map[int]int{1: 4, 36: 7}, StartedAt: start, CompletedAt: &end,
		Result: &AttemptResult{Min: 1, Max: 7, Scales: []AttemptScale{
			{Scale: "anxiety", Mean: 4, Answered: 18, Scored: true},
			{Scale: "avoidance", Answered: 2, Missing: 16}}}}
}

func TestAttemptValidate(t *testing.T) {
	if err := validAttempt().Validate(); err != nil {
		t.Fatalf("a valid attempt: %v", err)
	}
	open := &Attempt{Instrument: "ecr-rs", About: "  Sam  ", StartedAt: time.Now()}
	if err := open.Validate(); err != nil || open.About != "Sam" || open.Answers == nil {
		t.Fatalf("an open attempt: %v, about %q, answers %v", err, open.About, open.Answers)
	}
	for field, breakIt := range map[string]func(a *Attempt){
		"instrument":   func(a *Attempt) { a.Instrument = "ECR R" },
		"about":        func(a *Attempt) { a.About = strings.Repeat("é", 81) },
		"about ":       func(a *Attempt) { a.About = "bell\x07" },
		"about  ":      func(a *Attempt) { a.About = "\xff" },
		"seed":         func(a *Attempt) { a.Seed = 1 << 53 },
		"answers":      func(a *Attempt) { a.Answers[0] = 1 },
		"answers ":     func(a *Attempt) { a.Answers[3] = 101 },
		"answers  ":    func(a *Attempt) { a.Answers[201] = 1 },
		"started_at":   func(a *Attempt) { a.StartedAt = time.Time{} },
		"completed_at": func(a *Attempt) { early := a.StartedAt.Add(-time.Second); a.CompletedAt = &early },
		"result":       func(a *Attempt) { a.Result = nil },
		"result ":      func(a *Attempt) { a.CompletedAt = nil },
		"result  ":     func(a *Attempt) { a.Result.Scales[0].Mean = 8 },
		"result   ":    func(a *Attempt) { a.Result.Scales[0].Mean = math.NaN() },
		"result    ":   func(a *Attempt) { a.Result.Scales[1].Mean = 3 }, // unscored scales have no mean
		"result     ":  func(a *Attempt) { a.Result.Min = 7 },
		"result      ": func(a *Attempt) { a.Result.Scales = nil },
	} {
		a := validAttempt()
		breakIt(a)
		err := a.Validate()
		if ErrorCode(err) != EINVALID || ErrorFields(err)[strings.TrimSpace(field)] == "" {
			t.Errorf("%s: %v", field, err)
		}
	}
}

func TestSignsValidate(t *testing.T) {
	s := &Signs{Selected: []string{"flooding", "checking", "flooding"}}
	if err := s.Validate(); err != nil || strings.Join(s.Selected, ",") != "flooding,checking" {
		t.Fatalf("%v %v", err, s.Selected)
	}
	s = &Signs{}
	if err := s.Validate(); err != nil || s.Selected == nil {
		t.Fatalf("an empty selection: %v %v", err, s.Selected)
	}
	for _, bad := range [][]string{{"Flooding"}, {""}, {"a b"}, {strings.Repeat("a", 65)}} {
		if err := (&Signs{Selected: bad}).Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// The signs checklist and the safety plan are singletons, one entry per
// person under one id; a favourite's id is its statement's. NewEntry and
// an import both hold them to that id.
func TestPayloadsThatNameTheirID(t *testing.T) {
	for _, tc := range []struct {
		p    Payload
		id   string
		data string
	}{
		{&Signs{}, SignsID, `{"selected":["flooding"]}`},
		{&Plan{}, PlanID, `{"sections":{"warning-signs":"racing thoughts"}}`},
		{&Favourite{Statement: "space-1"}, "fav-space-1", `{"statement":"space-1"}`},
	} {
		e, err := NewEntry(tc.p, "", time.Now())
		if err != nil || e.ID != tc.id {
			t.Fatalf("%s: NewEntry: %v, id %v", tc.p.Kind(), err, e)
		}
		if _, err := NewEntry(tc.p, "another", time.Now()); ErrorCode(err) != EINVALID {
			t.Fatalf("%s: another id: %v", tc.p.Kind(), err)
		}
		doc := func(id string) string {
			return `{"format":"securebase-export","version":1,"entries":[{"id":"` + id + `","kind":"` + string(tc.p.Kind()) +
				`","occurred_at":"2026-01-01T00:00:00Z","data":` + tc.data + `}]}`
		}
		if err := readAll(doc(tc.id)); err != nil {
			t.Fatalf("%s: %v", tc.p.Kind(), err)
		}
		if err := readAll(doc(tc.id + "-2")); ErrorCode(err) != EINVALID {
			t.Fatalf("%s: an export with another id: %v", tc.p.Kind(), err)
		}
	}
}

// readAll reads an export and converts every entry, as an import does.
func readAll(doc string) error {
	_, err := ReadExport(strings.NewReader(doc), func(_ int, x ExportEntry) error {
		_, _, err := x.Entry()
		return err
	})
	return err
}

// FuzzAttemptPayload decodes arbitrary JSON as an attempt the way an import
// does. Whatever validates must encode, decode and validate again to the
// same bytes, so an export always imports.
func FuzzAttemptPayload(f *testing.F) {
	good, _ := json.Marshal(validAttempt())
	f.Add(string(good))
	f.Add(`{"instrument":"ecr-rs","about":" Sam ","seed":9007199254740991,"answers":{"1":4},"started_at":"2026-01-01T00:00:00Z"}`)
	f.Add(`{"instrument":"ecr-r","answers":{"-1":4},"started_at":"2026-01-01T00:00:00Z"}`)
	f.Add(`{"instrument":"x","answers":null,"started_at":"2026-01-01T00:00:00Z","completed_at":null,"result":null}`)
	f.Fuzz(func(t *testing.T, data string) {
		e := &Entry{ID: "x", Kind: KindAttempt}
		p, err := e.DecodeStrict([]byte(data))
		if err != nil {
			return
		}
		first, err := EncodePayload(p)
		if err != nil {
			return
		}
		q, err := e.DecodeStrict(first)
		if err != nil {
			t.Fatalf("an encoded attempt does not decode: %v\n%s", err, first)
		}
		second, err := EncodePayload(q)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("not stable: %v\n%s\n%s", err, first, second)
		}
	})
}
