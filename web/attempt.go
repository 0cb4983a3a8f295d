package web

import (
	"context"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/entries"
)

// An attempt is taken a few items per screen (A1). Each screen is a plain
// form: its answers are saved into the attempt entry before the next
// screen shows, so leaving at any point loses nothing.

// itemsPerScreen is the most statements one screen shows; on a phone,
// four 7-point scales fit without much scrolling.
const itemsPerScreen = 4

// attemptState is one attempt loaded for a request, with its
// questionnaire and its screens in this attempt's order.
type attemptState struct {
	entry   *securebase.Entry
	a       *securebase.Attempt
	in      *assess.Instrument
	screens [][]int // item numbers per screen
}

// screensOf splits an item order into screens of at most itemsPerScreen,
// as even as possible: 36 items make 9 screens of 4, 9 make 3 of 3.
func screensOf(order []int) [][]int {
	n := len(order)
	if n == 0 {
		return nil
	}
	count := (n + itemsPerScreen - 1) / itemsPerScreen
	out := make([][]int, 0, count)
	start := 0
	for i := range count {
		size := n / count
		if i < n%count {
			size++
		}
		out = append(out, order[start:start+size])
		start += size
	}
	return out
}

var errAttemptNotFound = securebase.Errorf(securebase.ENOTFOUND,
	"We couldn't find that questionnaire. It may have been deleted.")

// attemptOf decodes an attempt entry and finds its questionnaire.
func (s *Server) attemptOf(e *securebase.Entry) (*attemptState, error) {
	p, err := e.Decode()
	if err != nil {
		return nil, err
	}
	a := p.(*securebase.Attempt)
	in, ok := s.Assess.Instrument(a.Instrument)
	if !ok {
		return nil, securebase.Errorf(securebase.ENOTFOUND,
			"This questionnaire is no longer offered here, so we can't show this attempt. Its answers are still in your export.")
	}
	return &attemptState{entry: e, a: a, in: in, screens: screensOf(assess.Order(len(in.Items), a.Seed))}, nil
}

// findAttempt loads the {id} attempt of the person asking. Anything else —
// malformed, someone else's, deleted — is the same 404.
func (s *Server) findAttempt(r *http.Request) (*attemptState, error) {
	id := r.PathValue("id")
	if !securebase.ValidID(id) {
		return nil, errAttemptNotFound
	}
	e, err := s.Entries.FindEntry(r.Context(), principal(r).Actor, securebase.KindAttempt, id)
	if err != nil {
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			return nil, errAttemptNotFound
		}
		return nil, err
	}
	return s.attemptOf(e)
}

var errAttemptDone = securebase.Errorf(securebase.ECONFLICT,
	"This questionnaire is already finished, so its answers can't change. You can look at your result, or start a new one whenever you like.")

// updateAttempt applies change to the stored attempt and saves it.
// version is the one the client read (a stale one is ECONFLICT), or
// entries.Latest: then a save from another window in between is read
// again and change applied to it; answers are per item, so merging loses
// nothing. A finished attempt refuses every change.
func (s *Server) updateAttempt(ctx context.Context, actor securebase.Actor, st *attemptState, version int, change func(*attemptState) error) (entries.Saved, error) {
	sv, err := s.Entries.Change(ctx, actor, securebase.KindAttempt, st.entry.ID, version, func(e *securebase.Entry, p securebase.Payload) error {
		st.entry, st.a = e, p.(*securebase.Attempt)
		if st.a.Completed() {
			return errAttemptDone
		}
		return change(st)
	})
	if err == nil {
		st.entry = sv.Entry
	}
	return sv, err
}

// newAttempt starts an attempt at a questionnaire with a fresh seed.
func newAttempt(instrument, about string, now time.Time) *securebase.Attempt {
	// The seed only shuffles the order of the items; nothing depends on it
	// being unpredictable.
	seed := rand.Uint64N(securebase.AttemptSeedMax + 1) // #nosec G404 -- item order, not a secret
	return &securebase.Attempt{Instrument: instrument, About: about, Seed: seed,
		Answers: map[int]int{}, StartedAt: now.UTC()}
}

