package assess

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"
)

// maxRowErrors bounds the malformed rows a [Summary] keeps, so a file that
// is wrong from top to bottom cannot fill memory; Skipped counts them all.
const maxRowErrors = 100

// A Summary describes one batch scored by [ScoreCSV].
type Summary struct {
	Instrument string         // instrument id
	Min, Max   int            // the range the answers were read on
	Rows       int            // data rows read, malformed ones included
	Skipped    int            // malformed rows, not scored
	Complete   int            // rows that answered every item: the sample for Alpha
	Errors     []RowError     // the first malformed rows, in input order
	Scales     []ScaleSummary // in the instrument's scale order
}

// A ScaleSummary describes one scale over a batch. Mean, SD and Alpha are
// NaN when undefined (too few people, or no spread).
type ScaleSummary struct {
	Scale    string
	Scored   int     // people scored on this scale under the missing-answer rule
	Mean, SD float64 // of the Scored people's scale scores; SD with n-1
	Alpha    float64 // Cronbach's alpha over the complete cases (Summary.Complete)
}

// A RowError reports a malformed row: a wrong number of fields, broken
// quoting, a value that is not a whole number, or one outside the range.
type RowError struct {
	Line int // line in the input where the problem is; the header is line 1
	Row  int // data row; the first row after the header is 1
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("line %d (row %d): %v", e.Line, e.Row, e.Err) }
func (e RowError) Unwrap() error { return e.Err }

// ScoreCSV scores a batch of people, one per row, read as CSV from r.
//
// The first row is a header. Columns named Q1 to Qn (any case, spaces and a
// byte-order mark ignored, in any order) hold the answers to items 1 to n;
// other columns are ignored. An empty cell, 0 and -1 mean unanswered, as in
// the openpsychometrics.org files; answers must otherwise lie in min..max,
// which is why min must be at least 1.
//
// For each well-formed row ScoreCSV writes to w a CSV row with the data row
// number and each scale's mean to three decimals, empty when the scale is
// not scored. A malformed row is skipped and reported in the Summary with
// its line number, and the rest is still scored. The error is non-nil only
// when the batch as a whole cannot be scored: a bad range or header, an
// unreadable input or a failed write.
func ScoreCSV(in *Instrument, min, max int, r io.Reader, w io.Writer) (Summary, error) {
	sum := Summary{Instrument: in.ID, Min: min, Max: max}
	if err := checkRange(min, max); err != nil {
		return sum, err
	}
	if min < 1 {
		return sum, &RangeError{min, max, "0 and -1 mark unanswered items, so min must be at least 1"}
	}
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return sum, errors.New("assess: empty input: want a header row with columns Q1, Q2 and onwards")
	}
	if err != nil {
		return sum, fmt.Errorf("assess: reading header: %w", err)
	}
	cols, err := in.columns(header)
	if err != nil {
		return sum, err
	}

	cw := csv.NewWriter(w)
	out := []string{"row"}
	for _, s := range in.Scales {
		out = append(out, s.ID)
	}
	if err := cw.Write(out); err != nil {
		return sum, fmt.Errorf("assess: writing scores: %w", err)
	}

	rel := newReliability(in, min, max)
	stats := make([]running, len(in.Scales))
	vals := make([]int, len(in.Items))
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		sum.Rows++
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return sum, fmt.Errorf("assess: reading row %d: %w", sum.Rows, err)
			}
			sum.skip(RowError{Line: pe.Line, Row: sum.Rows, Err: pe.Err})
			continue
		}
		if e := in.parseRow(cr, rec, cols, min, max, vals); e != nil {
			e.Row = sum.Rows
			sum.skip(*e)
			continue
		}
		res := in.score(vals, min, max)
		rel.add(vals)
		out = append(out[:0], strconv.Itoa(sum.Rows))
		for i, s := range res.Scales {
			if !s.Scored {
				out = append(out, "")
				continue
			}
			stats[i].add(s.Mean)
			out = append(out, strconv.FormatFloat(s.Mean, 'f', 3, 64))
		}
		if err := cw.Write(out); err != nil {
			return sum, fmt.Errorf("assess: writing scores: %w", err)
		}
	}
	cw.Flush()

	sum.Complete = rel.n
	for i, s := range in.Scales {
		mean, sd := stats[i].result()
		sum.Scales = append(sum.Scales, ScaleSummary{
			Scale: s.ID, Scored: stats[i].n, Mean: mean, SD: sd, Alpha: rel.alpha(i),
		})
	}
	if err := cw.Error(); err != nil {
		return sum, fmt.Errorf("assess: writing scores: %w", err)
	}
	return sum, nil
}

