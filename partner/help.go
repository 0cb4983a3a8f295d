package partner

import "fmt"

// helpFile is the shape of data/help.json.
type helpFile struct {
	About  string  `json:"about"`
	Intro  string  `json:"intro"`
	Routes []Route `json:"routes"`
}

// Route is one kind of help (F6) with the signs that point to it.
type Route struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	About   string `json:"about"`
	Path    string `json:"path"`
	Markers []Item `json:"markers"`
	// CouplesNote, on the safety route, says why couples therapy is not
	// the next step while someone is afraid.
	CouplesNote string `json:"couples_note,omitempty"`
}

// Route ids the code relies on.
const (
	RouteSafety = "safety"
	RouteCrisis = "crisis"
	RouteForYou = "for-you"
)

// HelpIntro opens "when to bring in help".
func (c *Catalog) HelpIntro() string { return c.help.Intro }

// Routes returns every route in the order a page shows them: safety
// first, then crisis, then the rest.
func (c *Catalog) Routes() []Route {
	out := make([]Route, len(c.help.Routes))
	for i, r := range c.help.Routes {
		out[i] = r
		out[i].Markers = append([]Item(nil), r.Markers...)
	}
	return out
}

// HelpResult is the routes a person's ticked signs point to.
type HelpResult struct {
	// Routes holds the routes with a sign present, in page order.
	Routes []Route
	// Safety is true when any sign of violence or control was ticked.
	// Then Routes holds only the safety route (and crisis, if ticked):
	// a person who may be in danger is not sent to attachment work or
	// to couples therapy.
	Safety bool
	Crisis bool
}

// FieldSigns names the help check's choices in errors.
const FieldSigns = "signs"

// HelpFor returns the routes that the ticked signs point to. baseline is
// the number of markers present on the person's latest baseline check
// (F5); two or more adds therapy for oneself.
func (c *Catalog) HelpFor(ticked []string, baseline int) (HelpResult, error) {
	owner := map[string]int{}
	total := 0
	for i, r := range c.help.Routes {
		for _, m := range r.Markers {
			owner[m.ID] = i
			total++
		}
	}
	if len(ticked) > total {
		return HelpResult{}, invalid(FieldSigns, "Choose from the list.", "more ticks than signs")
	}
	hit := map[int]bool{}
	for _, id := range ticked {
		i, ok := owner[id]
		if !ok {
			return HelpResult{}, notFound(FieldSigns)
		}
		hit[i] = true
	}
	var res HelpResult
	for i, r := range c.help.Routes {
		if r.ID == RouteForYou && baseline >= minLoad {
			hit[i] = true
		}
		res.Safety = res.Safety || (hit[i] && r.ID == RouteSafety)
		res.Crisis = res.Crisis || (hit[i] && r.ID == RouteCrisis)
	}
	for i, r := range c.Routes() {
		if !hit[i] || (res.Safety && r.ID != RouteSafety && r.ID != RouteCrisis) {
			continue
		}
		res.Routes = append(res.Routes, r)
	}
	return res, nil
}

func (c *Catalog) checkHelp() error {
	if err := words("help intro", c.help.Intro); err != nil {
		return err
	}
	rs := c.help.Routes
	if len(rs) < 5 || rs[0].ID != RouteSafety || rs[0].Path != SafetyPath || rs[1].ID != RouteCrisis || rs[1].Path != CrisisPath {
		return fmt.Errorf("partner: help routes must start with %s (%s) and %s (%s)", RouteSafety, SafetyPath, RouteCrisis, CrisisPath)
	}
	if rs[0].CouplesNote == "" {
		return fmt.Errorf("partner: the safety route must say why couples therapy waits")
	}
	list := make([]string, len(rs))
	var markers []Item
	forYou := false
	for i, r := range rs {
		list[i] = r.ID
		forYou = forYou || r.ID == RouteForYou
		if err := words("route "+r.ID, r.Title, r.About, r.Path); err != nil {
			return err
		}
		if r.CouplesNote != "" {
			if err := words("route "+r.ID, r.CouplesNote); err != nil {
				return err
			}
		}
		switch r.Path {
		case SafetyPath, CrisisPath, MorePath:
		default:
			return fmt.Errorf("partner: route %s points to %q, not a page we build", r.ID, r.Path)
		}
		markers = append(markers, r.Markers...)
	}
	if !forYou {
		return fmt.Errorf("partner: no %s route for the baseline check to point to", RouteForYou)
	}
	if err := ids("help routes", list); err != nil {
		return err
	}
	// A ticked sign is stored as its id alone, so ids are unique across
	// every route.
	return checkItems("help signs", markers)
}
