package securebase

// KindPartnerBoundary is a boundary the secure partner saved to rehearse
// (F3).
const KindPartnerBoundary Kind = "partner-boundary"

// PartnerBoundaryPartMax bounds each part of a boundary, as package
// partner's slots do.
const PartnerBoundaryPartMax = 200

// PartnerBoundary is a boundary in three parts: the connection around it,
// the limit itself, and when you will come back to it. Package partner
// says it connection first, and shows it delivered two ways.
type PartnerBoundary struct {
	Connection string `json:"connection,omitempty"`
	Limit      string `json:"limit"`
	Timeline   string `json:"timeline,omitempty"`
}

// Kind implements Payload.
func (b *PartnerBoundary) Kind() Kind { return KindPartnerBoundary }

// Text implements Payload.
func (b *PartnerBoundary) Text() []string { return []string{b.Connection, b.Limit, b.Timeline} }

// Example implements Payload: every part is text.
func (b *PartnerBoundary) Example(text string) Payload {
	return &PartnerBoundary{Connection: text, Limit: text, Timeline: text}
}

// Validate implements Payload: a limit, and one-line parts of at most
// PartnerBoundaryPartMax characters.
func (b *PartnerBoundary) Validate() error {
	var v Validation
	for _, part := range []struct {
		field string
		text  *string
	}{{"connection", &b.Connection}, {"limit", &b.Limit}, {"timeline", &b.Timeline}} {
		*part.text = Trim(*part.text)
		checkText(&v, part.field, *part.text, PartnerBoundaryPartMax, false)
	}
	if b.Limit == "" {
		v.Add("limit", "Write the limit in a few words.")
	}
	return v.Err()
}
