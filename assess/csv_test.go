package assess

import (
	"bytes"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestScoreCSVHeaders(t *testing.T) {
	rs := mustInstrument(t, "ecr-rs")
	// The ECR-RS mixed vector of TestScoreVectors: anxiety 5, avoidance 2.833.
	tests := []struct{ name, in string }{
		{"plain", "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n6,5,7,2,2,3,5,6,4\n"},
		{"byte-order mark, case, spaces, CRLF", "\ufeffq1, Q2 ,q3,Q4,Q5,Q6,Q7,Q8,Q9\r\n6,5,7,2,2,3,5,6,4\r\n"},
		{"other columns and order", "id,Q9,age,Q2,Q1,Q3,Q4,Q5,Q6,Q7,Q8,Q10,country\nx,4,31,5,6,7,2,2,3,5,6,1,NZ\n"},
		{"quoted, zero-padded", "\"Q01\",\"Q2\",Q3,Q4,Q5,Q6,Q7,Q8,Q9\n\"6\",5, 7 ,2,2,3,5,6,4\n"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		sum, err := ScoreCSV(rs, 1, 7, strings.NewReader(tt.in), &out)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if want := "row,anxiety,avoidance\n1,5.000,2.833\n"; out.String() != want || sum.Rows != 1 || sum.Skipped != 0 {
			t.Errorf("%s: wrote %q (%+v), want %q", tt.name, out.String(), sum, want)
		}
	}
}

func TestScoreCSVHeaderErrors(t *testing.T) {
	rs := mustInstrument(t, "ecr-rs")
	tests := []struct{ name, in, want string }{
		{"empty", "", "empty input"},
		{"column missing", "Q1,Q2,Q3,Q4,Q5,Q6,Q8\n", "missing Q7, Q9"},
		{"column twice", "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9,q1\n", "item 1 has two columns"},
		{"broken header", "Q1,\"Q2\n", "reading header"},
	}
	for _, tt := range tests {
		_, err := ScoreCSV(rs, 1, 7, strings.NewReader(tt.in), io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
	var re *RangeError
	if _, err := ScoreCSV(rs, 0, 4, strings.NewReader("Q1\n"), io.Discard); !errors.As(err, &re) {
		t.Errorf("range 0..4: err = %v, want *RangeError (0 means missing)", err)
	}
	header := "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n"
	if _, err := ScoreCSV(rs, 1, 7, io.MultiReader(strings.NewReader(header), iotest.ErrReader(io.ErrUnexpectedEOF)), io.Discard); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("failing reader: err = %v", err)
	}
	if _, err := ScoreCSV(rs, 1, 7, strings.NewReader(header+"4,4,4,4,4,4,4,4,4\n"), failWriter{}); err == nil {
		t.Error("failing writer: no error")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

// Malformed rows are reported with their line and skipped; every other row
// is scored. Expected scores by hand (ECR-RS on 1..7, avoidance items 1-4
// reversed as 8 - answer):
//
//	row 1: all 4                    -> 4, 4
//	row 5: avoidance answers 1-4 only (4 of 6, under 80%), anxiety 2 of 3
//	       -> neither scored
//	row 6: avoidance 7+7+7+7+1 over 5 = 5.8, anxiety (2+3+4)/3 = 3
//	row 9: avoidance 6+6+6+6+2+2 = 28, 28/6 = 4.667; anxiety 2
//
// Complete cases are rows 1 and 9 (keyed all 4; anxiety 2 2 2, avoidance
// 6 6 6 6 2 2). Two-point variances are (a-b)^2/2:
//
//	anxiety:   items 2+2+2 = 6, total (12-6)^2/2 = 18, alpha 3/2*(1-6/18) = 1
//	avoidance: items 6*2 = 12, total (24-28)^2/2 = 8, alpha 6/5*(1-12/8) = -0.6
func TestScoreCSVMalformedAndMissing(t *testing.T) {
	rs := mustInstrument(t, "ecr-rs")
	in := strings.Join([]string{
		"Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9", // line 1
		"4,4,4,4,4,4,4,4,4",          // line 2, row 1
		"4,4,4",                      // line 3, row 2: too few fields
		"4,4,4,4,4,4,x,4,4",          // line 4, row 3: not a number
		"4,4,4,4,4,4,4,4,8",          // line 5, row 4: out of range
		"7,7,7,7,0,-1,,5,5",          // line 6, row 5: missing answers
		"1,1,1,1,1,,2,3,4",           // line 7, row 6
		`"4,4",4,4,4,4,4,4,4,4`,      // line 8, row 7: a comma inside quotes
		`4,4,4,4,4"x,4,4,4,4`,        // line 9, row 8: bare quote
		"2,2,2,2,2,2,2,2,2",          // line 10, row 9
	}, "\n") + "\n"
	var out bytes.Buffer
	sum, err := ScoreCSV(rs, 1, 7, strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	want := "row,anxiety,avoidance\n1,4.000,4.000\n5,,\n6,3.000,5.800\n9,2.000,4.667\n"
	if out.String() != want {
		t.Errorf("wrote\n%s\nwant\n%s", out.String(), want)
	}
	var lines, rows []int
	for _, e := range sum.Errors {
		lines = append(lines, e.Line)
		rows = append(rows, e.Row)
	}
	if !slices.Equal(lines, []int{3, 4, 5, 8, 9}) || !slices.Equal(rows, []int{2, 3, 4, 7, 8}) {
		t.Errorf("errors at lines %v, rows %v: %v", lines, rows, sum.Errors)
	}
	for i, msg := range []string{"wrong number of fields", `column Q7: "x" is not a whole number`,
		"column Q9: answer 8 is outside 1 to 7", `column Q1: "4,4"`, "bare"} {
		if !strings.Contains(sum.Errors[i].Error(), msg) {
			t.Errorf("error %d = %q, want it to mention %q", i, sum.Errors[i], msg)
		}
	}
	if sum.Rows != 9 || sum.Skipped != 5 || sum.Complete != 2 {
		t.Errorf("rows %d, skipped %d, complete %d; want 9, 5, 2", sum.Rows, sum.Skipped, sum.Complete)
	}
	anx, avo := sum.Scales[0], sum.Scales[1]
	if anx.Scale != Anxiety || anx.Scored != 3 || !near(anx.Mean, 3) || !near(anx.SD, 1) || !near(anx.Alpha, 1) {
		t.Errorf("anxiety summary %+v", anx)
	}
	if avo.Scored != 3 || !near(avo.Mean, (4+5.8+28.0/6)/3) || !near(avo.Alpha, -0.6) {
		t.Errorf("avoidance summary %+v", avo)
	}

	var rep strings.Builder
	if err := sum.Report(&rep); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"9 rows, 5 skipped, 2 complete", "anxiety", "line 3 (row 2): wrong number of fields"} {
		if !strings.Contains(rep.String(), s) {
			t.Errorf("report lacks %q:\n%s", s, rep.String())
		}
	}
}

func TestScoreCSVManyErrors(t *testing.T) {
	rs := mustInstrument(t, "ecr-rs")
	in := "Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n" + strings.Repeat("9,9,9,9,9,9,9,9,9\n", maxRowErrors+5)
	sum, err := ScoreCSV(rs, 1, 7, strings.NewReader(in), io.Discard)
	if err != nil || sum.Skipped != maxRowErrors+5 || len(sum.Errors) != maxRowErrors {
		t.Errorf("skipped %d, kept %d errors, err %v", sum.Skipped, len(sum.Errors), err)
	}
	if a := sum.Scales[0]; a.Scored != 0 || !math.IsNaN(a.Mean) || !math.IsNaN(a.SD) || !math.IsNaN(a.Alpha) {
		t.Errorf("nothing scored, summary %+v, want NaNs", a)
	}
	var rep strings.Builder
	sum.Report(&rep)
	if !strings.Contains(rep.String(), "and 5 more malformed rows") || !strings.Contains(rep.String(), "n/a") {
		t.Errorf("report:\n%s", rep.String())
	}
}

// FuzzScoreCSV feeds arbitrary bytes and ranges to ScoreCSV: it must not
// panic, and its counts and scores must stay consistent.
func FuzzScoreCSV(f *testing.F) {
	f.Add([]byte("Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n4,4,4,4,4,4,4,4,4\n1,2\n"), 1, 7)
	f.Add([]byte("\ufeffq9,Q8,Q7,Q6,Q5,Q4,Q3,Q2,Q1,x\n0,-1,,5,\"5\",9,a,2,1,\"\n"), 1, 5)
	f.Add([]byte("Q1,Q2,Q3,Q4,Q5,Q6,Q7,Q8,Q9\n\"4\"4,4\n4,4,4,4,4,4,4,4,4"), 2, 3)
	rs := mustInstrument(f, "ecr-rs")
	f.Fuzz(func(t *testing.T, data []byte, min, max int) {
		var out bytes.Buffer
		sum, err := ScoreCSV(rs, min, max, bytes.NewReader(data), &out)
		if err != nil {
			return
		}
		written := strings.Count(out.String(), "\n") - 1
		if written != sum.Rows-sum.Skipped || sum.Complete > written || len(sum.Errors) > sum.Skipped {
			t.Fatalf("wrote %d rows, summary %+v", written, sum)
		}
		for _, s := range sum.Scales {
			if s.Scored > written || s.Mean < float64(min) || s.Mean > float64(max) {
				t.Fatalf("scale summary %+v on %d..%d", s, min, max)
			}
		}
	})
}
