package securebase

// Bounds of the preferences' shape. Whether a country has crisis lines
// and whether a time zone exists are checked where the directory and the
// time zone database are (package entries for an import, the settings
// page for a change).
const (
	countryLen   = 2   // ISO 3166-1 alpha-2
	timeZoneMax  = 64  // the longest IANA name is about 30 characters
	remindersMax = 600 // a few reminders, each a kind, a time, days and a zone
	feedMax      = 64  // a feed secret: 32 random bytes in base64url
)

// Validate checks the shape of the preferences: an upper-case two-letter
// country code or none, and a time zone name of letters, digits and
// "/_+-" or none. A preference a file brings in is never used unchecked:
// every request reads it.
func (p Prefs) Validate() error {
	var v Validation
	if p.Country != "" && (len(p.Country) != countryLen || !allIn(p.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) {
		v.Add("country", "Choose a country from the list.")
	}
	if p.TimeZone != "" && (len(p.TimeZone) > timeZoneMax ||
		!allIn(p.TimeZone, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_+-")) {
		v.Add("time_zone", "Use a time zone name like Europe/London or America/New_York.")
	}
	switch p.HereFor {
	case "", HereOwn, HerePartner, HereBoth:
	default:
		v.Add("here_for", "Choose who you are here for from the list.")
	}
	if len(p.Reminders) > remindersMax || !allIn(p.Reminders, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:,/_+-| ") {
		v.Add("reminders", "Choose reminder times from the form.")
	}
	if len(p.Feed) > feedMax || !allIn(p.Feed, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") {
		v.Add("feed", "A calendar link is letters, digits, - and _.")
	}
	switch p.ReflectionDay {
	case "", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
	default:
		v.Add("reflection_day", "Choose a day of the week.")
	}
	return v.Err()
}

// Who a person is here for (Prefs.HereFor).
const (
	HereOwn     = "own"
	HerePartner = "partner"
	HereBoth    = "both"
)

// PartnerFirst reports whether the person's partner's track comes first.
func (p Prefs) PartnerFirst() bool { return p.HereFor == HerePartner || p.HereFor == HereBoth }

// allIn reports whether every byte of s is one of chars.
func allIn(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		ok := false
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}
