package proof

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
)

// Linked partners (issue 16, F7): the harnesses link two agents through
// the pages, as two people would, and send signals.

var inviteCodeRE = regexp.MustCompile(`id="invite-code">([0-9A-Z]{5}-[0-9A-Z]{5})<`)

// LinkWith links a and b: a makes a one-time code with its password, b
// enters it with its own. Both must be signed up through SignUp.
func (a *Agent) LinkWith(b *Agent) error {
	res, err := a.Must(Form("POST", "/partner/link/code", url.Values{"password": {a.User.Password}}), http.StatusOK)
	if err != nil {
		return err
	}
	m := inviteCodeRE.FindStringSubmatch(res.String())
	if m == nil {
		return errors.New("link: no invitation code on the page")
	}
	_, err = b.Must(Form("POST", "/partner/link/accept", url.Values{"code": {m[1]}, "accept-password": {b.User.Password}}), http.StatusSeeOther)
	return err
}

// Signal sends a signal of a kind that takes no number or time, with
// words, to a's linked partner.
func (a *Agent) Signal(kind, words string) error {
	_, err := a.Must(Form("POST", "/partner/link/signal", url.Values{"signal": {kind}, "words": {words}}), http.StatusSeeOther)
	return err
}
