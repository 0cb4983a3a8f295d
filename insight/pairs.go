package insight

// Pair is a tool's mean distress before and after, over the uses rated
// both times: the two bars of "what works for me".
type Pair struct {
	Tool   string  `json:"tool"`
	Name   string  `json:"name"`
	Uses   int     `json:"uses"`
	Rated  int     `json:"rated"`
	Before float64 `json:"before"` // mean distress before, 0 when Rated is 0
	After  float64 `json:"after"`
}

// Change is After − Before: negative when distress came down.
func (p Pair) Change() float64 { return p.After - p.Before }

// Pairs is distress before and after for each tool.
type Pairs struct {
	Status
	Pairs []Pair `json:"pairs"` // in the order of the tools given
}

// PairsNeed is how many rated uses of one tool make its result worth a
// sentence; below it the bars still show, with their counts.
const PairsNeed = 3

// BeforeAfter averages distress before and after each tool over the uses
// rated both times. As in Works, a tool used twice in one episode counts
// once, and an episode's change belongs to each tool in it. One pass over
// the uses, one allocation.
func BeforeAfter(tools []Named, uses []Use) Pairs {
	out := Pairs{Pairs: make([]Pair, len(tools))}
	for i, t := range tools {
		out.Pairs[i] = Pair{Tool: t.ID, Name: t.Name}
	}
	for _, u := range uses {
		for j, id := range u.Tools {
			i := index(tools, id)
			if i < 0 || repeated(u.Tools, j) {
				continue
			}
			p := &out.Pairs[i]
			p.Uses++
			if u.Before != nil && u.After != nil && validRating(*u.Before) && validRating(*u.After) {
				p.Rated++
				p.Before += float64(*u.Before) // sums until the end
				p.After += float64(*u.After)
			}
		}
	}
	best, most := -1, 0
	for i := range out.Pairs {
		p := &out.Pairs[i]
		if p.Rated > 0 {
			p.Before /= float64(p.Rated)
			p.After /= float64(p.Rated)
		}
		most = max(most, p.Rated)
		if p.Rated >= PairsNeed && p.Change() < 0 && (best < 0 || p.Change() < out.Pairs[best].Change()) {
			best = i
		}
	}
	if most < PairsNeed {
		out.Status = notYet(most, PairsNeed, "After 3 uses of a tool with distress rated before and after, this will show what helps you most.")
		return out
	}
	if best < 0 {
		out.Status = Status{Have: most, Need: PairsNeed, Summary: "So far no tool has brought distress down on average. Some days a tool helps less, and that is useful to know too."}
		return out
	}
	p := out.Pairs[best]
	out.Status = Status{Have: most, Need: PairsNeed, Summary: p.Name + " has helped you most so far: over " +
		count(p.Rated, "rated use", "rated uses") + ", distress went from " + one(p.Before) + " to " + one(p.After) + " of 10 on average."}
	return out
}

// repeated reports whether tools[j] already appeared before position j.
func repeated(tools []string, j int) bool {
	for _, t := range tools[:j] {
		if t == tools[j] {
			return true
		}
	}
	return false
}

// validRating reports whether r is on the 0–10 scale.
func validRating(r int) bool { return r >= 0 && r <= 10 }
