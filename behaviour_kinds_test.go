package securebase_test

import (
	"testing"
	"time"

	"github.com/securebase/securebase"
)

// The behaviour kinds (issue 14) join the practice numbers through the
// small interfaces in measure.go.
var (
	_ securebase.Triggered = (*securebase.Trigger)(nil)
	_ securebase.Urged     = (*securebase.Trigger)(nil)
	_ securebase.Urged     = (*securebase.Held)(nil)
	_ securebase.Timed     = (*securebase.Held)(nil)
	_ securebase.Readable  = (*securebase.Person)(nil)
	_ securebase.Readable  = (*securebase.Talk)(nil)
)

func TestHeldStates(t *testing.T) {
	at := time.Date(2026, 11, 21, 23, 0, 0, 0, time.UTC)
	held := func(status, outcome string, wait time.Duration) *securebase.Held {
		return &securebase.Held{Message: " hi ", Hold: "1-hour", HeldAt: at, Until: at.Add(wait), Status: status, Outcome: outcome}
	}
	for name, h := range map[string]*securebase.Held{
		"waiting": held("waiting", "", time.Hour), "let go": held("let-go", "let-go", time.Hour),
		"rewrote": held("sent", "rewrote", time.Hour), "sent early": held("sent", "sent-early", 10*time.Minute),
	} {
		if err := h.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, h := range map[string]*securebase.Held{
		"waiting with an outcome": held("waiting", "let-go", time.Hour), "sent as let go": held("sent", "let-go", time.Hour),
		"let go as sent": held("let-go", "rewrote", time.Hour), "no status": held("", "", time.Hour),
		"until before held": held("waiting", "", -time.Minute), "held two days": held("waiting", "", 48*time.Hour),
	} {
		if securebase.ErrorCode(h.Validate()) != securebase.EINVALID {
			t.Errorf("%s passed", name)
		}
	}
	h := held("waiting", "", time.Hour)
	if !h.Waiting(at.Add(59*time.Minute)) || h.Waiting(at.Add(time.Hour)) {
		t.Error("a message waits until its hold ends, not after")
	}
	if id, o := held("sent", "sent-early", time.Hour).Urge(); id != "texting-or-calling" || o != securebase.UrgeActed {
		t.Errorf("sent early: %q %q", id, o)
	}
	if _, o := held("sent", "sent-after-wait", time.Hour).Urge(); o != securebase.UrgeSurfed {
		t.Errorf("sent after the wait counts as surfed, got %q", o)
	}
	if _, o := held("waiting", "", time.Hour).Urge(); o != securebase.UrgeNone {
		t.Errorf("a waiting message counts as neither, got %q", o)
	}
}

func TestNeedShapes(t *testing.T) {
	if err := (&securebase.Need{Type: "need", Feel: "sad", Like: "a call"}).Validate(); err != nil {
		t.Fatal(err)
	}
	if securebase.ErrorFields((&securebase.Need{Type: "need", Feel: "sad", Limit: "not after ten"}).Validate())["limit"] == "" {
		t.Error("a need took a boundary's part")
	}
	tr := &securebase.Trigger{Happening: "late-reply", Activation: 4}
	if got := tr.Triggers(); len(got) != 1 || got[0] != "late-reply" {
		t.Errorf("triggers %v", got)
	}
	if id, o := tr.Urge(); id != "" || o != securebase.UrgeNone {
		t.Errorf("no urge named: %q %q", id, o)
	}
}
