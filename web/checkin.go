package web

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/entries"
)

// checkInView is one check-in as a page shows it.
type checkInView struct {
	ID       string
	At       time.Time
	Distress int
	Note     string
	Version  int
}

func checkInViewOf(e *securebase.Entry, loc *time.Location) (checkInView, error) {
	p, err := e.Decode()
	if err != nil {
		return checkInView{}, err
	}
	c := p.(*securebase.CheckIn)
	return checkInView{ID: e.ID, At: e.OccurredAt.In(loc), Distress: c.Distress, Note: c.Note, Version: e.Version}, nil
}

// dayOf reads ?day=YYYY-MM-DD in loc; absent means today. It returns the
// day's start; a malformed day is a 400 with a way back.
func dayOf(q string, now time.Time, loc *time.Location) (time.Time, error) {
	if q == "" {
		y, m, d := now.In(loc).Date()
		return dayStart(y, m, d, loc), nil
	}
	t, err := time.Parse(time.DateOnly, q)
	if err != nil {
		return time.Time{}, securebase.Errorf(securebase.EINVALID, "We couldn't read that date. Dates look like 2026-11-21.")
	}
	y, m, d := t.Date()
	return dayStart(y, m, d, loc), nil
}

// dayStart is the first instant of a calendar day in loc. Where the clocks
// jump forward at midnight (Santiago, Havana, Beirut, and many zones in
// their history), time.Date lands before the jump, on the evening before;
// the day really starts at the jump. A day a zone skipped altogether starts
// with the next one.
func dayStart(y int, m time.Month, d int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, loc)
	if ty, tm, td := t.Date(); ty != y || tm != m || td != d {
		if _, end := t.ZoneBounds(); !end.IsZero() {
			t = end
		}
	}
	return t
}

type todayView struct {
	Day, Prev, Next string
	DayStart        time.Time
	IsToday         bool
	CheckIns        []checkInView
	Suggested       suggestions    // signs.go: tools to try first, by the person's signs
	NewID           string         // the next check-in's id, chosen here or by checkin.js
	SecureBelief    string         // beliefs.go: the secure belief for today (C3)
	FearAsk         *followUp      // behaviour.go (D6): a logged fear's one question, the morning after
	Practice        *practiceToday // practice_today.go: the four practices, hard-day mode (E1)
	Saved           []savedItem    // everything saved on the day, newest first
	// Fields is the check-in form's fields rendered once per process for
	// an empty form (the distress chips are most of Today's template
	// work); "" when a form comes back with what was typed.
	Fields template.HTML
	// Top, Later and Lines are Today's parts rendered by memoHTML
	// (practice_memo.go): the welcome and the practices; looking back,
	// the suggestions, the secure belief and the fear's question; the
	// crisis lines of the care panel.
	Top, Later, Lines template.HTML
}

// todayLater is what Today's second memoised part is made from.
type todayLater struct {
	Practice     *practiceToday
	Suggested    suggestions
	SecureBelief string
	FearAsk      *followUp
}

// buildToday is the first page after signing in: a quick check-in and the
// day's check-ins, newest first.
func (s *Server) buildToday(r *http.Request, f *form) (page, error) {
	loc := s.userLocation(r)
	now := s.Clock()
	day, err := dayOf(r.URL.Query().Get("day"), now, loc)
	if err != nil {
		return page{}, err
	}
	next := day.AddDate(0, 0, 1)
	saved, err := s.dayEntries(r, day, loc)
	if err != nil {
		return page{}, err
	}
	v := todayView{Day: day.Format(time.DateOnly), Prev: day.AddDate(0, 0, -1).Format(time.DateOnly),
		Next: next.Format(time.DateOnly), DayStart: day, NewID: s.freshID(r)}
	v.IsToday = !now.Before(day) && now.Before(next)
	if v.IsToday && f == nil {
		v.Fields = s.emptyCheckInFields()
	}
	if v.IsToday {
		if v.Suggested, err = s.suggestions(r.Context(), principal(r).Actor); err != nil {
			return page{}, err
		}
		if v.SecureBelief, err = s.secureForToday(r, now.In(loc)); err != nil {
			return page{}, err
		}
		if v.FearAsk, err = s.nextFollowUp(r.Context(), principal(r).Actor, now, loc, "today"); err != nil {
			return page{}, err
		}
		if v.Practice, err = s.practiceToday(r, day, saved, now, loc); err != nil {
			return page{}, err
		}
	}
	if err := s.memoToday(r, &v, now); err != nil {
		return page{}, err
	}
	v.Saved = saved.items
	title := "Today"
	if !v.IsToday {
		title = day.Format("Monday 2 January")
	}
	return page{view: "today", Title: title, Nav: "today", Data: v, Scripts: []string{"checkin.js"}}, nil
}

