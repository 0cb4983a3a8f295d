package web

import (
	"net/http"

	"github.com/securebase/securebase"
)

// build makes one page for a request: its template, title and data. f is
// what the person typed when a form comes back after a problem, or nil on
// a first visit (build may then start a fresh form). Every page with a
// form is a build, so a visit and a form shown again are the same code.
type build func(r *http.Request, f *form) (page, error)

// show renders the page b builds: with status 200 on a visit, and with the
// problem's status and message when a form comes back.
func (s *Server) show(w http.ResponseWriter, r *http.Request, status int, b build, f *form, errMsg string) error {
	p, err := b(r, f)
	if err != nil {
		return err
	}
	if f != nil {
		p.Form = f
	}
	p.Error = errMsg
	s.render(w, r, status, p.view, p)
	return nil
}

// visit is the handler of a page a GET shows.
func (s *Server) visit(b build) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error { return s.show(w, r, http.StatusOK, b, nil, "") }
}

// again answers a form that could not be saved. When what was typed is the
// problem (EINVALID) or the entry changed meanwhile (ECONFLICT), the page
// comes back with everything typed and each message beside its field;
// anything else is an error page.
func (s *Server) again(w http.ResponseWriter, r *http.Request, f *form, err error, b build) error {
	switch securebase.ErrorCode(err) {
	case securebase.EINVALID, securebase.ECONFLICT:
	default:
		return err
	}
	f.fail(err)
	return s.show(w, r, status(err), b, f, message(err))
}
