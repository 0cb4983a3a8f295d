package web

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

// FuzzEpisodeForm feeds the flow's form any values: no panic; an accepted
// form is a valid episode; a refusal names a field and never repeats what
// was typed.
func FuzzEpisodeForm(f *testing.F) {
	f.Add("8", "3", "breathe,name", "anxious", "no reply", "chest", "7", "1700000000000", "draft")
	f.Add("11", "-1", "dance", "", strings.Repeat("x", 2001), "elbow", "x", "9e99", "")
	f.Add("", "", "", "", "", "", "", "", "")
	now := time.Date(2026, 11, 21, 23, 40, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, before, after, tools, emotion, because, body, intensity, started, draft string) {
		v := url.Values{"before": {before}, "after": {after}, "tools": {tools}, "emotion_own": {emotion},
			"because": {because}, "body": {body}, "intensity": {intensity}, "started_at": {started}, "draft": {draft}}
		for _, read := range []func(*form) error{
			func(fm *form) error { _, err := episodeForm(fm, now); return err },
			func(fm *form) error { fm.Set("tool", "name"); _, err := toolUseForm(fm, now); return err },
		} {
			err := read(newForm(v))
			if err == nil {
				continue
			}
			msg := message(err)
			if msg == "" {
				t.Fatal("a refusal with no message")
			}
			for _, typed := range []string{because, draft, emotion} {
				if len(typed) > 12 && strings.Contains(msg, typed) {
					t.Fatalf("the message repeats the input: %q", msg)
				}
			}
		}
	})
}
