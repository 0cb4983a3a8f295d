package safety

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestModelUpToDate retrains the model from the repository and checks
// that model_weights.tsv is exactly what training gives: a changed rule
// (a word moving into the vocabulary) or a changed training file shows
// here. Fix: go run ./safety/cmd/crisis-train, and review the golden diff.
func TestModelUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("trains six models")
	}
	got, rep, err := TrainModel("..")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("model_weights.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("model_weights.tsv is stale: run go run ./safety/cmd/crisis-train from the repository root")
	}
	t.Logf("threshold %.3f; cross-validated recall %.3f, false alarms %.3f", rep.Threshold, rep.CVRecall, rep.CVFalseAlarms)
	if rep.CVFalseAlarms > trainMaxFA+0.005 {
		t.Errorf("cross-validated false alarms %.3f over %.3f", rep.CVFalseAlarms, trainMaxFA)
	}
}

// TestModelFeaturesKnown checks that every feature of the weights file
// still reads against the vocabulary.
func TestModelFeaturesKnown(t *testing.T) {
	d := newTestDetector(t)
	n := 0
	for _, ln := range strings.Split(modelText, "\n") {
		if ln != "" && ln[0] != '#' && !strings.HasPrefix(ln, "bias\t") && !strings.HasPrefix(ln, "threshold\t") {
			n++
		}
	}
	if len(d.m.w) != n {
		t.Errorf("%d of %d features read; the rest name a word the vocabulary lost: retrain", len(d.m.w), n)
	}
}

// TestModelExplained checks that a yes of the model carries its reason
// code and lists features by line, never the writer's words.
func TestModelExplained(t *testing.T) {
	d := newTestDetector(t)
	seen := false
	for _, path := range devFiles {
		for _, s := range readLabelled(t, path) {
			v, found := d.Explain(s.text)
			if v.Reason != modelCode {
				continue
			}
			seen = true
			ok := false
			for _, f := range found {
				if f.Code == modelCode && f.Outcome == "yes" {
					ok = strings.HasPrefix(f.Rule, "model_weights.tsv:") && !strings.Contains(f.Pattern, s.text)
				}
			}
			if !ok {
				t.Errorf("%s: model verdict without a model finding: %+v", s.where, found)
			}
		}
	}
	if !seen {
		t.Error("no labelled sentence was decided by the model")
	}
}

// TestModelVetoes checks that the rules' vetoes hold the model back.
func TestModelVetoes(t *testing.T) {
	d := newTestDetector(t)
	for _, text := range []string{
		"My sister told me she has a plan and has written the notes.",
		"In the film he writes a goodbye letter and gives his dog away.",
		"Years ago I had a plan and wrote the notes. These days I am in a good place.",
	} {
		if v, found := d.Explain(text); v.Reason == modelCode {
			t.Errorf("%q: the model said yes past a veto: %+v", text, found)
		}
	}
}
