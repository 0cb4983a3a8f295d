package entries

import (
	"github.com/securebase/securebase"
	"github.com/securebase/securebase/safety"
)

// crisisIn reports whether any free text of a payload holds crisis
// language. It runs in memory at save time; what matched is never kept,
// logged or returned, and saving goes ahead either way. It is the one call
// of the detector on the save path.
func crisisIn(d *safety.Detector, p securebase.Payload) bool {
	return d.CheckEntry(p.Text()...).Crisis
}
