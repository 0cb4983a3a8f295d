// Command crisis-train trains the crisis-language model that sits beside
// the rules (safety/model.go) and writes safety/model_weights.tsv. Run it
// from the repository root: go run ./safety/cmd/crisis-train
// With -ordinary it first takes the snapshot of the repository's ordinary
// writing (lessons, app strings, templates) again; without it, training
// reads the snapshot in safety/testdata, so copy edits never change the model.
// Training reads the rules as they stood when the models were last trained
// (safety/model_rules.txt), not safety/rules.txt, so a rule edit never
// retrains them; with -rules it first takes that copy, and the models' word
// list (safety/model_words.txt), from safety/rules.txt again.
// It reads only files of the repository (safety/model_train.go lists
// them), never a held-out set, and gives the same file every time. It
// reads the C-SSRS development users (a copy in safety/testdata): measure
// them with crisis-eval -cssrs-cv.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/securebase/securebase/safety"
)

func main() {
	root := flag.String("root", ".", "the repository root")
	out := flag.String("o", "", "where to write the weights (default: safety/model_weights.tsv under -root)")
	ordinary := flag.Bool("ordinary", false, "first take the snapshot of the repository's ordinary writing again (safety/testdata/"+safety.OrdinaryFile+")")
	rules := flag.Bool("rules", false, "first take the rules the models are trained beside (safety/model_rules.txt) and their words (safety/model_words.txt) again from safety/rules.txt; every weight moves")
	flag.Parse()
	if *rules {
		if err := takeRules(*root); err != nil {
			fmt.Fprintln(os.Stderr, "crisis-train:", err)
			os.Exit(1)
		}
	}
	if *ordinary {
		snap, err := safety.OrdinarySnapshot(*root)
		if err == nil {
			err = os.WriteFile(filepath.Join(*root, "safety", "testdata", safety.OrdinaryFile), snap, 0o600)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "crisis-train:", err)
			os.Exit(1)
		}
	}
	if *out == "" {
		*out = filepath.Join(*root, safety.ModelFile)
	}
	data, rep, err := safety.TrainModel(*root)
	if err != nil {
		fmt.Fprintln(os.Stderr, "crisis-train:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, data, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, "crisis-train:", err)
		os.Exit(1)
	}
	rdata, rrep, err := safety.TrainRecovery(*root, data)
	if err == nil {
		err = os.WriteFile(filepath.Join(*root, safety.RecoveryFile), rdata, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crisis-train:", err)
		os.Exit(1)
	}
	edata, erep, err := safety.TrainEntry(*root, data)
	if err == nil {
		err = os.WriteFile(filepath.Join(*root, safety.EntryFile), edata, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "crisis-train:", err)
		os.Exit(1)
	}
	fmt.Printf("texts %d (crisis %d, hard negatives %d, ordinary %d; of them C-SSRS: %d users, %d posts), sentences %d, features %d, weights %d\n",
		rep.Texts, rep.Crisis, rep.HardNegative, rep.Ordinary, rep.ForumUsers, rep.ForumPosts, rep.Sentences, rep.Features, rep.Weights)
	fmt.Printf("threshold %.3f; cross-validated, rules or model: recall %.3f, false alarms %.3f (rules alone %.3f, %.3f); ordinary writing flagged %.4f\n",
		rep.Threshold, rep.CVRecall, rep.CVFalseAlarms, rep.CVRulesRecall, rep.CVRulesFalseAlarms, rep.CVOrdinaryFalseAlarms)
	fmt.Printf("recovery model: %d texts said yes to (%d crisis, %d other), %d weights; threshold %.3f; cross-validated it cancels %.3f of the other texts and %.3f of the crisis texts\n",
		rrep.Texts, rrep.Crisis, rrep.Other, rrep.Weights, rrep.Threshold, rrep.CVCancelledOther, rrep.CVCancelledCrisis)
	fmt.Printf("entry model: %d texts the detector passes (%d crisis, %d other, %d general), %d weights; thresholds %.3f %.3f; cross-validated it finds %.3f of those crisis texts, flags %.3f %.3f of the other texts by length and %.4f of general writing\n",
		erep.Texts, erep.Crisis, erep.Hard, erep.General, erep.Weights, erep.Thresholds[0], erep.Thresholds[1],
		erep.CVRecall, erep.CVFalseAlarms[0], erep.CVFalseAlarms[1], erep.CVGeneralFalseAlarms)
}

// takeRules copies safety/rules.txt to the rules the models are trained
// beside, and writes the words of those rules.
func takeRules(root string) error {
	text, err := os.ReadFile(filepath.Join(root, "safety", "rules.txt")) // #nosec G304 -- a file of the repository named by the operator's -root
	if err != nil {
		return err
	}
	words, err := safety.ModelWords(string(text))
	if err != nil {
		return err
	}
	// #nosec G703 -- the repository the operator names with -root, as every write of this tool
	if err := os.WriteFile(filepath.Join(root, safety.ModelRulesFile), text, 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(root, safety.ModelWordsFile), words, 0o600) // #nosec G703 -- as above
}
