package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/securebase/securebase/internal/testenv"
)

// ecrData is the openpsychometrics.org ECR data set (51,491 people, 5-point
// answers) in the shared data folder beside the repository.
const ecrData = "../../../shared/data/ecr-openpsychometrics/data.csv"

// runScore runs `securebase score` with args and stdin as the binary would.
func runScore(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errs bytes.Buffer
	err = run(context.Background(), append([]string{"score"}, args...), func(string) string { return "" },
		strings.NewReader(stdin), &out, &errs)
	return out.String(), errs.String(), err
}

// TestScoreCommandOnRealData scores the whole ECR data set through the
// command and checks the published reliability on the complete cases.
func TestScoreCommandOnRealData(t *testing.T) {
	data, err := os.ReadFile(ecrData)
	testenv.Need(t, "the ECR data set of the shared data (../shared/data)", err)
	stdout, stderr, err := runScore(t, string(data), "-instrument", "ecr", "-min", "1", "-max", "5")
	if err != nil {
		t.Fatalf("score: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(lines) != 1+51491 || lines[0] != "row,anxiety,avoidance" {
		t.Fatalf("%d output lines, header %q", len(lines), lines[0])
	}
	// The first person, scored by hand in assess's TestScoreVectors.
	if lines[1] != "1,4.778,1.056" {
		t.Fatalf("first person: %q", lines[1])
	}
	for _, want := range []string{"51491 rows, 0 skipped, 46610 complete",
		`anxiety\s+51347\s+3\.099\s+0\.802\s+0\.916`, `avoidance\s+51348\s+2\.567\s+0\.839\s+0\.938`} {
		if !regexp.MustCompile(want).MatchString(stderr) {
			t.Errorf("summary lacks %q:\n%s", want, stderr)
		}
	}
	t.Logf("summary:\n%s", stderr)
}

// TestScoreCommandReportsMalformedRows: bad rows are listed with their
// line numbers on stderr, and every other row is still scored.
func TestScoreCommandReportsMalformedRows(t *testing.T) {
	in := "id,Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n" +
		"a,1,2,3,4,5,6,7,1,2\n" + // line 2: fine
		"b,9,1,1,1,1,1,1,1,1\n" + // line 3: 9 is off the 1-7 scale
		"c,4,4,4,4,4,4,4,4\n" + // line 4: a field short
		"d,4,4,four,4,4,4,4,4,4\n" + // line 5: not a number
		"e,\"4,4,4,4,4,4,4,4,4\n" + // line 6: an unclosed quote swallows the rest
		""
	stdout, stderr, err := runScore(t, in, "-instrument", "ecr-rs")
	if err != nil {
		t.Fatalf("score: %v", err)
	}
	if stdout != "row,anxiety,avoidance\n1,3.333,5.500\n" {
		t.Fatalf("scores:\n%s", stdout)
	}
	for _, want := range []string{"5 rows, 4 skipped", "line 3 (row 2): column Q1: answer 9 is outside 1 to 7",
		"line 4 (row 3): wrong number of fields", `line 5 (row 4): column Q3: "four" is not a whole number`, "line 6 (row 5)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	// Missing answers are not errors: 0, -1 and empty cells are skipped
	// items. Avoidance (items 1-6, 1-4 reversed) has 5 of 6 answered and is
	// scored: (1+1+1+1+1)/5. Anxiety (7-9) needs all three and is not.
	stdout, _, err = runScore(t, "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n7,7,7,7,0,1,5,-1,5\n", "-instrument", "ecr-rs")
	if err != nil || stdout != "row,anxiety,avoidance\n1,,1.000\n" {
		t.Fatalf("missing answers: %v\n%s", err, stdout)
	}
}

func TestScoreCommandRefusesWhatItCannotScore(t *testing.T) {
	for _, c := range []struct {
		stdin string
		args  []string
		want  string
	}{
		{"Q1\n1\n", []string{"-instrument", "mbti"}, `no questionnaire "mbti"; choose one of ecr-r, ecr, ecr-rs`},
		{"", []string{"-instrument", "ecr-rs"}, "empty input"},
		{"Q1,Q2\n1,2\n", []string{"-instrument", "ecr-rs"}, "missing Q3, Q4"},
		{"Q1\n", []string{"-instrument", "ecr-rs", "-min", "0"}, "min must be at least 1"},
		{"Q1\n", []string{"-instrument", "ecr-rs", "-min", "5", "-max", "2"}, "-min 5 -max 2"},
		{"", []string{"answers.csv"}, "reads the answers from standard input"},
	} {
		_, _, err := runScore(t, c.stdin, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("score %v: %v, want an error with %q", c.args, err, c.want)
		}
	}
}
