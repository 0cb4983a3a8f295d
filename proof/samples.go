package proof

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/securebase/securebase"
	"github.com/securebase/securebase/practice"
)

// Mode says how the entries of a kind are named, which decides how a
// harness saves many of them. It follows from the payload's type.
type Mode int

const (
	// Many: any number of entries, each under an id the client chooses;
	// saving an id again is a replay that changes nothing.
	Many Mode = iota
	// Single: one entry per person under a fixed id
	// (securebase.Singleton); each save replaces it.
	Single
	// Keyed: at most one entry per key from a fixed list
	// (securebase.Keyed, like a favourite per library statement); saving a
	// key again is a replay.
	Keyed
)

// Sample shows the harnesses how to make and save one entry of a kind
// whose free text carries a canary phrase. Every kind in securebase.Kinds
// needs one: the privacy-at-rest, isolation, tamper, fuzz and load
// harnesses iterate the kinds and fail on a kind without a sample.
type Sample struct {
	// Payload returns a valid payload whose free text contains phrase
	// (every non-empty string its Text method returns).
	Payload func(phrase string) securebase.Payload
	// NoFreeText marks a kind with no free text at all (only numbers or
	// choices): its payload cannot carry the phrase, so the privacy
	// harness looks for the payload's JSON instead.
	NoFreeText bool
	// Keys lists the keys of a Keyed kind, and ForKey makes the payload
	// for one.
	Keys   []string
	ForKey func(key string) securebase.Payload
	// Save is the request that saves an entry through the API under id
	// (for Keyed, a key; for Single, ignored); Get reads it back (200,
	// with the phrase) and Delete removes it (nil for Single kinds,
	// which are replaced, not deleted, and go with the account).
	Save   func(id, phrase string) Request
	Get    func(id string) Request
	Delete func(id string) Request
	// Change is a request that changes a saved entry (at version 1), so a
	// harness can check that old versions do not linger; nil when the
	// API cannot change the kind's entries.
	Change func(id, phrase string) Request
}

// Mode returns how the kind's entries are named, from the domain's own
// interfaces, so a sample cannot disagree with NewEntry.
func (s Sample) Mode() Mode {
	switch s.Payload("").(type) {
	case securebase.Singleton:
		return Single
	case securebase.Keyed:
		return Keyed
	}
	return Many
}

// ID returns the id of the i-th entry a harness saves: prefix-i for Many,
// the i-th key for Keyed, the fixed id for Single.
func (s Sample) ID(prefix string, i int) string {
	switch s.Mode() {
	case Single:
		id, _ := securebase.OwnID(s.Payload(""))
		return id
	case Keyed:
		return s.Keys[i%len(s.Keys)]
	}
	return fmt.Sprintf("%s-%04d", prefix, i)
}

// Distinct returns how many different entries n saves make.
func (s Sample) Distinct(n int) int {
	switch s.Mode() {
	case Single:
		return min(n, 1)
	case Keyed:
		return min(n, len(s.Keys))
	}
	return n
}

// special holds the samples of kinds with an API of their own. A kind on
// the generic entry API (a Collection in securebase.KindInfos) needs
// nothing here: its sample follows from the registry and its payload's
// Example (SampleFor).
func special() map[securebase.Kind]Sample {
	return map[securebase.Kind]Sample{
		securebase.KindAttempt: attemptSample(),
		securebase.KindSigns: single("/api/v1/signs", true, func(string) securebase.Payload {
			return (&securebase.Signs{}).Example("")
		}),
		securebase.KindPlan:      single("/api/v1/plan", false, (&securebase.Plan{}).Example),
		securebase.KindFavourite: favouriteSample(),
		// A baseline check is only choices (issue 16).
		securebase.KindBaseline: func() Sample {
			s := REST("/api/v1/baselines", (&securebase.Baseline{}).Example)
			s.NoFreeText = true
			return s
		}(),
	}
}

// single is the Sample of a one-per-person kind whose API takes the
// payload itself with PUT at path and serves it with GET there.
func single(path string, noFreeText bool, payload func(phrase string) securebase.Payload) Sample {
	return Sample{
		Payload:    payload,
		NoFreeText: noFreeText,
		Save:       func(_, phrase string) Request { return JSON(http.MethodPut, path, payload(phrase)) },
		Get:        func(string) Request { return Get(path) },
	}
}

