// Package entries is the one way a person's entries are written: every
// page, the JSON API, an import and an offline queue's replays save through
// a Service. A save is checked the same way whichever door it came in by —
// the payload's shape (its Validate), the rules that need a list from a
// pure package (a known exercise, a pattern that can run: rules.go), ids
// another kind keeps for itself, the time, the version — and the crisis
// check runs on what was written (crisis.go). Doors parse their own input
// (a form, JSON, a file) and say what happened in their own way; nothing
// else decides whether an entry is stored.
//
// Reads pass straight through to the store, so a handler needs one
// dependency for a person's entries, and the store's write methods are
// out of its reach.
package entries

import (
	"context"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/partner"
	"github.com/securebase/securebase/safety"
)

// Deps are what a Service needs. All are required.
type Deps struct {
	Store    securebase.EntryService
	Detector *safety.Detector   // the crisis-language check
	Abuse    *safety.AbuseCheck // a partner hitting, threatening, controlling, following or forcing (G4)
	Assess   *assess.Library    // questionnaires and the signs checklist
	Lines    *safety.Directory  // countries with crisis lines, for imported preferences
	Clock    securebase.Clock
}

// Service saves, reads and deletes a person's entries. Build it with New.
type Service struct {
	Deps
	rules     map[securebase.Kind]func(securebase.Payload) error
	behaviour *behaviour.Catalog // the behaviour pillar's lists (D1–D6), embedded
	partner   *partner.Catalog   // the secure partner's track's lists and composers (F2–F5), embedded
}

// New builds a Service.
func New(d Deps) *Service {
	s := &Service{Deps: d, behaviour: mustBehaviour(), partner: mustPartner()}
	s.rules = s.kindRules()
	return s
}

// Latest, as a Draft's Version, saves over whatever is stored, or creates
// the entry when there is none: a client that sends no version means "this
// is how it is now". Concurrent saves then all succeed, the last winning.
const Latest = -1

// Draft is a payload on its way in, with what the door knows about it.
type Draft struct {
	Payload securebase.Payload
	// ID is the entry's id: "" for a new one (or the payload's own, for a
	// Singleton or Keyed kind), or the id a client chose, so a replayed
	// save is stored once.
	ID string
	// OccurredAt is when it happened: zero means now for a new entry and
	// unchanged for an update. A Timed payload's own time always wins.
	OccurredAt time.Time
	// Version is 0 for a new entry, the version that was read for a
	// change (a stale one is ECONFLICT), or Latest.
	Version int
}

// Saved is what a save did, and what the written words ask the page to
// bring forward.
type Saved struct {
	*securebase.Entry
	// Created is false when the id was already stored: a replay, which
	// stored nothing and returns the entry as it is.
	Created bool
	// Crisis is true when the free text holds crisis language; the person
	// is shown the crisis lines. What matched is never kept.
	Crisis bool
	// Safety is true when the free text speaks of a partner hurting,
	// threatening, controlling, following or forcing the writer; the
	// person is shown domestic-abuse services, never attachment work.
	Safety bool
}

var errChanged = securebase.Errorf(securebase.ECONFLICT,
	"This changed in another window or on another device since you opened it. What you wrote is still here; look it over and save again.")

// Check applies every rule of a save to a payload, normalising it in
// place: its own Validate, then the kind's rules from the pure packages.
func (s *Service) Check(p securebase.Payload) error {
	if err := p.Validate(); err != nil {
		return err
	}
	if rule := s.rules[p.Kind()]; rule != nil {
		return rule(p)
	}
	return nil
}

