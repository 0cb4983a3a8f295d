package partner

import (
	"strings"
	"testing"
)

func TestComposeBoundary(t *testing.T) {
	c := mustLoad(t)
	for _, tc := range []struct {
		in   Boundary
		want string
	}{
		{Boundary{"I care about sorting this out with you", "I need an hour to clear my head first", "Let's talk at half past seven"},
			"I care about sorting this out with you, and I need an hour to clear my head first. Let's talk at half past seven."},
		{Boundary{Limit: "not tonight"}, "Not tonight."},
		{Boundary{Limit: "I need to sleep", Timeline: "breakfast at 8?"}, "I need to sleep. Breakfast at 8?"},
		{Boundary{Connection: "You matter to me.", Limit: "The phone stays mine"}, "You matter to me, and the phone stays mine."},
		{Boundary{Limit: "I'm stopping here", Timeline: " ? "}, "I'm stopping here."},
	} {
		got, err := c.ComposeBoundary(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ComposeBoundary(%+v) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := c.ComposeBoundary(Boundary{Connection: "I love you", Timeline: "at 7"}); FieldMessages(err)[SlotLimit] == "" {
		t.Errorf("no limit: %v", err)
	}
	if _, err := c.ComposeBoundary(Boundary{Limit: strings.Repeat("x", 201)}); FieldMessages(err)[SlotLimit] == "" {
		t.Errorf("long limit: %v", err)
	}
}

func TestDeliveryExamples(t *testing.T) {
	c := mustLoad(t)
	for _, e := range c.DeliveryExamples() {
		// The caring version names a time or a return: that is the
		// difference the track teaches.
		care := strings.ToLower(e.Care)
		timed := strings.ContainsAny(care, "0123456789")
		for _, w := range []string{"tonight", "lunch", "minute", "hour"} {
			timed = timed || strings.Contains(care, w)
		}
		if !timed {
			t.Errorf("%s: the caring version gives no time: %q", e.ID, e.Care)
		}
		if len(e.Care) <= len(e.Abandonment) {
			t.Errorf("%s: the caring version is no fuller than the other", e.ID)
		}
	}
}
