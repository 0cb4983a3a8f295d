package securebase

// KindTrigger is one entry of the trigger and protest log (D1).
const KindTrigger Kind = "trigger"

// Trigger is one entry of the trigger and protest log (D1): what happened,
// how activated the person felt (0–10), and, all optional, what the body
// did, the story they told themselves, the urge, what they did instead and
// how it went. The day after, one question asks whether the fear came true
// (D6); the answer is kept here too. Ids come from package behaviour's
// lists, which package entries checks; "own-words" in a list takes a few
// words in the matching _own field.
type Trigger struct {
	Happening    string   `json:"happening"`
	HappeningOwn string   `json:"happening_own,omitempty"`
	Activation   int      `json:"activation"`
	Body         []string `json:"body,omitempty"`
	BodyOwn      string   `json:"body_own,omitempty"`
	Fear         string   `json:"fear,omitempty"` // the story I told myself, from the list
	FearOwn      string   `json:"fear_own,omitempty"`
	Story        string   `json:"story,omitempty"` // the story in full, in the person's words
	Urges        []string `json:"urges,omitempty"`
	UrgeOwn      string   `json:"urges_own,omitempty"`
	Instead      []string `json:"instead,omitempty"`
	InsteadOwn   string   `json:"instead_own,omitempty"`
	Outcome      string   `json:"outcome,omitempty"`    // what I did with the urge
	Afterwards   string   `json:"afterwards,omitempty"` // how it went
	// ActivationAfter is the rating once things settled, if given.
	ActivationAfter *int `json:"activation_after,omitempty"`
	// CameTrue answers "did what you feared happen?" (yes, partly, no),
	// asked from the morning after; "" until answered.
	CameTrue string `json:"came_true,omitempty"`
}

// Bounds of a trigger, the same as package behaviour's (a test keeps them
// in step).
const (
	TriggerOwnMax   = 80
	TriggerStoryMax = 500
	triggerListMax  = 20
)

// Kind implements Payload.
func (t *Trigger) Kind() Kind { return KindTrigger }

// Text implements Payload.
func (t *Trigger) Text() []string {
	return []string{t.HappeningOwn, t.BodyOwn, t.FearOwn, t.Story, t.UrgeOwn, t.InsteadOwn}
}

// Example implements Payload: a full entry whose own words and story are
// text.
func (t *Trigger) Example(text string) Payload {
	return &Trigger{Happening: "own-words", HappeningOwn: text, Activation: 7,
		Body: []string{"tight-chest", "own-words"}, BodyOwn: text, Fear: "own-words", FearOwn: text, Story: text,
		Urges: []string{"texting-or-calling", "own-words"}, UrgeOwn: text, Instead: []string{"breathed", "own-words"},
		InsteadOwn: text, Outcome: "let-it-pass", Afterwards: "calmer", ActivationAfter: ptr(4), CameTrue: "no"}
}

// Triggers implements Triggered: what happened.
func (t *Trigger) Triggers() []string {
	if t.Happening == "" {
		return nil
	}
	return []string{t.Happening}
}

// Urge implements Urged: the first urge named and what became of it.
func (t *Trigger) Urge() (string, UrgeOutcome) {
	id := ""
	if len(t.Urges) > 0 {
		id = t.Urges[0]
	}
	return id, urgeOutcomes[t.Outcome]
}

// urgeOutcomes says which outcome ids of package behaviour (log outcomes
// and held-message outcomes; the two lists share no id) count as surfed
// and which as acted on. A test keeps it in step with the catalog.
var urgeOutcomes = map[string]UrgeOutcome{
	"let-it-pass": UrgeSurfed, "did-something-else": UrgeSurfed, "waited-then-chose": UrgeSurfed,
	"acted-partly": UrgeActed, "acted": UrgeActed,
	"let-go": UrgeSurfed, "rewrote": UrgeSurfed, "sent-after-wait": UrgeSurfed, "sent-early": UrgeActed,
}

// UrgeOutcomeOf says whether an outcome id counts as surfed or acted on.
func UrgeOutcomeOf(id string) UrgeOutcome { return urgeOutcomes[id] }

// Validate implements Payload: shape and bounds. The ids, and the rule
// that own words go with "own-words", are package behaviour's (entries).
func (t *Trigger) Validate() error {
	var v Validation
	if t.Happening == "" {
		v.Add("happening", "Choose what happened, or write it in your own words.")
	}
	checkRef(&v, "happening", t.Happening)
	if t.Activation < 0 || t.Activation > 10 {
		v.Add("activation", "Choose a number from 0 to 10.")
	}
	checkRating(&v, "activation_after", t.ActivationAfter)
	for field, ids := range map[string][]string{"body": t.Body, "urges": t.Urges, "instead": t.Instead} {
		if len(ids) > triggerListMax {
			v.Add(field, "Choose from the list.")
		}
		for _, id := range ids {
			checkRef(&v, field, id)
		}
	}
	for field, id := range map[string]string{"fear": t.Fear, "outcome": t.Outcome, "afterwards": t.Afterwards, "came_true": t.CameTrue} {
		checkRef(&v, field, id)
	}
	for _, own := range []struct {
		field string
		s     *string
	}{{"happening_own", &t.HappeningOwn}, {"body_own", &t.BodyOwn}, {"fear_own", &t.FearOwn}, {"urges_own", &t.UrgeOwn}, {"instead_own", &t.InsteadOwn}} {
		*own.s = OneLine(*own.s)
		checkText(&v, own.field, *own.s, TriggerOwnMax, false)
	}
	t.Story = Trim(t.Story)
	checkText(&v, "story", t.Story, TriggerStoryMax, true)
	return v.Err()
}
