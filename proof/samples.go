package proof

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/securebase/securebase"
)

// Sample shows the harnesses how to make and save one entry of a kind
// whose free text carries a canary phrase. Every kind in securebase.Kinds
// needs one: the privacy-at-rest, isolation, tamper, fuzz and load
// harnesses iterate the kinds and fail on a kind without a sample.
type Sample struct {
	// Payload returns a valid payload whose every free-text field (every
	// string its Text method returns) contains phrase.
	Payload func(phrase string) securebase.Payload
	// NoFreeText marks a kind with no free text at all (only numbers or
	// choices): its payload cannot carry the phrase, so the privacy
	// harness looks for the payload's JSON instead.
	NoFreeText bool
	// Save is the request that saves an entry with a client-chosen id
	// through the API; Get reads it back (200, with the phrase) and
	// Delete removes it.
	Save   func(id, phrase string) Request
	Get    func(id string) Request
	Delete func(id string) Request
}

// samples is the registry. A new entry kind adds one line here; REST
// fits any kind whose API follows the check-ins' shape (POST to the
// collection with the payload's fields and an "id"; GET and DELETE on
// collection/{id}). A kind with another shape fills Sample by hand.
var samples = map[securebase.Kind]Sample{
	securebase.KindCheckIn: REST("/api/v1/checkins", func(phrase string) securebase.Payload {
		return &securebase.CheckIn{Distress: 6, Note: phrase}
	}),
}

// SampleFor returns the sample of a kind, or an error that says what to add.
func SampleFor(k securebase.Kind) (Sample, error) {
	s, ok := samples[k]
	if !ok {
		return Sample{}, fmt.Errorf("entry kind %q has no canary sample: add one to the samples table in proof/samples.go "+
			"(a payload whose free text carries the phrase, and the API requests that save, read and delete it); "+
			"until then the privacy, isolation and load harnesses cannot cover it", k)
	}
	return s, nil
}

// REST is the Sample of a kind whose JSON API takes the payload's own
// fields plus "id" at collection, and serves collection/{id}.
func REST(collection string, payload func(phrase string) securebase.Payload) Sample {
	return Sample{
		Payload: payload,
		Save: func(id, phrase string) Request {
			b, err := json.Marshal(payload(phrase))
			if err != nil {
				panic(err)
			}
			fields := map[string]any{}
			if err := json.Unmarshal(b, &fields); err != nil {
				panic(err)
			}
			fields["id"] = id
			return JSON(http.MethodPost, collection, fields)
		},
		Get:    func(id string) Request { return Get(collection + "/" + id) },
		Delete: func(id string) Request { return Request{Method: http.MethodDelete, Path: collection + "/" + id} },
	}
}

// Entry returns an entry of kind k carrying phrase, for harnesses that
// write through the store (tamper tests, seeding); the caller sets its
// times.
func Entry(k securebase.Kind, id, phrase string) (*securebase.Entry, error) {
	s, err := SampleFor(k)
	if err != nil {
		return nil, err
	}
	data, err := securebase.EncodePayload(s.Payload(phrase))
	if err != nil {
		return nil, fmt.Errorf("the canary sample of %q does not validate: %w", k, err)
	}
	return &securebase.Entry{ID: id, Kind: k, Data: data}, nil
}
