// Command crisis-eval measures the crisis-language check on the C-SSRS
// development users, GoEmotions and the fresh journal set, and prints
// every figure with its 95% interval (docs/safety.md). Run it from the
// repository root with `make crisis-eval`.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase/safety"
	"github.com/securebase/securebase/safety/crisiseval"
)

func main() {
	data := flag.String("data", "../shared/data", "folder holding cssrs-dev/ and goemotions/")
	journal := flag.String("journal", "safety/testdata/crisis_journal.jsonl", "the fresh journal set")
	only := flag.String("only", "", "one set: cssrs, goemotions or journal")
	verbose := flag.Bool("v", false, "list flagged and missed items with their reason codes")
	bare := flag.Bool("no-apostrophes", false, "read the journal set with every apostrophe removed (Ill, dont), as many people type")
	cv := flag.Bool("cssrs-cv", false, "C-SSRS by five-fold cross-validation: each user is checked by models trained without the user's fold (run from the repository root)")
	lines := flag.Int("lines", 0, "instead of the figures: for every rule and model, the crisis and other entries of all the journal sets in safety/testdata but the held-out ones that it said yes to, alone or with others; the given number of rows, worst record first (-1: all)")
	idioms := flag.Int("idioms", 0, "instead of the figures: for every idiom, the crisis entries of all the journal sets in safety/testdata but the held-out ones that it left missed by cancelling a match, and the other entries it held quiet; the given number of rows, worst record first (-1: all)")
	flag.Parse()
	if *idioms != 0 {
		if err := runIdioms(*idioms); err != nil {
			fmt.Fprintln(os.Stderr, "crisis-eval:", err)
			os.Exit(1)
		}
		return
	}
	if *lines != 0 {
		if err := runLines(*lines); err != nil {
			fmt.Fprintln(os.Stderr, "crisis-eval:", err)
			os.Exit(1)
		}
		return
	}
	if *cv {
		if err := runCV(*data, *verbose); err != nil {
			fmt.Fprintln(os.Stderr, "crisis-eval:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*data, *journal, *only, *verbose, *bare); err != nil {
		fmt.Fprintln(os.Stderr, "crisis-eval:", err)
		os.Exit(1)
	}
}

func run(data, journal, only string, verbose, bare bool) error {
	d, err := safety.NewDetector()
	if err != nil {
		return err
	}
	decide := decider(d)
	out := os.Stdout
	if only == "" || only == "cssrs" {
		users, err := crisiseval.LoadCSSRS(data)
		if err != nil {
			return fmt.Errorf("C-SSRS data (../shared/data/cssrs-dev): %w", err)
		}
		start := time.Now()
		r := crisiseval.EvalCSSRS(users, decide)
		fmt.Fprintln(out, "Note: since round 33 the models learn from these users, so the figures below are on their own training data; crisis-eval -cssrs-cv measures them by cross-validation over users (docs/safety.md).")
		crisiseval.WriteCSSRS(out, r)
		fmt.Fprintf(out, "(%s)\n\n", time.Since(start).Round(time.Millisecond))
		if verbose {
			writeFlagged(out, r)
		}
	}
	if only == "" || only == "goemotions" {
		cs, err := crisiseval.LoadGoEmotions(data)
		if err != nil {
			return fmt.Errorf("GoEmotions data (../shared/data/goemotions): %w", err)
		}
		start := time.Now()
		r := crisiseval.EvalGoEmotions(cs, decide)
		crisiseval.WriteGoEmotions(out, r)
		fmt.Fprintf(out, "(%s)\n\n", time.Since(start).Round(time.Millisecond))
		if verbose {
			for _, e := range r.Examples {
				fmt.Fprintln(out, "flagged", e)
			}
		}
	}
	if only == "" || only == "journal" {
		es, err := crisiseval.LoadJournal(journal)
		if err != nil {
			return fmt.Errorf("journal set: %w", err)
		}
		if bare {
			es = crisiseval.WithoutApostrophes(es)
		}
		r := crisiseval.EvalJournal(es, decide)
		crisiseval.WriteJournal(out, r)
		if verbose {
			for _, m := range r.Mistakes {
				fmt.Fprintln(out, m)
			}
		}
	}
	return nil
}

// cvFolds is the number of folds of -cssrs-cv.
const cvFolds = 5

// runCV measures the C-SSRS figures on users the models did not learn
// from: the models learn from the development users (safety/model_train.go),
// so the plain C-SSRS run would measure them on their own training data.
// User i is in fold i%cvFolds, as TrainModelFold leaves them out.
func runCV(data string, verbose bool) error {
	users, err := crisiseval.LoadCSSRS(data)
	if err != nil {
		return fmt.Errorf("C-SSRS data (../shared/data/cssrs-dev): %w", err)
	}
	if _, err := os.Stat(filepath.Join("safety", "testdata", safety.CSSRSFile)); err != nil {
		return fmt.Errorf("-cssrs-cv trains the models, so run it from the repository root: %w", err)
	}
	start := time.Now()
	deciders := make([]crisiseval.Decider, cvFolds)
	for k := range deciders {
		m, _, err := safety.TrainModelFold(".", k, cvFolds)
		if err != nil {
			return err
		}
		r, _, err := safety.TrainRecovery(".", m)
		if err != nil {
			return err
		}
		e, _, err := safety.TrainEntry(".", m)
		if err != nil {
			return err
		}
		d, err := safety.NewDetectorWith(m, r, e)
		if err != nil {
			return err
		}
		deciders[k] = decider(d)
	}
	res := crisiseval.EvalCSSRSBy(users, func(i int) crisiseval.Decider { return deciders[i%cvFolds] })
	fmt.Println("C-SSRS, five-fold cross-validation over users (each checked by models trained without its fold)")
	crisiseval.WriteCSSRS(os.Stdout, res)
	fmt.Printf("(%s)\n", time.Since(start).Round(time.Millisecond))
	if verbose {
		writeFlagged(os.Stdout, res)
	}
	return nil
}

// runLines prints the record of every rule and model over the journal
// sets of safety/testdata, the held-out sets left out (safety.HeldOutSets):
// docs/safety.md, round 48, chose lines to weaken this way.
func runLines(rows int) error {
	d, es, read, err := devSets()
	if err != nil {
		return err
	}
	recs := crisiseval.CountLines(es, func(text string) (bool, []crisiseval.Yes) {
		v, found := d.Explain(text)
		var yes []crisiseval.Yes
		for _, f := range found {
			if !strings.HasPrefix(f.Outcome, "yes") {
				continue
			}
			y := crisiseval.Yes{Where: f.Rule, Pattern: f.Pattern}
			if !strings.HasPrefix(y.Where, "rules.txt:") {
				y.Where, _, _ = strings.Cut(y.Where, ":") // a model: its file
				y.Pattern = "(model)"
			}
			if !slices.ContainsFunc(yes, func(o crisiseval.Yes) bool { return o.Where == y.Where }) {
				yes = append(yes, y)
			}
		}
		return v.Crisis, yes
	})
	fmt.Printf("%d entries of %d journal sets (held out and left out: %s)\n\n", len(es), read, heldOutNames())
	crisiseval.WriteLines(os.Stdout, recs, rows)
	return nil
}

// devSets returns the detector and the entries of every journal set of
// safety/testdata but the held-out ones (safety.HeldOutSets), with the
// number of sets read.
func devSets() (*safety.Detector, []crisiseval.Entry, int, error) {
	files, err := filepath.Glob(filepath.Join("safety", "testdata", "crisis_journal*.jsonl"))
	if err != nil {
		return nil, nil, 0, err
	}
	if len(files) == 0 {
		return nil, nil, 0, fmt.Errorf("no journal sets under safety/testdata: run it from the repository root")
	}
	d, err := safety.NewDetector()
	if err != nil {
		return nil, nil, 0, err
	}
	heldOut := safety.HeldOutSets()
	var es []crisiseval.Entry
	read := 0
	for _, f := range files {
		if slices.Contains(heldOut, filepath.Base(f)) {
			continue
		}
		e, err := crisiseval.LoadJournal(f)
		if err != nil {
			return nil, nil, 0, err
		}
		es = append(es, e...)
		read++
	}
	return d, es, read, nil
}

// runIdioms prints, for every idiom, the crisis entries it left missed and
// the other entries it held quiet over the journal sets of safety/testdata,
// the held-out sets left out: docs/safety.md, round 56, found idioms that
// swallowed crisis sentences this way.
func runIdioms(rows int) error {
	d, es, read, err := devSets()
	if err != nil {
		return err
	}
	rules, err := os.ReadFile(filepath.Join("safety", "rules.txt"))
	if err != nil {
		return err
	}
	ruleLines := strings.Split(string(rules), "\n")
	recs := crisiseval.CountIdioms(es, func(text string) (bool, []string) {
		v, found := d.Explain(text)
		var idioms []string
		for _, f := range found {
			_, rest, isIdiom := strings.Cut(f.Outcome, "idiom (")
			where, closed := strings.CutSuffix(rest, ")")
			if isIdiom && closed && !slices.Contains(idioms, where) {
				idioms = append(idioms, where)
			}
		}
		return v.Crisis, idioms
	})
	pattern := func(where string) string {
		n, err := strconv.Atoi(strings.TrimPrefix(where, "rules.txt:"))
		if err != nil || n < 1 || n > len(ruleLines) {
			return ""
		}
		return strings.TrimSpace(strings.TrimPrefix(ruleLines[n-1], "idiom:"))
	}
	fmt.Printf("%d entries of %d journal sets (held out and left out: %s)\n\n", len(es), read, heldOutNames())
	crisiseval.WriteIdioms(os.Stdout, recs, pattern, rows)
	return nil
}

// heldOutNames lists the held-out sets for a heading, or says there are
// none.
func heldOutNames() string {
	if h := safety.HeldOutSets(); len(h) > 0 {
		return strings.Join(h, ", ")
	}
	return "none"
}

// decider is the app's decision, as the evaluation asks it.
func decider(d *safety.Detector) crisiseval.Decider {
	return func(texts ...string) (bool, string) {
		v := d.CheckEntry(texts...)
		return v.Crisis, v.Reason
	}
}

// writeFlagged lists every C-SSRS post the check flagged, with its
// reason code (-v).
func writeFlagged(w io.Writer, r crisiseval.CSSRSResult) {
	for _, u := range r.Users {
		for i, f := range u.Flagged {
			if f {
				fmt.Fprintf(w, "flagged %s %s post %d (%s)\n", u.User.Label, u.User.ID, i, u.Reasons[i])
			}
		}
	}
}
