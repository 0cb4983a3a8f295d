package behaviour

import (
	"fmt"
)

// logFile is the shape of data/log.json.
type logFile struct {
	About      string    `json:"about"`
	Happenings []Item    `json:"happenings"`
	Body       []Item    `json:"body"`
	Fears      []Fear    `json:"fears"`
	Urges      []Item    `json:"urges"`
	Instead    []Item    `json:"instead"`
	Outcomes   []Outcome `json:"outcomes"`
	Afterwards []Item    `json:"afterwards"`
	CameTrue   []Item    `json:"came_true"`
}

// Fear is one "story I told myself" (D1) that the next day's follow-up (D6)
// asks about.
type Fear struct {
	Item
	// Feared completes "You …" in a base-rate sentence: "You feared they
	// were leaving 14 times; it happened 0 times."
	Feared string `json:"feared"`
	// Question is the follow-up, asked the day after the trigger was
	// logged. It does not say "yesterday": a person may answer days later.
	Question string `json:"question"`
}

// UrgeResult says whether an outcome counts as an urge surfed (felt and not
// obeyed) or acted on. It is how the weekly goal "reduce one anxious
// behaviour" is counted.
type UrgeResult string

// The urge results.
const (
	Surfed  UrgeResult = "surfed" // the urge was felt and its hurry not obeyed
	Acted   UrgeResult = "acted"  // the urge was acted on, wholly or in part
	NoUrge  UrgeResult = "none"   // there was no strong urge; counts as neither
	Pending UrgeResult = ""       // no outcome yet; counts as neither
)

// Outcome is one answer to "what did you do with the urge?" in the log, or
// "what became of the message?" for a held message.
type Outcome struct {
	Item
	Urge UrgeResult `json:"urge"`
}

func outcomeItems(os []Outcome) []Item {
	out := make([]Item, len(os))
	for i, o := range os {
		out[i] = o.Item
	}
	return out
}

// Answers to "did it happen?" (D6). The ids are part of the data and of
// stored entries; the code relies on exactly these three.
const (
	CameTrueYes    = "yes"
	CameTruePartly = "partly"
	CameTrueNo     = "no"
)

// Fears returns the fears in the order a page shows them.
func (c *Catalog) Fears() []Fear { return append([]Fear(nil), c.fears...) }

// Fear returns one fear by id.
func (c *Catalog) Fear(id string) (Fear, error) {
	i, ok := c.index[Fears][id]
	if !ok {
		return Fear{}, notFound(string(Fears))
	}
	return c.fears[i], nil
}

// Outcomes returns the outcomes of a log entry (list Outcomes) or of a held
// message (list HeldOutcomes); nil for any other list.
func (c *Catalog) Outcomes(l List) []Outcome { return append([]Outcome(nil), c.outcomes[l]...) }

// Outcome returns one outcome of list l (Outcomes or HeldOutcomes).
func (c *Catalog) Outcome(l List, id string) (Outcome, error) {
	i, ok := c.index[l][id]
	if !ok || c.outcomes[l] == nil {
		return Outcome{}, notFound(string(l))
	}
	return c.outcomes[l][i], nil
}

// Field names of a log entry that are not lists. They match the JSON and
// form names the web layer uses.
const (
	FieldActivation      = "activation"
	FieldActivationAfter = "activation_after"
	FieldStory           = "story"
	// FieldOwn prefixes the own-words field of a list: "happening_own",
	// "body_own", and so on.
	FieldOwn = "_own"
)

// Log is what a person chooses in one trigger log entry (D1). Only the
// thing that happened and the activation are needed: a log should take
// under 30 seconds, and every other part can be added later. It is the
// shape a payload validates against, not the stored payload itself.
type Log struct {
	Happening    string
	HappeningOwn string // the words for "in my own words"
	Activation   int    // 0–10
	Body         []string
	BodyOwn      string
	Fear         string // optional; the follow-up (D6) needs it
	FearOwn      string
	Story        string // the story I told myself, in full, optional
	Urges        []string
	UrgeOwn      string
	Instead      []string
	InsteadOwn   string
	Outcome      string // optional until the person knows
	Afterwards   string // optional
	// ActivationAfter is the rating once things settled, if given.
	ActivationAfter *int
}

