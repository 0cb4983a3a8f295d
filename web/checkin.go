package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
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
		return time.Date(y, m, d, 0, 0, 0, 0, loc), nil
	}
	t, err := time.ParseInLocation(time.DateOnly, q, loc)
	if err != nil {
		return time.Time{}, securebase.Errorf(securebase.EINVALID, "We couldn't read that date. Dates look like 2026-11-21.")
	}
	return t, nil
}

type todayView struct {
	Day, Prev, Next string
	DayStart        time.Time
	IsToday         bool
	CheckIns        []checkInView
	Now             time.Time
	Suggested       suggestions // signs.go: tools to try first, by the person's signs
	NewID           string      // the next check-in's id, chosen here or by checkin.js
}

// today is the first page after signing in: a quick check-in and the
// day's check-ins, newest first.
func (s *Server) today(w http.ResponseWriter, r *http.Request) error {
	return s.renderToday(w, r, http.StatusOK, nil, "")
}

func (s *Server) renderToday(w http.ResponseWriter, r *http.Request, status int, f *form, errMsg string) error {
	loc := s.userLocation(r)
	now := s.Clock()
	day, err := dayOf(r.URL.Query().Get("day"), now, loc)
	if err != nil {
		return err
	}
	next := day.AddDate(0, 0, 1)
	entries, err := s.Entries.ListEntries(r.Context(), principal(r).Actor,
		securebase.EntryFilter{Kind: securebase.KindCheckIn, From: day, To: next, Limit: 200})
	if err != nil {
		return err
	}
	v := todayView{Day: day.Format(time.DateOnly), Prev: day.AddDate(0, 0, -1).Format(time.DateOnly),
		Next: next.Format(time.DateOnly), DayStart: day, Now: now, NewID: securebase.NewID()}
	v.IsToday = !now.Before(day) && now.Before(next)
	if v.IsToday {
		if v.Suggested, err = s.suggestions(r.Context(), principal(r).Actor); err != nil {
			return err
		}
	}
	for _, e := range entries {
		cv, err := checkInViewOf(e, loc)
		if err != nil {
			return err
		}
		v.CheckIns = append(v.CheckIns, cv)
	}
	title := "Today"
	if !v.IsToday {
		title = day.Format("Monday 2 January")
	}
	s.render(w, r, status, "today", page{Title: title, Nav: "today", Form: f, Error: errMsg, Data: v, Scripts: []string{"checkin.js"}})
	return nil
}

// checkInForm reads a check-in from a form; its errors keep every value.
func checkInForm(v url.Values) (*securebase.CheckIn, error) {
	c := &securebase.CheckIn{Note: v.Get("note")}
	d, err := strconv.Atoi(strings.TrimSpace(v.Get("distress")))
	if err != nil {
		return c, securebase.FieldError("distress", "Choose how distressed you feel, from 0 (calm) to 10.")
	}
	c.Distress = d
	return c, c.Validate()
}

func (s *Server) createCheckIn(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	c, err := checkInForm(r.PostForm)
	var e *securebase.Entry
	if err == nil {
		e, err = securebase.NewEntry(c, f.Get("id"), s.Clock())
	}
	if err == nil {
		_, err = s.Entries.CreateEntry(r.Context(), principal(r).Actor, e)
	}
	if err != nil {
		if securebase.ErrorCode(err) != securebase.EINVALID {
			return err
		}
		f.fail(err)
		return s.renderToday(w, r, http.StatusBadRequest, f, message(err))
	}
	return s.redirect(w, r, "/today", s.checkInFlash("checkin-saved", c))
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
	s.render(w, r, http.StatusOK, "checkin_edit", page{Title: "Edit check-in", Nav: "today", Form: f, Data: cv})
	return nil
}

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
	if err == nil {
		e.OccurredAt, err = withClock(e.OccurredAt.In(loc), f.Get("time"))
	}
	if err == nil {
		e.Version, _ = strconv.Atoi(f.Get("version"))
		e.Data, err = securebase.EncodePayload(c)
	}
	if err == nil {
		err = s.Entries.UpdateEntry(r.Context(), principal(r).Actor, e)
	}
	if err != nil {
		if code := securebase.ErrorCode(err); code != securebase.EINVALID && code != securebase.ECONFLICT {
			return err
		}
		f.fail(err)
		s.render(w, r, status(err), "checkin_edit", page{Title: "Edit check-in", Nav: "today", Form: f, Error: message(err), Data: cv})
		return nil
	}
	return s.redirect(w, r, "/today?day="+e.OccurredAt.In(loc).Format(time.DateOnly), s.checkInFlash("checkin-updated", c))
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
	e, err := s.findOwned(r, securebase.KindCheckIn)
	if err != nil {
		return err
	}
	if err := s.Entries.DeleteEntry(r.Context(), principal(r).Actor, securebase.KindCheckIn, e.ID); err != nil {
		return err
	}
	return s.redirect(w, r, "/today?day="+e.OccurredAt.In(s.userLocation(r)).Format(time.DateOnly), "checkin-deleted")
}
