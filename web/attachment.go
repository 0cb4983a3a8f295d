package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
)

// The Attachment pages (A1): the overview with history and a way to
// begin, and the result of one attempt with the map of every result of the
// same questionnaire.

// retakeAfter is when the overview starts to suggest taking the
// questionnaire again. Scores move slowly; a month is what PRODUCT.md asks.
const retakeAfter = 28 * 24 * time.Hour

// attemptsMax bounds the attempts one page reads: a year of monthly
// attempts is twelve.
const attemptsMax = 500

// attempts lists the person's attempts, newest first. Attempts of a
// questionnaire no longer offered are left out.
func (s *Server) attempts(r *http.Request) ([]*attemptState, error) {
	entries, err := s.Entries.ListEntries(r.Context(), principal(r).Actor,
		securebase.EntryFilter{Kind: securebase.KindAttempt, Limit: attemptsMax})
	if err != nil {
		return nil, err
	}
	out := make([]*attemptState, 0, len(entries))
	for _, e := range entries {
		st, err := s.attemptOf(e)
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

type instrumentOption struct {
	ID, ShortName, Name, About string
	Items                      int
	Default                    bool
}

type openAttempt struct {
	ID, ShortName, About string
	Answered, Total      int
	Started              time.Time
}

type historyRow struct {
	ID, ShortName, About string
	When                 time.Time
	Anxiety, Avoidance   string
	Region               string
}

type attachmentView struct {
	Instruments []instrumentOption
	Open        []openAttempt
	History     []historyRow
	Map         *mapView
	Retake      string
	Now         time.Time
}

func (s *Server) buildAttachment(r *http.Request, _ *form) (page, error) {
	list, err := s.attempts(r)
	if err != nil {
		return page{}, err
	}
	loc := s.userLocation(r)
	now := s.Clock()
	fresh := newForm(nil)
	fresh.Set("instrument", s.Assess.Default().ID)
	v := attachmentView{Now: now}
	for _, in := range s.Assess.Instruments() {
		v.Instruments = append(v.Instruments, instrumentOption{ID: in.ID, ShortName: in.ShortName, Name: in.Name,
			About: in.About, Items: len(in.Items), Default: in.ID == s.Assess.Default().ID})
	}
	var latest *attemptState
	for _, st := range list {
		if !st.a.Completed() {
			v.Open = append(v.Open, openAttempt{ID: st.entry.ID, ShortName: st.in.ShortName, About: st.a.About,
				Answered: len(st.a.Answers), Total: len(st.in.Items), Started: st.a.StartedAt.In(loc)})
			continue
		}
		if latest == nil {
			latest = st
		}
		v.History = append(v.History, historyRowOf(st, loc))
	}
	if latest != nil {
		v.Map = s.pathMap(list, latest, loc)
		v.Retake = retakeText(now, *latest.a.CompletedAt, loc)
	}
	return page{view: "attachment", Title: "Your attachment questionnaire", Nav: "insights", Form: fresh, Data: v}, nil
}

func historyRowOf(st *attemptState, loc *time.Location) historyRow {
	anx, _ := st.a.Result.Scale(assess.Anxiety)
	avo, _ := st.a.Result.Scale(assess.Avoidance)
	return historyRow{ID: st.entry.ID, ShortName: st.in.ShortName, About: st.a.About, When: st.a.CompletedAt.In(loc),
		Anxiety: score(anx), Avoidance: score(avo), Region: regionOf(st)}
}

// score formats a scale's mean to two decimals, or says it was not scored.
func score(sc securebase.AttemptScale) string {
	if !sc.Scored {
		return "not scored"
	}
	return strconv.FormatFloat(sc.Mean, 'f', 2, 64)
}

// regionOf is the soft word for where a finished attempt lies, or "".
func regionOf(st *attemptState) string {
	anx, ok1 := st.a.Result.Scale(assess.Anxiety)
	avo, ok2 := st.a.Result.Scale(assess.Avoidance)
	if !ok1 || !ok2 || !anx.Scored || !avo.Scored {
		return ""
	}
	return assess.Region(anx.Mean, avo.Mean, st.in)
}

// retakeText is the gentle word about taking the questionnaire again:
// an invitation after about a month, a date before that. Never a nag.
func retakeText(now, last time.Time, loc *time.Location) string {
	if now.Sub(last) >= retakeAfter {
		return "It has been " + strings.TrimSuffix(ago(now, last), " ago") + " since you last answered. If you'd like to see how things have moved, now is a good time to take it again. There's no rush."
	}
	return "Scores tend to change slowly, so once a month is plenty. Around " + last.Add(retakeAfter).In(loc).Format("2 January") + " would be a good time to take it again, if you'd like to."
}

// sameSeries reports whether two attempts belong on one path: the same
// questionnaire about the same person. Scores from different
// questionnaires are never drawn together.
func sameSeries(a, b *attemptState) bool {
	return a.in.ID == b.in.ID && strings.EqualFold(a.a.About, b.a.About)
}

// pathMap draws every finished attempt in current's series, oldest first,
// with current marked.
func (s *Server) pathMap(list []*attemptState, current *attemptState, loc *time.Location) *mapView {
	var pts []mapPoint
	for _, st := range list { // newest first
		if !st.a.Completed() || !sameSeries(st, current) || st.a.CompletedAt.After(*current.a.CompletedAt) {
			continue
		}
		anx, _ := st.a.Result.Scale(assess.Anxiety)
		avo, _ := st.a.Result.Scale(assess.Avoidance)
		if !anx.Scored || !avo.Scored {
			continue
		}
		pts = append(pts, mapPoint{When: st.a.CompletedAt.In(loc), Anxiety: anx.Mean, Avoidance: avo.Mean,
			Current: st.entry.ID == current.entry.ID})
	}
	slices.Reverse(pts)
	if len(pts) == 0 {
		return nil
	}
	return buildMap(current.in, pts)
}

// suggestion is one tool the app can suggest, with where it lives and why.
type suggestion struct {
	ID, Name, Href, Why string
}

// suggestionsFor names the tools of assess.Tools for people, in that order.
// The body tools link to their pages (toolPaths, body.go); beliefs and
// needs point to their sections until their tools arrive.
func suggestionsFor(ids []string) []suggestion {
	copy := map[string][2]string{
		"breathe":  {"Breathe slowly", "A longer out-breath tells your body it is safe to settle."},
		"ground":   {"Ground yourself", "Come back to the room through what you can see, hear and feel."},
		"name":     {"Name the feeling", "Putting a word to a feeling often makes it easier to hold."},
		"pause":    {"Pause before you act", "Give the urge a few minutes to pass before you send or say anything."},
		"reassure": {"Reassure yourself", "Kind words you can say to yourself when worry rises."},
		"beliefs":  {"Look at an old belief", "Question a belief like “people always leave” gently, with curiosity."},
		"needs":    {"Ask for what you need", "Practise saying what you need plainly and warmly."},
	}
	sectionOf := map[string]string{"beliefs": "/beliefs/inquiry", "needs": "/behaviour/needs"}
	out := make([]suggestion, 0, len(ids))
	for _, id := range ids {
		c, ok := copy[id]
		if !ok {
			continue
		}
		href := toolPath(id)
		if href == "" {
			href = sectionOf[id]
		}
		out = append(out, suggestion{ID: id, Name: c[0], Href: href, Why: c[1]})
	}
	return out
}
