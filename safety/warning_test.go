package safety

import "testing"

// TestWarningSignLines: round 30's lines (near the end of rules.txt) say yes to
// the warning signs they were written for, and no to the look-alikes
// beside them: the same words about a film, a diet, a bus or a living will.
func TestWarningSignLines(t *testing.T) {
	d := newTestDetector(t)
	cases := []struct {
		text   string
		crisis bool
	}{
		{"The van swerved and I felt gutted that it missed me.", true},
		{"Dying seems like the only thing that would help at this point.", true},
		{"Praying for a heart attack is the last thing I do every night.", true},
		{"They pumped my stomach and I don't want to be kept alive.", true},
		{"I'm done with pretending, and with being alive.", true},
		// Look-alikes.
		{"Death seems like the only thing people talk about at Nan's care home.", false},
		{"I slap my leg when I laugh, Dani says it's my tell.", false},
		{"My boxing coach has me punch my arm guards to warm up.", false},
		{"I'm done with the gym, I'd rather exist on the sofa this winter.", false},
		{"So disappointed that the bus missed me at the stop again, I waved and everything.", false},
		{"Sad that the train missed me by seconds, I was sprinting.", false},
		{"Hoping for a heart attack of a plot twist in the finale.", false},
		{"I don't trust myself with the biscuits in the house.", false},
		{"Before I go, let me say thanks for the lovely dinner.", false},
		{"My attempt last year at the marathon ended at mile 18.", false},
		{"It's been ages since I tried.", false},
	}
	for _, c := range cases {
		if v := d.CheckEntry(c.text); v.Crisis != c.crisis {
			t.Errorf("%q: got %+v, want crisis %v", c.text, v, c.crisis)
		}
	}
}
