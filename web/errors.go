package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/securebase/securebase"
)

// status maps an error code to an HTTP status: the one place it is done.
func status(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	switch securebase.ErrorCode(err) {
	case securebase.EINVALID:
		return http.StatusBadRequest
	case securebase.ENOTFOUND:
		return http.StatusNotFound
	case securebase.ECONFLICT:
		return http.StatusConflict
	case securebase.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case securebase.EFORBIDDEN:
		return http.StatusForbidden
	case securebase.ELIMITED:
		return http.StatusTooManyRequests
	case securebase.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case securebase.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// message is what a person reads about err.
func message(err error) string {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return "That was more than we can take in one go. Try saving a shorter piece of writing."
	}
	return securebase.ErrorMessage(err)
}

// fail answers a request that went wrong: JSON on the API, a kind page
// elsewhere. Internal errors are logged with the request id (never the
// request's content); the person sees a calm sentence and that id.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	st := state(r)
	if code >= 500 {
		s.Logger.Error("request failed", "request_id", st.id, "route", st.route, "err", err)
	}
	if code == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="securebase"`)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeJSON(w, code, map[string]any{"error": apiError{
			Code: codeName(err), Message: message(err), Fields: securebase.ErrorFields(err), RequestID: st.id}})
		return
	}
	title := "Something went wrong"
	switch code {
	case http.StatusNotFound:
		title = "We couldn't find that page"
	case http.StatusUnauthorized:
		title = "Please sign in"
	case http.StatusTooManyRequests:
		title = "Let's pause for a moment"
	case http.StatusForbidden:
		title = "We didn't act on that"
	}
	s.render(w, r, code, "error", page{Title: title, Data: errorView{Status: code, Message: message(err), RequestID: st.id}})
}

type errorView struct {
	Status    int
	Message   string
	RequestID string
}

type apiError struct {
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id"`
}

func codeName(err error) string {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return securebase.ETOOLARGE
	}
	return securebase.ErrorCode(err)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	// Compact: indenting was an eighth of the CPU of a list of 50.
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) error {
	return securebase.Errorf(securebase.ENOTFOUND, "The page you asked for isn't here. It may have moved, or the link may be mistyped.")
}

// parseForm parses a posted form. A body over the limit stays a
// MaxBytesError (413); anything else malformed is a 400, never a 500.
func parseForm(r *http.Request) error {
	err := r.ParseForm()
	var mbe *http.MaxBytesError
	if err == nil || errors.As(err, &mbe) {
		return err
	}
	return securebase.Errorf(securebase.EINVALID, "We couldn't read that form. Go back, check what you typed and send it again.")
}
