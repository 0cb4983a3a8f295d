package securebase

// KindGrowth is a self-rating of the signs of growing security (E4),
// offered about once a month.
const KindGrowth Kind = "growth"

// Growth rates how true each sign of growing security feels lately, from
// 1 (not yet) to 5 (very much); 0 leaves a sign unrated. The signs are
// package practice's GrowthItems, in the same order; a test keeps the
// field names and the item ids in step.
type Growth struct {
	Overthinking int `json:"overthinking,omitempty"`
	Abandonment  int `json:"abandonment,omitempty"`
	Space        int `json:"space,omitempty"`
	Baseline     int `json:"baseline,omitempty"`
	Consistent   int `json:"consistent,omitempty"`
	Boundaries   int `json:"boundaries,omitempty"`
	Conflict     int `json:"conflict,omitempty"`
}

// The growth scale.
const (
	GrowthMin = 1
	GrowthMax = 5
)

// Kind implements Payload.
func (g *Growth) Kind() Kind { return KindGrowth }

// Text implements Payload: a rating holds no writing.
func (g *Growth) Text() []string { return nil }

// Example implements Payload: a rating has no text, so a few signs rated.
func (g *Growth) Example(string) Payload {
	return &Growth{Overthinking: 2, Abandonment: 3, Space: 2, Baseline: 4, Conflict: 3}
}

// Ratings returns each sign's id and rating (0: not rated), in order.
func (g *Growth) Ratings() []struct {
	ID    string
	Value *int
} {
	return []struct {
		ID    string
		Value *int
	}{
		{"overthinking", &g.Overthinking}, {"abandonment", &g.Abandonment}, {"space", &g.Space},
		{"baseline", &g.Baseline}, {"consistent", &g.Consistent}, {"boundaries", &g.Boundaries},
		{"conflict", &g.Conflict},
	}
}

// Validate implements Payload: each rating 0 (not rated) or 1–5, and at
// least one rated.
func (g *Growth) Validate() error {
	var v Validation
	rated := 0
	for _, r := range g.Ratings() {
		switch {
		case *r.Value == 0:
		case *r.Value < GrowthMin || *r.Value > GrowthMax:
			v.Add(r.ID, "Choose a number from 1 to 5.")
		default:
			rated++
		}
	}
	if rated == 0 && v.Err() == nil {
		v.Add("growth", "Rate at least one of the signs first.")
	}
	return v.Err()
}
