package web

// Reminders (E5, issue 15): the practice times a person picks, and a
// private calendar feed of them (RFC 5545, package ical) at a secret URL
// they can replace or turn off. The feed is read without a session: the
// store keeps a hash of the secret and the reminders sealed under a key
// derived from it. It names no feeling and no entry.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/crypt"
	"github.com/securebase/securebase/ical"
)

// feedSecretLen is the length of a feed secret: 32 random bytes, base64url.
const feedSecretLen = 43

func newFeedSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// feedKeys derives the lookup (what the store indexes) and the sealing key
// from a secret, each under its own label.
func feedKeys(secret string) (lookup []byte, key *crypt.DataKey, err error) {
	l := sha256.Sum256([]byte("securebase calendar feed lookup\x00" + secret))
	k := sha256.Sum256([]byte("securebase calendar feed key\x00" + secret))
	key, err = crypt.NewDataKey(k[:])
	return l[:], key, err
}

// reminderForm is one reminder as the form and the preference say it.
type reminderForm struct {
	Kind, Time, Zone string
	Days             []string
}

// parseReminders reads the preference: "kind HH:MM days zone|…".
func parseReminders(s string) []reminderForm {
	var out []reminderForm
	for _, part := range strings.Split(s, "|") {
		f := strings.Fields(part)
		if len(f) != 4 {
			continue
		}
		out = append(out, reminderForm{Kind: f[0], Time: f[1], Days: strings.Split(f[2], ","), Zone: f[3]})
	}
	return out
}

func formatReminders(rs []reminderForm) string {
	var parts []string
	for _, r := range rs {
		parts = append(parts, r.Kind+" "+r.Time+" "+strings.Join(r.Days, ",")+" "+r.Zone)
	}
	return strings.Join(parts, "|")
}

var dayCodes = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

type remindersView struct {
	Days       []string
	Zone       string
	FeedURL    string
	HasFeed    bool
	Reflection string // the reflection day, for the label
}

func (s *Server) buildReminders(r *http.Request, f *form) (page, error) {
	p := principal(r)
	v := remindersView{Days: dayCodes, Zone: s.userLocation(r).String(), HasFeed: p.User.Prefs.Feed != "",
		Reflection: reflectionDay(p.User.Prefs).String()}
	if v.HasFeed {
		v.FeedURL = s.origin(r) + "/calendar/" + p.User.Prefs.Feed + ".ics"
	}
	if f == nil {
		f = newForm(nil)
		for _, rf := range parseReminders(p.User.Prefs.Reminders) {
			switch rf.Kind {
			case ical.KindPractice:
				f.Set("practice_time", rf.Time)
				f.Values["practice_days"] = rf.Days
			case ical.KindReflection:
				f.Set("reflection_time", rf.Time)
			}
		}
	}
	return page{view: "reminders", Title: "Reminders", Nav: "settings", Data: v, Form: f}, nil
}

// saveReminders checks the times with package ical and keeps them as a
// preference; the feed, if there is one, follows at once.
func (s *Server) saveReminders(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	p := principal(r)
	zone := s.userLocation(r).String()
	var rs []reminderForm
	var v securebase.Validation
	if t := f.Get("practice_time"); t != "" || len(f.Values["practice_days"]) > 0 {
		rf := reminderForm{Kind: ical.KindPractice, Time: t, Days: f.Values["practice_days"], Zone: zone}
		if rem, err := ical.ParseForm(ical.Form{Kind: rf.Kind, Time: rf.Time, Days: rf.Days, Zone: zone}); err != nil {
			for field, msg := range ical.Messages(err) {
				v.Add("practice_"+field, msg)
			}
		} else {
			rf.Time = clockOf(rem)
			rs = append(rs, rf)
		}
	}
	if t := f.Get("reflection_time"); t != "" {
		day := dayCodes[(int(reflectionDay(p.User.Prefs))+6)%7]
		rf := reminderForm{Kind: ical.KindReflection, Time: t, Days: []string{day}, Zone: zone}
		if rem, err := ical.ParseForm(ical.Form{Kind: rf.Kind, Time: rf.Time, Days: rf.Days, Zone: zone}); err != nil {
			for field, msg := range ical.Messages(err) {
				v.Add("reflection_"+field, msg)
			}
		} else {
			rf.Time = clockOf(rem)
			rs = append(rs, rf)
		}
	}
	if err := v.Err(); err != nil {
		return s.again(w, r, f, err, s.buildReminders)
	}
	prefs := p.User.Prefs
	prefs.Reminders = formatReminders(rs)
	if err := s.Accounts.UpdatePrefs(r.Context(), p, prefs); err != nil {
		return err
	}
	if err := s.syncFeed(r.Context(), p.User.ID, prefs); err != nil {
		return err
	}
	return s.redirect(w, r, "/reminders", "reminders-saved")
}

