package securebase

// KindNeed is a clear need or an early boundary (D3), saved to rehearse.
const KindNeed Kind = "need"

// The two shapes of a need entry.
const (
	NeedClear    = "need"     // when…, I feel…, I'd like…, would you…?
	NeedBoundary = "boundary" // the warmth, the limit, a time
)

// Need is a clear need or an early boundary a person builds (D3), part by
// part, in their own words. Package behaviour frames it into one passage
// to copy out, and tidies the parts (package entries applies its rule).
type Need struct {
	Type   string `json:"type"` // NeedClear or NeedBoundary
	When   string `json:"when,omitempty"`
	Feel   string `json:"feel,omitempty"`
	Like   string `json:"like,omitempty"`
	Ask    string `json:"ask,omitempty"`
	Limit  string `json:"limit,omitempty"`
	Warmth string `json:"warmth,omitempty"`
	Time   string `json:"time,omitempty"`
}

// NeedPartMax bounds one part of a need or boundary.
const NeedPartMax = 200

// Kind implements Payload.
func (n *Need) Kind() Kind { return KindNeed }

// Text implements Payload.
func (n *Need) Text() []string {
	return []string{n.When, n.Feel, n.Like, n.Ask, n.Limit, n.Warmth, n.Time}
}

// Example implements Payload: a clear need whose parts are text.
func (n *Need) Example(text string) Payload {
	return &Need{Type: NeedClear, When: text, Feel: text, Like: text, Ask: text}
}

// Validate implements Payload.
func (n *Need) Validate() error {
	var v Validation
	parts := []struct {
		field string
		s     *string
		need  bool
	}{{"when", &n.When, true}, {"feel", &n.Feel, true}, {"like", &n.Like, true}, {"ask", &n.Ask, true},
		{"limit", &n.Limit, false}, {"warmth", &n.Warmth, false}, {"time", &n.Time, false}}
	switch n.Type {
	case NeedClear, NeedBoundary:
	default:
		v.Add("type", "Choose a need or a boundary.")
	}
	for _, p := range parts {
		*p.s = OneLine(*p.s)
		checkText(&v, p.field, *p.s, NeedPartMax, false)
		if *p.s != "" && p.need != (n.Type == NeedClear) && (n.Type == NeedClear || n.Type == NeedBoundary) {
			v.Add(p.field, "This part belongs to the other builder. Clear it, or switch builders.")
		}
	}
	return v.Err()
}
