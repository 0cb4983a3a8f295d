package web

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/assess"
	"github.com/securebase/securebase/entries"
)

// The questionnaire and the signs checklist in the JSON API (docs/api.md).

// resultNote goes with every result the API returns, as it does on pages.
const resultNote = "Educational, not diagnostic: these scores describe how you answered on one day, not who you are."

type apiResult struct {
	Min         int                       `json:"min"`
	Max         int                       `json:"max"`
	Scales      []securebase.AttemptScale `json:"scales"`
	Region      string                    `json:"region,omitempty"`
	FirstPillar assess.Pillar             `json:"first_pillar"`
	Note        string                    `json:"note"`
}

type apiAttempt struct {
	ID          string      `json:"id"`
	OccurredAt  time.Time   `json:"occurred_at"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	Version     int         `json:"version"`
	Instrument  string      `json:"instrument"`
	About       string      `json:"about,omitempty"`
	StartedAt   time.Time   `json:"started_at"`
	CompletedAt *time.Time  `json:"completed_at"`
	Order       []int       `json:"order"`
	Answers     map[int]int `json:"answers"`
	Answered    int         `json:"answered"`
	Total       int         `json:"total"`
	Result      *apiResult  `json:"result"`
}

func apiAttemptOf(st *attemptState) apiAttempt {
	e, a := st.entry, st.a
	out := apiAttempt{ID: e.ID, OccurredAt: e.OccurredAt, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, Version: e.Version,
		Instrument: a.Instrument, About: a.About, StartedAt: a.StartedAt, CompletedAt: a.CompletedAt,
		Order: slices.Concat(st.screens...), Answers: a.Answers, Answered: len(a.Answers), Total: len(st.in.Items)}
	if a.Result != nil {
		pillar, _ := assess.FirstPillar(resultOf(a))
		out.Result = &apiResult{Min: a.Result.Min, Max: a.Result.Max, Scales: a.Result.Scales,
			Region: regionOf(st), FirstPillar: pillar, Note: resultNote}
	}
	return out
}

func (s *Server) apiInstruments(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"default": s.Assess.Default().ID, "instruments": s.Assess.Instruments(), "note": resultNote})
	return nil
}

// apiListAttempts lists attempts newest first: ?limit= up to 500 (50 by
// default) and ?after= the "next" value of the previous page.
func (s *Server) apiListAttempts(w http.ResponseWriter, r *http.Request) error {
	f := securebase.EntryFilter{Kind: securebase.KindAttempt, Limit: 50}
	var v securebase.Validation
	pageOf(&v, r.URL.Query(), &f)
	if err := v.Err(); err != nil {
		return err
	}
	entries, err := s.Entries.ListEntries(r.Context(), principal(r).Actor, f)
	if err != nil {
		return err
	}
	out := struct {
		Attempts []apiAttempt `json:"attempts"`
		Next     string       `json:"next,omitempty"`
	}{Attempts: []apiAttempt{}}
	for _, e := range entries {
		st, err := s.attemptOf(e)
		if securebase.ErrorCode(err) == securebase.ENOTFOUND {
			continue // a questionnaire no longer offered; it is still in the export
		}
		if err != nil {
			return err
		}
		out.Attempts = append(out.Attempts, apiAttemptOf(st))
	}
	if len(entries) == f.Limit {
		out.Next = formatCursor(entries[len(entries)-1])
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// apiCreateAttempt starts an attempt. A client may choose the id; the same
// id again returns the stored attempt with 200, not a second one.
func (s *Server) apiCreateAttempt(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ID         string `json:"id"`
		Instrument string `json:"instrument"`
		About      string `json:"about"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if in.Instrument == "" {
		in.Instrument = s.Assess.Default().ID
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor,
		entries.Draft{Payload: newAttempt(in.Instrument, in.About, s.Clock()), ID: in.ID})
	if err != nil {
		return err
	}
	st, err := s.attemptOf(sv.Entry)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if sv.Created {
		code = http.StatusCreated
		w.Header().Set("Location", "/api/v1/attempts/"+sv.ID)
	}
	writeJSON(w, code, saved{Item: apiAttemptOf(st), Crisis: sv.Crisis, Safety: sv.Safety})
	return nil
}

func (s *Server) apiGetAttempt(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, apiAttemptOf(st))
	return nil
}

