package web

import (
	"strings"
	"testing"
	"time"

	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/belief"
)

// TestSettlingFacts: the thought record's evidence names a trigger by the
// happenings list's label, says nothing with too little data, leaves out
// ids the list lacks, and puts the trigger with the most to say first.
func TestSettlingFacts(t *testing.T) {
	cat, err := behaviour.Load()
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 11, 1, 20, 0, 0, 0, time.UTC)
	times := map[string][]time.Time{}
	var checkIns []belief.CheckIn
	for i := range 8 { // eight late replies, six settled within the hour
		at := t0.AddDate(0, 0, i)
		times["late-reply"] = append(times["late-reply"], at)
		d := 2
		if i >= 6 {
			d = 7
		}
		checkIns = append(checkIns, belief.CheckIn{At: at.Add(40 * time.Minute), Distress: d})
	}
	for i := range 3 { // too few to say anything
		at := t0.AddDate(0, 1, i)
		times["tone-shift"] = append(times["tone-shift"], at)
		checkIns = append(checkIns, belief.CheckIn{At: at.Add(time.Hour), Distress: 1})
	}
	times["not-a-happening"] = times["late-reply"]
	facts := settlingFactsFrom(times, checkIns, cat)
	if len(facts) != 1 || facts[0].Text != "6 of your last 8 check-ins after a late reply were back under 4 within two hours." {
		t.Fatalf("facts: %+v", facts)
	}
	for i := range 6 { // now a change in tone has more to say
		at := t0.AddDate(0, 2, i)
		times["tone-shift"] = append(times["tone-shift"], at)
		checkIns = append(checkIns, belief.CheckIn{At: at.Add(time.Hour), Distress: 1})
	}
	facts = settlingFactsFrom(times, checkIns, cat)
	if len(facts) != 2 || !strings.Contains(facts[0].Text, "after a change in tone") || !strings.Contains(facts[1].Text, "after a late reply") {
		t.Fatalf("facts: %+v", facts)
	}
}
