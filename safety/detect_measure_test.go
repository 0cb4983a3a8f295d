package safety

import (
	"os"
	"testing"
)

// TestMeasure scores the file in SAFETY_MEASURE, for one-off measurements.
func TestMeasure(t *testing.T) {
	path := os.Getenv("SAFETY_MEASURE")
	if path == "" {
		t.Skip("set SAFETY_MEASURE")
	}
	d := newTestDetector(t)
	set := readLabelled(t, path)
	recall, fa, pos, neg, mistakes := score(d, set)
	tp := int(recall*float64(pos) + 0.5)
	fp := int(fa*float64(neg) + 0.5)
	t.Logf("%s: recall %d/%d = %.3f, false alarms %d/%d = %.3f", path, tp, pos, recall, fp, neg, fa)
	for _, m := range mistakes {
		t.Log(m)
	}
}