// checkInForm reads a check-in from a form; its errors keep every value.
// The save path checks the rest.
func checkInForm(v url.Values) (*securebase.CheckIn, error) {
	c := &securebase.CheckIn{Note: v.Get("note")}
	d, err := securebase.ParseDistress("distress", v.Get("distress"))
	if err != nil {
		return c, securebase.FieldError("distress", fmt.Sprintf("Choose how distressed you feel, from %d (calm) to %d.", securebase.DistressMin, securebase.DistressMax))
	}
	c.Distress = d
	return c, nil
}

func (s *Server) createCheckIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	c, err := checkInForm(r.PostForm)
	var sv entries.Saved
	if err == nil {
		sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: c, ID: f.Get("id")})
	}
	if err != nil {
		return s.again(w, r, f, err, s.buildToday)
	}
	return s.redirect(w, r, "/today", checkInFlash("checkin-saved", sv, c.Distress))
}

func (s *Server) editCheckIn(w http.ResponseWriter, r *http.Request) error {
	e, err := s.findOwned(r, securebase.KindCheckIn)
	if err != nil {
		return err
	}
	cv, err := checkInViewOf(e, s.userLocation(r))
	if err != nil {
		return err
	}
	f := newForm(nil)
	f.Set("distress", strconv.Itoa(cv.Distress))
	f.Set("note", cv.Note)
	f.Set("time", cv.At.Format("15:04"))
	f.Set("version", strconv.Itoa(cv.Version))
	return s.show(w, r, http.StatusOK, editCheckInPage(cv), f, "")
}

func editCheckInPage(cv checkInView) build {
	return func(*http.Request, *form) (page, error) {
		return page{view: "checkin_edit", Title: "Edit check-in", Nav: "today", Data: cv}, nil
	}
}

// errStalePage answers a change sent without the version its page showed.
var errStalePage = securebase.Errorf(securebase.ECONFLICT,
	"This page is out of date. What you wrote is still here; open it again from the list and save.")

func (s *Server) updateCheckIn(w http.ResponseWriter, r *http.Request) error {
	e, err := s.findOwned(r, securebase.KindCheckIn)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	loc := s.userLocation(r)
	cv, _ := checkInViewOf(e, loc)
	c, err := checkInForm(r.PostForm)
	at := e.OccurredAt
	var sv entries.Saved
	if err == nil {
		at, err = withClock(e.OccurredAt.In(loc), f.Get("time"))
	}
	if err == nil {
		version, _ := strconv.Atoi(f.Get("version"))
		if version < 1 {
			err = errStalePage
		} else {
			sv, err = s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: c, ID: e.ID, Version: version, OccurredAt: at})
		}
	}
	if err != nil {
		return s.again(w, r, f, err, editCheckInPage(cv))
	}
	return s.redirect(w, r, "/today?day="+at.In(loc).Format(time.DateOnly), checkInFlash("checkin-updated", sv, c.Distress))
}

// withClock moves t to the hour and minute of an HH:MM field, same day.
func withClock(t time.Time, hhmm string) (time.Time, error) {
	if hhmm == "" {
		return t, nil
	}
	c, err := time.Parse("15:04", hhmm)
	if err != nil {
		return t, securebase.FieldError("time", "Write the time as hours and minutes, like 23:40.")
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, c.Hour(), c.Minute(), t.Second(), 0, t.Location()), nil
}

func (s *Server) deleteCheckIn(w http.ResponseWriter, r *http.Request) error {
	e, err := s.removeOwned(r, securebase.KindCheckIn)
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/today?day="+e.OccurredAt.In(s.userLocation(r)).Format(time.DateOnly), "checkin-deleted")
}
