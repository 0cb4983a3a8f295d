package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
)

// buildExport gathers everything the person has, every kind, oldest first.
func (s *Server) buildExport(ctx context.Context, p *account.Principal) (*securebase.Export, error) {
	x := &securebase.Export{Format: securebase.ExportFormat, Version: securebase.ExportVersion,
		ExportedAt: s.Clock().UTC().Truncate(time.Second),
		Account:    securebase.ExportAccount{Username: p.User.Username, CreatedAt: p.User.CreatedAt, Prefs: p.User.Prefs},
		Entries:    []securebase.ExportEntry{}}
	for _, kind := range securebase.Kinds() {
		entries, err := s.Entries.ListEntries(ctx, p.Actor, securebase.EntryFilter{Kind: kind})
		if err != nil {
			return nil, err
		}
		for i := len(entries) - 1; i >= 0; i-- {
			x.Entries = append(x.Entries, securebase.ExportEntryOf(entries[i]))
		}
	}
	return x, nil
}

func (s *Server) exportJSON(w http.ResponseWriter, r *http.Request) error {
	x, err := s.buildExport(r.Context(), principal(r))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="securebase-%s.json"`, x.ExportedAt.Format(time.DateOnly)))
	writeJSON(w, http.StatusOK, x)
	return nil
}

func (s *Server) apiExport(w http.ResponseWriter, r *http.Request) error {
	x, err := s.buildExport(r.Context(), principal(r))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, x)
	return nil
}

// exportSection is one kind of entry in the readable export.
type exportSection struct {
	Title   string
	Entries []exportItem
}

type exportItem struct {
	When   time.Time
	Fields []exportField
}

type exportField struct{ Name, Value string }

// kindTitles names each kind for people. A kind without a title here is
// still exported, under its id.
var kindTitles = map[securebase.Kind]string{
	securebase.KindCheckIn:   "Check-ins",
	securebase.KindEpisode:   "I'm activated: episodes",
	securebase.KindToolUse:   "Body tools: single uses",
	securebase.KindPattern:   "Your breathing patterns",
	securebase.KindStatement: "Your reassurance statements",
	securebase.KindFavourite: "Favourite reassurance statements",
	securebase.KindPlan:      "Your safety plan",
	securebase.KindAttempt:   "Attachment questionnaires",
	securebase.KindSigns:     "Signs I recognise",
}

// exportHTML is the same export as a page a person can read, print or
// keep. It is one self-contained file with its style inline (a CSP nonce
// lets the style run when it is opened from the server).
func (s *Server) exportHTML(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	x, err := s.buildExport(r.Context(), p)
	if err != nil {
		return err
	}
	loc := s.userLocation(r)
	byKind := map[securebase.Kind]*exportSection{}
	var sections []*exportSection
	for _, e := range x.Entries {
		sec := byKind[e.Kind]
		if sec == nil {
			title := kindTitles[e.Kind]
			if title == "" {
				title = string(e.Kind)
			}
			sec = &exportSection{Title: title}
			byKind[e.Kind] = sec
			sections = append(sections, sec)
		}
		var fields map[string]any
		if err := json.Unmarshal(e.Data, &fields); err != nil {
			return err
		}
		item := exportItem{When: e.OccurredAt.In(loc)}
		for k, v := range fields {
			item.Fields = append(item.Fields, exportField{Name: strings.ReplaceAll(k, "_", " "), Value: readable(v)})
		}
		sort.Slice(item.Fields, func(i, j int) bool { return item.Fields[i].Name < item.Fields[j].Name })
		if readable, ok := s.readableFields(e, loc); ok { // kinds with nested data say it in words
			item.Fields = readable
		}
		sec.Entries = append(sec.Entries, item)
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="securebase-%s.html"`, x.ExportedAt.Format(time.DateOnly)))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.views.document.Execute(w, map[string]any{
		"Export": x, "Sections": sections, "Nonce": state(r).nonce, "Zone": loc.String(),
	})
}

type importView struct {
	Added, Skipped int
}

// importData reads an export into this account. It checks the whole file
// first; entries whose id is already here are skipped, so importing the
// same file twice adds nothing.
func (s *Server) importData(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	file, _, err := r.FormFile("file")
	if err != nil {
		return s.renderSettings(w, r, http.StatusBadRequest, nil,
			"Choose the .json file that Secure Base's export made, then press Import.", settingsView{})
	}
	defer file.Close()
	x, err := securebase.ParseExport(file)
	if err != nil {
		return s.renderSettings(w, r, status(err), nil, message(err), settingsView{})
	}
	v := importView{}
	for _, xe := range x.Entries {
		e, err := xe.Entry()
		if err != nil {
			return err
		}
		created, err := s.Entries.CreateEntry(r.Context(), p.Actor, e)
		if err != nil {
			return err
		}
		if created {
			v.Added++
		} else {
			v.Skipped++
		}
	}
	if p.User.Prefs == (securebase.Prefs{}) && x.Account.Prefs != (securebase.Prefs{}) {
		if err := s.Accounts.UpdatePrefs(r.Context(), p, x.Account.Prefs); err != nil {
			return err
		}
	}
	s.render(w, r, http.StatusOK, "imported", page{Title: "Import finished", Nav: "settings", Data: v})
	return nil
}

// readable writes a JSON value for people: lists joined by commas, objects
// (a safety plan's parts) as one "name: text" line each.
func readable(v any) string {
	switch v := v.(type) {
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			parts[i] = readable(x)
		}
		return strings.Join(parts, ", ")
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		lines := make([]string, len(keys))
		for i, k := range keys {
			lines[i] = strings.ReplaceAll(k, "-", " ") + ": " + readable(v[k])
		}
		return strings.Join(lines, "\n")
	}
	return fmt.Sprint(v)
}
