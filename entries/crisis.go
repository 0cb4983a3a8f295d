package entries

import (
	"github.com/securebase/securebase"
)

// signals runs the checks on what a person wrote, at save time and in
// memory: crisis language (the crisis lines come forward) and a partner's
// violence (domestic-abuse services come forward). What matched is never
// kept, logged or returned, and saving goes ahead either way. It is the
// one call of either check on the save path.
func (s *Service) signals(p securebase.Payload) (crisis, safety bool) {
	texts := p.Text()
	crisis = s.Detector.CheckEntry(texts...).Crisis
	for _, t := range texts {
		if t != "" && s.Abuse.Check(t) {
			safety = true
			break
		}
	}
	return crisis, safety
}

// Crisis reports whether texts hold crisis language, for words already
// saved that a page is about to read back to the person (their own
// reassurance statements are never offered as reassurance if so).
func (s *Service) Crisis(texts ...string) bool {
	return s.Detector.CheckEntry(texts...).Crisis
}
