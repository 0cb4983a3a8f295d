package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/entries"
)

// likertPoint is one point of a response scale as a radio button shows it.
type likertPoint struct {
	Value int
	Label string // the published anchor words, or "" for an unlabelled point
}

type takeItem struct {
	Number   int // the item's published number: the form field is q<Number>
	Position int // its place in this attempt, from 1
	Text     string
	Error    string
}

// takeView is one screen of an attempt.
type takeView struct {
	ID           string
	Instrument   *assess.Instrument
	About        string
	Screen       int
	Screens      int
	First, Last  bool
	Answered     int
	Total        int
	Items        []takeItem
	Points       []likertPoint
	ScaleHint    string
	OpenScreen   int // a screen with unanswered items, when finishing early
	Instructions bool
}

func points(in *assess.Instrument) []likertPoint {
	labels := map[int]string{}
	for _, a := range in.Anchors {
		labels[a.Value] = a.Label
	}
	out := make([]likertPoint, 0, in.Max-in.Min+1)
	for v := in.Min; v <= in.Max; v++ {
		out = append(out, likertPoint{Value: v, Label: labels[v]})
	}
	return out
}

// scaleHint says what the ends and labelled points of the scale mean, in
// one sentence every statement's group points to.
func scaleHint(in *assess.Instrument) string {
	var parts []string
	for _, a := range in.Anchors {
		parts = append(parts, strconv.Itoa(a.Value)+" is "+strings.ToLower(a.Label))
	}
	if len(parts) == 0 {
		return "Choose a number from " + strconv.Itoa(in.Min) + " to " + strconv.Itoa(in.Max) + "."
	}
	return "Choose a number from " + strconv.Itoa(in.Min) + " to " + strconv.Itoa(in.Max) + ": " + strings.Join(parts, ", ") + "."
}

// screenNumber reads ?page= or the form's page: a screen from 1.
func screenNumber(raw string, screens int) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if err != nil || n < 1 || n > screens {
		return 0, securebase.Errorf(securebase.EINVALID,
			"This questionnaire has screens 1 to %d, so we couldn't open that one. Go back to the Attachment page to carry on where you were.", screens)
	}
	return n, nil
}

// buildTake is one screen of an attempt; open names a screen with
// statements left, when finishing early.
func (s *Server) buildTake(st *attemptState, screen, open int) build {
	return func(_ *http.Request, f *form) (page, error) {
		if f == nil {
			f = newForm(nil)
		}
		return s.takePage(st, screen, f, open), nil
	}
}

func (s *Server) takePage(st *attemptState, screen int, f *form, open int) page {
	items := st.screens[screen-1]
	v := takeView{ID: st.entry.ID, Instrument: st.in, About: st.a.About, Screen: screen, Screens: len(st.screens),
		First: screen == 1, Last: screen == len(st.screens), Answered: len(st.a.Answers), Total: len(st.in.Items),
		Points: points(st.in), ScaleHint: scaleHint(st.in), OpenScreen: open, Instructions: screen == 1}
	pos := 0
	for i := range screen - 1 {
		pos += len(st.screens[i])
	}
	for i, n := range items {
		v.Items = append(v.Items, takeItem{Number: n, Position: pos + i + 1, Text: st.in.Items[n-1].Text,
			Error: f.Error("q" + strconv.Itoa(n))})
	}
	title := "Screen " + strconv.Itoa(screen) + " of " + strconv.Itoa(v.Screens) + " · " + st.in.ShortName
	return page{view: "attempt", Title: title, Nav: "insights", Data: v}
}

// takeAttempt shows one screen. Without ?page= it resumes at the first
// screen with an unanswered statement.
func (s *Server) takeAttempt(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	if st.a.Completed() {
		http.Redirect(w, r, "/attachment/attempts/"+st.entry.ID+"/result", http.StatusSeeOther)
		return nil
	}
	screen := len(st.screens)
	if raw := r.URL.Query().Get("page"); raw != "" {
		if screen, err = screenNumber(raw, len(st.screens)); err != nil {
			return err
		}
	} else if _, open := st.firstOpen(); open > 0 {
		screen = open
	}
	f := newForm(nil)
	for _, n := range st.screens[screen-1] {
		if v, ok := st.a.Answers[n]; ok {
			f.Set("q"+strconv.Itoa(n), strconv.Itoa(v))
		}
	}
	return s.show(w, r, http.StatusOK, s.buildTake(st, screen, 0), f, "")
}

