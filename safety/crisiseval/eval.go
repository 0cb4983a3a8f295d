package crisiseval

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
)

// Decider is the check under test: one decision for one entry made of one
// or more texts, with a reason code (empty when it says no).
type Decider func(texts ...string) (crisis bool, reason string)

// CSSRSResult holds the C-SSRS figures.
type CSSRSResult struct {
	UserRecall   Prop            // Ideation+Behavior+Attempt users with at least one post flagged
	UsersFlagged map[string]Prop // per label: users with at least one post flagged
	PostsFlagged map[string]Prop // per label: posts flagged
	// Posts of the negative users (Supportive+Indicator) flagged, by length
	// in characters, to show whether length drives false alarms.
	NegByLength []LengthBand
	AUC         float64 // users ranked by share of posts flagged, positives against Indicator+Supportive
	AUCBoot     [2]float64
	AUCHanley   [2]float64
	Users       []UserScore
}

// UserScore is one user's share of posts flagged, for listing.
type UserScore struct {
	User    User
	Flagged []bool
	Reasons []string
}

// LengthBand is a share of posts flagged among posts of a length range.
type LengthBand struct {
	Lo, Hi int // characters, Hi exclusive; 0 means no upper bound
	Prop
}

var lengthBands = [][2]int{{0, 100}, {100, 300}, {300, 1000}, {1000, 3000}, {3000, 0}}

// EvalCSSRS checks every post as one entry.
func EvalCSSRS(users []User, decide Decider) CSSRSResult {
	return EvalCSSRSBy(users, func(int) Decider { return decide })
}

// EvalCSSRSBy is EvalCSSRS with a check for each user (by index in users):
// cross-validation asks the check trained without that user's fold.
func EvalCSSRSBy(users []User, deciderFor func(user int) Decider) CSSRSResult {
	res := CSSRSResult{UsersFlagged: map[string]Prop{}, PostsFlagged: map[string]Prop{}}
	bands := make([]LengthBand, len(lengthBands))
	for i, b := range lengthBands {
		bands[i] = LengthBand{Lo: b[0], Hi: b[1]}
	}
	var pos, neg []float64
	for ui, u := range users {
		decide := deciderFor(ui)
		us := UserScore{User: u}
		k := 0
		for _, p := range u.Posts {
			got, why := decide(p)
			us.Flagged = append(us.Flagged, got)
			us.Reasons = append(us.Reasons, why)
			if got {
				k++
			}
			pp := res.PostsFlagged[u.Label]
			pp.N++
			if got {
				pp.K++
			}
			res.PostsFlagged[u.Label] = pp
			if !u.Crisis() {
				for i := range bands {
					if len(p) >= bands[i].Lo && (bands[i].Hi == 0 || len(p) < bands[i].Hi) {
						bands[i].N++
						if got {
							bands[i].K++
						}
					}
				}
			}
		}
		uf := res.UsersFlagged[u.Label]
		uf.N++
		if k > 0 {
			uf.K++
		}
		res.UsersFlagged[u.Label] = uf
		share := 0.0
		if len(u.Posts) > 0 {
			share = float64(k) / float64(len(u.Posts))
		}
		if u.Crisis() {
			res.UserRecall.N++
			if k > 0 {
				res.UserRecall.K++
			}
			pos = append(pos, share)
		} else {
			neg = append(neg, share)
		}
		res.Users = append(res.Users, us)
	}
	res.NegByLength = bands
	res.AUC = AUC(pos, neg)
	res.AUCBoot[0], res.AUCBoot[1] = BootstrapAUC(pos, neg, 2000)
	res.AUCHanley[0], res.AUCHanley[1] = HanleyMcNeil(res.AUC, len(pos), len(neg))
	return res
}

// GoEmotionsResult holds the share of comments flagged.
type GoEmotionsResult struct {
	All      Prop
	ByEmo    map[string]Prop // grief, sadness, fear
	Examples []string        // flagged comments, for reading
}

// Emotions reported separately: where crisis-like words are most common.
var Emotions = []string{"grief", "sadness", "fear"}

// EvalGoEmotions checks every comment as one entry.
func EvalGoEmotions(cs []Comment, decide Decider) GoEmotionsResult {
	res := GoEmotionsResult{ByEmo: map[string]Prop{}}
	for _, c := range cs {
		got, why := decide(c.Text)
		res.All.N++
		if got {
			res.All.K++
			res.Examples = append(res.Examples, why+"\t"+c.Text)
		}
		for _, e := range Emotions {
			if c.Has(e) {
				p := res.ByEmo[e]
				p.N++
				if got {
					p.K++
				}
				res.ByEmo[e] = p
			}
		}
	}
	return res
}

// JournalResult holds the fresh journal set's figures.
type JournalResult struct {
	Recall, FalseAlarm Prop
	RecallByKind       map[string]Prop
	FalseAlarmByKind   map[string]Prop
	// False alarms of other entries by their number of sentences: one,
	// two to seven, eight.
	FABySentences map[string]Prop
	// Every sentence of the other entries checked alone, and random
	// entries of eight of those sentences joined: what length does to
	// false alarms when nothing else changes.
	SentenceFA, Joined8FA Prop
	Mistakes              []string
}

// JoinedSamples is how many eight-sentence entries are drawn.
const JoinedSamples = 2000

