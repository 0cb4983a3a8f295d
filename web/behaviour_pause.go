package web

import (
	"context"
	"net/http"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/behaviour"
	"github.com/securebase/securebase/entries"
)

// Pause before you send (D2). A message is written here and held for a
// while: it is sealed on the server as a held entry and, by behaviour.js,
// kept on the device too, so a reload, a closed phone, a lost network or a
// restarted server loses nothing. While it waits the page asks the
// fear-or-security questions and offers the body tools; when the hold ends
// the person copies it out, changed or not, or lets it go.

// behaviourHeldShown is how far back undecided held messages are shown.
const behaviourHeldShown = 7 * 24 * time.Hour

type heldEntry struct {
	ID      string
	At      time.Time
	Version int
	H       *securebase.Held
}

func (s *Server) loadHeld(ctx context.Context, a securebase.Actor, from, to time.Time, limit int) ([]heldEntry, error) {
	es, err := s.Entries.ListEntries(ctx, a, securebase.EntryFilter{Kind: securebase.KindHeld, From: from, To: to, Limit: limit})
	if err != nil {
		return nil, err
	}
	out := make([]heldEntry, 0, len(es))
	for _, e := range es {
		p, err := e.Decode()
		if err != nil {
			return nil, err
		}
		out = append(out, heldEntry{ID: e.ID, At: e.OccurredAt, Version: e.Version, H: p.(*securebase.Held)})
	}
	return out, nil
}

type heldView struct {
	ID, Message, Until, UntilISO, Status, Outcome string
	HeldISO                                       string
	Waiting, Ready                                bool // held and the hold not over; held and the hold over
}

func (s *Server) heldViewOf(h heldEntry, now time.Time, loc *time.Location) heldView {
	v := heldView{ID: h.ID, Message: h.H.Message, Until: behaviour.When(h.H.Until, now, loc, behaviour.Clock24),
		UntilISO: h.H.Until.UTC().Format(time.RFC3339), HeldISO: h.H.HeldAt.UTC().Format(time.RFC3339), Status: h.H.Status}
	v.Waiting = h.H.Waiting(now)
	v.Ready = h.H.Status == securebase.HeldWaiting && !v.Waiting
	if o, err := s.behave().Outcome(behaviour.HeldOutcomes, h.H.Outcome); err == nil {
		v.Outcome = o.Label
	}
	return v
}

type holdChoice struct {
	behaviour.Hold
	Until string // when it would come back if held now
}

type pauseView struct {
	NewID     string
	Holds     []holdChoice
	Questions []behaviour.Item
	Waiting   []behaviour.Line
	Released  []behaviour.Line
	Held      []heldView // undecided messages, newest first
	Decided   []heldView
	Tally     behaviour.UrgeTally
	Surfed    string
	Held1     *heldView // the one message this page is about (/behaviour/held/{id})
}

func (s *Server) pauseView(r *http.Request) (pauseView, error) {
	now, loc := s.Clock(), s.userLocation(r)
	c := s.behave()
	v := pauseView{NewID: s.freshID(r), Questions: c.Items(behaviour.Questions), Waiting: c.Waiting(),
		Released: c.Released(), Surfed: behaviour.SurfedMeaning}
	for _, h := range c.Holds() {
		hc := holdChoice{Hold: h}
		if at, err := c.ReleaseAt(now, loc, h.ID); err == nil {
			hc.Until = behaviour.When(at, now, loc, behaviour.Clock24)
		}
		v.Holds = append(v.Holds, hc)
	}
	held, err := s.loadHeld(r.Context(), principal(r).Actor, now.Add(-behaviourHeldShown), now.Add(time.Minute), 100)
	if err != nil {
		return v, err
	}
	var events []behaviour.UrgeEvent
	for _, h := range held {
		hv := s.heldViewOf(h, now, loc)
		if h.H.Status == securebase.HeldWaiting {
			v.Held = append(v.Held, hv)
		} else if len(v.Decided) < 5 {
			v.Decided = append(v.Decided, hv)
		}
		events = append(events, behaviour.UrgeEvent{At: h.At, Outcome: h.H.Outcome})
	}
	v.Tally = c.TallyUrges(nil, events)
	return v, nil
}

