package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/account"
	"github.com/securebase/securebase/entries"
	"github.com/securebase/securebase/partner"
)

// Linked partners (issue 16, F7; docs/partner-safety.md): /partner/link
// makes or enters a one-time code, sends signals from the short list and
// unlinks; /api/v1/partner/signals lets partnerlink.js show a new signal
// on an open page. Only signals cross: nothing here reads or shows the
// partner's entries, activity or reading of signals.

type linkView struct {
	Intro, Choice, Pressure, Decline, NoReceipts, Unlink string
	SafetyPath                                           string
	Linked                                               bool
	SafetyNumber                                         string
	Code                                                 string // a code just made, shown once
	CodeUntil                                            string
	SignalsIntro                                         string
	Kinds                                                []partner.SignalKind
	Signals                                              []shownSignal
	Muted                                                bool   // the person has muted signals
	MutedUntil                                           string // "tomorrow at 02:30"; empty: until turned back on
	MuteHours                                            int
}

// MuteHours is the shorter of the two mutes; the other lasts until the
// person turns signals back on (docs/partner-safety.md section 5).
const MuteHours = 8

// shownSignal is a signal as a page or the JSON shows it: the words of
// the list, the sender's few words apart, who sent it and when. Nothing
// about whether or when it was read.
type shownSignal struct {
	ID    string `json:"id"`
	Mine  bool   `json:"mine"`
	Text  string `json:"text"`
	Words string `json:"words,omitempty"`
	Sent  string `json:"sent"`
}

func (s *Server) linkBase() linkView {
	return linkView{Intro: partner.LinkIntro, Choice: partner.LinkChoice, Pressure: partner.LinkPressure,
		Decline: partner.DeclineNote, NoReceipts: partner.NoReceipts, Unlink: partner.UnlinkNote,
		SafetyPath: partner.SafetyPath, SignalsIntro: s.partners().SignalsIntro(), Kinds: s.partners().SignalKinds()}
}

// shownSignals opens the person's signals and words them for the page.
func (s *Server) shownSignals(r *http.Request) ([]shownSignal, error) {
	list, err := s.Accounts.Signals(r.Context(), principal(r))
	if err != nil && len(list) == 0 {
		return nil, err
	}
	if err != nil {
		// Say only that it happened: the error names signals and people.
		s.Logger.WarnContext(r.Context(), "a stored signal did not open")
	}
	loc, now := s.userLocation(r), s.Clock()
	out := make([]shownSignal, 0, len(list))
	for i := len(list) - 1; i >= 0; i-- { // newest first
		sig := list[i]
		sh, err := s.partners().ShowSignal(sig.Signal, now, loc, partner.Clock24)
		if err != nil {
			continue
		}
		out = append(out, shownSignal{ID: sig.ID, Mine: sig.Mine, Text: sh.Text, Words: sh.Words,
			Sent: partner.When(sig.SentAt, now, loc, partner.Clock24)})
	}
	return out, nil
}

// exportSignals is the person's own signals for the export (docs/export.md,
// docs/partner-safety.md section 4), newest first, worded as /partner/link
// words them: "you" or "your partner", the kind's words, the few words and
// when it was sent. Nothing names the partner. None when not linked.
func (s *Server) exportSignals(r *http.Request) ([]securebase.ExportSignal, error) {
	list, err := s.Accounts.Signals(r.Context(), principal(r))
	if err != nil && len(list) == 0 {
		return nil, err
	}
	if err != nil {
		s.Logger.WarnContext(r.Context(), "a stored signal did not open")
	}
	loc, now := s.userLocation(r), s.Clock()
	var out []securebase.ExportSignal
	for i := len(list) - 1; i >= 0; i-- {
		sig := list[i]
		sh, err := s.partners().ShowSignal(sig.Signal, now, loc, partner.Clock24)
		if err != nil {
			continue
		}
		by := securebase.SentByPartner
		if sig.Mine {
			by = securebase.SentByYou
		}
		out = append(out, securebase.ExportSignal{SentBy: by, Signal: sig.Kind, Text: sh.Text, Words: sh.Words, SentAt: sig.SentAt.UTC()})
	}
	return out, nil
}

// homeSignals puts the newest signals on the partner home, for someone
// linked; for anyone else it adds nothing (linking is never suggested).
func (s *Server) homeSignals(r *http.Request, v *partnerHomeView) error {
	st, err := s.Accounts.Linked(r.Context(), principal(r))
	if err != nil || st.Link == nil {
		return err
	}
	v.Linked = true
	if v.Signals, err = s.shownSignals(r); err != nil {
		return err
	}
	if len(v.Signals) > 3 {
		v.Signals = v.Signals[:3]
	}
	return nil
}

func (s *Server) buildLink(r *http.Request, _ *form) (page, error) {
	v := s.linkBase()
	st, err := s.Accounts.Linked(r.Context(), principal(r))
	if err != nil {
		return page{}, err
	}
	if st.Link != nil {
		v.Linked, v.SafetyNumber, v.MuteHours = true, st.SafetyNumber, MuteHours
		if v.Signals, err = s.shownSignals(r); err != nil {
			return page{}, err
		}
		if now := s.Clock(); st.Link.Muted(now) {
			v.Muted = true
			if !st.Link.MutedUntil.Equal(securebase.MuteUntilOn) {
				v.MutedUntil = partner.When(st.Link.MutedUntil, now, s.userLocation(r), partner.Clock24)
			}
		}
	}
	return page{view: "partner_link", Title: "Linked partners", Nav: partnerNav, Data: v, Scripts: []string{"partnerlink.js"}}, nil
}

