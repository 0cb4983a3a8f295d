package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/securebase/securebase"
)

// decodeJSON reads one JSON object from the body, refusing unknown
// fields and trailing data, with messages that never echo the input.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return securebase.Errorf(securebase.EINVALID, "The request body isn't the JSON we expected: %s.", jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return securebase.Errorf(securebase.EINVALID, "Send one JSON object and nothing after it.")
	}
	return nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "a syntax error at byte " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "the field " + strconv.Quote(te.Field) + " has the wrong type"
	case errors.Is(err, io.EOF):
		return "the body is empty"
	}
	return "unexpected content"
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	writeJSON(w, http.StatusOK, map[string]any{"username": p.User.Username, "created_at": p.User.CreatedAt, "prefs": p.User.Prefs})
	return nil
}

func formatCursor(e *securebase.Entry) string {
	return strconv.FormatInt(e.OccurredAt.UnixMilli(), 10) + "." + e.ID
}

func parseCursor(s string) (*securebase.Cursor, bool) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return nil, false
	}
	ms, err := strconv.ParseInt(s[:i], 10, 64)
	if id := s[i+1:]; err != nil || !securebase.ValidID(id) {
		return nil, false
	}
	return &securebase.Cursor{OccurredAt: time.UnixMilli(ms), ID: s[i+1:]}, true
}

// saved is the answer to every save: the item, and whether crisis
// language was found in it (never what matched), so every client can
// bring help forward the same way.
type saved struct {
	Item   any  `json:"item"`
	Crisis bool `json:"crisis"`
	// Safety: the text speaks of a partner's violence or control, so a
	// client should bring domestic-abuse services forward (issue 8).
	Safety bool `json:"safety"`
}
