package web

// savedFlash is the flash after a save: with "+care" when the crisis
// lines should come forward on the next page.
func savedFlash(code string, care bool) string {
	if care {
		return code + "+care"
	}
	return code
}
