package securebase

import "time"

// KindHeld is a message held before sending (D2).
const KindHeld Kind = "held"

// The states of a held message.
const (
	HeldWaiting = "waiting" // the hold has not ended, or nothing is chosen yet
	HeldSent    = "sent"    // copied out to send (as written or changed)
	HeldLetGo   = "let-go"  // kept to oneself
)

// Held is a message drafted in "pause before you send" (D2) and held for a
// while: the words, the hold chosen (an id of package behaviour's holds),
// when it was held and until when, and what became of it. Until is worked
// out by the page from the hold and the person's time zone; the API takes
// it as sent, within a day and a half.
type Held struct {
	Message string    `json:"message"`
	Hold    string    `json:"hold"`
	HeldAt  time.Time `json:"held_at"`
	Until   time.Time `json:"until"`
	Status  string    `json:"status"`
	// Outcome is what became of it, from behaviour's held outcomes
	// (let-go, rewrote, sent-after-wait, sent-early); "" while waiting.
	Outcome string `json:"outcome,omitempty"`
	// Urge is the protest behaviour the message would have been, if named.
	UrgeID string `json:"urge,omitempty"`
}

// Bounds of a held message.
const (
	HeldMessageMax = 4000
	// HeldLongest bounds held → until: the longest hold is until the next
	// morning, at most 31 hours later (a night the clocks go back).
	HeldLongest = 36 * time.Hour
)

// Kind implements Payload.
func (h *Held) Kind() Kind { return KindHeld }

// Text implements Payload.
func (h *Held) Text() []string { return []string{h.Message} }

// When implements Timed: a message was held when it was held.
func (h *Held) When() time.Time { return h.HeldAt }

// Example implements Payload: a message that is text, let go.
func (h *Held) Example(text string) Payload {
	at := exampleTime()
	return &Held{Message: text, Hold: "30-minutes", HeldAt: at, Until: at.Add(30 * time.Minute), Status: HeldLetGo, Outcome: "let-go"}
}

// Urge implements Urged: what became of the urge to send.
func (h *Held) Urge() (string, UrgeOutcome) {
	id := h.UrgeID
	if id == "" {
		id = "texting-or-calling"
	}
	return id, urgeOutcomes[h.Outcome]
}

// Waiting reports whether the message is still held at now.
func (h *Held) Waiting(now time.Time) bool { return h.Status == HeldWaiting && now.Before(h.Until) }

// Validate implements Payload.
func (h *Held) Validate() error {
	var v Validation
	h.Message = Trim(h.Message)
	if h.Message == "" {
		v.Add("message", "Write the message you want to hold.")
	}
	checkText(&v, "message", h.Message, HeldMessageMax, true)
	if h.Hold == "" {
		v.Add("hold", "Choose how long to hold it.")
	}
	checkRef(&v, "hold", h.Hold)
	checkRef(&v, "urge", h.UrgeID)
	h.HeldAt, h.Until = h.HeldAt.UTC().Truncate(time.Millisecond), h.Until.UTC().Truncate(time.Millisecond)
	switch {
	case h.HeldAt.IsZero() || h.Until.IsZero():
		v.Add("until", "Send when it was held and until when.")
	case !h.Until.After(h.HeldAt) || h.Until.Sub(h.HeldAt) > HeldLongest:
		v.Add("until", "A message is held from ten minutes to the next morning. Check the times.")
	}
	switch h.Status {
	case HeldWaiting:
		if h.Outcome != "" {
			v.Add("outcome", "A message that is still waiting has no outcome yet.")
		}
	case HeldSent:
		if o := h.Outcome; o != "rewrote" && o != "sent-after-wait" && o != "sent-early" {
			v.Add("outcome", "Say how it was sent: as written, changed, or before the wait was over.")
		}
	case HeldLetGo:
		if h.Outcome != "let-go" {
			v.Add("outcome", "A message let go has the outcome let-go.")
		}
	default:
		v.Add("status", "A held message is waiting, sent or let-go.")
	}
	return v.Err()
}