// linkAgain shows the link page again after a refused form: a wrong
// password, a code that did not work or a limit is said beside its field.
func (s *Server) linkAgain(w http.ResponseWriter, r *http.Request, f *form, err error) error {
	var e *securebase.Error
	if !errors.As(err, &e) {
		return err
	}
	switch e.Code {
	case securebase.EINVALID, securebase.ECONFLICT, securebase.ENOTFOUND, securebase.ELIMITED, securebase.EUNAUTHORIZED:
	default:
		return err
	}
	f.fail(err)
	return s.show(w, r, status(err), s.buildLink, f, message(err))
}

func (s *Server) linkCode(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	code, until, err := s.Accounts.CreateInvite(r.Context(), principal(r), f.Get("password"))
	if err != nil {
		f.Set("password", "")
		return s.linkAgain(w, r, f, passwordField(err, "password"))
	}
	p, err := s.buildLink(r, nil)
	if err != nil {
		return err
	}
	v := p.Data.(linkView)
	v.Code, v.CodeUntil = code, partner.Clock24.Time(until.In(s.userLocation(r)))
	p.Data = v
	s.render(w, r, http.StatusOK, p.view, p)
	return nil
}

func (s *Server) linkAccept(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	err := s.Accounts.AcceptInvite(r.Context(), principal(r), f.Get(partner.FieldCode), f.Get("accept-password"), s.clientAddress(r))
	if err != nil {
		f.Set("accept-password", "")
		err = passwordField(err, "accept-password")
		return s.linkAgain(w, r, f, err)
	}
	return s.redirect(w, r, "/partner/link", "partner-linked")
}

// passwordField moves a message about the current password to the
// form's own password field.
func passwordField(err error, field string) error {
	var e *securebase.Error
	if !errors.As(err, &e) {
		return err
	}
	for _, from := range []string{"current", "password"} {
		if msg := e.Fields[from]; msg != "" {
			return &securebase.Error{Code: e.Code, Message: e.Message, Fields: map[string]string{field: msg}}
		}
	}
	return err
}

func (s *Server) unlink(w http.ResponseWriter, r *http.Request) error {
	if err := s.Accounts.Unlink(r.Context(), principal(r)); err != nil {
		return err
	}
	return s.redirect(w, r, "/partner/link", "partner-unlinked")
}

// readSignal reads the signal form: a kind from the list, its number or
// time when it takes one, and the optional few words.
func (s *Server) readSignal(r *http.Request, f *form) (partner.Signal, error) {
	sig := partner.Signal{Kind: f.Get(partner.FieldSignal), Words: f.Get(partner.FieldWords)}
	k, err := s.partners().SignalKind(sig.Kind)
	if err != nil {
		return sig, securebase.FieldError(partner.FieldSignal, "Choose a signal from the list.")
	}
	now := s.Clock()
	switch k.Param {
	case partner.ParamNumber:
		n, err := strconv.Atoi(strings.TrimSpace(f.Get(partner.FieldNumber)))
		if err != nil {
			return sig, securebase.FieldError(partner.FieldNumber, "Choose a number from "+strconv.Itoa(k.Min)+" to "+strconv.Itoa(k.Max)+".")
		}
		sig.Number = &n
	case partner.ParamTime:
		at, err := partner.ParseClock(partner.FieldAt, f.Get(partner.FieldAt), now, s.userLocation(r))
		if err != nil {
			return sig, entries.PartnerErr(err)
		}
		sig.At = &at
	}
	return sig, entries.PartnerErr(s.partners().CheckSignal(&sig, now))
}

func (s *Server) sendSignal(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	sig, err := s.readSignal(r, f)
	if err == nil {
		err = s.Accounts.SendSignal(r.Context(), principal(r), sig)
	}
	var limit *account.ErrSignalLimit
	if errors.As(err, &limit) {
		err = &securebase.Error{Code: securebase.ELIMITED,
			Message: partner.LimitMessage(limit.Next, s.Clock(), s.userLocation(r), partner.Clock24)}
	}
	if err != nil {
		return s.linkAgain(w, r, f, err)
	}
	return s.redirect(w, r, "/partner/link#signals", "signal-sent")
}

// muteSignals mutes signals from the partner for MuteHours, or until the
// person turns them back on, or turns them back on. The partner is told
// nothing, and nothing on their screen changes.
func (s *Server) muteSignals(w http.ResponseWriter, r *http.Request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := newForm(r.PostForm)
	var until time.Time
	flash := "signals-muted"
	switch f.Get("mute") {
	case "hours":
		until = s.Clock().Add(MuteHours * time.Hour)
	case "on":
		until = securebase.MuteUntilOn
	case "off":
		flash = "signals-on"
	default:
		return s.linkAgain(w, r, f, securebase.FieldError("mute", "Choose how long to mute signals."))
	}
	if err := s.Accounts.Mute(r.Context(), principal(r), until); err != nil {
		return s.linkAgain(w, r, f, err)
	}
	return s.redirect(w, r, "/partner/link", flash)
}

// apiSignals is what partnerlink.js polls: whether the person is linked
// and the signals between the two of them, newest first.
func (s *Server) apiSignals(w http.ResponseWriter, r *http.Request) error {
	st, err := s.Accounts.Linked(r.Context(), principal(r))
	if err != nil {
		return err
	}
	out := struct {
		Linked  bool          `json:"linked"`
		Signals []shownSignal `json:"signals"`
	}{Linked: st.Link != nil, Signals: []shownSignal{}}
	if st.Link != nil {
		if out.Signals, err = s.shownSignals(r); err != nil {
			return err
		}
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
