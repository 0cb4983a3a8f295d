package web

import "github.com/securebase/securebase"

// crisisIn reports whether any free text of a payload holds crisis
// language. It runs in memory at save time; what matched is never kept,
// logged or returned, and saving goes ahead either way.
func (s *Server) crisisIn(p securebase.Payload) bool {
	return s.Detector.CheckEntry(p.Text()...).Crisis
}

// savedFlash is the flash after a save: with "+care" when the crisis
// lines should come forward on the next page.
func (s *Server) savedFlash(code string, p securebase.Payload) string {
	if s.crisisIn(p) {
		return code + "+care"
	}
	return code
}
