package web

// What Today reads from the other tracks, kept per person (issue 15,
// speed): the person's own secure beliefs (C3) and the fears waiting for
// their follow-up question. Each was a read and a decryption of every
// script or every trigger of a fortnight on each visit to Today. Both are
// dropped with everything else of the person's on any write of theirs
// (practice_cache.go), so a new script or an answered fear shows at once.

import (
	"context"
	"net/http"
	"sort"
	"time"

	"github.com/securebase/securebase"
)

// ownSecureLines are the secure sides of the person's own scripts that
// may be "the secure belief for today": not copied from a suggestion, and
// not reading as crisis language; sorted, so the day's pick is stable.
// The result is shared: callers copy before changing it.
func (s *Server) ownSecureLines(r *http.Request) ([]string, error) {
	v, err := s.cache.load(r.Context(), principal(r).Actor, "secure-lines", "", s.Clock(), func() (any, error) {
		own, err := s.ownScripts(r)
		if err != nil {
			return nil, err
		}
		var lines []string
		for _, o := range own {
			if !o.Crisis && o.From == "" {
				lines = append(lines, o.Secure)
			}
		}
		sort.Strings(lines)
		return lines, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]string), nil
}

// openFears are the person's triggers with a fear not answered yet,
// logged from a day before the follow-up window of today (in loc) to the
// end of tomorrow, newest first; nextFollowUp narrows them to now. The
// result is shared and must not be changed.
func (s *Server) openFears(ctx context.Context, a securebase.Actor, now time.Time, loc *time.Location) ([]triggerEntry, error) {
	y, m, d := now.In(loc).Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	key := day.Format(time.DateOnly) + " " + loc.String()
	v, err := s.cache.load(ctx, a, "open-fears", key, now, func() (any, error) {
		ts, err := s.loadTriggers(ctx, a, day.AddDate(0, 0, -followUpDays-1), day.AddDate(0, 0, 2), 500)
		if err != nil {
			return nil, err
		}
		var out []triggerEntry
		for _, t := range ts {
			if t.T.Fear != "" && t.T.CameTrue == "" {
				out = append(out, t)
			}
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]triggerEntry), nil
}