// Save checks and stores a draft: a new entry (Version 0), a change to the
// version that was read, or the latest state (Latest).
func (s *Service) Save(ctx context.Context, a securebase.Actor, d Draft) (Saved, error) {
	p := d.Payload
	if err := s.Check(p); err != nil {
		return Saved{}, err
	}
	data, err := securebase.EncodePayload(p)
	if err != nil {
		return Saved{}, err
	}
	e := &securebase.Entry{ID: d.ID, Kind: p.Kind(), OccurredAt: d.OccurredAt, Version: d.Version, Data: data}
	if own, ok := securebase.OwnID(p); ok {
		if e.ID != "" && e.ID != own {
			return Saved{}, securebase.FieldError("id", "This entry can only have the id "+own+".")
		}
		e.ID = own
	}
	if e.ID == "" && d.Version == 0 {
		e.ID = securebase.NewID()
	} else if err := securebase.CheckID(e.Kind, e.ID); err != nil {
		return Saved{}, err
	}
	if t, ok := p.(securebase.Timed); ok {
		e.OccurredAt = t.When()
	}
	if !e.OccurredAt.IsZero() {
		if err := securebase.CheckTime("occurred_at", e.OccurredAt); err != nil {
			return Saved{}, err
		}
	}
	out := Saved{Entry: e}
	switch {
	case d.Version == 0:
		err = s.create(ctx, a, &out)
	case d.Version > 0:
		err = s.update(ctx, a, e)
	case d.Version == Latest:
		err = s.latest(ctx, a, &out)
	default:
		err = securebase.FieldError("version", "Send the version you last read, a whole number from 1.")
	}
	if err != nil {
		return Saved{}, err
	}
	out.Crisis, out.Safety = s.signals(p)
	return out, nil
}

// create stores a new entry. An id that is already stored is a replay for
// a kind whose ids clients choose or that follow from the content, and a
// conflict for a Singleton (someone else saved it first).
func (s *Service) create(ctx context.Context, a securebase.Actor, out *Saved) error {
	e := out.Entry
	if e.OccurredAt.IsZero() {
		e.OccurredAt = s.Clock()
	}
	for try := 0; ; try++ {
		created, err := s.Store.CreateEntry(ctx, a, e)
		if securebase.ErrorCode(err) == securebase.EINVALID && try == 0 && s.evict(ctx, a, e) {
			continue // the id was taken by another kind before ids were kept; it has moved
		}
		if err != nil {
			return err
		}
		if !created && isSingleton(e.Kind) {
			return errChanged
		}
		out.Created = created
		return nil
	}
}

// update stores a change to the version that was read.
func (s *Service) update(ctx context.Context, a securebase.Actor, e *securebase.Entry) error {
	if e.OccurredAt.IsZero() {
		cur, err := s.Store.FindEntry(ctx, a, e.Kind, e.ID)
		if err != nil {
			return err
		}
		e.OccurredAt = cur.OccurredAt
	}
	return s.Store.UpdateEntry(ctx, a, e)
}

// maxTries bounds the saves Latest and Change make when other saves of the
// same entry keep landing in between. Each retry means another save won,
// so the system makes progress; this only stops a pathological loop.
const maxTries = 100

// latest creates the entry, or replaces whatever version is stored. When
// another save lands between the read and the write, it reads again.
func (s *Service) latest(ctx context.Context, a securebase.Actor, out *Saved) error {
	want := *out.Entry
	for range maxTries {
		cur, err := s.Store.FindEntry(ctx, a, want.Kind, want.ID)
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			e := want
			e.Version = 0
			try := Saved{Entry: &e}
			if err := s.create(ctx, a, &try); err != nil && err != errChanged {
				return err
			}
			if try.Created {
				*out = try
				return nil
			}
			continue // created by another save in between: replace that
		}
		if err != nil {
			return err
		}
		e := want
		e.Version = cur.Version
		if e.OccurredAt.IsZero() {
			e.OccurredAt = cur.OccurredAt
		}
		err = s.Store.UpdateEntry(ctx, a, &e)
		if err == nil {
			out.Entry = &e
			return nil
		}
		if securebase.ErrorCode(err) != securebase.ECONFLICT {
			return err
		}
	}
	return errBusy
}

var errBusy = securebase.Errorf(securebase.EUNAVAILABLE, "Many saves of this arrived at once. Try again in a moment.")