// EvalJournal checks every entry as one entry.
func EvalJournal(es []Entry, decide Decider) JournalResult {
	res := JournalResult{RecallByKind: map[string]Prop{}, FalseAlarmByKind: map[string]Prop{}, FABySentences: map[string]Prop{}}
	var sentences []string
	for _, e := range es {
		got, why := decide(e.Text)
		if e.Crisis() {
			res.Recall.N++
			p := res.RecallByKind[e.Kind]
			p.N++
			if got {
				res.Recall.K++
				p.K++
			} else {
				res.Mistakes = append(res.Mistakes, fmt.Sprintf("missed %s (%s): %s", e.ID, e.Kind, e.Text))
			}
			res.RecallByKind[e.Kind] = p
			continue
		}
		ss := Sentences(e.Text)
		sentences = append(sentences, ss...)
		band := "2-7"
		switch len(ss) {
		case 1:
			band = "1"
		case 8:
			band = "8"
		}
		res.FalseAlarm.N++
		p, b := res.FalseAlarmByKind[e.Kind], res.FABySentences[band]
		p.N++
		b.N++
		if got {
			res.FalseAlarm.K++
			p.K++
			b.K++
			res.Mistakes = append(res.Mistakes, fmt.Sprintf("false alarm %s (%s, %s): %s", e.ID, e.Kind, why, e.Text))
		}
		res.FalseAlarmByKind[e.Kind], res.FABySentences[band] = p, b
	}
	for _, s := range sentences {
		got, _ := decide(s)
		res.SentenceFA.N++
		if got {
			res.SentenceFA.K++
		}
	}
	r := rand.New(rand.NewPCG(8, 8)) // #nosec G404 -- sampling for a report, not security
	parts := make([]string, 8)
	for range JoinedSamples {
		for j := range parts {
			parts[j] = sentences[r.IntN(len(sentences))]
		}
		got, _ := decide(strings.Join(parts, " "))
		res.Joined8FA.N++
		if got {
			res.Joined8FA.K++
		}
	}
	return res
}

// WriteCSSRS prints the C-SSRS figures as Markdown.
func WriteCSSRS(w io.Writer, r CSSRSResult) {
	fmt.Fprintf(w, "C-SSRS dev (users; posts checked one entry each)\n\n")
	fmt.Fprintf(w, "| figure | value [95%% interval] |\n|---|---|\n")
	fmt.Fprintf(w, "| user recall, Ideation+Behavior+Attempt | %s |\n", r.UserRecall)
	for _, l := range Labels {
		fmt.Fprintf(w, "| users flagged, %s | %s |\n", l, r.UsersFlagged[l])
	}
	for _, l := range Labels {
		fmt.Fprintf(w, "| posts flagged, %s | %s |\n", l, r.PostsFlagged[l])
	}
	for _, b := range r.NegByLength {
		hi := fmt.Sprint(b.Hi)
		if b.Hi == 0 {
			hi = "∞"
		}
		fmt.Fprintf(w, "| posts flagged, Supportive+Indicator, %d–%s chars | %s |\n", b.Lo, hi, b.Prop)
	}
	fmt.Fprintf(w, "| AUC, users by share of posts flagged | %.3f [%.3f, %.3f] bootstrap; [%.3f, %.3f] Hanley–McNeil |\n\n",
		r.AUC, r.AUCBoot[0], r.AUCBoot[1], r.AUCHanley[0], r.AUCHanley[1])
}

// WriteGoEmotions prints the GoEmotions figures as Markdown.
func WriteGoEmotions(w io.Writer, r GoEmotionsResult) {
	fmt.Fprintf(w, "GoEmotions (train+dev+test, each comment one entry)\n\n")
	fmt.Fprintf(w, "| comments | flagged [95%% interval] |\n|---|---|\n")
	fmt.Fprintf(w, "| all | %s |\n", r.All)
	for _, e := range Emotions {
		fmt.Fprintf(w, "| %s | %s |\n", e, r.ByEmo[e])
	}
	fmt.Fprintln(w)
}

// WriteJournal prints the journal set's figures as Markdown.
func WriteJournal(w io.Writer, r JournalResult) {
	fmt.Fprintf(w, "Fresh journal set (each entry one entry)\n\n")
	fmt.Fprintf(w, "| figure | value [95%% interval] |\n|---|---|\n")
	fmt.Fprintf(w, "| recall | %s |\n", r.Recall)
	fmt.Fprintf(w, "| false alarms per entry | %s |\n", r.FalseAlarm)
	for _, b := range []string{"1", "2-7", "8"} {
		fmt.Fprintf(w, "| false alarms, entries of %s sentences | %s |\n", b, r.FABySentences[b])
	}
	fmt.Fprintf(w, "| false alarms, each sentence of the other entries alone | %s |\n", r.SentenceFA)
	fmt.Fprintf(w, "| false alarms, %d random joins of 8 of those sentences | %s |\n", JoinedSamples, r.Joined8FA)
	for _, k := range sortedKeys(r.RecallByKind) {
		fmt.Fprintf(w, "| recall, %s | %s |\n", k, r.RecallByKind[k])
	}
	for _, k := range sortedKeys(r.FalseAlarmByKind) {
		fmt.Fprintf(w, "| false alarms, %s | %s |\n", k, r.FalseAlarmByKind[k])
	}
	fmt.Fprintln(w)
}

func sortedKeys(m map[string]Prop) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
