package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/securebase/securebase/assess"
)

// score is `securebase score -instrument NAME [-min 1 -max 5] < answers.csv`:
// batch scoring for clinicians and researchers. It reads one row of item
// answers per person (columns Q1…Qn; empty, 0 and -1 are unanswered) from
// stdin, writes each person's scale scores as CSV to stdout, and the summary
// (n, mean, SD and Cronbach's alpha per scale, then any malformed rows with
// their line numbers) to stderr. Malformed rows are skipped; the rest are
// still scored, and the command succeeds.
func score(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	lib, err := assess.Load()
	if err != nil {
		return err
	}
	fs := flag.NewFlagSet("securebase score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("instrument", lib.Default().ID, "questionnaire id: "+instrumentIDs(lib))
	lo := fs.Int("min", 0, "lowest answer in the data (default: the questionnaire's own, 1 for the ECR family)")
	hi := fs.Int("max", 0, "highest answer in the data (default: the questionnaire's own, 7 for the ECR family); the openpsychometrics ECR data uses -min 1 -max 5")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: securebase score -instrument NAME [-min 1 -max 5] < answers.csv > scores.csv")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("score reads the answers from standard input, not from %q: securebase score -instrument %s < %s", fs.Arg(0), *id, fs.Arg(0))
	}
	in, ok := lib.Instrument(*id)
	if !ok {
		return fmt.Errorf("score: no questionnaire %q; choose one of %s", *id, instrumentIDs(lib))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["min"] {
		*lo = in.Min
	}
	if !set["max"] {
		*hi = in.Max
	}
	out := bufio.NewWriter(stdout)
	sum, err := assess.ScoreCSV(in, *lo, *hi, bufio.NewReader(stdin), out)
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("score: writing scores: %w", ferr)
	}
	if err != nil {
		var re *assess.RangeError
		if errors.As(err, &re) {
			return fmt.Errorf("score: -min %d -max %d: %s", re.Min, re.Max, re.Reason)
		}
		return fmt.Errorf("score: %w", err)
	}
	return sum.Report(stderr)
}

func instrumentIDs(lib *assess.Library) string {
	var ids []string
	for _, in := range lib.Instruments() {
		ids = append(ids, in.ID)
	}
	return strings.Join(ids, ", ")
}