// buildPause is the pause page: a draft and a hold, and the messages held.
func (s *Server) buildBehaviourPause(r *http.Request, f *form) (page, error) {
	v, err := s.pauseView(r)
	if err != nil {
		return page{}, err
	}
	if f != nil && f.Get("id") != "" {
		v.NewID = f.Get("id")
	}
	return page{view: "behaviour_pause", Title: "Pause before you send", Nav: "behaviour", Form: f, Data: v, Scripts: []string{"behaviour.js"}}, nil
}

// handOver opens the pause page with a draft written elsewhere: the B4
// pause (/body/pause) and the SOS flow's pause step post their "draft"
// here, so nothing typed is lost on the way (and it never sits in a URL).
func (s *Server) handOver(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(nil)
	f.Set("message", r.PostForm.Get("draft"))
	return s.show(w, r, http.StatusOK, s.buildBehaviourPause, f, "")
}

// createHeld holds a message: the release time is worked out here from the
// hold and the person's time zone. The id comes from the form, so a post
// sent twice (or first kept offline) is stored once.
func (s *Server) createHeld(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	now, loc := s.Clock(), s.userLocation(r)
	h := &securebase.Held{Message: f.Get("message"), Hold: f.Get("hold"), HeldAt: now, Status: securebase.HeldWaiting}
	if until, err := s.behave().ReleaseAt(now, loc, h.Hold); err == nil {
		h.Until = until
	} else if h.Hold != "" {
		return s.again(w, r, f, securebase.FieldError("hold", "Choose how long to hold it."), s.buildBehaviourPause)
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, entries.Draft{Payload: h, ID: f.Get("id")})
	if err != nil {
		return s.again(w, r, f, err, s.buildBehaviourPause)
	}
	return s.redirect(w, r, "/behaviour/held/"+sv.ID, savedFlash("held-saved", sv.Crisis, sv.Safety))
}

// buildHeld is one held message: waiting, or ready to decide.
func (s *Server) buildHeld(r *http.Request, f *form) (page, error) {
	e, err := s.findOwned(r, securebase.KindHeld)
	if err != nil {
		return page{}, err
	}
	p, err := e.Decode()
	if err != nil {
		return page{}, err
	}
	v, err := s.pauseView(r)
	if err != nil {
		return page{}, err
	}
	hv := s.heldViewOf(heldEntry{ID: e.ID, At: e.OccurredAt, Version: e.Version, H: p.(*securebase.Held)}, s.Clock(), s.userLocation(r))
	v.Held1 = &hv
	if f == nil {
		f = newForm(nil)
		f.Set("message", hv.Message)
	}
	return page{view: "behaviour_held", Title: "Your held message", Nav: "behaviour", Form: f, Data: v, Scripts: []string{"behaviour.js"}}, nil
}

// decideHeld records what became of a held message: let go, or sent (as
// written or changed; before the hold ended counts as acted on).
func (s *Server) decideHeld(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	e, err := s.findOwned(r, securebase.KindHeld)
	if err != nil {
		return err
	}
	now := s.Clock()
	action := f.Get("action")
	sv, err := s.Entries.Change(r.Context(), principal(r).Actor, securebase.KindHeld, e.ID, entries.Latest,
		func(_ *securebase.Entry, p securebase.Payload) error {
			h := p.(*securebase.Held)
			switch action {
			case "let-go":
				h.Status, h.Outcome = securebase.HeldLetGo, "let-go"
			case "sent":
				h.Status = securebase.HeldSent
				switch {
				case now.Before(h.Until):
					h.Outcome = "sent-early"
				case securebase.Trim(f.Get("message")) != "" && securebase.Trim(f.Get("message")) != h.Message:
					h.Outcome = "rewrote"
				default:
					h.Outcome = "sent-after-wait"
				}
			default:
				return securebase.FieldError("action", "Choose whether you sent it or let it go.")
			}
			return nil
		})
	if err != nil {
		return s.again(w, r, f, err, s.buildHeld)
	}
	flash := "held-sent"
	if action == "let-go" {
		flash = "held-let-go"
	}
	return s.redirect(w, r, "/behaviour/pause", savedFlash(flash, sv.Crisis, sv.Safety))
}

func (s *Server) deleteHeld(w http.ResponseWriter, r *http.Request) error {
	if _, err := s.removeOwned(r, securebase.KindHeld); err != nil {
		return err
	}
	return s.redirect(w, r, "/behaviour/pause", "held-deleted")
}