// CheckLog checks a log entry and tidies it in place: text trimmed, choices
// without repeats and in list order, own words dropped when "in my own
// words" is not chosen. It reports every problem at once.
func (c *Catalog) CheckLog(l *Log) error {
	var errs Errors
	single := func(list List, id *string, own *string, required bool) {
		if *id == "" {
			if required {
				errs.add(invalid(string(list), "Choose one.", "missing choice"))
			}
			*own = ""
			return
		}
		if !c.Has(list, *id) {
			errs.add(notFound(string(list)))
			return
		}
		c.checkOwn(&errs, list, *id == OwnWords, own)
	}
	multi := func(list List, ids *[]string, own *string) {
		got, err := c.CheckIDs(list, *ids)
		if err != nil {
			errs.add(err.(*FieldError))
			return
		}
		*ids = got
		c.checkOwn(&errs, list, contains(got, OwnWords), own)
	}
	single(Happenings, &l.Happening, &l.HappeningOwn, true)
	if err := CheckActivation(FieldActivation, l.Activation); err != nil {
		errs.add(err.(*FieldError))
	}
	multi(BodySignals, &l.Body, &l.BodyOwn)
	single(Fears, &l.Fear, &l.FearOwn, false)
	story, err := cleanText(FieldStory, l.Story, MaxStory, true)
	errs.add(err)
	l.Story = story
	multi(Urges, &l.Urges, &l.UrgeOwn)
	multi(Instead, &l.Instead, &l.InsteadOwn)
	for _, opt := range []struct {
		list List
		id   *string
	}{{Outcomes, &l.Outcome}, {Afterwards, &l.Afterwards}} {
		if *opt.id != "" && !c.Has(opt.list, *opt.id) {
			errs.add(notFound(string(opt.list)))
		}
	}
	if l.ActivationAfter != nil {
		if err := CheckActivation(FieldActivationAfter, *l.ActivationAfter); err != nil {
			errs.add(err.(*FieldError))
		}
	}
	return errs.orNil()
}

// checkOwn checks the own words of a list: needed when "in my own words"
// is chosen, cleared when it is not (so stale words are not stored).
func (c *Catalog) checkOwn(errs *Errors, list List, chosen bool, own *string) {
	field := string(list) + FieldOwn
	if !chosen {
		*own = ""
		return
	}
	t, err := cleanText(field, *own, MaxOwnWords, false)
	if err != nil {
		errs.add(err)
		return
	}
	if t == "" {
		errs.add(invalid(field, "Write a few words, or choose from the list.", "own words empty"))
		return
	}
	*own = t
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// checkLog checks the parts of the log data the code relies on.
func (c *Catalog) checkLog() error {
	for _, f := range c.fears {
		if err := checkWords("fear "+f.ID+" feared", f.Feared); err != nil {
			return err
		}
		if err := checkWords("fear "+f.ID+" question", f.Question); err != nil {
			return err
		}
	}
	for l, allowed := range map[List][]UrgeResult{Outcomes: {Surfed, Acted, NoUrge}, HeldOutcomes: {Surfed, Acted}} {
		count := map[UrgeResult]int{}
		for _, o := range c.outcomes[l] {
			ok := false
			for _, a := range allowed {
				ok = ok || o.Urge == a
			}
			if !ok {
				return fmt.Errorf("behaviour: %s %s: urge %q is not one of %v", l, o.ID, o.Urge, allowed)
			}
			count[o.Urge]++
		}
		if count[Surfed] == 0 || count[Acted] == 0 {
			return fmt.Errorf("behaviour: %s needs at least one surfed and one acted outcome", l)
		}
	}
	got := c.items[CameTrue]
	if len(got) != 3 || !c.Has(CameTrue, CameTrueYes) || !c.Has(CameTrue, CameTruePartly) || !c.Has(CameTrue, CameTrueNo) {
		return fmt.Errorf("behaviour: came_true must be exactly %q, %q and %q", CameTrueYes, CameTruePartly, CameTrueNo)
	}
	return nil
}
