package web

import (
	"net/http"
	"strings"
)

// Onboarding (issue 12): after the recovery key, three short screens, each
// skippable: the three pillars and why the body comes first; the person's
// country, for the crisis lines (the country picker posts to /country and
// comes back to the next screen); where "I'm activated" lives.

type welcomeView struct {
	Step, Next int
	Count      int
	Dots       []bool // one per screen, true for the one shown
	Countries  []countryOption
	Code       string
}

const welcomeSteps = 3

func (s *Server) welcome(w http.ResponseWriter, r *http.Request) error {
	step := 1
	switch r.URL.Query().Get("step") {
	case "2":
		step = 2
	case "3":
		step = 3
	}
	v := welcomeView{Step: step, Next: step + 1, Count: welcomeSteps}
	for i := 1; i <= welcomeSteps; i++ {
		v.Dots = append(v.Dots, i == step)
	}
	v.Countries = s.countryOptions()
	crisis, has := s.crisisFor(r)
	if has {
		v.Code = crisis.Code
	}
	s.render(w, r, http.StatusOK, "welcome", page{Title: "Welcome", Nav: "today", Data: v})
	return nil
}

// recoveryView is the recovery key page: the key, where Continue goes, and
// the name the downloaded file carries.
type recoveryView struct {
	Key, Next string
}

// recoveryFileName names the downloaded key after the account, so a person
// with two accounts knows which key is which.
func recoveryFileName(username string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(username) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
			b.WriteRune(c)
		default:
			b.WriteRune('-')
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "securebase-recovery-key.txt"
	}
	return "securebase-recovery-key-" + b.String() + ".txt"
}