// checkAPIAnswers checks answers sent as {"12": 5}: every key an item of
// the questionnaire, every value on its scale. Every problem is reported.
func checkAPIAnswers(in *assess.Instrument, raw map[string]int) (map[int]int, error) {
	var v securebase.Validation
	if len(raw) == 0 {
		v.Add("answers", "Send at least one answer, like {\"answers\": {\"12\": 5}}.")
	}
	answers := make(map[int]int, len(raw))
	for key, val := range raw {
		n, ok := itemNumber(key)
		switch {
		case !ok || n > len(in.Items):
			v.Add("answers."+key, in.ShortName+" has items 1 to "+strconv.Itoa(len(in.Items))+"; there is no item "+strconv.Quote(key)+".")
		case val < in.Min || val > in.Max:
			v.Add("answers."+key, "Answers are whole numbers from "+strconv.Itoa(in.Min)+" to "+strconv.Itoa(in.Max)+".")
		default:
			answers[n] = val
		}
	}
	return answers, v.Err()
}

// apiAnswerAttempt adds or changes answers. With "version", a stale
// version is 409; without it, answers merge into the stored ones.
func (s *Server) apiAnswerAttempt(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	var in struct {
		Answers map[string]int `json:"answers"`
		Version int            `json:"version"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if st.a.Completed() {
		return errAttemptDone
	}
	answers, err := checkAPIAnswers(st.in, in.Answers)
	if err != nil {
		return err
	}
	return s.apiChangeAttempt(w, r, st, in.Version, func(st *attemptState) error {
		for n, v := range answers {
			st.a.Answers[n] = v
		}
		return nil
	})
}

// apiCompleteAttempt scores an attempt whose every item is answered. The
// body may be empty or {"version": n}.
func (s *Server) apiCompleteAttempt(w http.ResponseWriter, r *http.Request) error {
	st, err := s.findAttempt(r)
	if err != nil {
		return err
	}
	var in struct {
		Version int `json:"version"`
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(body)) > 0 {
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err := decodeJSON(r, &in); err != nil {
			return err
		}
	}
	return s.apiChangeAttempt(w, r, st, in.Version, func(st *attemptState) error {
		return s.complete(st, s.Clock())
	})
}

func (s *Server) apiChangeAttempt(w http.ResponseWriter, r *http.Request, st *attemptState, version int, change func(*attemptState) error) error {
	if version == 0 {
		version = entries.Latest
	}
	sv, err := s.updateAttempt(r.Context(), principal(r).Actor, st, version, change)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, saved{Item: apiAttemptOf(st), Crisis: sv.Crisis, Safety: sv.Safety})
	return nil
}

func (s *Server) apiDeleteAttempt(w http.ResponseWriter, r *http.Request) error {
	if err := s.removeAttempt(r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type apiSigns struct {
	Selected       []string      `json:"selected"`
	Version        int           `json:"version"`
	UpdatedAt      *time.Time    `json:"updated_at"`
	SuggestedTools []string      `json:"suggested_tools"`
	Checklist      *assess.Signs `json:"checklist"`
}

func (s *Server) apiSignsOf(e *securebase.Entry, sg *securebase.Signs) apiSigns {
	out := apiSigns{Selected: sg.Selected, Checklist: s.Assess.Signs()}
	out.SuggestedTools, _ = s.Assess.Signs().SuggestTools(sg.Selected)
	if e != nil {
		out.Version, out.UpdatedAt = e.Version, &e.UpdatedAt
	}
	return out
}

func (s *Server) apiGetSigns(w http.ResponseWriter, r *http.Request) error {
	e, sg, err := s.loadSigns(r.Context(), principal(r).Actor)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.apiSignsOf(e, sg))
	return nil
}

// apiPutSigns replaces the selection. "version" is optional; when sent, a
// stale one is 409, and without it the selection replaces whatever is
// stored.
func (s *Server) apiPutSigns(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Selected []string `json:"selected"`
		Version  int      `json:"version"`
	}
	if err := decodeJSON(r, &in); err != nil {
		return err
	}
	if in.Selected == nil {
		return securebase.FieldError("selected", "Send selected, a list of sign ids (it may be empty).")
	}
	sg := &securebase.Signs{Selected: in.Selected}
	d := entries.Draft{Payload: sg, Version: entries.Latest}
	if in.Version > 0 {
		d.Version = in.Version
	}
	sv, err := s.Entries.Save(r.Context(), principal(r).Actor, d)
	if err != nil {
		return err
	}
	code := http.StatusOK
	if sv.Created {
		code = http.StatusCreated
	}
	writeJSON(w, code, saved{Item: s.apiSignsOf(sv.Entry, sg), Crisis: sv.Crisis, Safety: sv.Safety})
	return nil
}
