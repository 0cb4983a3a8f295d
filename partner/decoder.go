package partner

import "fmt"

// decoderFile is the shape of data/decoder.json.
type decoderFile struct {
	About       string      `json:"about"`
	Intro       string      `json:"intro"`
	NotExcusing string      `json:"not_excusing"`
	Situations  []Situation `json:"situations"`
}

// Situation is one protest behaviour as the steady partner meets it (F1):
// what it looks like, what it may be saying underneath, how to answer the
// alarm rather than the surface, and a few example replies in our words.
type Situation struct {
	ID         string   `json:"id"`
	Label      string   `json:"label"`
	Surface    string   `json:"surface"`
	Underneath string   `json:"underneath"`
	Answer     string   `json:"answer"`
	Replies    []string `json:"replies"`
	// Note, when set, says when this may be about safety rather than
	// attachment; the page shows it with a link to SafetyPath.
	Note string `json:"note,omitempty"`
}

// FieldSituation names the decoder's choice in errors.
const FieldSituation = "situation"

// DecoderIntro opens the decoder.
func (c *Catalog) DecoderIntro() string { return c.decoder.Intro }

// NotExcusing says that decoding is not the same as agreeing.
func (c *Catalog) NotExcusing() string { return c.decoder.NotExcusing }

// Situations returns the decoder's situations in the order a page shows
// them.
func (c *Catalog) Situations() []Situation {
	out := make([]Situation, len(c.decoder.Situations))
	for i, s := range c.decoder.Situations {
		out[i] = s
		out[i].Replies = append([]string(nil), s.Replies...)
	}
	return out
}

// Situation returns one situation by id.
func (c *Catalog) Situation(id string) (Situation, error) {
	for _, s := range c.Situations() {
		if s.ID == id {
			return s, nil
		}
	}
	return Situation{}, notFound(FieldSituation)
}

func (c *Catalog) checkDecoder() error {
	if err := words("decoder", c.decoder.Intro, c.decoder.NotExcusing); err != nil {
		return err
	}
	list := make([]string, len(c.decoder.Situations))
	notes := 0
	for i, s := range c.decoder.Situations {
		list[i] = s.ID
		if err := words("situation "+s.ID, s.Label, s.Surface, s.Underneath, s.Answer); err != nil {
			return err
		}
		if len(s.Replies) < 2 || len(s.Replies) > 3 {
			return fmt.Errorf("partner: situation %s: want two or three example replies, have %d", s.ID, len(s.Replies))
		}
		if err := words("situation "+s.ID+" replies", s.Replies...); err != nil {
			return err
		}
		if s.Note != "" {
			notes++
			if err := words("situation "+s.ID+" note", s.Note); err != nil {
				return err
			}
		}
	}
	if notes == 0 {
		return fmt.Errorf("partner: no decoder situation points to safety")
	}
	return ids("situations", list)
}