func clockOf(r ical.Reminder) string {
	return time.Date(2000, 1, 1, r.Hour, r.Minute, 0, 0, time.UTC).Format("15:04")
}

// newFeed makes a new secret link; the old one stops working at once.
func (s *Server) newFeed(w http.ResponseWriter, r *http.Request) error {
	if s.Feeds == nil {
		return securebase.Errorf(securebase.ENOTFOUND, "Calendar links are not available here.")
	}
	p := principal(r)
	prefs := p.User.Prefs
	prefs.Feed = newFeedSecret()
	if err := s.syncFeed(r.Context(), p.User.ID, prefs); err != nil {
		return err
	}
	if err := s.Accounts.UpdatePrefs(r.Context(), p, prefs); err != nil {
		return err
	}
	return s.redirect(w, r, "/reminders", "feed-new")
}

// deleteFeed turns the link off.
func (s *Server) deleteFeed(w http.ResponseWriter, r *http.Request) error {
	if s.Feeds == nil {
		return securebase.Errorf(securebase.ENOTFOUND, "Calendar links are not available here.")
	}
	p := principal(r)
	if err := s.Feeds.DeleteFeed(r.Context(), p.User.ID); err != nil {
		return err
	}
	prefs := p.User.Prefs
	prefs.Feed = ""
	if err := s.Accounts.UpdatePrefs(r.Context(), p, prefs); err != nil {
		return err
	}
	return s.redirect(w, r, "/reminders", "feed-off")
}

// syncFeed seals the person's reminders under the feed's secret. A
// reminder that is unchanged keeps its start, last change and sequence,
// so a calendar sees the same event; a changed one counts up.
func (s *Server) syncFeed(ctx context.Context, userID int64, prefs securebase.Prefs) error {
	if s.Feeds == nil || prefs.Feed == "" {
		return nil
	}
	lookup, key, err := feedKeys(prefs.Feed)
	if err != nil {
		return err
	}
	now := s.Clock()
	var old []ical.Reminder
	if data, _, err := s.Feeds.FeedData(ctx, lookup); err == nil {
		if plain, err := key.Open(data, lookup); err == nil {
			_ = json.Unmarshal(plain, &old) // unreadable old data: start afresh
		}
	}
	var rs []ical.Reminder
	for _, rf := range parseReminders(prefs.Reminders) {
		rem, err := ical.ParseForm(ical.Form{Kind: rf.Kind, Time: rf.Time, Days: rf.Days, Zone: rf.Zone})
		if err != nil {
			continue // a preference from an import that no longer parses
		}
		rem.ID, rem.Since, rem.Updated = rf.Kind, now, now
		for _, o := range old {
			if o.ID != rem.ID {
				continue
			}
			rem.Since, rem.Updated, rem.Sequence = o.Since, o.Updated, o.Sequence
			if o.Hour != rem.Hour || o.Minute != rem.Minute || o.Zone != rem.Zone || !slices.Equal(o.Days, rem.Days) {
				rem.Updated, rem.Sequence = now, o.Sequence+1
			}
		}
		rs = append(rs, rem)
	}
	plain, err := json.Marshal(rs)
	if err != nil {
		return err
	}
	return s.Feeds.PutFeed(ctx, userID, lookup, key.Seal(plain, lookup), now)
}

// calendarFeed answers GET /calendar/{secret}.ics without a session. Any
// problem is the same 404, so the answer says nothing about which secrets
// exist.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) error {
	notFound := securebase.Errorf(securebase.ENOTFOUND, "There is no calendar at this address.")
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || len(secret) != feedSecretLen || s.Feeds == nil {
		return notFound
	}
	if _, err := base64.RawURLEncoding.DecodeString(secret); err != nil {
		return notFound
	}
	lookup, key, err := feedKeys(secret)
	if err != nil {
		return err
	}
	data, _, err := s.Feeds.FeedData(r.Context(), lookup)
	if err != nil {
		return notFound
	}
	plain, err := key.Open(data, lookup)
	if err != nil {
		return notFound
	}
	var rs []ical.Reminder
	if err := json.Unmarshal(plain, &rs); err != nil {
		return err
	}
	body, err := ical.Encode(ical.Feed{Domain: r.Host, URL: s.origin(r) + "/today", Now: s.Clock(), Reminders: rs})
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	if subtle.ConstantTimeCompare([]byte(r.Header.Get("If-None-Match")), []byte(etag)) == 1 {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	_, _ = w.Write(body)
	return nil
}

// origin is this instance as people reach it: https, or http for an
// instance served over plain HTTP on a private network.
func (s *Server) origin(r *http.Request) string {
	if s.cfg.InsecureCookies {
		return "http://" + r.Host
	}
	return "https://" + r.Host
}
