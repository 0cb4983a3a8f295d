package practice

import (
	"strconv"
	"strings"
	"time"
)

// Signs of growing security (E4): a short monthly self-rating of the
// changes the source articles describe as anxious attachment eases. It is
// a mirror, not a test: nothing is scored against a norm, and the page
// says so. Each item is a statement rated by how true it feels lately.

// Growth item ids, stored with every rating, so they never change.
const (
	GrowthOverthinking = "overthinking"
	GrowthAbandonment  = "abandonment"
	GrowthSpace        = "space"
	GrowthBaseline     = "baseline"
	GrowthConsistent   = "consistent"
	GrowthBoundaries   = "boundaries"
	GrowthConflict     = "conflict"
)

// GrowthItem is one sign of growing security.
type GrowthItem struct {
	ID        string `json:"id"`
	Title     string `json:"title"`     // a short name for charts and tables
	Statement string `json:"statement"` // what the person rates, in the first person
}

// GrowthItems returns the seven signs in the order the page asks them.
func GrowthItems() []GrowthItem {
	return []GrowthItem{
		{GrowthOverthinking, "Less overthinking",
			"I spend less time going over messages, looks and talks in my head."},
		{GrowthAbandonment, "Less fear of being left",
			"When someone close is quiet or busy, I fear less that they are leaving."},
		{GrowthSpace, "Comfort with space",
			"I can be apart from people I love and still feel close to them."},
		{GrowthBaseline, "A steadier baseline",
			"My mood stays steadier from day to day, and calm comes back sooner."},
		{GrowthConsistent, "Drawn to steady people",
			"I feel drawn to people who are consistent and kind, more than to those who keep me guessing."},
		{GrowthBoundaries, "Clearer boundaries",
			"I can say what I need and where my limits are."},
		{GrowthConflict, "Calmer conflict",
			"In a disagreement I can stay present and talk it through with less panic."},
	}
}

// GrowthQuestion introduces the items.
const GrowthQuestion = "How true is each of these for you lately?"

// GrowthNote says what the ratings are and are not, shown beside them.
const GrowthNote = "This is a mirror for you, not a test. Change is rarely a straight line, and every answer is fine."

// The rating scale: 1 to 5, each with words, so the numbers carry meaning.
const (
	GrowthMin = 1
	GrowthMax = 5
)

// GrowthLevel is one point of the rating scale.
type GrowthLevel struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// GrowthScale returns the scale from GrowthMin to GrowthMax.
func GrowthScale() []GrowthLevel {
	return []GrowthLevel{
		{1, "Not yet"},
		{2, "A little"},
		{3, "Somewhat"},
		{4, "Mostly"},
		{5, "Very much"},
	}
}

// GrowthLabel returns the words for a rating, or "" off the scale.
func GrowthLabel(v int) string {
	if v < GrowthMin || v > GrowthMax {
		return ""
	}
	return GrowthScale()[v-GrowthMin].Label
}

// GrowthEvery is how often the rating is offered: about once a month.
// Rating more often tends to show noise rather than change.
const GrowthEvery = 28 // days

// GrowthDue reports whether to offer the rating at now: when there is none
// yet (last is zero) or the last one was at least GrowthEvery calendar days
// ago in loc.
func GrowthDue(last, now time.Time, loc *time.Location) bool {
	return last.IsZero() || dayNumber(now, loc)-dayNumber(last, loc) >= GrowthEvery
}

// ParseGrowth reads a rating form: item id → "1" … "5". An item left empty
// is skipped (rating every item is not required); at least one must be
// rated. Keys that are not item ids are refused, because the form only
// sends ours. The result maps item id to rating.
func ParseGrowth(form map[string]string) (map[string]int, error) {
	out := make(map[string]int, len(GrowthItems()))
	var errs problems
	known := map[string]bool{}
	for _, it := range GrowthItems() {
		known[it.ID] = true
		s, ok := form[it.ID]
		if !ok || strings.TrimSpace(s) == "" {
			continue
		}
		v, err := strconv.Atoi(s)
		if err != nil || v < GrowthMin || v > GrowthMax || strconv.Itoa(v) != s {
			errs = append(errs, invalid(it.ID, "Choose from 1 (not yet) to 5 (very much), or leave it for now."))
			continue
		}
		out[it.ID] = v
	}
	for k := range form {
		if !known[k] {
			errs = append(errs, invalid(FieldGrowth, "Rate the signs from the list."))
			break
		}
	}
	if len(errs) == 0 && len(out) == 0 {
		errs = append(errs, invalid(FieldGrowth, "Rate at least one of the signs, then save."))
	}
	if len(errs) > 0 {
		return nil, errs.err()
	}
	return out, nil
}

// FieldGrowth names the growth form as a whole in errors that belong to no
// single item.
const FieldGrowth = "growth"
