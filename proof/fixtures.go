package proof

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/securebase/securebase"
)

// Fixture makes and inspects one kind of object that a route's {id} names
// (the route's Owned), through HTTP as its owner.
type Fixture struct {
	// Make creates an object owned by the person a is signed in as, and
	// returns its {id} and the strings that must never reach anyone else.
	Make func(a *Agent) (id string, secrets []string, err error)
	// Remove deletes it as its owner.
	Remove func(a *Agent, id string) error
	// State fingerprints the object as its owner sees it ("" once it is
	// gone), so a harness can tell that someone else's request changed
	// nothing.
	State func(a *Agent, id string) (string, error)
	// Body is a plausible body for a request to a route that names the
	// object: what its owner would send to change it.
	Body func(path, method, id string) Request
}

// fixtures are the kinds of object that are not entries. Entry kinds
// (securebase.Kinds) get a fixture from their canary sample.
var fixtures = map[string]Fixture{
	"session": {
		Make: func(a *Agent) (string, []string, error) {
			b := a.Clone()
			if err := b.SignIn(a.User.Name, a.User.Password); err != nil {
				return "", nil, err
			}
			return SessionID(b.Session()), []string{b.Session()}, nil
		},
		Remove: func(a *Agent, id string) error {
			_, err := a.Must(Form("POST", "/settings/sessions/"+id+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
			return err
		},
		State: settingsListed,
		Body:  emptyForm,
	},
	"token": {
		Make: func(a *Agent) (string, []string, error) {
			label := "token " + randomLetters(16)
			tok, err := a.NewToken(label)
			if err != nil {
				return "", nil, err
			}
			return SessionID(tok), []string{tok, label}, nil
		},
		Remove: func(a *Agent, id string) error {
			_, err := a.Must(Form("POST", "/settings/tokens/"+id+"/delete", url.Values{"confirm": {"yes"}}), http.StatusSeeOther)
			return err
		},
		State: settingsListed,
		Body:  emptyForm,
	},
}

// FixtureFor returns the fixture for an Owned value, or an error that says
// what to add.
func FixtureFor(owned string) (Fixture, error) {
	if f, ok := fixtures[owned]; ok {
		return f, nil
	}
	if IsEntryKind(owned) {
		s, err := SampleFor(securebase.Kind(owned))
		if err != nil {
			return Fixture{}, err
		}
		return entryFixture(s), nil
	}
	return Fixture{}, fmt.Errorf("the Owned kind %q is neither an entry kind (securebase.Kinds) nor a kind with a fixture in "+
		"proof/fixtures.go; add a fixture that makes, removes and fingerprints one", owned)
}

func emptyForm(path, method, id string) Request { return Form(method, path, nil) }

// settingsListed fingerprints a session or token by whether the owner's
// settings page lists it.
func settingsListed(a *Agent, id string) (string, error) {
	res, err := a.Must(Get("/settings"), http.StatusOK)
	if err != nil {
		return "", err
	}
	if strings.Contains(res.String(), "/"+id+"/delete") {
		return "listed", nil
	}
	return "", nil
}

func entryFixture(s Sample) Fixture {
	return Fixture{
		Make: func(a *Agent) (string, []string, error) {
			id, phrase := "iso-"+randomLetters(20), "isolation canary "+randomLetters(20)
			if _, err := a.Must(s.Save(id, phrase), http.StatusCreated); err != nil {
				return "", nil, err
			}
			return id, []string{phrase}, nil
		},
		Remove: func(a *Agent, id string) error {
			_, err := a.Must(s.Delete(id), http.StatusNoContent, http.StatusOK, http.StatusSeeOther)
			return err
		},
		State: func(a *Agent, id string) (string, error) {
			res, err := a.Must(s.Get(id), http.StatusOK, http.StatusNotFound)
			if err != nil || res.Status == http.StatusNotFound {
				return "", err
			}
			sum := sha256.Sum256(res.Body)
			return hex.EncodeToString(sum[:]), nil
		},
		Body: func(path, method, id string) Request {
			phrase := "a change " + randomLetters(12)
			if IsAPI(path) {
				saved := s.Save(id, phrase)
				var fields map[string]any
				if err := json.Unmarshal(saved.Body, &fields); err != nil {
					fields = map[string]any{}
				}
				fields["version"] = 1
				return JSON(method, path, fields)
			}
			var fields map[string]any
			if b, err := json.Marshal(s.Payload(phrase)); err == nil {
				_ = json.Unmarshal(b, &fields)
			}
			v := url.Values{"version": {"1"}}
			for k, val := range fields {
				v.Set(k, fmt.Sprint(val))
			}
			return Form(method, path, v)
		},
	}
}
