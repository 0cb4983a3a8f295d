package securebase

import "time"

// KindRepair is a "not gone" repair message (F2).
const KindRepair Kind = "repair"

// RepairPartMax bounds each written part of a repair message. Package
// partner's composer has the same bound for every slot.
const RepairPartMax = 200

// Repair is a "not gone" message the secure partner wrote for their
// partner (F2): a line saying they are not leaving, what they are doing,
// when they will be back, and a warm line. Only the return time is needed.
// The message itself is said from these parts by package partner.
type Repair struct {
	Opener string    `json:"opener,omitempty"`
	Doing  string    `json:"doing,omitempty"`
	Back   time.Time `json:"back"`
	Warm   string    `json:"warm,omitempty"`
}

// Kind implements Payload.
func (p *Repair) Kind() Kind { return KindRepair }

// Text implements Payload.
func (p *Repair) Text() []string { return []string{p.Opener, p.Doing, p.Warm} }

// Example implements Payload: every part is text, back in an hour from a
// fixed time.
func (p *Repair) Example(text string) Payload {
	return &Repair{Opener: text, Doing: text, Warm: text, Back: time.Date(2026, 1, 5, 16, 0, 0, 0, time.UTC)}
}

// Validate implements Payload: one-line parts of at most RepairPartMax
// characters, and a return time kept to the minute in UTC. Whether the
// words compose is package partner's rule (package entries).
func (p *Repair) Validate() error {
	var v Validation
	for _, part := range []struct {
		field string
		text  *string
	}{{"opener", &p.Opener}, {"doing", &p.Doing}, {"warm", &p.Warm}} {
		*part.text = Trim(*part.text)
		checkText(&v, part.field, *part.text, RepairPartMax, false)
	}
	if p.Back.IsZero() {
		v.Add("back", "Choose a time to come back.")
	}
	p.Back = p.Back.UTC().Truncate(time.Minute)
	return v.Err()
}
