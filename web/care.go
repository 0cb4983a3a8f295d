package web

import "github.com/securebase/securebase/entries"

// savedFlash is the flash after a save: with "+care" when the crisis
// lines should come forward on the next page, and "+safety" when the
// domestic-abuse services should.
func savedFlash(code string, care, safety bool) string {
	if care {
		code += "+care"
	}
	if safety {
		code += "+safety"
	}
	return code
}

// checkInCare is the distress at which a check-in brings the crisis lines
// forward, the way the flow does at 8 when distress stays high.
const checkInCare = 9

// checkInFlash is savedFlash for a check-in: distress 9 or 10 brings the
// care panel forward too.
func checkInFlash(code string, sv entries.Saved, distress int) string {
	return savedFlash(code, sv.Crisis || distress >= checkInCare, sv.Safety)
}
