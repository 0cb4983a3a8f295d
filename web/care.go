package web

import (
	"strings"

	"github.com/securebase/securebase"
)

// crisisIn reports whether any free text of a payload holds crisis
// language. It runs in memory at save time; what matched is never kept,
// logged or returned, and saving goes ahead either way.
func (s *Server) crisisIn(p securebase.Payload) bool {
	for _, t := range p.Text() {
		if t != "" && s.Detector.Check(t) {
			return true
		}
	}
	return false
}

// abuseIn reports whether any free text of a payload speaks of a partner
// hitting, threatening, controlling, following or forcing the writer. Like
// crisisIn it runs in memory and nothing of it is kept.
func (s *Server) abuseIn(p securebase.Payload) bool {
	for _, t := range p.Text() {
		if t != "" && s.Abuse.Check(t) {
			return true
		}
	}
	return false
}

// savedFlash is the flash after a save: with "+care" when the crisis
// lines should come forward on the next page, and "+safety" when the
// domestic-abuse services should (issue 8; the lead folds this into the
// entries service's result beside Crisis).
func (s *Server) savedFlash(code string, p securebase.Payload) string {
	if s.crisisIn(p) {
		code += "+care"
	}
	if s.abuseIn(p) {
		code += "+safety"
	}
	return code
}

// checkInCare is the distress at which a check-in brings the crisis lines
// forward, the way the flow does at 8 when distress stays high.
const checkInCare = 9

// checkInFlash is savedFlash for a check-in: distress 9 or 10 brings the
// care panel forward too.
func (s *Server) checkInFlash(code string, c *securebase.CheckIn) string {
	flash := s.savedFlash(code, c)
	if c.Distress >= checkInCare && !strings.Contains(flash, "+care") {
		flash = strings.Replace(flash, code, code+"+care", 1)
	}
	return flash
}