func (s *Summary) skip(e RowError) {
	s.Skipped++
	if len(s.Errors) < maxRowErrors {
		s.Errors = append(s.Errors, e)
	}
}

// columns maps each item to its column in header. Every item must have
// exactly one column: a file without Q7 is the wrong file, not a file in
// which everyone skipped item 7.
func (in *Instrument) columns(header []string) ([]int, error) {
	cols := make([]int, len(in.Items))
	for i := range cols {
		cols[i] = -1
	}
	for j, name := range header {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
		if len(name) < 2 || (name[0] != 'Q' && name[0] != 'q') || strings.Trim(name[1:], "0123456789") != "" {
			continue
		}
		n, err := strconv.Atoi(name[1:])
		if err != nil || n < 1 || n > len(in.Items) {
			continue
		}
		if cols[n-1] >= 0 {
			return nil, fmt.Errorf("assess: header: item %d has two columns (%d and %d)", n, cols[n-1]+1, j+1)
		}
		cols[n-1] = j
	}
	var absent []string
	for i, c := range cols {
		if c < 0 {
			absent = append(absent, "Q"+strconv.Itoa(i+1))
		}
	}
	if len(absent) > 0 {
		return nil, fmt.Errorf("assess: header: %s needs columns Q1 to Q%d; missing %s",
			in.ShortName, len(in.Items), strings.Join(absent, ", "))
	}
	return cols, nil
}

// parseRow fills vals with one row's answers, or says why the row is
// malformed.
func (in *Instrument) parseRow(cr *csv.Reader, rec []string, cols []int, min, max int, vals []int) *RowError {
	for i, c := range cols {
		f := strings.TrimSpace(rec[c])
		if f == "" {
			vals[i] = missing
			continue
		}
		v, err := strconv.Atoi(f)
		switch {
		case err != nil:
			err = fmt.Errorf("column Q%d: %q is not a whole number", i+1, f)
		case v < min && v != 0 && v != -1, v > max:
			err = fmt.Errorf("column Q%d: answer %d is outside %d to %d", i+1, v, min, max)
		case v == 0 || v == -1:
			v = missing
		}
		if err != nil {
			line, _ := cr.FieldPos(c)
			return &RowError{Line: line, Err: err}
		}
		vals[i] = v
	}
	return nil
}

// running keeps a mean and variance in one pass (Welford's method).
type running struct {
	n       int
	mean, m float64
}

func (r *running) add(x float64) {
	r.n++
	d := x - r.mean
	r.mean += d / float64(r.n)
	r.m += d * (x - r.mean)
}

func (r *running) result() (mean, sd float64) {
	mean, sd = math.NaN(), math.NaN()
	if r.n > 0 {
		mean = r.mean
	}
	if r.n > 1 {
		sd = math.Sqrt(r.m / float64(r.n-1))
	}
	return mean, sd
}

// Report writes the summary as a short table for people, the way the
// score command prints it after the scores.
func (s Summary) Report(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s on %d to %d: %d rows, %d skipped, %d complete\n",
		s.Instrument, s.Min, s.Max, s.Rows, s.Skipped, s.Complete)
	fmt.Fprintln(tw, "scale\tscored\tmean\tsd\talpha (complete cases)")
	for _, sc := range s.Scales {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", sc.Scale, sc.Scored, num(sc.Mean), num(sc.SD), num(sc.Alpha))
	}
	for _, e := range s.Errors {
		fmt.Fprintln(tw, e.Error())
	}
	if more := s.Skipped - len(s.Errors); more > 0 {
		fmt.Fprintf(tw, "and %d more malformed rows\n", more)
	}
	return tw.Flush()
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}