// answerAttempt saves one screen's answers, then moves as the button
// asked: to the next or previous screen, back to the overview, or to the
// result. A problem shows the same screen again with every choice kept.
func (s *Server) answerAttempt(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	if st.a.Completed() {
		return errAttemptDone
	}
	f := newForm(r.PostForm)
	screen, err := screenNumber(f.Get("page"), len(st.screens))
	if err != nil {
		return err
	}
	answers, err := parseAnswers(r.PostForm, st.in, st.screens[screen-1])
	if err != nil {
		return s.again(w, r, f, err, s.buildTake(st, screen, 0))
	}
	move := f.Get("go")
	last := screen == len(st.screens)
	var missing []int
	var finishErr error
	_, err = s.updateAttempt(r.Context(), principal(r).Actor, st, entries.Latest, func(st *attemptState) error {
		missing, finishErr = missing[:0], nil
		for n, v := range answers {
			st.a.Answers[n] = v
		}
		for _, n := range st.screens[screen-1] {
			if _, ok := st.a.Answers[n]; !ok {
				missing = append(missing, n)
			}
		}
		if move == "finish" && last && len(missing) == 0 {
			if err := s.complete(st, s.Clock()); err != nil {
				finishErr = err // the answers are still saved; the message says what is left
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	base := "/attachment/attempts/" + st.entry.ID
	switch {
	case move == "back":
		return s.redirect(w, r, base+"?page="+strconv.Itoa(max(screen-1, 1)), "")
	case move == "later":
		return s.redirect(w, r, "/attachment", "attempt-saved")
	case len(missing) > 0:
		for _, n := range missing {
			f.Errors["q"+strconv.Itoa(n)] = "Choose an answer for this statement."
		}
		msg := "Choose an answer for each statement on this screen to go on. The answers you chose are saved."
		return s.show(w, r, http.StatusBadRequest, s.buildTake(st, screen, 0), f, msg)
	case finishErr != nil:
		_, open := st.firstOpen()
		return s.show(w, r, http.StatusBadRequest, s.buildTake(st, screen, open), f, message(finishErr))
	case st.a.Completed():
		return s.redirect(w, r, base+"/result", "attempt-done")
	case last:
		return s.redirect(w, r, base+"?page="+strconv.Itoa(screen), "")
	}
	return s.redirect(w, r, base+"?page="+strconv.Itoa(screen+1), "")
}

// startAttempt begins an attempt, or resumes the unfinished one of the
// same questionnaire (and, for one person, the same name).
func (s *Server) startAttempt(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	id := f.Get("instrument")
	if id == "" {
		id = s.Assess.Default().ID
	}
	a := newAttempt(id, f.Get("about"), s.Clock())
	if err := s.Entries.Check(a); err != nil {
		return s.again(w, r, f, err, s.buildAttachment)
	}
	list, err := s.attempts(r)
	if err != nil {
		return err
	}
	for _, st := range list {
		if !st.a.Completed() && st.in.ID == a.Instrument && strings.EqualFold(st.a.About, a.About) {
			return s.redirect(w, r, "/attachment/attempts/"+st.entry.ID, "attempt-resumed")
		}
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: a})
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/attachment/attempts/"+sv.ID, savedFlash("attempt-started", sv.Crisis, sv.Safety))
}

// deleteAttempt removes an attempt, finished or not.
func (s *Server) deleteAttempt(w http.ResponseWriter, r *http.Request) error {
	if err := s.removeAttempt(r); err != nil {
		return err
	}
	return s.redirect(w, r, "/attachment", "attempt-deleted")
}

// removeAttempt deletes the {id} attempt of the person asking; anything
// else, another person's included, is the same 404.
func (s *Server) removeAttempt(r *http.Request) error {
	id := r.PathValue("id")
	if !securebase.ValidID(id) {
		return errAttemptNotFound
	}
	err := s.Entries.DeleteEntry(r.Context(), principal(r).Actor, securebase.KindAttempt, id)
	if securebase.ErrorCode(err) == securebase.ENOTFOUND {
		return errAttemptNotFound
	}
	return err
}
