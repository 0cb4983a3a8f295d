package securebase

// KindBaseline is the secure partner's own baseline check (F5): which
// depletion markers have been true lately.
const KindBaseline Kind = "baseline"

// BaselineMax bounds the markers of one check; package partner's list is
// shorter.
const BaselineMax = 20

// Baseline is one baseline check: the ids of the markers that were true
// (package partner's BaselineMarkers). None ticked is a check too: it says
// you are steady.
type Baseline struct {
	Markers []string `json:"markers"`
}

// Kind implements Payload.
func (b *Baseline) Kind() Kind { return KindBaseline }

// Text implements Payload: a check holds no writing.
func (b *Baseline) Text() []string { return nil }

// Example implements Payload: two markers, enough for guidance.
func (b *Baseline) Example(string) Payload {
	return &Baseline{Markers: []string{"exhaustion", "resentment"}}
}

// Validate implements Payload. It drops repeats, keeping the first, and
// checks the form of each id; package entries checks they are markers.
func (b *Baseline) Validate() error {
	var v Validation
	b.Markers = uniqueSlugs(&v, "markers", "Choose from the list.", b.Markers)
	if len(b.Markers) > BaselineMax {
		v.Add("markers", "Choose from the list.")
	}
	return v.Err()
}
