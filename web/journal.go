package web

import (
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// The journal (issue 12): everything the person saved, by day, every kind
// in the registry (a new kind shows here with no change to this file).
// Each entry opens its own page where one exists (entryPage) and a
// readable view of the entry otherwise (/journal/<kind>/{id}), so nothing
// typed exists only in the export.

// journalDays is how many days one journal page covers.
const journalDays = 14

// entryPage is the page an entry of a kind opens, or "" when the kind has
// none and the journal's readable view shows it. Add a kind's page here.
func entryPage(k securebase.Kind, id string) string {
	switch k {
	case securebase.KindCheckIn:
		return "/checkins/" + id + "/edit"
	case securebase.KindAttempt:
		return "/attachment/attempts/" + id
	case securebase.KindSigns:
		return "/attachment/signs"
	case securebase.KindEpisode:
		return "/sos/episodes/" + id
	case securebase.KindPattern:
		return "/body/breathe/" + id
	case securebase.KindStatement:
		return "/body/reassure#own"
	case securebase.KindFavourite:
		return "/body/reassure"
	case securebase.KindPlan:
		return "/safety-plan"
	}
	return ""
}

// journalPath is the readable view of one entry, for every kind.
func journalPath(k securebase.Kind) string { return "/journal/" + string(k) + "/{id}" }

type journalItem struct {
	When    time.Time
	Kind    string // the kind's title
	Summary string
	Href    string
}

type journalDay struct {
	Day   time.Time
	Items []journalItem
}

type journalView struct {
	Days          []journalDay
	From, To      time.Time // the days shown, To inclusive
	Earlier       string    // ?until= of the page before
	Later         string    // ?until= of the page after, "" on the newest
	Empty         bool
	PerKindCapped bool
}

// journalLimit bounds the entries of one kind read for one page.
const journalLimit = 300

func (s *Server) journal(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	loc := s.userLocation(r)
	now := s.Clock().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	last := today
	if u, err := time.ParseInLocation(time.DateOnly, r.URL.Query().Get("until"), loc); err == nil && u.Before(today) {
		last = u
	}
	to := last.AddDate(0, 0, 1)
	from := last.AddDate(0, 0, -(journalDays - 1))
	v := journalView{From: from, To: last, Earlier: from.AddDate(0, 0, -1).Format(time.DateOnly)}
	if last.Before(today) {
		v.Later = last.AddDate(0, 0, journalDays).Format(time.DateOnly)
		if !last.AddDate(0, 0, journalDays).Before(today) {
			v.Later = "today"
		}
	}
	var items []journalItem
	for _, in := range securebase.KindInfos() {
		list, err := s.Entries.ListEntries(r.Context(), p.Actor, securebase.EntryFilter{Kind: in.Kind, From: from, To: to, Limit: journalLimit})
		if err != nil {
			return err
		}
		if len(list) == journalLimit {
			v.PerKindCapped = true
		}
		for _, e := range list {
			items = append(items, s.journalItem(e, in, loc))
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].When.After(items[j].When) })
	for _, it := range items {
		d := time.Date(it.When.Year(), it.When.Month(), it.When.Day(), 0, 0, 0, 0, loc)
		if n := len(v.Days); n == 0 || !v.Days[n-1].Day.Equal(d) {
			v.Days = append(v.Days, journalDay{Day: d})
		}
		v.Days[len(v.Days)-1].Items = append(v.Days[len(v.Days)-1].Items, it)
	}
	v.Empty = len(items) == 0
	s.render(w, r, http.StatusOK, "journal", page{Title: "Your journal", Nav: "journal", Data: v})
	return nil
}

// journalItem says one entry in a line: its kind, the first words the
// person wrote (or the first field), and where it opens.
func (s *Server) journalItem(e *securebase.Entry, in securebase.KindInfo, loc *time.Location) journalItem {
	it := journalItem{When: e.OccurredAt.In(loc), Kind: in.Title, Href: entryPage(e.Kind, e.ID)}
	if it.Href == "" && hasJournalView(in) {
		it.Href = strings.Replace(journalPath(e.Kind), "{id}", e.ID, 1)
	}
	if fields, err := s.readableFields(e, loc); err == nil {
		it.Summary = summary(fields)
	}
	return it
}

// summary is a line from an entry's fields: the first one with words in
// it, cut to a glance.
func summary(fields []securebase.Field) string {
	var parts []string
	for _, f := range fields {
		v := strings.TrimSpace(f.Value)
		if v == "" || f.Name == "started" || f.Name == "ended" { // the entry's time is shown beside it
			continue
		}
		parts = append(parts, f.Name+": "+v)
		if len(parts) == 3 {
			break
		}
	}
	line := strings.Join(strings.Fields(strings.Join(parts, " · ")), " ")
	if r := []rune(line); len(r) > 140 {
		line = string(r[:139]) + "…"
	}
	return line
}

// journalEntry is the readable view of one entry of kind k: every field in
// words, and a way to delete it.
func (s *Server) journalEntry(k securebase.KindInfo) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		e, err := s.findOwned(r, k.Kind)
		if err != nil {
			return err
		}
		loc := s.userLocation(r)
		fields, err := s.readableFields(e, loc)
		if err != nil {
			return err
		}
		s.render(w, r, http.StatusOK, "journal_entry", page{Title: k.Title, Nav: "journal", Data: struct {
			Kind   string
			When   time.Time
			Fields []securebase.Field
			Page   string
		}{k.Title, e.OccurredAt.In(loc), fields, entryPage(e.Kind, e.ID)}})
		return nil
	}
}

// hasJournalView reports whether a kind gets a readable view of its own:
// every kind but those with one entry per person or per key (the safety
// plan, the signs, a favourite), which have their pages.
func hasJournalView(in securebase.KindInfo) bool {
	_, own := securebase.OwnID(in.New())
	return !own
}

// journalRoutes are the journal and one readable view per kind.
func (s *Server) journalRoutes() []Route {
	routes := []Route{{Method: "GET", Pattern: "/journal", Access: SignedIn, Name: "journal", handle: s.journal}}
	for _, in := range securebase.KindInfos() {
		if !hasJournalView(in) {
			continue
		}
		routes = append(routes, Route{Method: "GET", Pattern: journalPath(in.Kind), Access: SignedIn, Owned: string(in.Kind),
			Name: "journal " + string(in.Kind), handle: s.journalEntry(in)})
	}
	return routes
}
