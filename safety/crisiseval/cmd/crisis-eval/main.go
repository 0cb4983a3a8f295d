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
	flag.Parse()
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
	files, err := filepath.Glob(filepath.Join("safety", "testdata", "crisis_journal*.jsonl"))
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("no journal sets under safety/testdata: run it from the repository root")
	}
	d, err := safety.NewDetector()
	if err != nil {
		return err
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
			return err
		}
		es = append(es, e...)
		read++
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
	fmt.Printf("%d entries of %d journal sets (held out and left out: %s)\n\n", len(es), read, strings.Join(heldOut, ", "))
	crisiseval.WriteLines(os.Stdout, recs, rows)
	return nil
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