// attemptSample carries the phrase in the name of the person an ECR-RS
// attempt is about, the attempt's one free-text field.
func attemptSample() Sample {
	return Sample{
		Payload: (&securebase.Attempt{}).Example,
		Save: func(id, phrase string) Request {
			return JSON(http.MethodPost, "/api/v1/attempts", map[string]any{"id": id, "instrument": "ecr-rs", "about": phrase})
		},
		Get:    func(id string) Request { return Get("/api/v1/attempts/" + id) },
		Delete: func(id string) Request { return Request{Method: http.MethodDelete, Path: "/api/v1/attempts/" + id} },
		// The name is fixed once an attempt starts; its answers change.
		Change: func(id, _ string) Request {
			return JSON(http.MethodPut, "/api/v1/attempts/"+id+"/answers", map[string]any{"answers": map[string]int{"1": 4}, "version": 1})
		},
	}
}

// favouriteSample marks library statements as favourites: no free text,
// one entry per statement.
func favouriteSample() Sample {
	var keys []string
	for _, st := range practice.Statements() {
		keys = append(keys, st.ID)
	}
	forKey := func(key string) securebase.Payload { return &securebase.Favourite{Statement: key} }
	return Sample{
		NoFreeText: true, Keys: keys, ForKey: forKey,
		Payload: func(string) securebase.Payload { return forKey(keys[0]) },
		Save:    func(key, _ string) Request { return Request{Method: http.MethodPut, Path: "/api/v1/favourites/" + key} },
		Get:     func(key string) Request { return Get("/api/v1/favourites/" + key) },
		Delete:  func(key string) Request { return Request{Method: http.MethodDelete, Path: "/api/v1/favourites/" + key} },
	}
}

// SampleFor returns the sample of a kind, or an error that says what to add.
func SampleFor(k securebase.Kind) (Sample, error) {
	if s, ok := special()[k]; ok {
		return s, nil
	}
	if in, ok := securebase.InfoOf(k); ok && in.Collection != "" {
		s := REST("/api/v1/"+in.Collection, in.New().Example)
		// A kind with only numbers or choices (a growth rating) cannot
		// carry the phrase: the privacy harness looks for its JSON.
		s.NoFreeText = len(in.New().Example("probe").Text()) == 0
		return s, nil
	}
	return Sample{}, fmt.Errorf("entry kind %q has no canary sample: give it a Collection in securebase.KindInfos "+
		"(the generic entry API), or add its API's requests to special() in proof/samples.go; "+
		"until then the privacy, isolation and load harnesses cannot cover it", k)
}

// REST is the Sample of a kind whose JSON API takes the payload's own
// fields plus "id" at collection, and serves collection/{id}.
func REST(collection string, payload func(phrase string) securebase.Payload) Sample {
	fields := func(phrase string) map[string]any {
		b, err := json.Marshal(payload(phrase))
		if err != nil {
			panic(err)
		}
		out := map[string]any{}
		if err := json.Unmarshal(b, &out); err != nil {
			panic(err)
		}
		return out
	}
	return Sample{
		Payload: payload,
		Save: func(id, phrase string) Request {
			f := fields(phrase)
			f["id"] = id
			return JSON(http.MethodPost, collection, f)
		},
		Get:    func(id string) Request { return Get(collection + "/" + id) },
		Delete: func(id string) Request { return Request{Method: http.MethodDelete, Path: collection + "/" + id} },
		Change: func(id, phrase string) Request {
			f := fields(phrase)
			f["version"] = 1
			return JSON(http.MethodPut, collection+"/"+id, f)
		},
	}
}

// Entry returns an entry of kind k carrying phrase under id, for harnesses
// that write through the store (tamper tests, seeding); the caller sets
// its times. The store takes any id; Sample.ID gives the ones the server
// would use. For a Keyed kind the payload is the one for the key id.
func Entry(k securebase.Kind, id, phrase string) (*securebase.Entry, error) {
	s, err := SampleFor(k)
	if err != nil {
		return nil, err
	}
	p := s.Payload(phrase)
	if s.Mode() == Keyed {
		p = s.ForKey(id)
	}
	data, err := securebase.EncodePayload(p)
	if err != nil {
		return nil, fmt.Errorf("the canary sample of %q does not validate: %w", k, err)
	}
	return &securebase.Entry{ID: id, Kind: k, Data: data}, nil
}
