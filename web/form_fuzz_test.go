package web

import (
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/safety"
)

// FuzzEpisodeForm feeds the flow's form and a tool page's form any values,
// then the save path's checks, as a save does: no panic; what is accepted
// is a valid entry that stores and reads back unchanged; a refusal names a
// field and never repeats what was typed.
func FuzzEpisodeForm(f *testing.F) {
	f.Add("8", "3", "breathe,name", "anxious", "no reply", "chest", "7", "1700000000000", "draft")
	f.Add("11", "-1", "dance", "", strings.Repeat("x", 2001), "elbow", "x", "9e99", "")
	f.Add("", "", "", "", "", "", "", "", "")
	f.Add("5", "5", "ground", "calm", "", "hands", "", "", "")
	now := time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)
	svc := checker(f)
	f.Fuzz(func(t *testing.T, before, after, tools, emotion, because, body, intensity, started, draft string) {
		v := url.Values{"before": {before}, "after": {after}, "tools": {tools}, "emotion_own": {emotion},
			"because": {because}, "body": {body}, "intensity": {intensity}, "started_at": {started}, "draft": {draft}}
		for _, read := range []func(*form) (securebase.Payload, error){
			func(fm *form) (securebase.Payload, error) { return episodeForm(fm, now) },
			func(fm *form) (securebase.Payload, error) { fm.Set("tool", "name"); return toolUseForm(fm, now) },
		} {
			p, err := read(newForm(v))
			if err == nil {
				err = svc.Check(p)
			}
			if err == nil {
				data, err := securebase.EncodePayload(p)
				if err != nil {
					t.Fatalf("an accepted %s does not encode: %v", p.Kind(), err)
				}
				back, err := (&securebase.Entry{Kind: p.Kind()}).DecodeStrict(data)
				if err != nil || svc.Check(back) != nil {
					t.Fatalf("an accepted %s does not read back as one: %v\n%s", p.Kind(), err, data)
				}
				if again, _ := securebase.EncodePayload(back); string(again) != string(data) {
					t.Fatalf("an accepted %s changes when read back:\n%s\n%s", p.Kind(), data, again)
				}
				continue
			}
			msg := message(err)
			if msg == "" || len(securebase.ErrorFields(err)) == 0 {
				t.Fatalf("a refusal with no message or no field: %v", err)
			}
			for _, typed := range []string{because, draft, emotion} {
				if len(typed) > 12 && strings.Contains(msg, typed) {
					t.Fatalf("the message repeats the input: %q", msg)
				}
			}
		}
	})
}

// testDetector is the crisis check, built once per test binary (a second
// or more under -race); it is immutable and safe to share.
var testDetector = sync.OnceValues(safety.NewDetector)

// checker is the save path's checks, without a store.
func checker(tb testing.TB) *entries.Service {
	lib, err := assess.Load()
	if err != nil {
		tb.Fatal(err)
	}
	detector, err := testDetector()
	if err != nil {
		tb.Fatal(err)
	}
	abuse, err := safety.NewAbuseCheck()
	if err != nil {
		tb.Fatal(err)
	}
	return entries.New(entries.Deps{Detector: detector, Abuse: abuse, Assess: lib, Clock: time.Now})
}
