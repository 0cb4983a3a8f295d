package assess

import (
	"bytes"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/securebase/securebase/internal/testenv"
)

// realData is the openpsychometrics.org raw data set "ECR-data-1March2018":
// 51,491 people who answered the original ECR (Brennan, Clark & Shaver,
// 1998) online on a 5-point scale, published by openpsychometrics.org for
// public use and copied unchanged from github.com/haghish/openpsychometrics
// (commit 5c97a7eebd2809cc526b1671d1fdeb82cedd5545); see SOURCE.md beside
// it. Missing answers are coded 0 (the codebook says -1).
const realData = "../../shared/data/ecr-openpsychometrics/data.csv"

// TestRealData checks the scorer against real answers: on the complete
// cases it must reproduce the reliability Brennan, Clark and Shaver
// published (alpha .91 anxiety, .94 avoidance), and the same data scored
// without reverse keys must collapse, so a keying bug cannot hide.
//
// Measured when this test was written: 51,491 rows, 46,610 complete;
// alpha anxiety 0.9160, avoidance 0.9382 with the keys, and 0.8796 and
// 0.2218 without them.
func TestRealData(t *testing.T) {
	data, err := os.ReadFile(realData)
	testenv.Need(t, "the ECR data set of the shared data (../shared/data)", err)
	ecr := mustInstrument(t, "ecr")
	// The two passes are independent; running them side by side keeps the
	// test well under five seconds even under the race detector.
	t.Run("keyed", func(t *testing.T) {
		t.Parallel()
		var out bytes.Buffer
		sum, err := ScoreCSV(ecr, 1, 5, bytes.NewReader(data), &out)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Rows != 51491 || sum.Skipped != 0 || sum.Complete != 46610 {
			t.Fatalf("rows %d, skipped %d, complete %d; want 51491, 0, 46610", sum.Rows, sum.Skipped, sum.Complete)
		}
		anx, avo := alphas(t, sum)
		if anx < 0.90 || math.Abs(anx-0.916) > 0.01 {
			t.Errorf("anxiety alpha = %.4f, want 0.916 ± 0.01", anx)
		}
		if avo < 0.92 || math.Abs(avo-0.938) > 0.01 {
			t.Errorf("avoidance alpha = %.4f, want 0.938 ± 0.01", avo)
		}
		// One output row per person, in input order; the first person is
		// scored by hand in TestScoreVectors.
		lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
		if len(lines) != 1+51491 || lines[0] != "row,anxiety,avoidance" {
			t.Fatalf("wrote %d lines starting %q, want a header and 51491 rows", len(lines), lines[0])
		}
		if lines[1] != "1,4.778,1.056" {
			t.Errorf("first person = %q, want 1,4.778,1.056", lines[1])
		}
		t.Logf("%d complete: alpha anxiety %.4f, avoidance %.4f", sum.Complete, anx, avo)
	})
	// Half of the avoidance items are reverse-keyed; ignoring the keys
	// makes them pull against the others.
	t.Run("without reverse keys", func(t *testing.T) {
		t.Parallel()
		plain := *ecr
		plain.Items = slices.Clone(ecr.Items)
		for i := range plain.Items {
			plain.Items[i].Reverse = false
		}
		sum, err := ScoreCSV(&plain, 1, 5, bytes.NewReader(data), io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		anx, avo := alphas(t, sum)
		if avo >= 0.5 || sum.Complete != 46610 {
			t.Errorf("avoidance alpha = %.4f on %d cases, want below 0.5 on 46610", avo, sum.Complete)
		}
		t.Logf("%d complete: alpha anxiety %.4f, avoidance %.4f", sum.Complete, anx, avo)
	})
}

func alphas(t *testing.T, s Summary) (anxiety, avoidance float64) {
	t.Helper()
	for _, sc := range s.Scales {
		switch sc.Scale {
		case Anxiety:
			anxiety = sc.Alpha
		case Avoidance:
			avoidance = sc.Alpha
		}
	}
	return anxiety, avoidance
}