// Change reads an entry, lets change alter it (the entry's time, its
// payload), checks it like any save and stores it. version is the one the
// client read (a stale one is ECONFLICT), or Latest: then a save that
// lands in between is read again and change applied to it, which suits a
// change that merges (answers added one by one).
func (s *Service) Change(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string, version int,
	change func(e *securebase.Entry, p securebase.Payload) error) (Saved, error) {
	for range maxTries {
		e, err := s.Store.FindEntry(ctx, a, kind, id)
		if err != nil {
			return Saved{}, err
		}
		if version > 0 && version != e.Version {
			return Saved{}, errChanged
		}
		p, err := e.Decode()
		if err != nil {
			return Saved{}, err
		}
		if err := change(e, p); err != nil {
			return Saved{}, err
		}
		if err := s.Check(p); err != nil {
			return Saved{}, err
		}
		if t, ok := p.(securebase.Timed); ok {
			e.OccurredAt = t.When()
		}
		if err := securebase.CheckTime("occurred_at", e.OccurredAt); err != nil {
			return Saved{}, err
		}
		if e.Data, err = securebase.EncodePayload(p); err != nil {
			return Saved{}, err
		}
		err = s.Store.UpdateEntry(ctx, a, e)
		if securebase.ErrorCode(err) == securebase.ECONFLICT && version == Latest {
			continue
		}
		if err != nil {
			return Saved{}, err
		}
		out := Saved{Entry: e}
		out.Crisis, out.Safety = s.signals(p)
		return out, nil
	}
	return Saved{}, errBusy
}

// evict moves an entry of another kind away from an id a Singleton or
// Keyed kind keeps (a check-in saved as "safety-plan" before such ids
// were refused would otherwise block the plan for good). The entry keeps
// everything but its id. It reports whether anything moved.
func (s *Service) evict(ctx context.Context, a securebase.Actor, want *securebase.Entry) bool {
	if _, ok := securebase.OwnID(mustNew(want.Kind)); !ok {
		return false
	}
	squatter, err := s.Store.FindEntry(ctx, a, "", want.ID)
	if err != nil || squatter.Kind == want.Kind {
		return false
	}
	moved := *squatter
	moved.ID = securebase.NewID()
	if _, err := s.Store.CreateEntry(ctx, a, &moved); err != nil {
		return false
	}
	return s.Store.DeleteEntry(ctx, a, squatter.Kind, squatter.ID) == nil
}

func mustNew(k securebase.Kind) securebase.Payload {
	p, err := securebase.NewPayload(k)
	if err != nil {
		panic(err) // kinds come from payloads, which the registry knows
	}
	return p
}

func isSingleton(k securebase.Kind) bool {
	_, ok := mustNew(k).(securebase.Singleton)
	return ok
}

// FindEntry reads one entry; another person's is ENOTFOUND.
func (s *Service) FindEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) (*securebase.Entry, error) {
	return s.Store.FindEntry(ctx, a, kind, id)
}

// ListEntries reads a page of a person's entries of one kind, newest first.
func (s *Service) ListEntries(ctx context.Context, a securebase.Actor, f securebase.EntryFilter) ([]*securebase.Entry, error) {
	return s.Store.ListEntries(ctx, a, f)
}

// CountEntries counts a person's entries of a kind (all kinds if "").
func (s *Service) CountEntries(ctx context.Context, a securebase.Actor, kind securebase.Kind) (int, error) {
	return s.Store.CountEntries(ctx, a, kind)
}

// DeleteEntry deletes one entry; another person's is ENOTFOUND.
func (s *Service) DeleteEntry(ctx context.Context, a securebase.Actor, kind securebase.Kind, id string) error {
	return s.Store.DeleteEntry(ctx, a, kind, id)
}

// Each calls fn with every entry of a kind, newest first, a page at a
// time, so a person with years of entries costs the memory of one page.
func (s *Service) Each(ctx context.Context, a securebase.Actor, kind securebase.Kind, fn func(*securebase.Entry) error) error {
	f := securebase.EntryFilter{Kind: kind, Limit: pageSize}
	for {
		page, err := s.Store.ListEntries(ctx, a, f)
		if err != nil {
			return err
		}
		for _, e := range page {
			if err := fn(e); err != nil {
				return err
			}
		}
		if len(page) < pageSize {
			return nil
		}
		last := page[len(page)-1]
		f.After = &securebase.Cursor{OccurredAt: last.OccurredAt, ID: last.ID}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// pageSize is how many entries Each reads at once.
const pageSize = 500