// complete scores a fully answered attempt and stores the result. An
// attempt with unanswered items is a 400 that names the first screen
// still open.
func (s *Server) complete(st *attemptState, now time.Time) error {
	if n, screen := st.firstOpen(); n > 0 {
		msg := "A few statements still need an answer: " + plural(n, "statement") + " on screen " + strconv.Itoa(screen) + " and after. Your other answers are saved."
		return &securebase.Error{Code: securebase.EINVALID, Message: msg, Fields: map[string]string{"answers": msg}}
	}
	res, err := st.in.Score(st.a.Answers)
	if err != nil {
		return securebase.FieldError("answers", "Some saved answers don't fit this questionnaire. Go back over the screens and choose them again.")
	}
	r := &securebase.AttemptResult{Min: res.Min, Max: res.Max}
	for _, sc := range res.Scales {
		r.Scales = append(r.Scales, securebase.AttemptScale{Scale: sc.Scale, Mean: sc.Mean,
			Answered: sc.Answered, Missing: sc.Missing, Scored: sc.Scored})
	}
	at := now.UTC()
	if at.Before(st.a.StartedAt) {
		at = st.a.StartedAt
	}
	st.a.Result, st.a.CompletedAt = r, &at
	st.entry.OccurredAt = at
	return nil
}

// firstOpen counts unanswered items and returns the first screen (from 1)
// that has one, or 0, 0 when every item is answered.
func (st *attemptState) firstOpen() (missing, screen int) {
	for i, items := range st.screens {
		for _, n := range items {
			if _, ok := st.a.Answers[n]; !ok {
				missing++
				if screen == 0 {
					screen = i + 1
				}
			}
		}
	}
	return missing, screen
}

// resultOf turns a stored result back into the scorer's, for FirstPillar.
func resultOf(a *securebase.Attempt) assess.Result {
	r := assess.Result{Instrument: a.Instrument}
	if a.Result == nil {
		return r
	}
	r.Min, r.Max = a.Result.Min, a.Result.Max
	for _, sc := range a.Result.Scales {
		r.Scales = append(r.Scales, assess.ScaleScore{Scale: sc.Scale, Mean: sc.Mean,
			Answered: sc.Answered, Missing: sc.Missing, Scored: sc.Scored})
	}
	return r
}

// parseAnswers reads one screen's answers from a form. Fields named q<n>
// carry the answer to item n; other fields are not answers and are left
// alone. It returns the valid answers, and an EINVALID error when a field
// names an item that is not on this screen (a forged or stale form) or
// holds anything but one whole number on the questionnaire's scale. An
// empty field is an unanswered item, not an error.
func parseAnswers(v url.Values, in *assess.Instrument, screen []int) (map[int]int, error) {
	onScreen := make(map[int]bool, len(screen))
	for _, n := range screen {
		onScreen[n] = true
	}
	answers := make(map[int]int, len(screen))
	var bad securebase.Validation
	for key, vals := range v {
		rest, ok := strings.CutPrefix(key, "q")
		if !ok {
			continue
		}
		n, ok := itemNumber(rest)
		if !ok || !onScreen[n] {
			bad.Add("answers", "Some answers didn't match the statements on this screen, so we didn't save this screen. Check your choices below and continue.")
			continue
		}
		if len(vals) != 1 {
			bad.Add(key, "Choose one answer for this statement.")
			continue
		}
		raw := strings.TrimSpace(vals[0])
		if raw == "" {
			continue
		}
		val, err := strconv.Atoi(raw)
		if err != nil || val < in.Min || val > in.Max {
			bad.Add(key, "Choose one of the points from "+strconv.Itoa(in.Min)+" to "+strconv.Itoa(in.Max)+".")
			continue
		}
		answers[n] = val
	}
	return answers, bad.Err()
}

// itemNumber reads an item number written plainly in decimal: "12", not
// "012", "+12" or "1e1".
func itemNumber(s string) (int, bool) {
	if s == "" || len(s) > 3 || s[0] == '0' || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 1 && n <= securebase.AttemptItemsMax
}
